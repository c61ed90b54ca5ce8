// @ts-check
/**
 * Module hooks (registered with `node:module`'s `register`) that report the URL of every module Node
 * loads, through the port handed over at registration.
 * @module
 */

/** @type {import("node:worker_threads").MessagePort | undefined} */
let port;

/** @param {{ port: import("node:worker_threads").MessagePort }} data */
export function initialize(data) {
  port = data.port;
}

/**
 * @param {string} url
 * @param {object} context
 * @param {(url: string, context: object) => Promise<unknown>} next
 */
export async function load(url, context, next) {
  port?.postMessage(url);
  return next(url, context);
}

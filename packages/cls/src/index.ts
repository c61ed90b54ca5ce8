/**
 * `@tcsdk/cls`: a typed client for Tencent Cloud CLS (Cloud Log Service), API version 2020-10-16,
 * generated from the spec by tcsdk, plus a handwritten export workflow (wait, paginate, download).
 * Community project, not an official Tencent SDK.
 *
 * @packageDocumentation
 */
export * from "./generated/index.js";
export * from "./lib/index.js";

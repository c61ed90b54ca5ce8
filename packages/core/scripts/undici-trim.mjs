// @ts-check
/**
 * Keeps out of undici's chunk two files that core's Agent never runs on its way to an answer, so that a
 * client's first call parses about a third less code (the chunk loads, and is parsed whole, then):
 *
 * - `lib/web/fetch/body.js`, with the fetch, WebIDL and FormData code it requires (about 150 kB).
 *   undici's HTTP/1.1 and HTTP/2 clients require it only to send a `FormData` body. Core's own
 *   Agent and its `request()` never leave core and send only JSON text (calls) or nothing (downloads),
 *   so the stand-in throws if a FormData body ever reaches it, instead of undici's fetch code.
 * - `lib/llhttp/llhttp-wasm.js`, the HTTP parser's WebAssembly without SIMD (about 70 kB of base64),
 *   which undici loads only where the SIMD build fails to compile. It is copied next to the chunk as
 *   `llhttp-wasm.cjs` (it requires nothing but `node:buffer`) and required from there, so a machine
 *   without WebAssembly SIMD still parses, as with undici itself.
 *
 * The build fails if an undici upgrade uses either file in another way (see `checkBodyUses`).
 */
import { copyFileSync, readFileSync } from "node:fs";
import path from "node:path";

/** The file the chunk requires for the parser without SIMD, next to it in `dist/chunks`. */
export const LLHTTP_FALLBACK = "llhttp-wasm.cjs";

/** undici's clients, the only files allowed to require `web/fetch/body.js`. */
const CLIENTS = /[\\/]undici[\\/]lib[\\/]dispatcher[\\/]client-h[12]\.js$/;

/** The stand-in's source: the one name the clients take from body.js. */
const BODY_STAND_IN = [
  "// undici's web/fetch/body.js for its clients, which require it only to send a FormData body: core never sends one",
  "exports.extractBody = () => {",
  '  throw new TypeError("@tcsdk/core\'s bundled undici does not send FormData bodies");',
  "};",
  "",
].join("\n");

/**
 * Throws unless every use of body.js in a client's source is `require(…body.js).extractBody`, behind
 * an `isFormDataLike(body)` check, as in undici 7.
 * @param {string} importer path of the client file
 */
function checkBodyUses(importer) {
  const source = readFileSync(importer, "utf8");
  const requires = [...source.matchAll(/require\((['"])\.\.\/web\/fetch\/body\.js\1\)(\.\w+)?/g)];
  const formData = /\bisFormDataLike\(body\)/.test(source);
  if (requires.length === 0 || requires.some((match) => match[2] !== ".extractBody") || !formData) {
    throw new Error(`${path.basename(importer)} uses undici's body.js beyond extractBody() for FormData: update undici-trim.mjs`);
  }
}

/**
 * The esbuild plugin: body.js as the clients require it resolves to the stand-in, and the parser
 * without SIMD to `./llhttp-wasm.cjs`, left for Node to require at run time.
 * @returns {import("esbuild").Plugin}
 */
export function undiciTrimPlugin() {
  return {
    name: "undici-trim",
    setup(build) {
      build.onResolve({ filter: /\/web\/fetch\/body\.js$/ }, (args) => {
        if (!CLIENTS.test(args.importer)) return undefined;
        checkBodyUses(args.importer);
        return { path: "fetch-body", namespace: "undici-trim" };
      });
      build.onLoad({ filter: /^fetch-body$/, namespace: "undici-trim" }, () => ({ contents: BODY_STAND_IN, loader: "js" }));
      build.onResolve({ filter: /\/llhttp\/llhttp-wasm\.js$/ }, () => ({ path: `./${LLHTTP_FALLBACK}`, external: true }));
    },
  };
}

/**
 * Copies undici's `llhttp-wasm.js` to `dist/chunks/llhttp-wasm.cjs`.
 * @param {string} undiciFolder the installed undici's folder
 * @param {string} chunksFolder `dist/chunks`
 */
export function copyLlhttpFallback(undiciFolder, chunksFolder) {
  copyFileSync(path.join(undiciFolder, "lib", "llhttp", "llhttp-wasm.js"), path.join(chunksFolder, LLHTTP_FALLBACK));
}

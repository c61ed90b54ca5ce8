// @ts-check
/**
 * A stand-in for `node:http2` in the undici that core bundles, so that a client's first call does not
 * load Node's HTTP/2 module.
 *
 * undici's HTTP/2 client (`lib/dispatcher/client-h2.js`) requires `node:http2` when it loads (its
 * `Client` requires it, so every Agent does), for a few header-name constants and `http2.connect()`,
 * which it calls only for a connection that negotiates HTTP/2. Loading `node:http2` also loads `tls`
 * and Node's HTTP/2 internals: about 7 ms of a cold start on this project's machines (Node 20), for a
 * protocol core's own Agent never speaks (it is made without `allowH2`). The stand-in has the constants
 * that file names, copied at build time from the Node that builds (HTTP/2's header names and
 * nghttp2's codes, the same in every Node version), and a `connect()` that requires the real module on
 * its first call. undici's own code is bundled unchanged.
 */
import { readFileSync } from "node:fs";
import { constants as http2Constants } from "node:http2";

/**
 * The stand-in's CommonJS source, for a file whose source is `importerSource`.
 * @param {string} importerSource the source of the file that requires `node:http2`
 */
export function lazyHttp2Source(importerSource) {
  // the stand-in has `connect` and `constants` only: an undici that used more of node:http2 must fail here
  const members = new Set([...importerSource.matchAll(/\bhttp2\.(\w+)/g)].map((match) => match[1]));
  const other = [...members].filter((member) => member !== "connect" && member !== "constants");
  const destructured = [...importerSource.matchAll(/\}\s*=\s*http2\b/g)].length;
  const constantsOnly = /const\s*\{\s*constants\s*:\s*\{[^}]*\}\s*\}\s*=\s*http2\b/.test(importerSource);
  if (other.length > 0 || destructured !== (constantsOnly ? 1 : 0)) {
    throw new Error(
      `the bundled undici uses node:http2 beyond connect() and constants (${other.join(", ") || "a destructuring"}): update lazy-http2.mjs`,
    );
  }
  /** @type {Record<string, string | number>} */
  const used = {};
  for (const name of new Set(importerSource.match(/\b(?:NGHTTP2|HTTP2)_[A-Z0-9_]+\b/g))) {
    const value = /** @type {Readonly<Record<string, string | number>>} */ (http2Constants)[name];
    if (value === undefined) throw new Error(`node:http2 has no constant ${name}, which the bundled undici uses`);
    used[name] = value;
  }
  return [
    "// node:http2 for undici's client-h2.js: the constants it uses, copied at build time, and connect() loaded on first use",
    `exports.constants = ${JSON.stringify(used)};`,
    'exports.connect = (...args) => require("node:http2").connect(...args);',
    "",
  ].join("\n");
}

/**
 * The esbuild plugin: `node:http2` as required by undici's `client-h2.js` resolves to the stand-in;
 * everything else (the stand-in's own `require` among them) gets the real module.
 * @returns {import("esbuild").Plugin}
 */
export function lazyHttp2Plugin() {
  return {
    name: "lazy-node-http2",
    setup(build) {
      build.onResolve({ filter: /^node:http2$/ }, (args) =>
        /[\\/]undici[\\/]lib[\\/]dispatcher[\\/]client-h2\.js$/.test(args.importer)
          ? { path: "node-http2", namespace: "lazy", pluginData: { importer: args.importer } }
          : undefined,
      );
      build.onLoad({ filter: /^node-http2$/, namespace: "lazy" }, (args) => ({
        contents: lazyHttp2Source(readFileSync(args.pluginData.importer, "utf8")),
        loader: "js",
      }));
    },
  };
}

// @ts-check
/**
 * The undici code core runs, each part required on its first use (types: `undici-parts.d.cts`).
 *
 * This is a CommonJS module so that core's build keeps it and all of undici it reaches in one chunk:
 * esbuild starts a chunk at every `import()` of an ES module, and the parts' shared files (undici's
 * core, its errors, esbuild's CommonJS helpers) became chunks of their own, six files for a client's
 * first call. A `require()` inside a CommonJS module stays in its chunk and still runs only when called,
 * so the first call reads two files (this chunk and esbuild's CommonJS helpers), and a part that is not
 * asked for (the proxy agent, without a proxy) is parsed with it but never runs. See `undici-modules.ts` for why these files are taken by path.
 *
 * @internal
 */
"use strict";

exports.agent = () => require("undici/lib/dispatcher/agent.js");

exports.envHttpProxyAgent = () => {
  // what undici's index does, which its ProxyAgent needs (see loadEnvHttpProxyAgent)
  Object.assign(require("undici/lib/dispatcher/dispatcher.js").prototype, require("undici/lib/api/index.js"));
  return require("undici/lib/dispatcher/env-http-proxy-agent.js");
};

exports.request = () => require("undici/lib/api/api-request.js");

/**
 * Loads the parts of undici that core needs, on demand and one file at a time: undici 7 has no
 * `exports` map, and importing its index costs about three times as much start-up time as the
 * `Agent` alone. Types come from undici's own declarations (type-only imports cost nothing).
 *
 * These paths are undici's internals, not its public API, so package.json pins undici to one exact
 * version: a caret range would let a minor release move or reshape them under an installed core.
 * When bumping undici: check that the three files below still exist and export the same objects as
 * undici's index (`Agent`, `EnvHttpProxyAgent`, `Dispatcher.prototype.request`) —
 * test/undici-modules.test.ts does exactly that — and that `request()` still only needs `this.dispatch`.
 *
 * @internal
 * @packageDocumentation
 */
import { createRequire } from "node:module";
import type { Agent, Dispatcher, EnvHttpProxyAgent } from "undici";

const require = createRequire(import.meta.url);

/** undici's `Agent` class (a keep-alive connection pool per origin). */
export function loadAgent(): typeof Agent {
  return require("undici/lib/dispatcher/agent.js") as typeof Agent;
}

/** undici's `EnvHttpProxyAgent` class, which honours `HTTP_PROXY`, `HTTPS_PROXY` and `NO_PROXY`. */
export function loadEnvHttpProxyAgent(): typeof EnvHttpProxyAgent {
  return require("undici/lib/dispatcher/env-http-proxy-agent.js") as typeof EnvHttpProxyAgent;
}

/** undici's `request()`, which works on any Dispatcher passed as `this` (it only calls `this.dispatch`). */
export type RequestFunction = (this: Dispatcher, options: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>;

/** undici's `request()` function alone, without the rest of undici's API. */
export function loadRequest(): RequestFunction {
  return require("undici/lib/api/api-request.js") as RequestFunction;
}

/**
 * Loads the parts of undici that core needs, on demand and one file at a time: undici 7 has no
 * `exports` map, and importing its index costs about three times as much start-up time as the
 * `Agent` alone. Types come from undici's own declarations (type-only imports cost nothing).
 *
 * @internal
 * @packageDocumentation
 */
import { createRequire } from "node:module";
import type { Agent, EnvHttpProxyAgent } from "undici";

const require = createRequire(import.meta.url);

/** undici's `Agent` class (a keep-alive connection pool per origin). */
export function loadAgent(): typeof Agent {
  return require("undici/lib/dispatcher/agent.js") as typeof Agent;
}

/** undici's `EnvHttpProxyAgent` class, which honours `HTTP_PROXY`, `HTTPS_PROXY` and `NO_PROXY`. */
export function loadEnvHttpProxyAgent(): typeof EnvHttpProxyAgent {
  return require("undici/lib/dispatcher/env-http-proxy-agent.js") as typeof EnvHttpProxyAgent;
}

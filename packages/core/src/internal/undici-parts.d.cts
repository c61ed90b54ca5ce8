/** Types of `undici-parts.cjs`: each function requires one part of undici on its first call. */
import type { Agent, EnvHttpProxyAgent } from "undici-types";
import type { RequestFunction } from "./undici-modules.js";

declare const parts: {
  /** undici's `Agent`. */
  agent(): typeof Agent;
  /** undici's `EnvHttpProxyAgent`, with the `connect()` undici's index gives every Dispatcher. */
  envHttpProxyAgent(): typeof EnvHttpProxyAgent;
  /** undici's `request()`. */
  request(): RequestFunction;
};
export = parts;

/**
 * Types of the undici files core imports by path (see `undici-modules.ts`): undici's own
 * declarations describe its index only. Each file's `module.exports` is the object named here, as
 * `test/undici-modules.test.ts` checks against undici's index.
 */
declare module "undici/lib/dispatcher/agent.js" {
  const Agent: typeof import("undici-types").Agent;
  export default Agent;
}

declare module "undici/lib/dispatcher/env-http-proxy-agent.js" {
  const EnvHttpProxyAgent: typeof import("undici-types").EnvHttpProxyAgent;
  export default EnvHttpProxyAgent;
}

declare module "undici/lib/api/api-request.js" {
  const request: import("./undici-modules.js").RequestFunction;
  export default request;
}

declare module "undici/lib/dispatcher/dispatcher.js" {
  const Dispatcher: typeof import("undici-types").Dispatcher;
  export default Dispatcher;
}

declare module "undici/lib/api/index.js" {
  const api: Pick<import("undici-types").Dispatcher, "request" | "stream" | "pipeline" | "connect" | "upgrade">;
  export default api;
}

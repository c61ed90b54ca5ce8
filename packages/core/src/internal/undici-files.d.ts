/**
 * Types of the undici files that `test/undici-modules.test.ts` imports by path, to check that what
 * `undici-parts.cjs` requires is what undici's index exports: undici's own declarations describe its
 * index only. Each file's `module.exports` is the object named here.
 */
declare module "undici/lib/dispatcher/dispatcher.js" {
  const Dispatcher: typeof import("undici-types").Dispatcher;
  export default Dispatcher;
}

declare module "undici/lib/api/index.js" {
  const api: Pick<import("undici-types").Dispatcher, "request" | "stream" | "pipeline" | "connect" | "upgrade">;
  export default api;
}

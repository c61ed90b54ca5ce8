/**
 * Loads the parts of undici that core needs, on demand: `Agent`, `EnvHttpProxyAgent` and `request()`.
 *
 * Core's build bundles these files of undici (with what they require) into one chunk of core's own
 * `dist` (see `undici-parts.cjs`), so an installed core neither depends on undici nor reads its files:
 * the chunk loads on a client's first call, and `import("@tcsdk/core")` reads none of it.
 * undici 7 has no `exports` map and its index loads about three times as much as the `Agent` alone, so
 * the build takes these files by path from the exact undici version in core's devDependencies;
 * `test/undici-modules.test.ts` checks that each is the object undici's index exports, and the build
 * copies undici's licence next to the chunks (`dist/THIRD-PARTY-LICENSES.md`).
 *
 * Types come from `undici-types`, undici's own declarations published alone (type-only imports cost
 * nothing at run time), at the same version.
 *
 * @internal
 * @packageDocumentation
 */
import type { Agent, Dispatcher, EnvHttpProxyAgent } from "undici-types";
import type { DispatcherLike } from "../client-options.js";

/** The chunk of core's build that holds undici's code, loaded on a client's first call (see `undici-parts.cjs`). */
function parts(): Promise<{ default: typeof import("./undici-parts.cjs") }> {
  // a CommonJS module's exports come as `default`, in Node and in esbuild's bundle alike
  return import("./undici-parts.cjs");
}

/** undici's `Agent` class (a keep-alive connection pool per origin). */
export async function loadAgent(): Promise<typeof Agent> {
  return (await parts()).default.agent();
}

/**
 * undici's `EnvHttpProxyAgent` class, which honours `HTTP_PROXY`, `HTTPS_PROXY` and `NO_PROXY`.
 *
 * undici's index gives every Dispatcher its `request()`, `connect()`… methods (it assigns
 * `lib/api` to `Dispatcher.prototype`), and its `ProxyAgent` opens tunnels with `connect()`: loaded
 * without the index, the proxy path would fail on its first call. So this does what the index does,
 * on core's own bundled copy of undici (no other code sees that prototype).
 */
export async function loadEnvHttpProxyAgent(): Promise<typeof EnvHttpProxyAgent> {
  return (await parts()).default.envHttpProxyAgent();
}

/** undici's `request()`, which works on any Dispatcher passed as `this` (it only calls `this.dispatch`). */
export type RequestFunction = (this: DispatcherLike, options: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>;

/** undici's `request()` function alone, without the rest of undici's API. */
export async function loadRequest(): Promise<RequestFunction> {
  return (await parts()).default.request();
}

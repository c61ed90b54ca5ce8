// @ts-check
/**
 * What undici's `Agent` costs to load, in parts: the Node built-ins it requires that nothing else in a
 * client needs (`node:assert`, `node:http2`), then the `Agent` itself (undici's own modules). Prints
 * `ok <built-ins ms> <agent ms>`.
 */
const { dirname, join } = require("node:path");

const undici = dirname(require.resolve("undici/package.json"));
/** ms on Node's monotonic clock (`performance.now()` would load perf_hooks, which the code measured here does not need). */
const now = () => Number(process.hrtime.bigint()) / 1e6;
const started = now();
require("node:assert");
require("node:http2");
const builtins = now();
require(join(undici, "lib", "dispatcher", "agent.js"));
const loaded = now();
process.stdout.write(`ok ${(builtins - started).toFixed(2)} ${(loaded - builtins).toFixed(2)}\n`);

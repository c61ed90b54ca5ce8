// @ts-check
/**
 * The measured process of the per-call rows: one target makes `--calls` CreateExport calls at
 * `--concurrency` against the fixed server, after `--warmup` unmeasured ones, and prints one JSON line:
 * client CPU per call (`process.cpuUsage`, user + system, µs) and calls per second (wall time).
 *
 *   node bench/compare/call-loop.mjs --target tcsdk --url http://127.0.0.1:PORT --concurrency 32 --calls 4000
 * @module
 */
import { parseArgs } from "node:util";
import { makeCaller } from "./targets.mjs";

const { values } = parseArgs({
  options: {
    target: { type: "string" },
    url: { type: "string" },
    concurrency: { type: "string", default: "1" },
    calls: { type: "string", default: "2000" },
    warmup: { type: "string", default: "500" },
  },
});
const concurrency = Number(values.concurrency);
const caller = await makeCaller(String(values.target), String(values.url));

/** Makes `count` calls, `concurrency` at a time; throws if an answer is not CreateExport's. */
async function run(/** @type {number} */ count) {
  let started = 0;
  const worker = async () => {
    while (started < count) {
      started++;
      const answer = await caller.call();
      if (typeof answer?.ExportId !== "string") throw new Error(`unexpected answer ${JSON.stringify(answer)}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

await run(Number(values.warmup));
const calls = Number(values.calls);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
await run(calls);
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
process.stdout.write(`${JSON.stringify({ cpuUsPerCall: (cpu.user + cpu.system) / calls, callsPerSecond: calls / seconds })}\n`);
await caller.close();
process.exit(0);

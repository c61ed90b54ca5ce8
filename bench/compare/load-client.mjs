// @ts-check
/**
 * The measured process of the load row: `--warmup` unmeasured DescribeExports calls through
 * `@tcsdk/cls` at `--concurrency` against the emulator, then `--calls` measured ones, each timed.
 * Prints one JSON line: calls/s and p50 and p99 latency (ms) of the measured calls; failed calls, the
 * warm-up's included, with the first error; RSS before the first call; RSS and heap used at the start of the measured calls
 * and at their end, each after a full garbage collection; and RSS and heap used after each tenth of
 * the measured calls, as they stand.
 *
 * Why a warm-up: under this load V8 grows its young generation (from 1 MB semi-spaces towards 16 MB)
 * as short-lived objects of 64 calls in flight survive scavenges, and RSS rises by about 20 MB in steps
 * over the first 10,000 to 15,000 calls, while the heap held after a full collection stays flat (8.5 to
 * 8.9 MB). With the young generation fixed at its largest from the start
 * (`--min-semi-space-size=16 --max-semi-space-size=16`), RSS over the same 20,000 calls grew by 0.7 to
 * 1.4 %. So the flat check is made once the heap has reached its working size, as a service running
 * all day would be, and after a full collection: the heap then holds only what is still referenced (a
 * leak), not garbage waiting for V8's next mark-compact; RSS moves by a few MB with a collection, but
 * the process's pages are what a host pays for. The two collections are outside the timed calls.
 *
 *   node bench/compare/load-client.mjs --url URL --topic ID --warmup 20000 --calls 20000 --concurrency 64
 * Credentials come from BENCH_SECRET_ID and BENCH_SECRET_KEY.
 * @module
 */
import { parseArgs } from "node:util";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { ClsClient } from "@tcsdk/cls";
import { percentile } from "./stats.mjs";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    topic: { type: "string" },
    warmup: { type: "string", default: "20000" },
    calls: { type: "string" },
    concurrency: { type: "string" },
  },
});
const calls = Number(values.calls);
const concurrency = Number(values.concurrency);
const client = new ClsClient({
  endpoint: String(values.url),
  allowInsecureHttp: true,
  region: "ap-guangzhou",
  credentials: { secretId: String(process.env.BENCH_SECRET_ID), secretKey: String(process.env.BENCH_SECRET_KEY) },
  // the client's own limit (the spec's 20/s for DescribeExports) raised like the emulator's: the load is the point
  rateLimit: { perSecond: 1_000_000 },
});

setFlagsFromString("--expose-gc");
/** V8's full collection, exposed by the flag above to contexts made after it. */
const collect = /** @type {() => void} */ (runInNewContext("gc"));
/** RSS and heap used after a full garbage collection: what the process holds. */
const held = () => {
  collect();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
};

/**
 * Makes `count` calls, `concurrency` at a time.
 * @param {number} count
 * @param {(latencyMs: number, failure: unknown, done: number) => void} onCall called after each call
 */
async function run(count, onCall) {
  let started = 0;
  let done = 0;
  const worker = async () => {
    while (started < count) {
      started++;
      const t = performance.now();
      let failure;
      try {
        const answer = await client.describeExports({ TopicId: String(values.topic), Offset: 0, Limit: 20 });
        if (typeof answer.TotalCount !== "number") throw new Error("no TotalCount");
      } catch (error) {
        failure = error;
      }
      onCall(performance.now() - t, failure, ++done);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** Failed calls, warm-up included, and the first one's error. */
let failed = 0;
let firstError = "";
const noteFailure = (/** @type {unknown} */ failure) => {
  failed++;
  firstError ||= failure instanceof Error ? `${failure.name}: ${failure.message}` : String(failure);
};

const rssStart = process.memoryUsage.rss();
await run(Number(values.warmup), (_latency, failure) => {
  if (failure !== undefined) noteFailure(failure);
});
const start = held();

/** @type {{ calls: number, rss: number, heapUsed: number }[]} RSS and heap after each tenth of the calls */
const timeline = [];
/** @type {number[]} */
const latencies = [];
const tenth = Math.max(1, Math.floor(calls / 10));
const t0 = performance.now();
await run(calls, (latency, failure, done) => {
  latencies.push(latency);
  if (failure !== undefined) noteFailure(failure);
  if (done % tenth === 0) {
    const { rss, heapUsed } = process.memoryUsage();
    timeline.push({ calls: done, rss, heapUsed });
  }
});
const seconds = (performance.now() - t0) / 1000;
const end = held();
await client.close();
process.stdout.write(
  `${JSON.stringify({
    warmup: Number(values.warmup),
    calls: latencies.length,
    failed,
    firstError,
    callsPerSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    rssStart,
    rssMeasuredStart: start.rss,
    rssEnd: end.rss,
    heapMeasuredStart: start.heapUsed,
    heapEnd: end.heapUsed,
    timeline,
  })}\n`,
);

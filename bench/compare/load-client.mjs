// @ts-check
/**
 * The measured process of the load row: `--calls` DescribeExports calls through `@tcsdk/cls` at
 * `--concurrency` against the emulator, each call timed. Prints one JSON line: calls/s, p50 and p99
 * latency (ms), failed calls (with the first error), and RSS before the first call, after the first
 * tenth of the calls (connections open, code optimised), half-way (the heap grown to its working size)
 * and at the end, with RSS and heap used after each tenth.
 *
 *   node bench/compare/load-client.mjs --url URL --topic ID --calls 20000 --concurrency 64
 * Credentials come from BENCH_SECRET_ID and BENCH_SECRET_KEY.
 * @module
 */
import { parseArgs } from "node:util";
import { ClsClient } from "@tcsdk/cls";
import { percentile } from "./stats.mjs";

const { values } = parseArgs({
  options: { url: { type: "string" }, topic: { type: "string" }, calls: { type: "string" }, concurrency: { type: "string" } },
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

const rssStart = process.memoryUsage.rss();
let rssWarm = 0;
let rssHalf = 0;
/** @type {{ calls: number, rss: number, heapUsed: number }[]} RSS and heap after each tenth of the calls */
const timeline = [];
/** @type {number[]} */
const latencies = [];
let failed = 0;
let firstError = "";
let started = 0;
const t0 = performance.now();
const worker = async () => {
  while (started < calls) {
    started++;
    const t = performance.now();
    try {
      const answer = await client.describeExports({ TopicId: String(values.topic), Offset: 0, Limit: 20 });
      if (typeof answer.TotalCount !== "number") throw new Error("no TotalCount");
    } catch (error) {
      failed++;
      firstError ||= error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
    latencies.push(performance.now() - t);
    if (latencies.length % Math.floor(calls / 10) === 0) {
      const { rss, heapUsed } = process.memoryUsage();
      timeline.push({ calls: latencies.length, rss, heapUsed });
      if (latencies.length === Math.floor(calls / 10)) rssWarm = rss;
      if (latencies.length === Math.floor(calls / 10) * 5) rssHalf = rss;
    }
  }
};
await Promise.all(Array.from({ length: concurrency }, worker));
const seconds = (performance.now() - t0) / 1000;
const rssEnd = process.memoryUsage.rss();
await client.close();
process.stdout.write(
  `${JSON.stringify({
    calls: latencies.length,
    failed,
    firstError,
    callsPerSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    rssStart,
    rssWarm,
    rssHalf,
    rssEnd,
    timeline,
  })}\n`,
);

// @ts-check
/**
 * The measured process of the 1 GB download benchmark: nothing but the SDK client. Runs the whole
 * flow through the generated client — `exportLogs` (CreateExport, waiting on DescribeExports, the
 * streamed, gunzipped download into a file) — samples its own RSS while it runs, deletes the task,
 * and prints one JSON line with the measurements on standard output. Progress goes to standard error.
 *
 * Started by `download-1gb.mjs` with the JSON configuration as its only argument and the key in
 * `BENCH_SECRET_ID` / `BENCH_SECRET_KEY`.
 * @module
 */
import { ClsClient, exportLogs } from "@tcsdk/cls";
import { startRssSampler } from "./lib/rss-sampler.mjs";

/**
 * @typedef {object} ClientConfig
 * @property {string} endpoint Emulator URL.
 * @property {string} topicId Topic to export.
 * @property {number} from First timestamp, ms.
 * @property {number} to Last timestamp, ms.
 * @property {"asc" | "desc"} order Export order.
 * @property {string} destination File the logs are written to.
 */

/** @type {ClientConfig} */
const config = JSON.parse(process.argv[2] ?? "{}");
const secretId = process.env["BENCH_SECRET_ID"] ?? "";
const secretKey = process.env["BENCH_SECRET_KEY"] ?? "";
const log = (/** @type {string} */ line) => process.stderr.write(`[client] ${line}\n`);

const baselineRss = process.memoryUsage.rss();
/** `maxRSS` (KiB, a high-water mark) read as each phase ends, to tell which phase set the peak. */
const maxRssKiBAfter = { imports: process.resourceUsage().maxRSS, wait: 0, download: 0, cleanup: 0 };
const client = new ClsClient({ endpoint: config.endpoint, credentials: { secretId, secretKey }, region: "ap-guangzhou" });
const whole = startRssSampler();
/** @type {ReturnType<typeof startRssSampler> | undefined} */
let during;
const began = performance.now();
let completedAt = 0;
let chunks = 0;
let lastTenth = 0;

const result = await exportLogs(
  client,
  { TopicId: config.topicId, Query: "*", Count: 50_000_000, From: config.from, To: config.to, Order: config.order, Format: "json" },
  {
    destination: config.destination,
    decompress: true,
    minDelayMs: 250,
    maxDelayMs: 1000,
    maxWaitMs: 30 * 60_000,
    onProgress(progress) {
      if (progress.phase === "status") {
        log(`task ${progress.task.Status}`);
        if (progress.task.Status === "Completed") {
          completedAt = performance.now();
          maxRssKiBAfter.wait = process.resourceUsage().maxRSS;
          during = startRssSampler();
        }
      } else if (progress.phase === "downloading") {
        chunks++;
        const total = progress.compressedTotalBytes ?? 0;
        const tenth = total > 0 ? Math.floor((progress.compressedBytesReceived / total) * 10) : 0;
        if (tenth > lastTenth) {
          lastTenth = tenth;
          log(
            `downloaded ${(progress.compressedBytesReceived / 1e6).toFixed(0)} of ${(total / 1e6).toFixed(0)} MB compressed, RSS ${(process.memoryUsage.rss() / 1e6).toFixed(1)} MB`,
          );
        }
      } else if (progress.phase === "resuming") {
        log(`resuming at ${progress.compressedBytesReceived}: ${progress.reason}`);
      }
    },
  },
);
const finished = performance.now();
maxRssKiBAfter.download = process.resourceUsage().maxRSS;
const downloadRss = during?.stop();
const wholeRss = whole.stop();
await client.deleteExport({ ExportId: result.exportId });
await client.close();
maxRssKiBAfter.cleanup = process.resourceUsage().maxRSS;

process.stdout.write(
  `${JSON.stringify({
    exportId: result.exportId,
    fileSize: Number(result.task.FileSize),
    compressedBytes: result.compressedBytes,
    bytesWritten: result.bytesWritten,
    progressEvents: chunks,
    waitSeconds: (completedAt - began) / 1000,
    downloadSeconds: (finished - completedAt) / 1000,
    baselineRssBytes: baselineRss,
    maxRssKiB: process.resourceUsage().maxRSS,
    maxRssKiBAfter,
    downloadRss,
    wholeRss,
  })}\n`,
);

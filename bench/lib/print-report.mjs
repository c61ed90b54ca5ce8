// @ts-check
/**
 * The benchmark's results as a small text table. MB = 10^6 bytes, MiB = 2^20 bytes.
 * @module
 */

/** @param {number} bytes */
export const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
/** @param {number} bytes */
const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
/** @param {number} n */
const int = (n) => n.toLocaleString("en-US");

/**
 * Everything the report shows.
 * @typedef {object} Report
 * @property {string} environment Node version, platform, CPUs.
 * @property {{ lines: number, bytes: number, seconds: number | undefined }} topic What was loaded (seconds undefined when reused).
 * @property {any} client The measured process's JSON line (see `download-client.mjs`).
 * @property {number | undefined} externalPeakKiB Highest `VmHWM` the parent read from `/proc/<pid>/status`.
 * @property {import("./verify-output.mjs").OutputCheck} output The file as checked after the run.
 * @property {boolean} outputMatches Line count and first/last timestamps match the topic.
 * @property {number} minOutputBytes Smallest acceptable output.
 * @property {number} maxRssBytes RSS limit.
 * @property {string[]} failures Why the run failed, if it did.
 */

/**
 * @param {Report} report
 * @returns {string}
 */
export function formatReport(report) {
  const { client, output } = report;
  const peakBytes = client.maxRssKiB * 1024;
  const during = client.downloadRss;
  /** @type {Array<[string, string]>} */
  const rows = [
    ["environment", report.environment],
    [
      "topic",
      `${int(report.topic.lines)} lines, ${int(report.topic.bytes)} bytes NDJSON${report.topic.seconds === undefined ? " (reused)" : `, loaded in ${report.topic.seconds.toFixed(1)} s`}`,
    ],
    [
      "uncompressed bytes written",
      `${int(client.bytesWritten)} (${mb(client.bytesWritten)}, ${(client.bytesWritten / 2 ** 30).toFixed(3)} GiB; minimum ${int(report.minOutputBytes)})`,
    ],
    ["compressed bytes downloaded", `${int(client.compressedBytes)} (${mb(client.compressedBytes)}; FileSize ${int(client.fileSize)})`],
    ["export wait (CreateExport → Completed)", `${client.waitSeconds.toFixed(1)} s`],
    ["download time (Completed → file renamed)", `${client.downloadSeconds.toFixed(2)} s`],
    ["throughput, compressed", `${(client.compressedBytes / 1e6 / client.downloadSeconds).toFixed(1)} MB/s`],
    ["throughput, uncompressed", `${(client.bytesWritten / 1e6 / client.downloadSeconds).toFixed(1)} MB/s`],
    [
      "peak RSS (resourceUsage().maxRSS)",
      `${int(client.maxRssKiB)} KiB = ${mb(peakBytes)} = ${mib(peakBytes)} (limit ${mb(report.maxRssBytes)})`,
    ],
    [
      "peak RSS seen from outside (VmHWM)",
      report.externalPeakKiB === undefined ? "n/a" : `${int(report.externalPeakKiB)} KiB = ${mb(report.externalPeakKiB * 1024)}`,
    ],
    [
      "maxRSS as each phase ended",
      `imports ${mb(client.maxRssKiBAfter.imports * 1024)}, wait ${mb(client.maxRssKiBAfter.wait * 1024)}, download ${mb(client.maxRssKiBAfter.download * 1024)}, delete+close ${mb(client.maxRssKiBAfter.cleanup * 1024)}`,
    ],
    ["RSS before the flow", mb(client.baselineRssBytes)],
    [
      "RSS sampled during download",
      during === undefined
        ? "n/a"
        : `min ${mb(during.minBytes)}, median ${mb(during.medianBytes)}, max ${mb(during.maxBytes)} (${during.count} samples, every 100 ms)`,
    ],
    [
      "memory at the largest sample",
      during?.atMax === undefined
        ? "n/a"
        : `heapUsed ${mb(during.atMax.heapUsed)}, heapTotal ${mb(during.atMax.heapTotal)}, external ${mb(during.atMax.external)}, arrayBuffers ${mb(during.atMax.arrayBuffers)}`,
    ],
    ["progress callbacks", int(client.progressEvents)],
    [
      "output file check",
      `${int(output.lines)} lines, ${int(output.bytes)} bytes: ${report.outputMatches ? "matches the topic" : "DOES NOT match the topic"}`,
    ],
    ["result", report.failures.length === 0 ? "PASS" : `FAIL: ${report.failures.join("; ")}`],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  return rows.map(([name, value]) => `${name.padEnd(width)}  ${value}`).join("\n");
}

/**
 * The RSS timeline of the download as `t=…s RSS` pairs on one line.
 * @param {Array<[number, number]>} timeline
 */
export function formatTimeline(timeline) {
  return timeline.map(([ms, bytes]) => `${(ms / 1000).toFixed(1)}s:${(bytes / 1e6).toFixed(0)}`).join(" ");
}

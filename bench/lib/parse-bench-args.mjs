// @ts-check
/**
 * Options of `download-1gb.mjs`, from flags or `BENCH_*` environment variables (flags win).
 * @module
 */
import { parseArgs } from "node:util";
import { scriptArgs } from "./script-args.mjs";

/** 2^30 bytes: the output must be at least this large unless `--min-output` says otherwise. */
export const GIB = 2 ** 30;

/** Usage text. */
export const USAGE = `Usage: node download-1gb.mjs [options]

Measures a download of a >= 1 GiB export through @tcsdk/cls against the emulator (run in its own process).

  --size SIZE            NDJSON loaded into the topic, e.g. 1.1GB, 1200MB, 2GiB (env BENCH_SIZE; default 1.1GB)
  --min-output BYTES     fail when fewer bytes are written (env BENCH_MIN_OUTPUT; default 2^30 = 1073741824)
  --max-rss-mb MB        fail when the client's peak RSS reaches it, MB = 10^6 bytes (env BENCH_MAX_RSS_MB; default 150)
  --order asc|desc       export order (env BENCH_ORDER; default asc)
  --tmp DIR              where the work directory is created (env BENCH_TMPDIR; default the OS temp dir)
  --keep                 keep the work directory (emulator data) and print how to re-run with --reuse
  --reuse DIR            reuse a work directory kept by --keep: skips loading; DIR is never deleted
  --client-node-option O extra option for the measured node process, repeatable (e.g. --max-old-space-size=64)
  --verbose              forward the emulator's standard error
  --json                 also print the results as one JSON line
  --help                 show this text
`;

/**
 * Parses a size: a number of bytes, or a number with KB/MB/GB (10^3…) or KiB/MiB/GiB (2^10…).
 * @param {string} text
 * @returns {number}
 */
export function parseSize(text) {
  const match = /^(\d+(?:\.\d+)?(?:e\d+)?)\s*([kmg]i?b)?$/i.exec(text.trim());
  if (!match) throw new Error(`not a size: ${JSON.stringify(text)} (try 1.1GB, 1200MB or 1073741824)`);
  /** @type {Record<string, number>} */
  const factors = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30 };
  return Math.ceil(Number(match[1]) * (factors[(match[2] ?? "b").toLowerCase()] ?? 1));
}

/**
 * Parsed options.
 * @typedef {object} BenchOptions
 * @property {number} sizeBytes NDJSON bytes to load.
 * @property {number} minOutputBytes Smallest acceptable output.
 * @property {number} maxRssBytes Peak RSS limit (exclusive).
 * @property {"asc" | "desc"} order Export order.
 * @property {string | undefined} tmp Parent of the work directory.
 * @property {boolean} keep Keep the work directory.
 * @property {string | undefined} reuse Work directory to reuse.
 * @property {string[]} clientNodeOptions Extra node options of the measured process.
 * @property {boolean} verbose Forward the emulator's stderr.
 * @property {boolean} json Print a JSON line too.
 * @property {boolean} help Show usage.
 */

/**
 * @param {readonly string[]} argv
 * @param {NodeJS.ProcessEnv} env
 * @returns {BenchOptions}
 */
export function parseBenchArgs(argv, env) {
  const { values } = parseArgs({
    args: scriptArgs(argv),
    strict: true,
    options: {
      size: { type: "string" },
      "min-output": { type: "string" },
      "max-rss-mb": { type: "string" },
      order: { type: "string" },
      tmp: { type: "string" },
      keep: { type: "boolean" },
      reuse: { type: "string" },
      "client-node-option": { type: "string", multiple: true },
      verbose: { type: "boolean" },
      json: { type: "boolean" },
      help: { type: "boolean" },
    },
  });
  const order = values.order ?? env["BENCH_ORDER"] ?? "asc";
  if (order !== "asc" && order !== "desc") throw new Error("--order wants asc or desc");
  const maxRssMb = Number(values["max-rss-mb"] ?? env["BENCH_MAX_RSS_MB"] ?? 150);
  if (!(maxRssMb > 0)) throw new Error("--max-rss-mb wants a positive number");
  const sizeBytes = parseSize(values.size ?? env["BENCH_SIZE"] ?? "1.1GB");
  if (sizeBytes < 1e6) throw new Error("--size wants at least 1MB");
  return {
    sizeBytes,
    minOutputBytes: parseSize(values["min-output"] ?? env["BENCH_MIN_OUTPUT"] ?? String(GIB)),
    maxRssBytes: maxRssMb * 1e6,
    order,
    tmp: values.tmp ?? env["BENCH_TMPDIR"],
    keep: values.keep ?? false,
    reuse: values.reuse,
    clientNodeOptions: values["client-node-option"] ?? [],
    verbose: values.verbose ?? false,
    json: values.json ?? false,
    help: values.help ?? false,
  };
}

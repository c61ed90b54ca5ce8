#!/usr/bin/env node
// @ts-check
/**
 * Benchmark of issue 4: download an export of at least 1 GiB uncompressed through `@tcsdk/cls`
 * (`exportLogs`, decompressing into a file) and check that the client's peak RSS stays under 150 MB.
 *
 * 1. starts the emulator CLI in its own process on a temp data dir;
 * 2. loads a topic with generated access logs (≥ 1.1 GB NDJSON by default), streamed to the admin API;
 * 3. runs `download-client.mjs` — the measured process, holding only the client — and reads its JSON line;
 * 4. checks the file, prints a table, exits 1 when peak RSS ≥ the limit or the output is too small.
 *
 * `node download-1gb.mjs --help` lists the options. See README.md.
 * @module
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { requireFreeSpace } from "./lib/disk-space.mjs";
import { startEmulatorProcess } from "./lib/emulator-process.mjs";
import { loadTopic } from "./lib/load-topic.mjs";
import { parseBenchArgs, USAGE } from "./lib/parse-bench-args.mjs";
import { formatReport, formatTimeline } from "./lib/print-report.mjs";
import { inspectOutput } from "./lib/verify-output.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const TOPIC_ID = "bench-access-logs";
const START = Date.UTC(2026, 0, 1);
/** Bench-only credentials the emulator is started with. */
const KEY = { secretId: "AKIDbench", secretKey: "bench-secret-key" };
/** The gzip file is a fraction of the NDJSON; this over-estimates it for the disk check. */
const GZIP_RATIO_ESTIMATE = 0.35;
const CLIENT_TIMEOUT_MS = 30 * 60_000;
const log = (/** @type {string} */ line) => process.stderr.write(`[bench] ${line}\n`);

/** Undo steps, run last-in first-out: kill the client, stop the emulator, delete the output and the work directory. */
const cleanups = /** @type {Array<() => Promise<void>>} */ ([]);
/** @type {Promise<void> | undefined} */
let cleaning;
/** Runs the undo steps once, whoever asks first (the end of `main` or a signal). */
function cleanUp() {
  cleaning ??= (async () => {
    while (cleanups.length > 0)
      await cleanups
        .pop()?.()
        .catch((error) => log(`cleanup: ${error}`));
  })();
  return cleaning;
}
for (const [signal, code] of /** @type {const} */ ([
  ["SIGINT", 130],
  ["SIGTERM", 143],
])) {
  process.once(signal, () => {
    log(`${signal}: stopping and cleaning up`);
    cleanUp().finally(() => process.exit(code));
  });
}

/** Fails early, with a hint, when the workspace packages have not been built. */
function requireBuiltPackages() {
  const require = createRequire(import.meta.url);
  for (const name of ["@tcsdk/cls", "@tcsdk/core", "@tcsdk/cls-emulator"]) {
    const root = dirname(require.resolve(`${name}/package.json`));
    if (!existsSync(join(root, "dist", "index.js")))
      throw new Error(`${name} is not built (${root}/dist missing): run \`npx pnpm@10.34.8 build\` first`);
  }
}

/**
 * Deletes the bench topic's export tasks (an interrupted run leaves its task and file behind), through
 * the SDK itself; this process is not the one measured.
 * @param {string} endpoint
 * @returns {Promise<number>} How many were deleted.
 */
async function deleteLeftoverExports(endpoint) {
  const { ClsClient, paginateExports } = await import("@tcsdk/cls");
  const client = new ClsClient({ endpoint, credentials: KEY, region: "ap-guangzhou" });
  try {
    const ids = [];
    for await (const task of paginateExports(client, { TopicId: TOPIC_ID })) ids.push(task.ExportId);
    for (const id of ids) await client.deleteExport({ ExportId: id });
    return ids.length;
  } finally {
    await client.close();
  }
}

/**
 * Runs the measured client and returns its JSON line, reading its `VmHWM` from outside as it runs.
 * @param {object} config
 * @param {string[]} nodeOptions
 */
async function runClient(config, nodeOptions) {
  const child = spawn(process.execPath, [...nodeOptions, join(here, "download-client.mjs"), JSON.stringify(config)], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, BENCH_SECRET_ID: KEY.secretId, BENCH_SECRET_KEY: KEY.secretKey },
  });
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  cleanups.push(kill);
  let stdout = "";
  child.stdout.setEncoding("utf8").on("data", (text) => (stdout += text));
  /** @type {number | undefined} */
  let externalPeakKiB;
  const readHwm = () => {
    try {
      const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
      if (match) externalPeakKiB = Math.max(externalPeakKiB ?? 0, Number(match[1]));
    } catch {
      // not Linux, or the process is gone
    }
  };
  const poll = setInterval(readHwm, 250);
  const deadline = setTimeout(() => {
    log(`the client did not finish within ${CLIENT_TIMEOUT_MS / 60_000} min: killing it`);
    child.kill("SIGKILL");
  }, CLIENT_TIMEOUT_MS);
  const [code, signal] = await once(child, "exit");
  clearInterval(poll);
  clearTimeout(deadline);
  if (code !== 0) throw new Error(`the client exited with ${signal ?? code}`);
  const line = stdout.trim().split("\n").at(-1) ?? "";
  return { result: JSON.parse(line), externalPeakKiB };
}

async function main() {
  const options = parseBenchArgs(process.argv.slice(2), process.env);
  if (options.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  requireBuiltPackages();
  const environment = `Node ${process.version}, ${process.platform} ${process.arch}, ${availableParallelism()} CPUs`;
  log(environment);

  // Work directory: <work>/data (emulator), <work>/bench-topic.json (what was loaded), <work>/out.ndjson.
  const reusing = options.reuse !== undefined;
  const parent = resolve(options.tmp ?? tmpdir());
  /** @type {string} */
  let work;
  if (options.reuse !== undefined) {
    work = resolve(options.reuse);
    if (!existsSync(join(work, "bench-topic.json")))
      throw new Error(`${work} is not a work directory kept by --keep (no bench-topic.json)`);
    const marker = JSON.parse(await readFile(join(work, "bench-topic.json"), "utf8"));
    await requireFreeSpace(work, marker.bytes * (1 + GZIP_RATIO_ESTIMATE) + 200e6, "the export's gzip file and the decompressed output");
  } else {
    await requireFreeSpace(
      parent,
      options.sizeBytes * (2 + GZIP_RATIO_ESTIMATE) + 200e6,
      "emulator segments, the export's gzip file and the decompressed output",
    );
    await mkdir(parent, { recursive: true });
    work = await mkdtemp(join(parent, "tcsdk-bench-"));
    if (!options.keep) cleanups.push(() => rm(work, { recursive: true, force: true }));
  }
  log(`work directory ${work}`);
  const destination = join(work, "out.ndjson");
  cleanups.push(async () => {
    await rm(destination, { force: true });
    await rm(`${destination}.partial`, { force: true }); // left by a client killed mid-download
  });

  const emulator = await startEmulatorProcess({
    dataDir: join(work, "data"),
    key: `${KEY.secretId}:${KEY.secretKey}`,
    verbose: options.verbose,
  });
  cleanups.push(emulator.stop);
  log(`emulator pid ${emulator.pid} at ${emulator.url}`);

  /** @type {{ lines: number, bytes: number, from: number, to: number, seconds?: number }} */
  let topic;
  if (reusing) {
    topic = JSON.parse(await readFile(join(work, "bench-topic.json"), "utf8"));
    const answer = await fetch(`${emulator.url}/_emulator/topics/${TOPIC_ID}`, { signal: AbortSignal.timeout(10_000) });
    const stored = /** @type {any} */ (await answer.json());
    if (stored?.topic?.logCount !== topic.lines)
      throw new Error(`reused topic holds ${stored?.topic?.logCount} lines, bench-topic.json says ${topic.lines}`);
    log(`reusing topic ${TOPIC_ID}: ${topic.lines} lines, ${topic.bytes} bytes`);
    const removed = await deleteLeftoverExports(emulator.url);
    if (removed > 0) log(`deleted ${removed} export task(s) left by an interrupted run`);
  } else {
    log(`loading ${(options.sizeBytes / 1e9).toFixed(2)} GB of access logs into topic ${TOPIC_ID}`);
    const loaded = await loadTopic({
      url: emulator.url,
      topicId: TOPIC_ID,
      targetBytes: options.sizeBytes,
      start: START,
      timeoutMs: 60 * 60_000,
      log,
    });
    topic = loaded;
    await writeFile(join(work, "bench-topic.json"), `${JSON.stringify({ ...loaded, seconds: undefined })}\n`);
    log(`loaded ${loaded.lines} lines (${loaded.bytes} bytes) in ${loaded.seconds.toFixed(1)} s`);
  }

  log(`running the measured client${options.clientNodeOptions.length > 0 ? ` with ${options.clientNodeOptions.join(" ")}` : ""}`);
  const config = { endpoint: emulator.url, topicId: TOPIC_ID, from: topic.from, to: topic.to, order: options.order, destination };
  const { result: client, externalPeakKiB } = await runClient(config, options.clientNodeOptions);

  log("checking the output file");
  const output = await inspectOutput(destination);
  const [firstTs, lastTs] = options.order === "asc" ? [topic.from, topic.to] : [topic.to, topic.from];
  const outputMatches =
    output.lines === topic.lines &&
    output.bytes === client.bytesWritten &&
    output.firstTimestamp === firstTs &&
    output.lastTimestamp === lastTs;

  const failures = [];
  if (client.maxRssKiB * 1024 >= options.maxRssBytes)
    failures.push(`peak RSS ${((client.maxRssKiB * 1024) / 1e6).toFixed(1)} MB ≥ ${(options.maxRssBytes / 1e6).toFixed(0)} MB`);
  if (client.bytesWritten < options.minOutputBytes) failures.push(`output ${client.bytesWritten} bytes < ${options.minOutputBytes}`);
  if (!outputMatches) failures.push("the output file does not hold exactly the topic's logs");

  const report = {
    environment,
    topic: { lines: topic.lines, bytes: topic.bytes, seconds: reusing ? undefined : topic.seconds },
    client,
    externalPeakKiB,
    output,
    outputMatches,
    minOutputBytes: options.minOutputBytes,
    maxRssBytes: options.maxRssBytes,
    failures,
  };
  process.stdout.write(`\n${formatReport(report)}\n`);
  if (client.downloadRss) process.stdout.write(`\nRSS during download (s:MB): ${formatTimeline(client.downloadRss.timeline)}\n`);
  if (options.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  if (options.keep && !reusing) process.stdout.write(`\nkept ${work}; re-run without loading: node download-1gb.mjs --reuse ${work}\n`);
  return failures.length === 0 ? 0 : 1;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  log(`failed: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await cleanUp();
}
process.exit(exitCode);

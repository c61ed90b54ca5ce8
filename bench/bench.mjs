// @ts-check
/**
 * `pnpm bench`: tcsdk against Tencent's official Node SDK and the raw-undici floor (issue 10), on
 * loopback only, bounded in time. Measures per-call client CPU at concurrency 1 and 32, cold start
 * (process start → first answer) on Node 20, 22 and 24 with and without the compile cache, installed
 * footprint, validation cost, a load of 20,000 calls (after 20,000 unmeasured) against the emulator and the 1 GB export download;
 * prints one table, computes which targets hold, and writes `docs/benchmarks.md` and the cold-start
 * table of the README's serverless section from this run.
 *
 *   node bench/bench.mjs [--rounds 9] [--cold-rounds 21] [--skip-download] [--no-write] [--json]
 *
 * Exits 1 when a measurement fails (not when a target is missed: the page says which hold).
 * @module
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { coldSample, coldStart } from "./compare/cold-start.mjs";
import { installedFootprint } from "./compare/footprint.mjs";
import { nodeRuntimes } from "./compare/node-runtimes.mjs";
import { PINNED, runJson, startFixedServer } from "./compare/processes.mjs";
import { renderPage, renderServerlessBlock, renderTable, replaceReadmeBlock, verdicts } from "./compare/report.mjs";
import { median, roundOrder } from "./compare/stats.mjs";
import { TARGETS } from "./compare/targets.mjs";
import { validationCost } from "./compare/validation.mjs";
import { startEmulatorProcess } from "./lib/emulator-process.mjs";
import { countOption, parseScriptArgs } from "./lib/script-args.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, "..");
const USAGE = `usage: node bench/bench.mjs [options]
  --rounds N         interleaved rounds of the per-call rows (default 9)
  --cold-rounds N    interleaved rounds of the cold-start rows (default 21)
  --load-calls N     measured calls of the load row, after as many unmeasured ones (default 20000)
  --download-size S  size loaded for the download row (default 1.1GB; see download-1gb.mjs)
  --skip-download    leave out the 1 GB download (about 2 minutes)
  --no-write         print only; do not write docs/benchmarks.md nor the README's serverless table
  --json             also print the results as one JSON line
  -h, --help         this text`;

const values = parseScriptArgs(
  {
    rounds: { type: "string", default: "9" },
    "cold-rounds": { type: "string", default: "21" },
    "load-calls": { type: "string", default: "20000" },
    "download-size": { type: "string", default: "1.1GB" },
    "skip-download": { type: "boolean", default: false },
    "no-write": { type: "boolean", default: false },
    json: { type: "boolean", default: false },
  },
  USAGE,
);
const rounds = countOption(values.rounds, "--rounds", USAGE);
const coldRounds = countOption(values["cold-rounds"], "--cold-rounds", USAGE);
const loadCalls = countOption(values["load-calls"], "--load-calls", USAGE);
const began = Date.now();
const log = (/** @type {string} */ text) => process.stderr.write(`[bench ${((Date.now() - began) / 1000).toFixed(0)} s] ${text}\n`);

const cpus = os.cpus();
const environment = {
  date: new Date().toISOString().slice(0, 10),
  node: process.version,
  platform: `${os.platform()} ${os.arch()}`,
  cpus: `${cpus.length} × ${cpus[0]?.model.trim() ?? "unknown CPU"}`,
  memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
  loadBefore: os.loadavg()[0] ?? 0,
  pinned: PINNED,
  commit: spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: REPO, encoding: "utf8" }).stdout.trim(),
};

/**
 * Unmeasured calls before each per-call sample, so that it measures the steady state of a busy service.
 * A fresh process's CPU per call falls by about two thirds over its first 2,000 to 3,000 calls at c=1
 * (V8 optimising the hot code, the heap growing to its working size), and more for tcsdk, which has more
 * code to optimise: in 9 interleaved rounds, 500 warm-up calls then 2,000 gave the floor 266 µs and
 * tcsdk 306 µs; 5,000 then 4,000 gave 93 and 90 µs. The first calls are what the cold-start rows measure.
 */
const WARMUP_CALLS = 5000;
/** Measured calls of each per-call sample. */
const MEASURED_CALLS = 4000;

/** Per-call client CPU and calls/s: targets × concurrencies interleaved, `rounds` times. */
async function perCall(/** @type {string} */ url) {
  /** @type {Record<string, { cpu: number[], rate: number[] }>} */
  const samples = {};
  for (let round = 0; round < rounds; round++) {
    log(`per-call round ${round + 1}/${rounds}`);
    for (const concurrency of [1, 32]) {
      // the order changes from round to round, so that no target always follows the same one
      for (const target of roundOrder(TARGETS, round)) {
        const result = await runJson(
          "compare/call-loop.mjs",
          [
            "--target",
            target,
            "--url",
            url,
            "--concurrency",
            String(concurrency),
            "--calls",
            String(MEASURED_CALLS),
            "--warmup",
            String(WARMUP_CALLS),
          ],
          process.env,
          1,
        );
        const cell = (samples[`${target} ${concurrency}`] ??= { cpu: [], rate: [] });
        cell.cpu.push(result.cpuUsPerCall);
        cell.rate.push(result.callsPerSecond);
      }
    }
  }
  return Object.fromEntries(
    Object.entries(samples).map(([key, cell]) => [
      key,
      {
        cpuUs: median(cell.cpu),
        callsPerSecond: median(cell.rate),
        samples: cell.cpu.length,
        warmup: WARMUP_CALLS,
        measured: MEASURED_CALLS,
      },
    ]),
  );
}

/** Medians of what loading undici's Agent costs, in parts, on this Node. */
async function undiciParts(/** @type {string} */ url) {
  /** @type {number[]} */
  const builtins = [];
  /** @type {number[]} */
  const agent = [];
  for (let i = 0; i < 11; i++) {
    const sample = await coldSample(process.execPath, "undici-parts.cjs", url, process.env);
    builtins.push(sample.importMs);
    agent.push(sample.callMs);
  }
  return { builtinsMs: median(builtins), agentMs: median(agent) };
}

/** 20,000 unmeasured, then 20,000 measured DescribeExports calls at concurrency 64 against the emulator (its rate limit raised). */
async function load() {
  const { mkdtempSync, rmSync } = await import("node:fs");
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "tcsdk-bench-load-"));
  const key = { secretId: "AKIDbench", secretKey: "bench-secret-key" };
  const emulator = await startEmulatorProcess({ dataDir, key: `${key.secretId}:${key.secretKey}`, rateLimit: 1_000_000 });
  try {
    const topic = "5a0b8d52-7e0c-4c71-9a55-0f3e2d1c4b6a";
    const created = await fetch(`${emulator.url}/_emulator/topics`, {
      method: "POST",
      body: JSON.stringify({ id: topic, name: "bench load" }),
    });
    if (!created.ok) throw new Error(`creating the topic failed: ${created.status} ${await created.text()}`);
    return await runJson(
      "compare/load-client.mjs",
      ["--url", emulator.url, "--topic", topic, "--warmup", String(loadCalls), "--calls", String(loadCalls), "--concurrency", "64"],
      { ...process.env, BENCH_SECRET_ID: key.secretId, BENCH_SECRET_KEY: key.secretKey },
    );
  } finally {
    await emulator.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The existing 1 GB download bench, its JSON line. */
async function download() {
  const result = await runJson("download-1gb.mjs", ["--json", "--size", String(values["download-size"])]);
  return {
    bytesWritten: result.client.bytesWritten,
    compressedBytes: result.client.compressedBytes,
    downloadSeconds: result.client.downloadSeconds,
    maxRssKiB: result.client.maxRssKiB,
    failures: result.failures,
  };
}

log("installing Node 22 and 24 through npx (cached after the first run)");
const runtimes = nodeRuntimes([22, 24]);
const server = await startFixedServer();
/** @type {any} */
let results;
try {
  const calls = await perCall(server.url);
  const usable = runtimes.flatMap((runtime) => ("execPath" in runtime ? [runtime] : []));
  const cold = await coldStart({ url: server.url, runtimes: usable, rounds: coldRounds, onProgress: log });
  log("undici's Agent, in parts");
  const parts = await undiciParts(server.url);
  results = { environment, runtimes, calls, cold, parts };
} finally {
  await server.stop();
}
log("footprint");
results.footprint = Object.fromEntries(
  ["@tcsdk/cls", "tencentcloud-sdk-nodejs-common", "tencentcloud-sdk-nodejs-intl-en"].map((name) => [name, installedFootprint(name, HERE)]),
);
log("validation");
results.validation = await validationCost({ rounds: 7, iterations: 100_000 });
log(`load: ${loadCalls} unmeasured and ${loadCalls} measured calls at concurrency 64 against the emulator`);
results.load = await load();
if (!values["skip-download"]) {
  log("the 1 GB download (download-1gb.mjs)");
  try {
    results.download = await download();
  } catch (error) {
    // the page still gets written, with the download's verdict failed and why
    const why = error instanceof Error ? error.message : String(error);
    results.download = { bytesWritten: 0, compressedBytes: 0, downloadSeconds: Number.NaN, maxRssKiB: 0, failures: [why.slice(0, 300)] };
  }
}
results.seconds = (Date.now() - began) / 1000;
results.verdicts = verdicts(results);
process.stdout.write(`${renderTable(results)}\n`);
if (values.json) process.stdout.write(`${JSON.stringify(results)}\n`);
if (!values["no-write"]) {
  writeFileSync(path.join(REPO, "docs", "benchmarks.md"), renderPage(results));
  const readme = path.join(REPO, "README.md");
  writeFileSync(readme, replaceReadmeBlock(readFileSync(readme, "utf8"), renderServerlessBlock(results)));
  log("wrote docs/benchmarks.md and the README's serverless numbers");
}

// @ts-check
/**
 * Cold start: process start → first answer. Each sample is a fresh process running one script of
 * `cold/` against the fixed server; the time is from just before `spawn()` to the `ok` line on its
 * standard output, read in this process. Targets, runtimes and compile-cache settings are interleaved
 * round by round, so that drift in the machine's load hits them alike; medians per cell.
 * @module
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { median, roundOrder } from "./stats.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The bench package, whose node_modules resolve every target. */
const BENCH = path.resolve(HERE, "..");

/** The cold-start scripts, by target (paths from `compare/`). */
export const COLD_SCRIPTS = {
  bare: "cold/bare.mjs",
  "node:http": "cold/node-http.mjs",
  tcsdk: "cold/tcsdk.mjs",
  "tcsdk bundled": "../.tmp/cold-bundle/tcsdk.mjs",
  official: "cold/official.cjs",
};

/**
 * Writes `cold/tcsdk.mjs` bundled by esbuild as an app would be for a serverless function: ES modules
 * with code splitting, so that each action stays a chunk loaded on its first call (as in the published
 * packages); every module inside, the undici code core carries included, so the bundle needs nothing
 * from node_modules. Into `bench/.tmp/cold-bundle/` (git-ignored).
 */
export async function bundleColdTcsdk() {
  const { build } = await import("esbuild");
  const outdir = path.join(HERE, path.dirname(COLD_SCRIPTS["tcsdk bundled"]));
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: { tcsdk: path.join(HERE, COLD_SCRIPTS.tcsdk) },
    outdir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    logLevel: "error",
  });
}

/**
 * One sample: wall ms from spawn to the `ok` line, and the script's own import / call ms. Settles once
 * the process has exited, so that no sample runs beside the previous one's exit: a process that has
 * used undici takes 110–180 ms more to exit after its `ok` line (V8 finishing its background optimising
 * compile of undici's llhttp WebAssembly; with `--liftoff-only`, 5 ms), and the sample after it ran
 * while that compile still held a CPU.
 * @param {string} execPath
 * @param {string} script path under `compare/`
 * @param {string} url
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<{ totalMs: number, importMs: number, callMs: number }>}
 */
export function coldSample(execPath, script, url, env) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(execPath, [path.join(HERE, script), url], { cwd: BENCH, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    /** @type {{ totalMs: number, importMs: number, callMs: number } | undefined} */
    let sample;
    child.stdout.on("data", (chunk) => {
      if (sample !== undefined) return;
      out += chunk;
      const match = /^ok (\S+) (\S+)\n/.exec(out);
      if (match) sample = { totalMs: performance.now() - started, importMs: Number(match[1]), callMs: Number(match[2]) };
    });
    child.stderr.on("data", (chunk) => {
      err += chunk;
    });
    child.on("exit", (code) => {
      if (sample !== undefined) resolve(sample);
      else reject(new Error(`${script} on ${execPath} exited ${code}: ${err.trim().slice(0, 500)}`));
    });
  });
}

/**
 * A cell of the cold-start table.
 * @typedef {{ runtime: string, version: string, compileCache: boolean, target: string, totalMs: number, importMs: number, callMs: number, samples: number }} ColdCell
 */

/**
 * Medians of `rounds` interleaved samples for every runtime × compile cache (off; on where the runtime
 * has one) × target. With the cache on, one unmeasured run of each target fills it first.
 * @param {{ url: string, runtimes: readonly { label: string, version: string, execPath: string, compileCache: boolean }[], rounds: number, onProgress?: (text: string) => void }} options
 * @returns {Promise<ColdCell[]>}
 */
export async function coldStart({ url, runtimes, rounds, onProgress }) {
  await bundleColdTcsdk();
  const cacheRoot = mkdtempSync(path.join(os.tmpdir(), "tcsdk-bench-compile-cache-"));
  try {
    const base = { ...process.env };
    delete base.NODE_COMPILE_CACHE;
    delete base.NODE_OPTIONS;
    for (const name of ["http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"]) delete base[name];
    /** @type {{ runtime: (typeof runtimes)[number], compileCache: boolean, env: NodeJS.ProcessEnv }[]} */
    const configs = [];
    for (const runtime of runtimes) {
      configs.push({ runtime, compileCache: false, env: base });
      if (runtime.compileCache) {
        configs.push({ runtime, compileCache: true, env: { ...base, NODE_COMPILE_CACHE: path.join(cacheRoot, runtime.version) } });
      }
    }
    /** @type {Map<string, { totalMs: number[], importMs: number[], callMs: number[] }>} */
    const samples = new Map();
    const key = (/** @type {number} */ config, /** @type {string} */ target) => `${config} ${target}`;
    for (const [index, config] of configs.entries()) {
      for (const [target, script] of Object.entries(COLD_SCRIPTS)) {
        await coldSample(config.runtime.execPath, script, url, config.env); // warms the disk cache (and fills the compile cache)
        samples.set(key(index, target), { totalMs: [], importMs: [], callMs: [] });
      }
    }
    for (let round = 0; round < rounds; round++) {
      onProgress?.(`cold start round ${round + 1}/${rounds}`);
      // the targets' order changes from round to round, so that none always follows the same one
      const scripts = roundOrder(Object.entries(COLD_SCRIPTS), round);
      for (const [index, config] of configs.entries()) {
        for (const [target, script] of scripts) {
          const sample = await coldSample(config.runtime.execPath, script, url, config.env);
          const cell = samples.get(key(index, target));
          cell?.totalMs.push(sample.totalMs);
          cell?.importMs.push(sample.importMs);
          cell?.callMs.push(sample.callMs);
        }
      }
    }
    return configs.flatMap((config, index) =>
      Object.keys(COLD_SCRIPTS).map((target) => {
        const cell = samples.get(key(index, target)) ?? { totalMs: [], importMs: [], callMs: [] };
        return {
          runtime: config.runtime.label,
          version: config.runtime.version,
          compileCache: config.compileCache,
          target,
          totalMs: median(cell.totalMs),
          importMs: median(cell.importMs),
          callMs: median(cell.callMs),
          samples: cell.totalMs.length,
        };
      }),
    );
  } finally {
    rmSync(cacheRoot, { recursive: true, force: true });
  }
}

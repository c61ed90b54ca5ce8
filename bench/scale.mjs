// @ts-check
/**
 * The whole CLS client at scale (issue 7's targets): import cost against core alone, the modules and
 * bytes that one CreateExport call loads (in Node and in a code-split bundle), generation time and
 * memory from scratch, and the size limits of the generated code. With `--baseline <repo>` the same is
 * measured on another checkout (built), e.g. the three-action package before the import, and the
 * ratios are computed in the same run.
 *
 *   node bench/scale.mjs [--rounds 21] [--generate-runs 1] [--baseline DIR] [--json]
 *
 * Exits 1 when a target is missed.
 * @module
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bundleSplit } from "./scale/bundle-split.mjs";
import { generatedSize } from "./scale/generated-size.mjs";
import { importCost } from "./scale/import-cost.mjs";
import { countOption, parseScriptArgs } from "./lib/script-args.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, "..");
const USAGE = "usage: node bench/scale.mjs [--rounds 21] [--generate-runs 1] [--baseline <built checkout>] [--json]";
const values = parseScriptArgs(
  {
    rounds: { type: "string", default: "21" },
    "generate-runs": { type: "string", default: "1" },
    baseline: { type: "string" },
    json: { type: "boolean", default: false },
  },
  USAGE,
);
const rounds = countOption(values.rounds, "--rounds", USAGE);
const generateRuns = countOption(values["generate-runs"], "--generate-runs", USAGE);

/**
 * Everything measured on one checkout.
 * @param {string} repo
 */
async function measure(repo) {
  const pkg = path.join(repo, "packages", "cls");
  if (!existsSync(path.join(pkg, "dist", "index.js"))) throw new Error(`${pkg}: not built (run pnpm build there)`);
  const size = generatedSize(pkg);
  const cost = importCost(path.join(repo, "bench"), ["@tcsdk/core", "@tcsdk/cls"], rounds);
  const loads = firstCallLoads(pkg);
  const bundle = await bundleSplit(pkg);
  const generation = Array.from({ length: generateRuns }, () => generateOnce(repo));
  return { repo, size, cost, loads, bundle, generation };
}

/**
 * The modules Node loads to import `@tcsdk/cls` and make one CreateExport call, in bytes.
 * @param {string} pkg
 */
function firstCallLoads(pkg) {
  const result = spawnSync(process.execPath, [path.join(HERE, "scale", "first-call.mjs"), pkg], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`first-call.mjs failed: ${result.stderr}`);
  const lines = result.stdout.trim().split("\n");
  const { atImport, forCall } = /** @type {{ atImport: string[], forCall: string[] }} */ (JSON.parse(lines[lines.length - 1] ?? "{}"));
  const files = (/** @type {string[]} */ urls) => urls.filter((url) => url.startsWith("file:")).map((url) => fileURLToPath(url));
  const bytes = (/** @type {string[]} */ paths) => paths.reduce((sum, file) => sum + statSync(file).size, 0);
  const inPackage = (/** @type {string[]} */ paths) => paths.filter((file) => path.relative(pkg, file).split(path.sep)[0] === "dist");
  const all = [...files(atImport), ...files(forCall)];
  const generatedForCall = inPackage(files(forCall)).flatMap((file) => sourceModules(pkg, file));
  return {
    packageModules: inPackage(all).length,
    packageBytes: bytes(inPackage(all)),
    allModules: all.length,
    allBytes: bytes(all),
    generatedForCall,
  };
}

/**
 * The generated source modules a loaded file holds, relative to `src/generated`: the file itself when the
 * package ships tsc's output, or the `// src/…` markers esbuild writes before each module of a chunk.
 * @param {string} pkg
 * @param {string} file
 */
function sourceModules(pkg, file) {
  const relative = path.relative(path.join(pkg, "dist"), file).split(path.sep).join("/");
  if (!relative.startsWith("chunks/")) return [relative.replace(/^generated\//, "").replace(/\.js$/, ".ts")];
  return [...readFileSync(file, "utf8").matchAll(/^\/\/ src\/generated\/(.+\.ts)$/gm)].map((match) => match[1] ?? "");
}

/** @param {string} repo */
function generateOnce(repo) {
  const result = spawnSync(process.execPath, [path.join(HERE, "scale", "generate-run.mjs"), repo, "cls", "2020-10-16"], {
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`generate-run.mjs failed: ${result.stderr}`);
  return /** @type {{ seconds: number, maxRssKiB: number, files: number }} */ (JSON.parse(result.stdout.trim()));
}

const current = await measure(REPO);
const baseline = values.baseline === undefined ? undefined : await measure(path.resolve(values.baseline));

const median = (/** @type {number[]} */ list) => [...list].sort((a, b) => a - b)[list.length >> 1] ?? NaN;
const importExtra = (/** @type {typeof current} */ m) => (m.cost["@tcsdk/cls"]?.median ?? NaN) - (m.cost["@tcsdk/core"]?.median ?? NaN);
const generationSeconds = median(current.generation.map((run) => run.seconds));
const generationMiB = median(current.generation.map((run) => run.maxRssKiB)) / 1024;
const onlyCreateExport =
  current.loads.generatedForCall.length === 2 &&
  current.loads.generatedForCall.every((file) => /^(operations|validators)\/create-export\.ts$/.test(file));

/** @type {Array<[string, string, boolean | undefined]>} */
const rows = [
  [
    "environment",
    `Node ${process.version}, ${os.platform()} ${os.arch()}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "?"})`,
    undefined,
  ],
  [
    "actions",
    String(JSON.parse(readFileSync(path.join(REPO, "packages/cls/src/generated/provenance.json"), "utf8")).actions.length),
    undefined,
  ],
  [`import("@tcsdk/core"), median of ${rounds}`, `${current.cost["@tcsdk/core"]?.median.toFixed(1)} ms`, undefined],
  [
    `import("@tcsdk/cls"), median of ${rounds}`,
    `${current.cost["@tcsdk/cls"]?.median.toFixed(1)} ms: core + ${importExtra(current).toFixed(1)} ms (target ≤ core + 15 ms)${baseline === undefined ? "" : `; baseline core + ${importExtra(baseline).toFixed(1)} ms`}`,
    importExtra(current) <= 15,
  ],
  ["first createExport loads (generated)", current.loads.generatedForCall.join(", "), onlyCreateExport],
  [
    "JS of @tcsdk/cls loaded for one CreateExport",
    `${current.loads.packageModules} modules, ${current.loads.packageBytes} bytes${baseline === undefined ? "" : ` (baseline ${baseline.loads.packageModules} modules, ${baseline.loads.packageBytes} bytes: ${(current.loads.packageBytes / baseline.loads.packageBytes).toFixed(2)}×, target ≤ 1.3×)`}`,
    baseline === undefined ? undefined : current.loads.packageBytes <= 1.3 * baseline.loads.packageBytes,
  ],
  [
    "all JS loaded for one CreateExport",
    `${current.loads.allModules} modules, ${current.loads.allBytes} bytes (core, undici, lossless-json included)${baseline === undefined ? "" : ` (baseline ${baseline.loads.allBytes}: ${(current.loads.allBytes / baseline.loads.allBytes).toFixed(2)}×)`}`,
    undefined,
  ],
  [
    "bundle (esbuild, splitting, minified): startup + CreateExport chunks",
    `${current.bundle.startupBytes} + ${current.bundle.actionBytes} = ${current.bundle.startupBytes + current.bundle.actionBytes} bytes, ${current.bundle.chunks} chunks${baseline === undefined ? "" : ` (baseline ${baseline.bundle.startupBytes + baseline.bundle.actionBytes}: ${((current.bundle.startupBytes + current.bundle.actionBytes) / (baseline.bundle.startupBytes + baseline.bundle.actionBytes)).toFixed(2)}×, target ≤ 1.3×)`}`,
    baseline === undefined
      ? undefined
      : current.bundle.startupBytes + current.bundle.actionBytes <= 1.3 * (baseline.bundle.startupBytes + baseline.bundle.actionBytes),
  ],
  [
    "pnpm generate of CLS from scratch",
    `${generationSeconds.toFixed(1)} s, peak RSS ${generationMiB.toFixed(0)} MiB, ${current.generation[0]?.files} files (targets ≤ 20 s, ≤ 500 MB)`,
    generationSeconds <= 20 && generationMiB * 1.048576 <= 500,
  ],
  ["generated code", `${current.size.files} files, ${current.size.lines} lines (${current.size.validatorLines} in validators)`, undefined],
  [
    "longest generated file",
    `${current.size.longestFile.lines} lines, ${current.size.longestFile.path} (target ≤ 1000)`,
    current.size.longestFile.lines <= 1000,
  ],
  [
    "longest generated line",
    `${current.size.longestLine.length} characters, ${current.size.longestLine.path} (target ≤ 200)`,
    current.size.longestLine.length <= 200,
  ],
];

const width = Math.max(...rows.map(([label]) => label.length));
for (const [label, value, ok] of rows) console.log(`${label.padEnd(width)}  ${value}${ok === undefined ? "" : ok ? "  ✓" : "  ✗ MISSED"}`);
if (values.json) console.log(JSON.stringify({ current, baseline }));
if (rows.some(([, , ok]) => ok === false)) process.exitCode = 1;

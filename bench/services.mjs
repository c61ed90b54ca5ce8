// @ts-check
/**
 * Six services at scale (issue 8's targets): importing every model and generating every service's
 * package from scratch (each in its own process, one after the other, plus the mock's models) within
 * 60 s; `import()` of each service package against core alone, VPC (448 actions)
 * within core + 15 ms; and turbo's cache after a change to one service's spec: which tasks would run.
 *
 *   node bench/services.mjs [--rounds 21] [--skip-turbo] [--json]
 *
 * Needs a built checkout (`pnpm build`). Exits 1 when a target is missed.
 * @module
 */
import { spawnSync } from "node:child_process";
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { importCost } from "./scale/import-cost.mjs";
import { countOption, parseScriptArgs } from "./lib/script-args.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, "..");
const USAGE = "usage: node bench/services.mjs [--rounds 21] [--skip-turbo] [--json]";
const values = parseScriptArgs(
  {
    rounds: { type: "string", default: "21" },
    "skip-turbo": { type: "boolean", default: false },
    json: { type: "boolean", default: false },
  },
  USAGE,
);
const rounds = countOption(values.rounds, "--rounds", USAGE);

/** Every `specs/<service>/<version>/` with its package. */
const services = readdirSync(path.join(REPO, "specs"))
  .filter((name) => !["schema", "overlays", "upstream", "released"].includes(name))
  .sort()
  .map((service) => ({ service, version: readdirSync(path.join(REPO, "specs", service))[0] ?? "" }));

/** Generation from scratch: the import of every model (check mode: all the work, nothing written), one process per service (`scale/generate-run.mjs`), then the mock's models. */
function generation() {
  const started = performance.now();
  const imported = spawnSync(process.execPath, [path.join(REPO, "generator", "bin", "tcsdk-import.js"), "--all", "--check"], {
    cwd: REPO,
    encoding: "utf8",
  });
  if (imported.status !== 0) throw new Error(`import: ${imported.stderr}`);
  const importSeconds = (performance.now() - started) / 1000;
  const perService = services.map(({ service, version }) => {
    const result = spawnSync(process.execPath, [path.join(HERE, "scale", "generate-run.mjs"), REPO, service, version], {
      encoding: "utf8",
    });
    if (result.status !== 0) throw new Error(`generate-run.mjs ${service} failed: ${result.stderr}`);
    return { service, ...JSON.parse(result.stdout.trim()) };
  });
  const mockStarted = performance.now();
  const mock = spawnSync(
    process.execPath,
    [path.join(REPO, "generator", "bin", "tcsdk-generate.js"), "--mock", "--out", "packages/mock", "--check"],
    {
      cwd: REPO,
      encoding: "utf8",
    },
  );
  if (mock.status !== 0) throw new Error(`mock models: ${mock.stderr}`);
  const mockSeconds = (performance.now() - mockStarted) / 1000;
  return { importSeconds, perService, mockSeconds, totalSeconds: (performance.now() - started) / 1000 };
}

/**
 * What turbo would run after a one-line change to `specs/region/…/IMPORT.md`, from a warm cache: the
 * tasks that miss. The file is restored afterwards.
 */
function turboAfterRegionChange() {
  const turbo = (/** @type {string[]} */ ...args) =>
    spawnSync(process.execPath, [path.join(REPO, "node_modules", "turbo", "bin", "turbo"), ...args], {
      cwd: REPO,
      encoding: "utf8",
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" },
      maxBuffer: 64 * 1024 * 1024,
    });
  const warm = turbo("run", "generate", "build", "--output-logs=none");
  if (warm.status !== 0) throw new Error(`turbo build: ${warm.stderr}`);
  const file = path.join(REPO, "specs", "region", services.find((s) => s.service === "region")?.version ?? "", "IMPORT.md");
  const original = readFileSync(file, "utf8");
  try {
    appendFileSync(file, "\n");
    const dry = turbo("run", "generate", "build", "--dry=json");
    if (dry.status !== 0) throw new Error(`turbo --dry: ${dry.stderr}`);
    const plan = JSON.parse(dry.stdout);
    /** @type {{ taskId: string, command: string, cache: { status: string } }[]} */
    const tasks = plan.tasks.filter((/** @type {{ command: string }} */ task) => task.command !== "<NONEXISTENT>");
    return {
      tasks: tasks.length,
      misses: tasks
        .filter((task) => task.cache.status !== "HIT")
        .map((task) => task.taskId)
        .sort(),
    };
  } finally {
    writeFileSync(file, original);
  }
}

const packages = ["@tcsdk/core", ...services.map(({ service }) => `@tcsdk/${service}`)];
const gen = generation();
const cost = importCost(HERE, packages, rounds);
const turbo = values["skip-turbo"] ? undefined : turboAfterRegionChange();
const core = cost["@tcsdk/core"]?.median ?? NaN;
const vpcExtra = (cost["@tcsdk/vpc"]?.median ?? NaN) - core;
const onlyRegion =
  turbo === undefined
    ? undefined
    : turbo.misses.includes("@tcsdk/region#generate") &&
      turbo.misses.every((task) => /^@tcsdk\/(region|mock|credential-providers)#/.test(task));

/** @type {Array<[string, string, boolean | undefined]>} */
const rows = [
  [
    "environment",
    `Node ${process.version}, ${os.platform()} ${os.arch()}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "?"})`,
    undefined,
  ],
  ["import every model (Tencent's files + overlays → specs)", `${gen.importSeconds.toFixed(1)} s`, undefined],
  ...gen.perService.map(
    (run) =>
      /** @type {[string, string, undefined]} */ ([
        `generate ${run.service} from scratch`,
        `${run.seconds.toFixed(1)} s, ${run.files} files, peak ${(run.maxRssKiB / 1024).toFixed(0)} MiB`,
        undefined,
      ]),
  ),
  ["mock models (every service)", `${gen.mockSeconds.toFixed(1)} s`, undefined],
  ["import + generate all six + mock, target ≤ 60 s", `${gen.totalSeconds.toFixed(1)} s`, gen.totalSeconds <= 60],
  ...packages.map(
    (name) =>
      /** @type {[string, string, undefined]} */ ([
        `import("${name}"), median of ${rounds}`,
        `${(cost[name]?.median ?? NaN).toFixed(1)} ms${name === "@tcsdk/core" ? "" : ` (core + ${((cost[name]?.median ?? NaN) - core).toFixed(1)} ms)`}`,
        undefined,
      ]),
  ),
  ["import vpc − import core, target ≤ 15 ms", `${vpcExtra.toFixed(1)} ms`, vpcExtra <= 15],
];
if (turbo !== undefined) {
  rows.push([
    "after a change to specs/region only, turbo runs (of generate+build)",
    `${turbo.misses.length} of ${turbo.tasks} tasks: ${turbo.misses.join(", ")}`,
    onlyRegion,
  ]);
}

if (values.json) console.log(JSON.stringify({ gen, cost, turbo }, null, 2));
else {
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  for (const [label, value, ok] of rows)
    console.log(`${label.padEnd(width)}${value}${ok === undefined ? "" : ok ? "   ✓" : "   ✗ MISSED"}`);
}
if (rows.some(([, , ok]) => ok === false)) process.exitCode = 1;

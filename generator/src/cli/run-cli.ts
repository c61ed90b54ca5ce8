/**
 * `tcsdk-generate`: `--spec <dir> --out <package dir> [--check]`, `--rules --out <package dir> [--check]`
 * or `--all [--check]`.
 * @packageDocumentation
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { generate, generateModels, generateRuleTable, type ModelsKind, readModelsConfig, readRuleTableConfig } from "../generate.js";
import { findRepoRoot } from "../load/display-path.js";
import { SpecError } from "../load/spec-issue.js";
import { isClean, type OutputDiff } from "../output/sync-output.js";
import { scriptArgs } from "./script-args.js";

/** Where the CLI writes. */
export interface CliIo {
  /** Normal output. */
  readonly out: (line: string) => void;
  /** Errors and differences. */
  readonly err: (line: string) => void;
  /** Working directory (defaults to `process.cwd()`). */
  readonly cwd?: string;
}

const USAGE = `usage:
  tcsdk-generate --spec <spec dir> --out <package dir> [--check]
  tcsdk-generate --rules --out <package dir> [--check]   (the rule table of a package's tcsdk.rules → src/generated/rules.ts)
  tcsdk-generate --mock --out <package dir> [--check]    (a mock package's tcsdk.mock → models/<service>.json for every spec)
  tcsdk-generate --cli --out <package dir> [--check]     (the CLI package's tcsdk.cli → models/<service>.json for its services)
  tcsdk-generate --all [--check]   (every specs/<service>/<version>/ → packages/<service>/, every rule table, mock and CLI model)

--check writes nothing, lists the files that differ from what the specs produce, and exits 1 if any do.`;

/** A spec folder and the package it generates, a package whose rule table comes from a spec, or a mock or CLI package's models. */
interface Target {
  readonly specDir?: string;
  readonly outDir: string;
  readonly models?: ModelsKind;
}

/** Runs the CLI with `args` (without the node and script paths); resolves to the exit code. */
export function runCli(args: readonly string[], io: CliIo): number {
  const cwd = io.cwd ?? process.cwd();
  let values: {
    spec?: string | undefined;
    out?: string | undefined;
    check?: boolean | undefined;
    all?: boolean | undefined;
    rules?: boolean | undefined;
    mock?: boolean | undefined;
    cli?: boolean | undefined;
    help?: boolean | undefined;
  };
  try {
    values = parseArgs({
      args: scriptArgs(args),
      options: {
        spec: { type: "string" },
        out: { type: "string" },
        check: { type: "boolean" },
        all: { type: "boolean" },
        rules: { type: "boolean" },
        mock: { type: "boolean" },
        cli: { type: "boolean" },
        help: { type: "boolean" },
      },
      strict: true,
    }).values;
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help === true) {
    io.out(USAGE);
    return 0;
  }
  let targets: Target[];
  try {
    targets =
      values.all === true
        ? discoverTargets(cwd)
        : values.mock === true || values.cli === true
          ? [{ outDir: path.resolve(cwd, values.out ?? "."), models: values.mock === true ? "mock" : "cli" }]
          : values.rules === true
            ? [{ outDir: path.resolve(cwd, values.out ?? ".") }]
            : [singleTarget(values, cwd)];
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const check = values.check === true;
  let failed = false;
  for (const target of targets) {
    const label = path.relative(cwd, target.outDir) || ".";
    try {
      const { specDir, outDir } = target;
      const { files, diff } =
        target.models !== undefined
          ? generateModels({ outDir, kind: target.models, check })
          : specDir === undefined
            ? generateRuleTable({ outDir, check })
            : generate({ specDir, outDir, check });
      if (check) {
        if (isClean(diff)) io.out(`${label}: up to date (${files.length} files)`);
        else {
          failed = true;
          io.err(`${label}: generated code differs from the specs; run \`pnpm generate\` and commit:`);
          for (const line of describe(diff)) io.err(`  ${line}`);
        }
      } else {
        const written = diff.changed.length + diff.missing.length;
        io.out(`${label}: ${files.length} files, ${written} written, ${diff.stale.length} stale removed`);
        for (const file of diff.stale) io.out(`  removed stale ${file}`);
      }
    } catch (error) {
      failed = true;
      io.err(error instanceof SpecError ? error.message : `${label}: ${(error as Error).stack ?? String(error)}`);
    }
  }
  return failed ? 1 : 0;
}

function describe(diff: OutputDiff): string[] {
  return [
    ...diff.changed.map((file) => `changed: ${file}`),
    ...diff.missing.map((file) => `missing: ${file}`),
    ...diff.stale.map((file) => `stale: ${file}`),
  ];
}

function singleTarget(values: { spec?: string | undefined; out?: string | undefined }, cwd: string): Target {
  if (values.spec === undefined || values.out === undefined) throw new Error("--spec and --out are required (or use --all)");
  return { specDir: path.resolve(cwd, values.spec), outDir: path.resolve(cwd, values.out) };
}

/** Every `specs/<service>/<version>/service.json` of the repository, paired with `packages/<service>/`; then every package with a rule table. */
function discoverTargets(cwd: string): Target[] {
  const root = findRepoRoot(cwd);
  if (root === undefined) throw new Error(`--all: no pnpm-workspace.yaml above ${cwd}`);
  const specs = path.join(root, "specs");
  const targets: Target[] = [];
  for (const service of existsSync(specs) ? readdirSync(specs).sort() : []) {
    if (service === "schema") continue;
    const versions = readdirSync(path.join(specs, service)).filter((version) =>
      existsSync(path.join(specs, service, version, "service.json")),
    );
    if (versions.length > 1) throw new Error(`specs/${service}: ${versions.length} versions; one package per service holds one version`);
    for (const version of versions) {
      const specDir = path.join(specs, service, version);
      const declared = JSON.parse(readFileSync(path.join(specDir, "service.json"), "utf8")) as { service?: unknown; version?: unknown };
      if (declared.service !== service || declared.version !== version) {
        throw new Error(
          `specs/${service}/${version}/service.json declares ${String(declared.service)} ${String(declared.version)}: the folder names must match`,
        );
      }
      targets.push({ specDir, outDir: path.join(root, "packages", service) });
    }
  }
  if (targets.length === 0) throw new Error(`--all: no spec found under ${specs}`);
  const packages = path.join(root, "packages");
  for (const name of existsSync(packages) ? readdirSync(packages).sort() : []) {
    const outDir = path.join(packages, name);
    if (!existsSync(path.join(outDir, "package.json"))) continue;
    if (readRuleTableConfig(outDir) !== undefined) targets.push({ outDir });
    for (const kind of ["mock", "cli"] as const) if (readModelsConfig(outDir, kind) !== undefined) targets.push({ outDir, models: kind });
  }
  return targets;
}

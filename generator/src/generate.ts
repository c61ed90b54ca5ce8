/**
 * One generation run: load and check the spec, build the model, emit the package, then write it or
 * (in check mode) only compare it with what is on disk.
 * @packageDocumentation
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { CLI_MODELS_DIR, emitCliModel } from "./emit/emit-cli-model.js";
import { emitMockModel, MOCK_MODELS_DIR } from "./emit/emit-mock-model.js";
import { emitPackage } from "./emit/emit-package.js";
import { emitRuleTable } from "./emit/emit-rule-table.js";
import { headerLine, type GeneratedFile } from "./emit/generated-file.js";
import { createPrintProject } from "./emit/ts-file.js";
import { loadSpec } from "./load/load-spec.js";
import type { PackageIdentity } from "./model/build-model.js";
import type { Service } from "./model/types.js";
import { formatFiles } from "./output/format-files.js";
import { diffOutput, writeOutput, type OutputDiff } from "./output/sync-output.js";

/** Options of {@link generate}. */
export interface GenerateOptions {
  /** The spec folder, e.g. `specs/cls/2020-10-16`. */
  readonly specDir: string;
  /** The package folder, holding the `package.json` that names the package. */
  readonly outDir: string;
  /** Compare only; write nothing. */
  readonly check?: boolean;
  /** Folder of the spec format's schemas; defaults to this repository's `specs/schema/`. */
  readonly schemaDir?: string;
  /** Biome configuration whose formatting the output follows; defaults to this repository's `biome.json`. */
  readonly formatConfig?: string;
}

/** What a run produced and how the package folder differed from it (before writing). */
export interface GenerateResult {
  /** Every generated file. */
  readonly files: readonly GeneratedFile[];
  /** Differences found; in write mode, what was written or removed. */
  readonly diff: OutputDiff;
}

/** Generates the package for `specDir` into `outDir` (or compares, with `check`). Throws `SpecError` on a broken spec. */
export function generate(options: GenerateOptions): GenerateResult {
  const files = generateFiles(options.specDir, options.outDir, options.schemaDir, options.formatConfig);
  const diff = options.check === true ? diffOutput(options.outDir, files) : writeOutput(options.outDir, files);
  return { files, diff };
}

/** The files the spec produces for the package in `outDir`, formatted, without touching the package folder. */
export function generateFiles(specDir: string, outDir: string, schemaDir?: string, formatConfig?: string): GeneratedFile[] {
  const service = loadSpec(specDir, { pkg: readPackageIdentity(outDir), ...(schemaDir === undefined ? {} : { schemaDir }) });
  return formatFiles(emitPackage(service), formatConfig);
}

/** What a package that serves actions (the emulator) takes from a spec: its `package.json` `tcsdk.rules`. */
export interface RuleTableConfig {
  /** The spec folder, relative to the package. */
  readonly spec: string;
  /** The actions whose rules it needs. */
  readonly actions: readonly string[];
}

/**
 * Generates `src/generated/rules.ts` of the package in `outDir` from its `tcsdk.rules` (or compares,
 * with `check`): the rule table a server checks requests with.
 */
export function generateRuleTable(options: {
  readonly outDir: string;
  readonly check?: boolean;
  readonly formatConfig?: string;
}): GenerateResult {
  const config = readRuleTableConfig(options.outDir);
  if (config === undefined) throw new Error(`${path.join(options.outDir, "package.json")}: no tcsdk.rules ({ spec, actions })`);
  const service = loadSpec(path.resolve(options.outDir, config.spec), { pkg: readPackageIdentity(options.outDir) });
  const files = formatFiles(
    [emitRuleTable(service, config.actions).render(createPrintProject(), headerLine(service))],
    options.formatConfig,
  );
  const diff = options.check === true ? diffOutput(options.outDir, files) : writeOutput(options.outDir, files);
  return { files, diff };
}

/** The kinds of package that hold one model per service, written from the specs: the mock server's and the CLI's. */
export type ModelsKind = "mock" | "cli";

const MODEL_EMITTERS: Readonly<Record<ModelsKind, { readonly dir: string; readonly emit: (service: Service) => GeneratedFile }>> = {
  mock: { dir: MOCK_MODELS_DIR, emit: emitMockModel },
  cli: { dir: CLI_MODELS_DIR, emit: emitCliModel },
};

/** What a models package takes from the specs: its `package.json` `tcsdk.mock` or `tcsdk.cli`. */
export interface ModelsConfig {
  /** The folder holding `<service>/<version>/` spec folders, relative to the package. */
  readonly specs: string;
  /** Only these services (folder names under `specs`); every one when absent. */
  readonly services?: readonly string[];
}

/**
 * Generates `models/<service>.json` of the mock or CLI package in `outDir`, one per spec folder under
 * its `tcsdk.<kind>.specs` (or compares, with `check`). Each service is named as its package in
 * `packages/<service>/package.json` beside the models package, when there is one.
 */
export function generateModels(options: { readonly outDir: string; readonly kind: ModelsKind; readonly check?: boolean }): GenerateResult {
  const { kind, outDir } = options;
  const config = readModelsConfig(outDir, kind);
  if (config === undefined) throw new Error(`${path.join(outDir, "package.json")}: no tcsdk.${kind} ({ specs })`);
  const specsDir = path.resolve(outDir, config.specs);
  const services = readdirSync(specsDir)
    .sort()
    .filter((service) => config.services === undefined || config.services.includes(service));
  const files: GeneratedFile[] = [];
  for (const service of services) {
    for (const version of readdirSync(path.join(specsDir, service)).sort()) {
      const specDir = path.join(specsDir, service, version);
      if (!existsSync(path.join(specDir, "service.json"))) continue;
      const packageDir = path.resolve(outDir, "..", service);
      const pkg = existsSync(path.join(packageDir, "package.json"))
        ? readPackageIdentity(packageDir)
        : { name: `@tcsdk/${service}`, version: "0.0.0" };
      files.push(MODEL_EMITTERS[kind].emit(loadSpec(specDir, { pkg })));
    }
  }
  const dirs = [MODEL_EMITTERS[kind].dir];
  const diff = options.check === true ? diffOutput(outDir, files, dirs) : writeOutput(outDir, files, dirs);
  return { files, diff };
}

/** The `tcsdk.<kind>` of `<dir>/package.json`, when it has one. */
export function readModelsConfig(dir: string, kind: ModelsKind): ModelsConfig | undefined {
  const file = path.join(dir, "package.json");
  const pkg = JSON.parse(readFileSync(file, "utf8")) as { tcsdk?: Partial<Record<ModelsKind, Partial<ModelsConfig>>> };
  const config = pkg.tcsdk?.[kind];
  if (config === undefined) return undefined;
  if (typeof config.specs !== "string") throw new Error(`${file}: tcsdk.${kind} needs "specs" (a folder)`);
  if (config.services !== undefined && !(Array.isArray(config.services) && config.services.every((name) => typeof name === "string"))) {
    throw new Error(`${file}: tcsdk.${kind}.services must list service folder names`);
  }
  return { specs: config.specs, ...(config.services === undefined ? {} : { services: config.services }) };
}

/** The `tcsdk.rules` of `<dir>/package.json`, when it has one. */
export function readRuleTableConfig(dir: string): RuleTableConfig | undefined {
  const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { tcsdk?: { rules?: Partial<RuleTableConfig> } };
  const rules = pkg.tcsdk?.rules;
  if (rules === undefined) return undefined;
  if (typeof rules.spec !== "string" || !Array.isArray(rules.actions) || rules.actions.some((action) => typeof action !== "string")) {
    throw new Error(`${path.join(dir, "package.json")}: tcsdk.rules needs "spec" (a folder) and "actions" (names)`);
  }
  return { spec: rules.spec, actions: rules.actions };
}

/** Reads `name` and `version` from `<dir>/package.json`, and `<dir>/src/lib/README.md` when there is one. */
export function readPackageIdentity(dir: string): PackageIdentity {
  const file = path.join(dir, "package.json");
  if (!existsSync(file)) throw new Error(`${file}: missing; the output folder must be a package`);
  const pkg = JSON.parse(readFileSync(file, "utf8")) as Partial<PackageIdentity>;
  if (typeof pkg.name !== "string" || typeof pkg.version !== "string") throw new Error(`${file}: needs a name and a version`);
  const libReadme = path.join(dir, "src", "lib", "README.md");
  return {
    name: pkg.name,
    version: pkg.version,
    ...(existsSync(libReadme) ? { libReadme: readFileSync(libReadme, "utf8").replaceAll("\r\n", "\n").trimEnd() } : {}),
  };
}

/**
 * `tcsdk-import`: `<service>… [--check]` or `--all [--check]` — imports Tencent's model with our
 * overlays into `specs/<service>/<version>/`.
 * @packageDocumentation
 */
import { parseArgs } from "node:util";
import { importableServices, importModel } from "../import/import-model.js";
import { findRepoRoot } from "../load/display-path.js";
import { SpecError } from "../load/spec-issue.js";
import { isClean, type OutputDiff } from "../output/sync-output.js";
import type { CliIo } from "./run-cli.js";
import { scriptArgs } from "./script-args.js";

const USAGE = `usage:
  tcsdk-import <service>… [--version <yyyy-mm-dd>] [--check]
  tcsdk-import --all [--check]   (every service with overlays in specs/overlays/)

Reads specs/upstream/tencentcloud-api/<service>-<version>.*.json and specs/overlays/<service>/<version>/,
writes specs/<service>/<version>/. --check writes nothing, lists the files that differ, and exits 1 if any do.`;

/** Runs the import CLI with `args`; returns the exit code. */
export function runImport(args: readonly string[], io: CliIo): number {
  let parsed: {
    values: { all?: boolean | undefined; check?: boolean | undefined; version?: string | undefined; help?: boolean | undefined };
    positionals: string[];
  };
  try {
    parsed = parseArgs({
      args: scriptArgs(args),
      options: { all: { type: "boolean" }, check: { type: "boolean" }, version: { type: "string" }, help: { type: "boolean" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    io.out(USAGE);
    return 0;
  }
  const root = findRepoRoot(io.cwd ?? process.cwd());
  if (root === undefined) {
    io.err(`no pnpm-workspace.yaml above ${io.cwd ?? process.cwd()}\n${USAGE}`);
    return 2;
  }
  const services = values.all === true ? importableServices(root) : positionals;
  if (services.length === 0 || (values.all === true && positionals.length > 0) || (values.version !== undefined && services.length !== 1)) {
    io.err(USAGE);
    return 2;
  }
  let failed = false;
  for (const service of services) {
    try {
      const result = importModel({
        root,
        service,
        check: values.check === true,
        ...(values.version === undefined ? {} : { version: values.version }),
      });
      const label = result.specDir;
      const examples = `examples: ${result.examples.converted} converted, ${result.examples.skipped} skipped (see ${label}/IMPORT.md)`;
      if (values.check === true) {
        if (isClean(result.diff)) io.out(`${label}: up to date (${result.files.length} files; ${examples})`);
        else {
          failed = true;
          io.err(`${label}: the imported spec differs from the model and overlays; run \`pnpm import-model ${service}\` and commit:`);
          for (const line of describe(result.diff)) io.err(`  ${line}`);
        }
      } else {
        const written = result.diff.changed.length + result.diff.missing.length;
        io.out(`${label}: ${result.files.length} files, ${written} written, ${result.diff.stale.length} stale removed; ${examples}`);
        for (const file of result.diff.stale) io.out(`  removed stale ${file}`);
      }
    } catch (error) {
      failed = true;
      io.err(error instanceof SpecError ? error.message : `${service}: ${(error as Error).stack ?? String(error)}`);
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

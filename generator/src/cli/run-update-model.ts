/**
 * `tcsdk-update-model <service> <api.json> [examples.json] [errors.json] [--cn <api.json>] [--source <text>]`:
 * a newer model from Tencent in, the spec re-imported, packages regenerated, the API diff printed and
 * the changesets written (see `update/update-model.ts`).
 * @packageDocumentation
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { textReport } from "../diff/report.js";
import { findRepoRoot } from "../load/display-path.js";
import { SpecError } from "../load/spec-issue.js";
import { updateModel } from "../update/update-model.js";
import { runCli, type CliIo } from "./run-cli.js";
import { scriptArgs } from "./script-args.js";

const USAGE = `usage: tcsdk-update-model <service> <api.json> [examples.json] [errors.json] [--cn <China api.json>]
                          [--source <repository @ commit>] [--report <file.md>] [--no-changesets]

Tencent's files are recognised by content (the first model is the international site's). They replace
specs/upstream/tencentcloud-api/<service>-<version>.*.json (README row and hash updated); the model is
imported with the overlays (an overlay that no longer applies stops everything, at its file#pointer,
and the old files are put back); every package is regenerated; the API diff is printed (and written
to --report) and a changeset is written for the package, with the bump the diff computed.`;

/** Runs the command with `args`; returns the exit code (1: the update failed, 2: usage). */
export function runUpdateModel(args: readonly string[], io: CliIo): number {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    io.out(USAGE);
    return 0;
  }
  const cwd = io.cwd ?? process.cwd();
  const root = findRepoRoot(cwd);
  const [service, ...files] = positionals;
  if (root === undefined || service === undefined || files.length === 0 || files.length > 3) {
    io.err(root === undefined ? `no pnpm-workspace.yaml above ${cwd}` : USAGE);
    return 2;
  }
  try {
    const result = updateModel({
      root,
      service,
      files: files.map((file) => path.resolve(cwd, file)),
      ...(values.cn === undefined ? {} : { china: path.resolve(cwd, values.cn) }),
      ...(values.source === undefined ? {} : { source: values.source }),
      regenerate: () => runCli(["--all"], { ...io, cwd: root }) === 0,
      changesets: values["no-changesets"] !== true,
    });
    for (const file of result.copied) io.out(`copied ${file}`);
    const report = textReport([result.diff]);
    io.out(report.trimEnd());
    if (values.report !== undefined) writeFileSync(path.resolve(cwd, values.report), report);
    for (const file of result.changesets) io.out(`wrote ${file}: read it, then commit it with the model, the spec and the generated code`);
    return 0;
  } catch (error) {
    io.err(error instanceof SpecError ? error.message : (error as Error).message);
    return 1;
  }
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: scriptArgs(args),
    options: {
      cn: { type: "string" },
      source: { type: "string" },
      report: { type: "string" },
      "no-changesets": { type: "boolean" },
      help: { type: "boolean" },
    },
    allowPositionals: true,
    strict: true,
  });
}

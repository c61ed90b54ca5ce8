/**
 * `tcsdk-new-service <service> <version>`: creates a service's spec and package from Tencent's model
 * files (see `scaffold/new-service.ts`).
 * @packageDocumentation
 */
import { parseArgs } from "node:util";
import { findRepoRoot } from "../load/display-path.js";
import { SpecError } from "../load/spec-issue.js";
import { newService } from "../scaffold/new-service.js";
import type { CliIo } from "./run-cli.js";
import { scriptArgs } from "./script-args.js";

const USAGE = `usage: tcsdk-new-service <service> <version>      e.g. tcsdk-new-service cvm 2017-03-12

Needs Tencent's files in specs/upstream/tencentcloud-api/ (<service>-<version>.intl-en.api.json,
.intl-en.examples.json, .cn.api.json, .errors.json). Writes the service overlay, the imported spec
specs/<service>/<version>/, the package packages/<service>/ with its generated code, and the turbo
wiring; files that exist are left as they are. Then run \`pnpm install\` and \`pnpm build\`.`;

/** Runs the command with `args`; returns the exit code. */
export function runNewService(args: readonly string[], io: CliIo): number {
  let positionals: string[];
  try {
    const parsed = parseArgs({ args: scriptArgs(args), options: { help: { type: "boolean" } }, allowPositionals: true, strict: true });
    if (parsed.values.help === true) {
      io.out(USAGE);
      return 0;
    }
    positionals = parsed.positionals;
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const [service, version] = positionals;
  if (service === undefined || version === undefined || positionals.length !== 2) {
    io.err(USAGE);
    return 2;
  }
  const root = findRepoRoot(io.cwd ?? process.cwd());
  if (root === undefined) {
    io.err(`no pnpm-workspace.yaml above ${io.cwd ?? process.cwd()}`);
    return 2;
  }
  try {
    const result = newService(root, service, version);
    io.out(`@tcsdk/${service}: ${result.written.length} files written, ${result.kept.length} existing files left as they were`);
    for (const file of result.kept) io.out(`  kept ${file}`);
    io.out("next: `pnpm install` (links the new package), then `pnpm build`");
    return 0;
  } catch (error) {
    io.err(error instanceof SpecError ? error.message : (error as Error).message);
    return 1;
  }
}

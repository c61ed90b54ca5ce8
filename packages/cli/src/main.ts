/**
 * `tcsdk`: the program. Global flags (region, profile, endpoint, timeouts) come before or after the
 * command; `tcsdk <service> <Action>` calls any action; `tcsdk cls export` exports logs to a file.
 * @packageDocumentation
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import { actionNamed, addActionCommands } from "./action-command.js";
import type { CliContext } from "./context.js";
import { ExitCode } from "./exit-codes.js";
import { failureOf } from "./exit-status.js";
import { addExportCommand } from "./export-command.js";
import { jsonText } from "./json-text.js";
import { SERVICES, serviceModel } from "./service-model.js";

/** Options of {@link runCli} that tests set. */
export interface RunOptions {
  /** The time, for `--last` and `now`. @defaultValue `Date.now` */
  readonly clock?: () => number;
}

/** Runs `tcsdk` with `args` (without the node and script paths); resolves to the exit code. */
export async function runCli(args: readonly string[], context: CliContext, options: RunOptions = {}): Promise<ExitCode> {
  const words = withActionNames(args);
  const program = buildProgram(words, context, options);
  try {
    await program.parseAsync(words, { from: "user" });
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    const failure = failureOf(error);
    const json = args.includes("--json");
    context.stderr.write(json ? `${jsonText(failure.json)}\n` : `tcsdk: ${failure.message}\n`);
    return failure.exitCode;
  }
}

/** `args` with a kebab-case action (`tcsdk cls create-export`) written as the API names it (`CreateExport`). */
function withActionNames(args: readonly string[]): string[] {
  const words = [...args];
  const at = words.findIndex((word) => SERVICES.includes(word));
  const next = words[at + 1];
  if (at >= 0 && next !== undefined) words[at + 1] = actionNamed(serviceModel(words[at] as string), next);
  return words;
}

function buildProgram(args: readonly string[], context: CliContext, options: RunOptions): Command {
  const program = new Command("tcsdk")
    .description("Tencent Cloud API 3.0 from the command line: typed, validated by the spec, retried safely.")
    .version(packageVersion(), "-V, --version")
    .option("--region <region>", "region, e.g. ap-guangzhou (default: TENCENTCLOUD_REGION, else the profile's region)")
    .option("--profile <name>", "credentials (and region) from this profile of ~/.tencentcloud/credentials")
    .option("--endpoint-url <url>", "send to this endpoint, e.g. http://127.0.0.1:4566 for a local emulator")
    .addOption(new Option("--site <site>", "which hosts to use without --endpoint-url").choices(["china", "international", "regional"]))
    .option("--timeout-ms <ms>", "timeout of each attempt")
    .option("--max-attempts <n>", "attempts per call, retries included")
    .option("--allow-unknown-region", "send a region this version of tcsdk does not list")
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.stdout.write(text),
      writeErr: (text) => context.stderr.write(text),
    });
  for (const name of SERVICES) {
    const service = serviceModel(name);
    const command = program
      .command(name)
      .summary(`${service.title} (API ${service.version}): ${Object.keys(service.actions).length} actions`)
      .description(`${service.title}, API version ${service.version}: every action as a command, and workflows such as export.`);
    if (name === "cls") addExportCommand(command, context, options.clock);
    addActionCommands(command, service, args[args.indexOf(name) + 1], context);
  }
  return program;
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;
}

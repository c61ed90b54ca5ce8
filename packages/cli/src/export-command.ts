/**
 * `tcsdk cls export`: from query to file in one command, with `exportLogs` of `@tcsdk/cls` (create the
 * task, wait for it, download and gunzip it, resume a broken download), a progress bar on a terminal,
 * and, when it fails after the task exists, the task's id and how to resume with `--resume`.
 * @packageDocumentation
 */
import { type ClsClient, exportLogs, type ExportLogsResult } from "@tcsdk/cls";
import { type Command, Option } from "commander";
import { clientOptions, type GlobalFlags, makeClient, positiveInteger } from "./client-setup.js";
import type { CliContext } from "./context.js";
import { type ProgressMode, progressDisplay } from "./export-progress.js";
import { jsonText } from "./json-text.js";
import { serviceModel } from "./service-model.js";
import { parseDuration, timeRange } from "./time-range.js";
import { UsageError } from "./usage-error.js";

/** The most logs one export task may hold (CreateExport's `Count`). */
export const MAX_EXPORT_COUNT = 50_000_000;

/** The flags of `tcsdk cls export`. */
interface ExportFlags {
  readonly topic: string;
  readonly query: string;
  readonly out: string;
  readonly last?: string;
  readonly from?: string;
  readonly to?: string;
  readonly count: string;
  readonly format?: "json" | "csv";
  readonly order?: "asc" | "desc";
  readonly syntaxRule?: string;
  readonly resume?: string;
  readonly maxWait?: string;
  readonly decompress: boolean;
  readonly deleteAfterDownload?: boolean;
  readonly quiet?: boolean;
  readonly json?: boolean;
}

/** Adds `export` to the `cls` command. */
export function addExportCommand(cls: Command, context: CliContext, clock: () => number = Date.now): void {
  cls
    .command("export")
    .summary("export the logs a query finds to a file, with a progress bar")
    .description(
      "Exports the logs of a topic that a query finds to a file: creates an export task (CreateExport), waits for it (DescribeExports), then downloads and decompresses it. A progress bar shows on a terminal; plain lines otherwise.",
    )
    .requiredOption("--topic <id>", "the topic to export from (TopicId)")
    .requiredOption("--query <query>", "the search statement, without an SQL part (Query), e.g. 'status:500'")
    .requiredOption("--out <file>", "the file to write (NDJSON or CSV; written to <file>.partial, renamed when complete)")
    .option("--last <duration>", "the time range ending now: 15m, 1h, 1h30m, 7d")
    .option("--from <time>", "start: ISO 8601 with its zone (2026-11-29T10:00:00Z), Unix milliseconds, or now")
    .option("--to <time>", "end, as --from (default: now)")
    .option("--count <n>", `the most logs to export, at most ${MAX_EXPORT_COUNT} (Count)`, String(MAX_EXPORT_COUNT))
    .addOption(new Option("--format <format>", "file format (Format)").choices(["json", "csv"]))
    .addOption(new Option("--order <order>", "order by time (Order)").choices(["asc", "desc"]))
    .addOption(new Option("--syntax-rule <rule>", "query syntax: 0 Lucene, 1 CQL (SyntaxRule)").choices(["0", "1"]))
    .option("--resume <exportId>", "carry on with an export task an earlier run created (its id is printed when it fails)")
    .option("--max-wait <duration>", "how long to wait for the task to complete, e.g. 30m (default 1h)")
    .option("--no-decompress", "write the file exactly as served (gzip)")
    .option("--delete-after-download", "delete the export task once its file is downloaded")
    .option("--quiet", "no progress output")
    .option("--json", "print the result (or the error) as JSON; no progress output")
    .addHelpText(
      "after",
      "\nExamples:\n  tcsdk cls export --region ap-guangzhou --topic <id> --query 'status:500' --last 1h --out errors.ndjson\n  tcsdk cls export --topic <id> --query '*' --from 2026-11-29T10:00:00Z --to 2026-11-29T11:00:00Z --format csv --out day.csv",
    )
    .action(async (flags: ExportFlags, self: Command) => {
      const range = timeRange(flags, clock());
      const request = {
        TopicId: flags.topic,
        Query: flags.query,
        From: range.from,
        To: range.to,
        Count: positiveInteger("--count", flags.count),
        ...(flags.format === undefined ? {} : { Format: flags.format }),
        ...(flags.order === undefined ? {} : { Order: flags.order }),
        ...(flags.syntaxRule === undefined ? {} : { SyntaxRule: Number(flags.syntaxRule) as 0 | 1 }),
      };
      const service = serviceModel("cls");
      const client = (await makeClient(
        service,
        await clientOptions(self.optsWithGlobals<GlobalFlags>(), service, context.env),
      )) as unknown as ClsClient;
      const display = progressDisplay(progressMode(flags, context), context.stderr, clock);
      let result: ExportLogsResult;
      try {
        result = await exportLogs(client, request, {
          destination: flags.out,
          decompress: flags.decompress,
          onProgress: display.update,
          ...(flags.deleteAfterDownload === true ? { deleteAfterDownload: true } : {}),
          ...(flags.resume === undefined ? {} : { resumeExportId: flags.resume }),
          ...(flags.maxWait === undefined ? {} : { maxWaitMs: parseDuration("--max-wait", flags.maxWait) }),
          ...(context.signal === undefined ? {} : { signal: context.signal }),
        });
      } catch (error) {
        display.close();
        throw withResumeHint(error);
      }
      display.close();
      const { CosPath: _link, ...task } = result.task;
      if (flags.json === true) context.stdout.write(`${jsonText({ destination: flags.out, ...result, task })}\n`);
      else if (flags.quiet !== true) {
        context.stdout.write(`${flags.out}: ${result.bytesWritten} bytes from export task ${result.exportId}\n`);
      }
    });
}

function progressMode(flags: ExportFlags, context: CliContext): ProgressMode {
  if (flags.quiet === true || flags.json === true) return "none";
  return context.stderr.isTTY === true ? "bar" : "lines";
}

/** An error after the task exists says how to carry on from the command line, not only from the SDK. */
function withResumeHint(error: unknown): unknown {
  const exportId = (error as { exportId?: unknown } | undefined)?.exportId;
  if (!(error instanceof Error) || typeof exportId !== "string") return error;
  if (error instanceof UsageError) return error;
  error.message = `${error.message}\nTo carry on: run the same command with --resume ${exportId}; to delete the task: tcsdk cls DeleteExport --export-id ${exportId}`;
  return error;
}

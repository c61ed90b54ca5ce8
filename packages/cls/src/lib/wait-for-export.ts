import { TcTimeoutError, sleep, type CallOptions } from "@tcsdk/core";
import type { ClsClient, ExportInfo } from "../generated/index.js";
import { ExportTaskError } from "./export-errors.js";
import { findExport } from "./paginate-exports.js";

/** Options of {@link waitForExport}. */
export interface WaitForExportOptions extends CallOptions {
  /** Gives up with a {@link TcTimeoutError} after this long. @defaultValue 1 800 000 (30 minutes) */
  readonly maxWaitMs?: number;
  /** First pause between two polls. @defaultValue 1000 */
  readonly minDelayMs?: number;
  /** Longest pause between two polls; pauses grow by half each poll up to it. @defaultValue 15 000 */
  readonly maxDelayMs?: number;
  /** Called with the task each time its status changes (and on the first poll). */
  readonly onStatus?: (task: ExportInfo) => void;
}

/**
 * Polls DescribeExports until the export task is `Completed` and returns it (its `CosPath` is then
 * a download link valid for one hour). Pauses grow from `minDelayMs` by half each poll up to
 * `maxDelayMs`, with ±20 % jitter so that many waiters do not poll in step.
 *
 * @throws {@link ExportTaskError} when the task is `Failed`, `Expired` or gone.
 * @throws {@link TcTimeoutError} when `maxWaitMs` passes first.
 * @throws `TcAbortError` when `signal` fires, also during a pause.
 */
export async function waitForExport(
  client: ClsClient,
  task: { readonly TopicId: string; readonly ExportId: string },
  options: WaitForExportOptions = {},
): Promise<ExportInfo> {
  const { maxWaitMs = 1_800_000, minDelayMs = 1000, maxDelayMs = 15_000, onStatus, ...callOptions } = options;
  // One signal for the whole wait: the caller's, or the end of maxWaitMs, whichever comes first. It
  // also cuts a poll in flight, whatever deadline that call has of its own.
  const limit = new AbortController();
  const timer = setTimeout(() => limit.abort(), maxWaitMs);
  const signal = callOptions.signal === undefined ? limit.signal : AbortSignal.any([callOptions.signal, limit.signal]);
  const pollOptions = { ...callOptions, signal };
  let delay = minDelayMs;
  let lastStatus: string | undefined;
  try {
    for (;;) {
      const info = await findExport(client, task.TopicId, task.ExportId, pollOptions);
      if (info === undefined) throw new ExportTaskError(task.TopicId, task.ExportId, "NotFound");
      if (info.Status !== lastStatus) {
        lastStatus = info.Status;
        onStatus?.(info);
      }
      if (info.Status === "Completed") return info;
      if (info.Status === "Failed" || info.Status === "Expired") {
        throw new ExportTaskError(task.TopicId, task.ExportId, info.Status);
      }
      await sleep(delay * (0.8 + Math.random() * 0.4), signal);
      delay = Math.min(delay * 1.5, maxDelayMs);
    }
  } catch (error) {
    if (limit.signal.aborted && callOptions.signal?.aborted !== true) {
      throw new TcTimeoutError("deadline", maxWaitMs, { service: "cls", action: "DescribeExports", option: "maxWaitMs", cause: error });
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

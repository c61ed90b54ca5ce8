/**
 * Turns a stored task into the API's `ExportInfo`, deriving `Expired` from the clock.
 * @packageDocumentation
 */
import { formatChinaTime } from "../clock.js";
import type { ExportTask } from "../store/export-store.js";
import type { ActionContext } from "./context.js";

/** Tasks expire this long after creation. */
export const EXPORT_TTL_MS = 3 * 24 * 60 * 60 * 1000;

/** A task's status as the API reports it. */
export type ExportStatus = ExportTask["status"] | "Expired";

/** Whether a task is three days old or more at `now`. */
export function isExpired(task: ExportTask, now: number): boolean {
  return now - task.createTime >= EXPORT_TTL_MS;
}

/** The status the API reports at `now`. */
export function exportStatus(task: ExportTask, now: number): ExportStatus {
  return isExpired(task, now) ? "Expired" : task.status;
}

/**
 * The `ExportInfo` object. `CosPath` is a fresh one-hour link for `Completed` tasks and `""`
 * otherwise; `CreateTime` is China Standard Time (UTC+08:00); `CreateTimestamp` is ms. `From`/`To`
 * beyond 2^53 − 1 are `bigint`s (written as exact digits).
 */
export function exportInfo(task: ExportTask, context: ActionContext): Record<string, unknown> {
  const status = exportStatus(task, context.clock());
  return {
    TopicId: task.TopicId,
    ExportId: task.ExportId,
    Query: task.Query,
    FileName: task.fileName,
    FileSize: status === "Completed" ? task.fileSize : 0,
    Order: task.Order,
    Format: task.Format,
    Count: task.Count,
    Status: status,
    From: task.exactFrom === undefined ? task.From : BigInt(task.exactFrom),
    To: task.exactTo === undefined ? task.To : BigInt(task.exactTo),
    CosPath: status === "Completed" ? context.links.url(context.publicUrl(), task.ExportId, task.fileName) : "",
    CreateTime: formatChinaTime(task.createTime),
    CreateTimestamp: task.createTime,
    SyntaxRule: task.SyntaxRule,
    ...(task.DerivedFields ? { DerivedFields: task.DerivedFields } : {}),
  };
}

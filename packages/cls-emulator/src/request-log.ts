/**
 * The line `--verbose` prints for each API request.
 * @packageDocumentation
 */
import type { RequestLogEntry } from "./options.js";

/**
 * One line per request: action, status, outcome and duration, e.g.
 * `CreateExport 200 OK 3 ms`, `DeleteExport 200 ResourceNotFound.ExportNotExist 1 ms`,
 * `CreateExport reset (after OK) 2 ms`.
 */
export function formatRequestLog(entry: RequestLogEntry): string {
  const outcome = entry.errorCode ?? "OK";
  const result = entry.reset ? `reset (after ${outcome})` : `${entry.status} ${outcome}`;
  return `${entry.action || "-"} ${result} ${Math.round(entry.durationMs)} ms`;
}

/**
 * Handwritten workflow around the generated CLS client: waiting for an export task, listing tasks
 * page by page, and one call from query to file.
 * @packageDocumentation
 */
export { ExportTaskError, type ExportTaskFailure } from "./export-errors.js";
export {
  downloadExport,
  exportIdOf,
  exportLogs,
  type DownloadExportOptions,
  type ExportLogsOptions,
  type ExportLogsResult,
  type ExportProgress,
} from "./export-logs.js";
export { findExport, paginateExports, type PaginateExportsInput } from "./paginate-exports.js";
export { waitForExport, type WaitForExportOptions } from "./wait-for-export.js";

/**
 * `@tcsdk/cls-emulator`: a local server speaking Tencent Cloud API 3.0 for the CLS export actions
 * (CreateExport, DescribeExports, DeleteExport), with TC3 and v1 signature checks, rate limits, asynchronous
 * exports served at expiring download links, and an admin API to create topics and load logs.
 * Community project, not an official Tencent product.
 *
 * @packageDocumentation
 */
export { startEmulator, type Emulator, type LogSource } from "./server.js";
export { DEFAULT_KEYS, type EmulatorKey, type EmulatorOptions, type RequestLogEntry } from "./options.js";
export { formatRequestLog } from "./request-log.js";
export { systemClock, type Clock } from "./clock.js";
export type { ExportDelays } from "./export/runner.js";
export type { TopicSummary } from "./admin.js";
export type { CreateTopicInput, TopicStatus } from "./store/topic-store.js";
export type { ApiErrorCode } from "./api-error.js";
export { EXPORT_TTL_MS } from "./actions/export-info.js";
export { LINK_TTL_SECONDS } from "./cos.js";
export { MAX_CLOCK_SKEW_SECONDS } from "./auth.js";
export { buildQuery, parseQuery, QuerySyntaxError, type CompiledQuery, type QueryNode, type SyntaxRule } from "./query/index.js";

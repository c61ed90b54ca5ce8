/**
 * CreateExport: validates the request, checks the topic, stores a `Queuing` task and schedules it.
 * @packageDocumentation
 */
import { randomUUID } from "node:crypto";
import { ApiError } from "../api-error.js";
import { formatChinaDay } from "../clock.js";
import { parseQuery, QuerySyntaxError } from "../query/index.js";
import type { ExportRequest } from "../store/export-store.js";
import type { ActionHandler, ParameterKinds } from "./context.js";
import { exportStatus } from "./export-info.js";
import { INT64_MAX, invalid, Params } from "./params.js";

/** The documented maximum of `Count`. */
export const MAX_EXPORT_COUNT = 50_000_000;

/** CreateExport's parameters (API-FACTS §5). */
export const CREATE_EXPORT_PARAMETERS: ParameterKinds = {
  TopicId: "string",
  Count: "integer",
  Query: "string",
  From: "integer",
  To: "integer",
  Order: "string",
  Format: "string",
  SyntaxRule: "integer",
  DerivedFields: "string-list",
};
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Reads and checks CreateExport's parameters (query syntax included). `From` and `To` take any int64
 * from 0; beyond 2^53 − 1 (later than any log) the task keeps 2^53 − 1 for filtering, which selects
 * the same logs, and the exact digits to report back.
 */
export function readExportRequest(raw: Record<string, unknown>): ExportRequest {
  const params = new Params(raw, Object.keys(CREATE_EXPORT_PARAMETERS));
  const topicId = params.string("TopicId");
  const count = params.integer("Count", 1, MAX_EXPORT_COUNT);
  const query = params.nonBlank("Query", " (use `*` for every log)");
  const from = params.bigInteger("From", 0n, INT64_MAX);
  const to = params.bigInteger("To", 0n, INT64_MAX);
  const request: ExportRequest = {
    TopicId: topicId,
    Count: count,
    Query: query,
    From: Number(from > MAX_SAFE ? MAX_SAFE : from),
    To: Number(to > MAX_SAFE ? MAX_SAFE : to),
    ...(from > MAX_SAFE ? { exactFrom: from.toString() } : {}),
    ...(to > MAX_SAFE ? { exactTo: to.toString() } : {}),
    Order: params.optionalEnum("Order", ["asc", "desc"] as const, "desc"),
    Format: params.optionalEnum("Format", ["json", "csv"] as const, "json"),
    SyntaxRule: params.optionalEnum("SyntaxRule", [0, 1] as const, 0),
  };
  const derivedFields = params.optionalStringList("DerivedFields");
  if (from > to) throw invalid("From", "must not be later than `To`");
  try {
    parseQuery(request.Query, request.SyntaxRule);
  } catch (error) {
    if (error instanceof QuerySyntaxError) throw invalid("Query", `is not supported by the emulator: ${error.message}`);
    throw error;
  }
  return derivedFields ? { ...request, DerivedFields: derivedFields } : request;
}

/** CreateExport → `{ ExportId }`. */
export const createExport: ActionHandler = async (raw, context) => {
  const request = readExportRequest(raw);
  const topic = context.topics.get(request.TopicId);
  if (topic === undefined) throw new ApiError("ResourceNotFound.TopicNotExist", `The topic ${request.TopicId} does not exist.`);
  if (topic.status === "closed") throw new ApiError("FailedOperation.TopicClosed", `The topic ${request.TopicId} is closed.`);
  const now = context.clock();
  const unfinished = context.exports.listByTopic(topic.id).filter((task) => {
    const status = exportStatus(task, now);
    return status === "Queuing" || status === "Processing";
  });
  if (unfinished.length >= context.maxUnfinishedExports) {
    throw new ApiError(
      "LimitExceeded.Export",
      `The topic already has ${unfinished.length} unfinished export tasks (the emulator allows ${context.maxUnfinishedExports}).`,
    );
  }
  const exportId = randomUUID();
  const extension = request.Format === "csv" ? "csv" : "json";
  await context.exports.create({
    ...request,
    ExportId: exportId,
    status: "Queuing",
    createTime: now,
    fileName: `log_${topic.id}_${formatChinaDay(now)}_${exportId.slice(0, 8)}_${Math.floor(now / 1000)}.${extension}.gz`,
    fileSize: 0,
    rows: 0,
  });
  context.runner.schedule(exportId);
  return { ExportId: exportId };
};

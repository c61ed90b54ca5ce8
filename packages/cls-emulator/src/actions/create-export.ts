/**
 * CreateExport: validates the request, checks the topic, stores a `Queuing` task and schedules it.
 * @packageDocumentation
 */
import { randomUUID } from "node:crypto";
import { ApiError } from "../api-error.js";
import { formatChinaDay } from "../clock.js";
import { parseQuery, QuerySyntaxError } from "../query/index.js";
import type { ExportRequest } from "../store/export-store.js";
import type { ActionHandler } from "./context.js";
import { exportStatus } from "./export-info.js";
import { invalid, Params } from "./params.js";

/** The documented maximum of `Count`. */
export const MAX_EXPORT_COUNT = 50_000_000;

const PARAMETERS = ["TopicId", "Count", "Query", "From", "To", "Order", "Format", "SyntaxRule", "DerivedFields"];
const MAX_MS = Number.MAX_SAFE_INTEGER;

/** Reads and checks CreateExport's parameters (query syntax included). */
export function readExportRequest(raw: Record<string, unknown>): ExportRequest {
  const params = new Params(raw, PARAMETERS);
  const request: ExportRequest = {
    TopicId: params.string("TopicId"),
    Count: params.integer("Count", 1, MAX_EXPORT_COUNT),
    Query: params.nonBlank("Query", " (use `*` for every log)"),
    From: params.integer("From", 0, MAX_MS),
    To: params.integer("To", 0, MAX_MS),
    Order: params.optionalEnum("Order", ["asc", "desc"] as const, "desc"),
    Format: params.optionalEnum("Format", ["json", "csv"] as const, "json"),
    SyntaxRule: params.optionalEnum("SyntaxRule", [0, 1] as const, 0),
  };
  const derivedFields = params.optionalStringList("DerivedFields");
  if (request.From > request.To) throw invalid("From", "must not be later than `To`");
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

/**
 * CreateExport: validates the request (against the spec's rules), checks the topic, stores a `Queuing`
 * task and schedules it.
 * @packageDocumentation
 */
import { randomUUID } from "node:crypto";
import { ApiError } from "../api-error.js";
import { formatChinaDay } from "../clock.js";
import { parseQuery, QuerySyntaxError } from "../query/index.js";
import type { ExportRequest } from "../store/export-store.js";
import { ACTION_RULES } from "../generated/rules.js";
import type { ActionHandler } from "./context.js";
import { exportStatus } from "./export-info.js";
import { type ActionParameters, invalid, Params } from "./params.js";

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** CreateExport's parameters and rules, from the spec. */
export const CREATE_EXPORT_PARAMETERS: ActionParameters = ACTION_RULES.CreateExport;

/**
 * Reads and checks CreateExport's parameters against `parameters` (the spec's, by default), then the
 * query's syntax. `From` and `To` take any int64 their rules allow; beyond 2^53 − 1 (later than any
 * log) the task keeps 2^53 − 1 for filtering, which selects the same logs, and the exact digits to
 * report back.
 */
export function readExportRequest(raw: Record<string, unknown>, parameters: ActionParameters = CREATE_EXPORT_PARAMETERS): ExportRequest {
  const params = new Params(raw, parameters);
  const topicId = params.string("TopicId") ?? "";
  const count = Number(params.integer("Count"));
  const query = params.string("Query", " (use `*` for every log)") ?? "";
  const from = params.integer("From") ?? 0n;
  const to = params.integer("To") ?? 0n;
  const request: ExportRequest = {
    TopicId: topicId,
    Count: count,
    Query: query,
    From: Number(from > MAX_SAFE ? MAX_SAFE : from),
    To: Number(to > MAX_SAFE ? MAX_SAFE : to),
    ...(from > MAX_SAFE ? { exactFrom: from.toString() } : {}),
    ...(to > MAX_SAFE ? { exactTo: to.toString() } : {}),
    Order: (params.string("Order") ?? "desc") as ExportRequest["Order"],
    Format: (params.string("Format") ?? "json") as ExportRequest["Format"],
    SyntaxRule: Number(params.integer("SyntaxRule") ?? 0n) as ExportRequest["SyntaxRule"],
  };
  const derivedFields = params.stringList("DerivedFields");
  params.checkOrder({ From: from, To: to });
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

/**
 * DescribeExports: a topic's tasks, newest first, paged by Offset/Limit.
 * @packageDocumentation
 */
import { ApiError } from "../api-error.js";
import type { ActionHandler, ParameterKinds } from "./context.js";
import { exportInfo, exportStatus } from "./export-info.js";
import { INT64_MAX, Params } from "./params.js";

/** DescribeExports' parameters. */
export const DESCRIBE_EXPORTS_PARAMETERS: ParameterKinds = { TopicId: "string", Offset: "integer", Limit: "integer" };

/** DescribeExports → `{ Exports, TotalCount }`. Files of tasks found expired are deleted. */
export const describeExports: ActionHandler = async (raw, context) => {
  const params = new Params(raw, Object.keys(DESCRIBE_EXPORTS_PARAMETERS));
  const topicId = params.string("TopicId");
  // any int64 offset from 0; past the end answers an empty page (Number() of a huge offset is still past it)
  const offset = Number(params.optionalBigInteger("Offset", 0n, INT64_MAX, 0n));
  const limit = params.optionalInteger("Limit", 1, 100, 20);
  if (context.topics.get(topicId) === undefined)
    throw new ApiError("ResourceNotFound.TopicNotExist", `The topic ${topicId} does not exist.`);
  const tasks = context.exports.listByTopic(topicId);
  const now = context.clock();
  for (const task of tasks) {
    if (task.status === "Completed" && exportStatus(task, now) === "Expired") await context.exports.removeFile(task.ExportId);
  }
  return {
    Exports: tasks.slice(offset, offset + limit).map((task) => exportInfo(task, context)),
    TotalCount: tasks.length,
  };
};

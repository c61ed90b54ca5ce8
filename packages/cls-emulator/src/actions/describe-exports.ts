/**
 * DescribeExports: a topic's tasks, newest first, paged by Offset/Limit.
 * @packageDocumentation
 */
import { ApiError } from "../api-error.js";
import { ACTION_RULES } from "../generated/rules.js";
import type { ActionHandler } from "./context.js";
import { exportInfo, exportStatus } from "./export-info.js";
import { type ActionParameters, Params } from "./params.js";

/** DescribeExports' parameters and rules, from the spec. */
export const DESCRIBE_EXPORTS_PARAMETERS: ActionParameters = ACTION_RULES.DescribeExports;

/** DescribeExports → `{ Exports, TotalCount }`. Files of tasks found expired are deleted. */
export const describeExports: ActionHandler = async (raw, context) => {
  const params = new Params(raw, DESCRIBE_EXPORTS_PARAMETERS);
  const topicId = params.string("TopicId") ?? "";
  // any offset the spec allows; past the end answers an empty page (Number() of a huge offset is still past it)
  const offset = Number(params.integer("Offset") ?? 0n);
  const limit = Number(params.integer("Limit") ?? 20n);
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

/**
 * DescribeExports: a topic's tasks, newest first, paged by Offset/Limit.
 * @packageDocumentation
 */
import { ApiError } from "../api-error.js";
import type { ActionHandler } from "./context.js";
import { exportInfo, exportStatus } from "./export-info.js";
import { Params } from "./params.js";

/** DescribeExports → `{ Exports, TotalCount }`. Files of tasks found expired are deleted. */
export const describeExports: ActionHandler = async (raw, context) => {
  const params = new Params(raw, ["TopicId", "Offset", "Limit"]);
  const topicId = params.string("TopicId");
  const offset = params.optionalInteger("Offset", 0, Number.MAX_SAFE_INTEGER, 0);
  const limit = params.optionalInteger("Limit", 1, 100, 20);
  if (context.topics.get(topicId) === undefined) throw new ApiError("ResourceNotFound.TopicNotExist", `The topic ${topicId} does not exist.`);
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

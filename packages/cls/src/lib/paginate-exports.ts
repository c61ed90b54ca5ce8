import type { CallOptions } from "@tcsdk/core";
import type { ClsClient, ExportInfo } from "../generated/index.js";

/** What to list: a topic's export tasks, `pageSize` at a time. */
export interface PaginateExportsInput {
  /** Id of the log topic whose export tasks to list. */
  readonly TopicId: string;
  /** Tasks asked for per DescribeExports call, 1…100. @defaultValue 100 */
  readonly pageSize?: number;
}

/**
 * Lists every export task of a topic, newest first, calling DescribeExports page by page as the
 * iteration goes on. Stops after `TotalCount` tasks or at the first empty page.
 *
 * @example
 * ```ts
 * for await (const task of paginateExports(client, { TopicId })) console.log(task.ExportId, task.Status);
 * ```
 */
export async function* paginateExports(
  client: ClsClient,
  input: PaginateExportsInput,
  options: CallOptions = {},
): AsyncGenerator<ExportInfo, void, undefined> {
  const limit = input.pageSize ?? 100;
  let offset = 0;
  for (;;) {
    const page = await client.describeExports({ TopicId: input.TopicId, Offset: offset, Limit: limit }, options);
    for (const task of page.Exports) yield task;
    offset += page.Exports.length;
    if (page.Exports.length === 0 || offset >= Number(page.TotalCount)) return;
  }
}

/**
 * Finds one export task of a topic by id (DescribeExports has no id filter; tasks come newest
 * first, so a fresh task is on the first page). Returns `undefined` when the topic has no such task.
 */
export async function findExport(
  client: ClsClient,
  topicId: string,
  exportId: string,
  options: CallOptions = {},
): Promise<ExportInfo | undefined> {
  for await (const task of paginateExports(client, { TopicId: topicId }, options)) {
    if (task.ExportId === exportId) return task;
  }
  return undefined;
}

/**
 * Runs export tasks asynchronously: `Queuing` for at least `queuedMs`, then `Processing` (the file is
 * written; the state lasts at least `processingMs`), then `Completed`, or `Failed` on an error.
 * A few tasks run at once; the rest wait in `Queuing`.
 * @packageDocumentation
 */
import { setTimeout as sleep } from "node:timers/promises";
import { buildQuery } from "../query/index.js";
import type { ExportStore, ExportTask } from "../store/export-store.js";
import type { TopicStore } from "../store/topic-store.js";
import { writeExportFile } from "./export-file.js";
import { rowFormatter } from "./row-format.js";

/** Minimum time a task spends in each unfinished state, in real milliseconds. */
export interface ExportDelays {
  /** Time in `Queuing` before the work starts. */
  readonly queuedMs: number;
  /** Minimum time in `Processing` (the actual work may take longer). */
  readonly processingMs: number;
}

/** What the runner needs. */
export interface ExportRunnerOptions {
  /** The topics (read). */
  readonly topics: TopicStore;
  /** The tasks (read and updated). */
  readonly exports: ExportStore;
  /** State delays. */
  readonly delays: ExportDelays;
  /** Tasks processed at the same time. */
  readonly concurrency: number;
  /** gzip level 0-9. */
  readonly gzipLevel: number;
  /** Whether a task has passed its three days (no work is done for it). */
  readonly isExpired: (task: ExportTask) => boolean;
}

/** Schedules and runs export tasks. */
export class ExportRunner {
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #queue: string[] = [];
  readonly #running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  #stopped = false;

  /** @param options - stores, delays and limits */
  constructor(private readonly options: ExportRunnerOptions) {}

  /** Starts the lifecycle of a new (`Queuing`) task. */
  schedule(exportId: string): void {
    if (this.#stopped) return;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.#queue.push(exportId);
      this.#pump();
    }, this.options.delays.queuedMs);
    this.#timers.add(timer);
  }

  /** After a restart: puts every unfinished, unexpired task back in the queue (work restarts from scratch). */
  async resume(): Promise<void> {
    for (const task of this.options.exports.all()) {
      if (task.status !== "Queuing" && task.status !== "Processing") continue;
      if (this.options.isExpired(task)) continue;
      if (task.status === "Processing") await this.options.exports.update(task.ExportId, { status: "Queuing" });
      this.schedule(task.ExportId);
    }
  }

  /** Stops a task's work (used when it is deleted). */
  cancel(exportId: string): void {
    const index = this.#queue.indexOf(exportId);
    if (index !== -1) this.#queue.splice(index, 1);
    this.#running.get(exportId)?.controller.abort();
  }

  /** Stops everything; unfinished tasks stay stored as they are and resume at the next start. */
  async stop(): Promise<void> {
    this.#stopped = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#queue.length = 0;
    const running = [...this.#running.values()];
    for (const { controller } of running) controller.abort();
    await Promise.all(running.map(({ done }) => done));
  }

  #pump(): void {
    while (!this.#stopped && this.#running.size < this.options.concurrency && this.#queue.length > 0) {
      const exportId = this.#queue.shift() as string;
      const controller = new AbortController();
      const done = this.#run(exportId, controller.signal).finally(() => {
        this.#running.delete(exportId);
        this.#pump();
      });
      this.#running.set(exportId, { controller, done });
    }
  }

  async #run(exportId: string, signal: AbortSignal): Promise<void> {
    const { exports, topics } = this.options;
    const task = await exports.update(exportId, { status: "Processing" });
    if (task === undefined) return;
    const started = Date.now();
    try {
      const topic = topics.get(task.TopicId);
      if (topic === undefined) throw new Error(`topic ${task.TopicId} no longer exists`);
      const result = await writeExportFile({
        segments: topic.segments.map((segment) => ({ ...segment, path: topics.segmentPath(topic.id, segment.file) })),
        order: task.Order,
        from: task.From,
        to: task.To,
        count: task.Count,
        query: buildQuery(task.Query, task.SyntaxRule),
        formatter: rowFormatter(task.Format, topic.fields, task.DerivedFields),
        partialPath: exports.partialFilePath(exportId),
        path: exports.filePath(exportId),
        gzipLevel: this.options.gzipLevel,
        signal,
      });
      const remaining = this.options.delays.processingMs - (Date.now() - started);
      if (remaining > 0) await sleep(remaining, undefined, { signal });
      const completed = await exports.update(exportId, { status: "Completed", fileSize: result.bytes, rows: result.rows });
      if (completed === undefined) await exports.removeFile(exportId);
    } catch (error) {
      if (signal.aborted) {
        if (exports.get(exportId) === undefined) await exports.removeFile(exportId);
        return;
      }
      await exports.removeFile(exportId);
      await exports.update(exportId, { status: "Failed", failure: error instanceof Error ? error.message : String(error) });
    }
  }
}

/**
 * Export tasks on disk: `exports/<ExportId>.json` (the task) and `exports/<ExportId>.gz` (its file).
 * @packageDocumentation
 */
import { mkdir, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { readJson, writeJsonAtomic } from "./json-file.js";

/** A task's stored state. `Expired` is not stored: it is derived from the creation time. */
export type StoredExportStatus = "Queuing" | "Processing" | "Completed" | "Failed";

/** The parameters of a task, as CreateExport received them (defaults applied). */
export interface ExportRequest {
  /** Topic exported. */
  readonly TopicId: string;
  /** Search statement. */
  readonly Query: string;
  /** Maximum number of rows. */
  readonly Count: number;
  /** Start time, ms, inclusive. */
  readonly From: number;
  /** End time, ms, inclusive. */
  readonly To: number;
  /** The exact decimal `From` when it exceeds 2^53 − 1 (`From` then holds 2^53 − 1, selecting the same logs). */
  readonly exactFrom?: string;
  /** The exact decimal `To` when it exceeds 2^53 − 1 (`To` then holds 2^53 − 1, selecting the same logs). */
  readonly exactTo?: string;
  /** Time order of the rows. */
  readonly Order: "asc" | "desc";
  /** Row format. */
  readonly Format: "json" | "csv";
  /** `0` Lucene, `1` CQL. */
  readonly SyntaxRule: 0 | 1;
  /** Fields to export (China-site parameter); all fields when absent. */
  readonly DerivedFields?: readonly string[];
}

/** A stored export task. */
export interface ExportTask extends ExportRequest {
  /** Task id (a UUID). */
  readonly ExportId: string;
  /** Stored state. */
  readonly status: StoredExportStatus;
  /** Creation time, ms (emulator clock). */
  readonly createTime: number;
  /** Tie-breaker for tasks created in the same millisecond: larger is newer. */
  readonly sequence: number;
  /** Name of the exported file. */
  readonly fileName: string;
  /** Size in bytes of the file as served (0 until completed). */
  readonly fileSize: number;
  /** Number of rows written (0 until completed). */
  readonly rows: number;
  /** Why the task failed, for `Failed` tasks. */
  readonly failure?: string;
}

/** Export tasks in `<dataDir>/exports`. */
export class ExportStore {
  readonly #root: string;
  readonly #tasks = new Map<string, ExportTask>();
  #sequence = 0;
  #writes: Promise<unknown> = Promise.resolve();

  /** @param dataDir - the emulator's data directory */
  constructor(dataDir: string) {
    this.#root = join(dataDir, "exports");
  }

  /** Loads every task and removes files no task owns (e.g. half-written exports). */
  async load(): Promise<void> {
    await mkdir(this.#root, { recursive: true });
    const names = await readdir(this.#root);
    for (const name of names.filter((file) => file.endsWith(".json"))) {
      const task = await readJson<ExportTask>(join(this.#root, name)).catch(() => undefined);
      if (task === undefined) continue;
      this.#tasks.set(task.ExportId, task);
      this.#sequence = Math.max(this.#sequence, task.sequence);
    }
    for (const name of names) {
      const owner = name.replace(/\.(json|gz)$/, "");
      const done = this.#tasks.get(owner)?.status === "Completed";
      if (!(name.endsWith(".json") && this.#tasks.has(owner)) && !(name.endsWith(".gz") && done)) {
        await rm(join(this.#root, name), { force: true });
      }
    }
  }

  /** Path of a task's exported file. */
  filePath(exportId: string): string {
    return join(this.#root, `${exportId}.gz`);
  }

  /** Path the file is written to before it is complete. */
  partialFilePath(exportId: string): string {
    return join(this.#root, `${exportId}.gz.partial`);
  }

  /** The task with this id, if any. */
  get(exportId: string): ExportTask | undefined {
    return this.#tasks.get(exportId);
  }

  /** Every task. */
  all(): ExportTask[] {
    return [...this.#tasks.values()];
  }

  /** A topic's tasks, newest first. */
  listByTopic(topicId: string): ExportTask[] {
    return this.all()
      .filter((task) => task.TopicId === topicId)
      .sort((a, b) => b.createTime - a.createTime || b.sequence - a.sequence);
  }

  /** Stores a new task; assigns its `sequence`. */
  async create(task: Omit<ExportTask, "sequence">): Promise<ExportTask> {
    const stored = { ...task, sequence: ++this.#sequence };
    await this.#serial(() => this.#save(stored));
    return stored;
  }

  /** Changes a stored task; does nothing when the task was deleted meanwhile. */
  async update(exportId: string, change: Partial<Omit<ExportTask, "ExportId">>): Promise<ExportTask | undefined> {
    return this.#serial(async () => {
      const task = this.#tasks.get(exportId);
      if (task === undefined) return undefined;
      const updated = { ...task, ...change };
      await this.#save(updated);
      return updated;
    });
  }

  /** Deletes a task and its file; answers whether it existed. */
  async delete(exportId: string): Promise<boolean> {
    return this.#serial(async () => {
      if (!this.#tasks.delete(exportId)) return false;
      await this.removeFile(exportId);
      await rm(join(this.#root, `${exportId}.json`), { force: true });
      return true;
    });
  }

  /** Deletes a task's exported file (e.g. once expired), keeping the task. */
  async removeFile(exportId: string): Promise<void> {
    await rm(this.filePath(exportId), { force: true });
    await rm(this.partialFilePath(exportId), { force: true });
  }

  /** Runs task writes one after the other, so a delete can never be undone by a late update. */
  #serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#writes.then(work, work);
    this.#writes = run.catch(() => undefined);
    return run;
  }

  async #save(task: ExportTask): Promise<void> {
    this.#tasks.set(task.ExportId, task);
    await writeJsonAtomic(join(this.#root, `${task.ExportId}.json`), task);
  }
}

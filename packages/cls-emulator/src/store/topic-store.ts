/**
 * Log topics on disk: `topics/<id>/meta.json` plus immutable segment files of NDJSON sorted by time.
 * Each append is cut into segments of at most `segmentBytes`, sorted in memory and written under a
 * temp name; the append commits by renaming them and rewriting `meta.json`, so a failed append
 * leaves nothing behind.
 * @packageDocumentation
 */
import { randomUUID } from "node:crypto";
import { mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Clock } from "../clock.js";
import { readJson, writeJsonAtomic } from "./json-file.js";
import { normalizeLogLine, type StoredLine } from "./log-line.js";
import { splitLines } from "./line-splitter.js";

/** Whether a topic accepts exports. */
export type TopicStatus = "open" | "closed";

/** One immutable segment file of a topic. */
export interface SegmentInfo {
  /** File name inside the topic directory. */
  readonly file: string;
  /** Number of log lines. */
  readonly count: number;
  /** Size in bytes. */
  readonly bytes: number;
  /** Earliest `__TIMESTAMP__`. */
  readonly minTs: number;
  /** Latest `__TIMESTAMP__`. */
  readonly maxTs: number;
}

/** What the emulator knows about a topic (the content of `meta.json`). */
export interface TopicInfo {
  /** Topic id (`TopicId` in the API). */
  readonly id: string;
  /** Display name. */
  readonly name: string;
  /** `closed` topics refuse new exports with `FailedOperation.TopicClosed`. */
  readonly status: TopicStatus;
  /** Creation time in ms (emulator clock). */
  readonly createTime: number;
  /** Number of stored log lines. */
  readonly logCount: number;
  /** Every field name seen, `__TIMESTAMP__` excluded, sorted. */
  readonly fields: readonly string[];
  /** The segment files, in the order they were written. */
  readonly segments: readonly SegmentInfo[];
}

/** Input to {@link Emulator.createTopic} (and the admin API's `POST /_emulator/topics`). */
export interface CreateTopicInput {
  /** Topic id; a random UUID when absent. */
  readonly id?: string;
  /** Display name; defaults to the id. */
  readonly name?: string;
  /** Initial status. @defaultValue `"open"` */
  readonly status?: TopicStatus;
}

/** A topic operation that cannot be done: unknown topic, id taken, bad id. */
export class TopicStoreError extends Error {
  /** `not-found`, `conflict` or `invalid`. */
  readonly reason: "not-found" | "conflict" | "invalid";

  /**
   * @param reason - the kind of failure
   * @param message - what went wrong
   */
  constructor(reason: "not-found" | "conflict" | "invalid", message: string) {
    super(message);
    this.name = "TopicStoreError";
    this.reason = reason;
  }
}

const TOPIC_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/** Topics and their logs in `<dataDir>/topics`. */
export class TopicStore {
  readonly #root: string;
  readonly #topics = new Map<string, TopicInfo>();
  readonly #locks = new Map<string, Promise<unknown>>();

  /**
   * @param dataDir - the emulator's data directory
   * @param clock - time source for topics' creation time and lines without `__TIMESTAMP__`
   * @param segmentBytes - cut a segment when an append has buffered this many bytes
   */
  constructor(
    dataDir: string,
    private readonly clock: Clock,
    private readonly segmentBytes: number,
  ) {
    this.#root = join(dataDir, "topics");
  }

  /** Loads every topic's `meta.json` and removes segments of appends that never committed. */
  async load(): Promise<void> {
    await mkdir(this.#root, { recursive: true });
    for (const entry of await readdir(this.#root, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const dir = join(this.#root, entry.name);
      const meta = await readJson<TopicInfo>(join(dir, "meta.json")).catch(() => undefined);
      if (meta === undefined) continue;
      this.#topics.set(meta.id, meta);
      const committed = new Set(meta.segments.map((segment) => segment.file));
      for (const file of await readdir(dir)) {
        if (file !== "meta.json" && !committed.has(file)) await rm(join(dir, file), { force: true });
      }
    }
  }

  /** The topic with this id, if any. */
  get(id: string): TopicInfo | undefined {
    return this.#topics.get(id);
  }

  /** Every topic, ordered by creation time. */
  list(): TopicInfo[] {
    return [...this.#topics.values()].sort((a, b) => a.createTime - b.createTime);
  }

  /** Absolute path of one of a topic's segment files. */
  segmentPath(id: string, file: string): string {
    return join(this.#root, id, file);
  }

  /**
   * Creates a topic.
   * @throws {@link TopicStoreError} `conflict` when the id exists, `invalid` for a bad id
   */
  async create(input: CreateTopicInput = {}): Promise<TopicInfo> {
    const id = input.id ?? randomUUID();
    if (!TOPIC_ID.test(id)) throw new TopicStoreError("invalid", `invalid topic id: use 1-128 characters of [A-Za-z0-9_-]`);
    if (this.#topics.has(id)) throw new TopicStoreError("conflict", `topic ${id} already exists`);
    const topic: TopicInfo = {
      id,
      name: input.name ?? id,
      status: input.status ?? "open",
      createTime: this.clock(),
      logCount: 0,
      fields: [],
      segments: [],
    };
    this.#topics.set(id, topic);
    await mkdir(join(this.#root, id), { recursive: true });
    await this.#save(topic);
    return topic;
  }

  /** Opens or closes a topic. @throws {@link TopicStoreError} `not-found` */
  async setStatus(id: string, status: TopicStatus): Promise<TopicInfo> {
    return this.#exclusive(id, async () => {
      const topic = { ...this.#require(id), status };
      await this.#save(topic);
      return topic;
    });
  }

  /**
   * Appends NDJSON lines from a byte stream, in constant memory. All or nothing: on a bad line
   * nothing of this append is kept.
   *
   * @returns the number of lines appended (blank lines are skipped)
   * @throws {@link TopicStoreError} `not-found`; {@link LogLineError} / {@link LineTooLongError} for bad input
   */
  async append(id: string, source: AsyncIterable<Uint8Array | string>): Promise<number> {
    return this.#exclusive(id, async () => {
      const topic = this.#require(id);
      const dir = join(this.#root, id);
      const written: SegmentInfo[] = [];
      const fields = new Set(topic.fields);
      let batch: StoredLine[] = [];
      let batchBytes = 0;
      let lineNumber = 0;
      const flush = async (): Promise<void> => {
        if (batch.length === 0) return;
        const file = `seg-${String(topic.segments.length + written.length + 1).padStart(6, "0")}.ndjson`;
        written.push(await writeSegment(join(dir, file), file, batch));
        batch = [];
        batchBytes = 0;
      };
      try {
        for await (const text of splitLines(source)) {
          lineNumber++;
          if (text.trim() === "") continue;
          const line = normalizeLogLine(text, lineNumber, this.clock());
          for (const field of line.fields) fields.add(field);
          batch.push(line);
          batchBytes += line.text.length + 1;
          if (batchBytes >= this.segmentBytes) await flush();
        }
        await flush();
        for (const segment of written) await rename(join(dir, `${segment.file}.tmp`), join(dir, segment.file));
      } catch (error) {
        await Promise.all(written.map((segment) => rm(join(dir, `${segment.file}.tmp`), { force: true })));
        throw error;
      }
      const appended = written.reduce((sum, segment) => sum + segment.count, 0);
      await this.#save({
        ...topic,
        logCount: topic.logCount + appended,
        fields: [...fields].sort(),
        segments: [...topic.segments, ...written],
      });
      return appended;
    });
  }

  #require(id: string): TopicInfo {
    const topic = this.#topics.get(id);
    if (topic === undefined) throw new TopicStoreError("not-found", `topic ${id} does not exist`);
    return topic;
  }

  async #save(topic: TopicInfo): Promise<void> {
    await writeJsonAtomic(join(this.#root, topic.id, "meta.json"), topic);
    this.#topics.set(topic.id, topic);
  }

  /** Runs `work` after every earlier operation on the same topic has finished. */
  async #exclusive<T>(id: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#locks.get(id) ?? Promise.resolve();
    const run = previous.then(work, work);
    const settled = run.catch(() => undefined);
    this.#locks.set(id, settled);
    try {
      return await run;
    } finally {
      if (this.#locks.get(id) === settled) this.#locks.delete(id);
    }
  }
}

/** Sorts a batch by time (stable: equal times keep their order) and writes it as `<file>.tmp`. */
async function writeSegment(path: string, file: string, batch: StoredLine[]): Promise<SegmentInfo> {
  batch.sort((a, b) => a.ts - b.ts);
  const text = `${batch.map((line) => line.text).join("\n")}\n`;
  await writeFile(`${path}.tmp`, text);
  return {
    file,
    count: batch.length,
    bytes: Buffer.byteLength(text),
    minTs: (batch[0] as StoredLine).ts,
    maxTs: (batch[batch.length - 1] as StoredLine).ts,
  };
}

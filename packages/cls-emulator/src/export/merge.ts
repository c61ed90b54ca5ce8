/**
 * A k-way merge of time-sorted segment files into one time-ordered stream of lines, ascending or
 * descending (descending reads each segment backwards). Memory: one chunk per segment.
 * @packageDocumentation
 */
import { LineCursor } from "../store/line-cursor.js";

/** One line of the merged stream. */
export interface MergedLine {
  /** Stored JSON text. */
  readonly text: string;
  /** Time in ms. */
  readonly ts: number;
}

interface HeapEntry {
  readonly cursor: LineCursor;
  /** Position of the segment in write order; breaks ties so that `desc` is exactly `asc` reversed. */
  readonly rank: number;
}

/** Merges segment files (given in write order) by time. Call {@link SegmentMerger.close} when done. */
export class SegmentMerger {
  readonly #heap: HeapEntry[] = [];
  readonly #descending: boolean;
  #pending: HeapEntry | undefined;

  private constructor(descending: boolean) {
    this.#descending = descending;
  }

  /** Opens every segment; `descending` yields the newest line first. */
  static async open(paths: readonly string[], descending: boolean): Promise<SegmentMerger> {
    const merger = new SegmentMerger(descending);
    try {
      for (const [index, path] of paths.entries()) {
        const cursor = await LineCursor.open(path, descending);
        const entry = { cursor, rank: descending ? -index : index };
        if (await cursor.advance()) merger.#push(entry);
        else await cursor.close();
      }
    } catch (error) {
      await merger.close();
      throw error;
    }
    return merger;
  }

  /**
   * The next line in order, or `undefined` at the end. Answers synchronously while the segments have
   * buffered lines, with a promise when a chunk must be read.
   */
  next(): MergedLine | undefined | Promise<MergedLine | undefined> {
    const entry = this.#pending;
    if (entry !== undefined) {
      this.#pending = undefined;
      const more = entry.cursor.advance();
      if (typeof more !== "boolean") return more.then(async (ok) => this.#after(entry, ok));
      if (!more) return entry.cursor.close().then(() => this.#take());
      this.#push(entry);
    }
    return this.#take();
  }

  async #after(entry: HeapEntry, more: boolean): Promise<MergedLine | undefined> {
    if (more) this.#push(entry);
    else await entry.cursor.close();
    return this.#take();
  }

  #take(): MergedLine | undefined {
    const top = this.#pop();
    if (top === undefined) return undefined;
    this.#pending = top;
    return { text: top.cursor.line, ts: top.cursor.ts };
  }

  /** Closes every open file. */
  async close(): Promise<void> {
    const entries = this.#pending ? [...this.#heap, this.#pending] : [...this.#heap];
    this.#heap.length = 0;
    this.#pending = undefined;
    await Promise.all(entries.map((entry) => entry.cursor.close()));
  }

  /** Whether `a` comes before `b` in output order. */
  #before(a: HeapEntry, b: HeapEntry): boolean {
    if (a.cursor.ts !== b.cursor.ts) return this.#descending ? a.cursor.ts > b.cursor.ts : a.cursor.ts < b.cursor.ts;
    return a.rank < b.rank;
  }

  #push(entry: HeapEntry): void {
    const heap = this.#heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#before(heap[i] as HeapEntry, heap[parent] as HeapEntry)) break;
      [heap[i], heap[parent]] = [heap[parent] as HeapEntry, heap[i] as HeapEntry];
      i = parent;
    }
  }

  #pop(): HeapEntry | undefined {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let best = i;
      if (left < heap.length && this.#before(heap[left] as HeapEntry, heap[best] as HeapEntry)) best = left;
      if (right < heap.length && this.#before(heap[right] as HeapEntry, heap[best] as HeapEntry)) best = right;
      if (best === i) return top;
      [heap[i], heap[best]] = [heap[best] as HeapEntry, heap[i] as HeapEntry];
      i = best;
    }
  }
}

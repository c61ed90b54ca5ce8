/**
 * Cursors over a segment file's lines, forwards or backwards, reading fixed-size chunks: memory stays
 * at one chunk (plus one partial line) whatever the file size.
 * @packageDocumentation
 */
import { open, type FileHandle } from "node:fs/promises";
import { storedLineTime } from "./log-line.js";

const CHUNK_BYTES = 128 * 1024;
const NEWLINE = 0x0a;

/** Reads a file's lines one at a time, in file order or in reverse. */
export class LineCursor {
  /** The current line (valid after `advance` answered true). */
  line = "";
  /** The current line's time in ms. */
  ts = 0;
  #lines: string[] = [];
  #index = 0;
  #carry: Buffer = Buffer.alloc(0);
  #position = 0;
  #done = false;

  private constructor(
    private readonly file: FileHandle,
    private readonly size: number,
    private readonly backwards: boolean,
  ) {
    this.#position = backwards ? size : 0;
  }

  /** Opens a cursor; `backwards` reads from the last line to the first. */
  static async open(path: string, backwards: boolean): Promise<LineCursor> {
    const file = await open(path, "r");
    try {
      const { size } = await file.stat();
      return new LineCursor(file, size, backwards);
    } catch (error) {
      await file.close();
      throw error;
    }
  }

  /**
   * Moves to the next line. Answers synchronously while lines are buffered, with a promise when a
   * chunk must be read. `false` means the file is exhausted.
   */
  advance(): boolean | Promise<boolean> {
    if (this.#index < this.#lines.length) {
      this.#take();
      return true;
    }
    return this.#refill();
  }

  /** Closes the file. */
  async close(): Promise<void> {
    await this.file.close();
  }

  #take(): void {
    this.line = this.#lines[this.#index++] as string;
    this.ts = storedLineTime(this.line);
  }

  async #refill(): Promise<boolean> {
    while (!this.#done) {
      this.#lines = this.backwards ? await this.#readBackwards() : await this.#readForwards();
      this.#index = 0;
      if (this.#lines.length > 0) {
        this.#take();
        return true;
      }
    }
    return false;
  }

  async #readChunk(position: number, length: number): Promise<Buffer> {
    const buffer = Buffer.allocUnsafe(length);
    let filled = 0;
    while (filled < length) {
      const { bytesRead } = await this.file.read(buffer, filled, length - filled, position + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  }

  async #readForwards(): Promise<string[]> {
    const chunk = await this.#readChunk(this.#position, Math.min(CHUNK_BYTES, this.size - this.#position));
    this.#position += chunk.length;
    const data = this.#carry.length > 0 ? Buffer.concat([this.#carry, chunk]) : chunk;
    if (this.#position >= this.size || chunk.length === 0) {
      this.#done = true;
      this.#carry = Buffer.alloc(0);
      return splitNonEmpty(data);
    }
    const last = data.lastIndexOf(NEWLINE);
    this.#carry = Buffer.from(data.subarray(last + 1));
    return last === -1 ? [] : splitNonEmpty(data.subarray(0, last));
  }

  async #readBackwards(): Promise<string[]> {
    const start = Math.max(0, this.#position - CHUNK_BYTES);
    const chunk = await this.#readChunk(start, this.#position - start);
    this.#position = start;
    const data = this.#carry.length > 0 ? Buffer.concat([chunk, this.#carry]) : chunk;
    if (start === 0) {
      this.#done = true;
      this.#carry = Buffer.alloc(0);
      return splitNonEmpty(data).reverse();
    }
    const first = data.indexOf(NEWLINE);
    this.#carry = Buffer.from(first === -1 ? data : data.subarray(0, first));
    return first === -1 ? [] : splitNonEmpty(data.subarray(first + 1)).reverse();
  }
}

function splitNonEmpty(data: Buffer): string[] {
  return data
    .toString("utf8")
    .split("\n")
    .filter((line) => line !== "");
}

import { Transform, type TransformCallback } from "node:stream";

const BLOCK = 512;

/**
 * Passes data through unchanged, unless it is a tar archive: then it emits the contents of the
 * archive's regular files, one after the other, and drops headers, padding and other entries.
 *
 * The real CLS names its export files `….tar.gz` without documenting what is inside, while the local
 * emulator serves plain gzip; after gunzip, this makes both come out as the log text. The archive is
 * recognised by a valid ustar header in the first 512 bytes (magic and checksum), so plain NDJSON or
 * CSV is never mistaken for one. Streams in constant memory.
 */
export class TarContents extends Transform {
  #mode: "detect" | "plain" | "tar" = "detect";
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  readonly #header = Buffer.alloc(BLOCK);
  #headerFill = 0;
  #dataLeft = 0;
  #padLeft = 0;
  #emitData = false;
  #ended = false;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let data = chunk;
    if (this.#mode === "detect") {
      this.#pending.push(chunk);
      this.#pendingBytes += chunk.length;
      if (this.#pendingBytes < BLOCK) {
        done();
        return;
      }
      data = Buffer.concat(this.#pending, this.#pendingBytes);
      this.#pending = [];
      this.#mode = isTarHeader(data.subarray(0, BLOCK)) ? "tar" : "plain";
    }
    if (this.#mode === "plain") {
      done(null, data);
      return;
    }
    try {
      this.#parse(data);
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    if (this.#mode === "detect") {
      done(null, this.#pendingBytes > 0 ? Buffer.concat(this.#pending, this.#pendingBytes) : undefined);
      return;
    }
    if (this.#mode === "tar" && (this.#dataLeft > 0 || this.#headerFill > 0)) {
      done(new Error("the export archive is truncated: a tar entry ends early"));
      return;
    }
    done();
  }

  #parse(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.#ended) return; // after the end-of-archive block only zero padding follows
      if (this.#dataLeft > 0) {
        const n = Math.min(this.#dataLeft, chunk.length - offset);
        if (this.#emitData) this.push(chunk.subarray(offset, offset + n));
        this.#dataLeft -= n;
        offset += n;
        continue;
      }
      if (this.#padLeft > 0) {
        const n = Math.min(this.#padLeft, chunk.length - offset);
        this.#padLeft -= n;
        offset += n;
        continue;
      }
      const n = Math.min(BLOCK - this.#headerFill, chunk.length - offset);
      chunk.copy(this.#header, this.#headerFill, offset, offset + n);
      this.#headerFill += n;
      offset += n;
      if (this.#headerFill === BLOCK) {
        this.#headerFill = 0;
        this.#startEntry();
      }
    }
  }

  #startEntry(): void {
    if (this.#header.every((byte) => byte === 0)) {
      this.#ended = true;
      return;
    }
    if (!isTarHeader(this.#header)) throw new Error("the export archive is corrupt: bad tar header");
    const size = entrySize(this.#header);
    const type = this.#header[156];
    // "0", NUL (old tar) and "7" (contiguous) are regular files; directories, links and pax/GNU
    // metadata entries carry no log text.
    this.#emitData = type === 0x30 || type === 0 || type === 0x37;
    this.#dataLeft = size;
    this.#padLeft = (BLOCK - (size % BLOCK)) % BLOCK;
  }
}

/** Whether a 512-byte block is a ustar header: the `ustar` magic and a matching checksum. */
function isTarHeader(block: Buffer): boolean {
  if (block.length < BLOCK || block.toString("latin1", 257, 262) !== "ustar") return false;
  const stored = parseOctal(block, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (block[i] as number);
  return stored === sum;
}

/** Size field: octal text, or GNU base-256 when the high bit of its first byte is set. */
function entrySize(header: Buffer): number {
  if (((header[124] as number) & 0x80) === 0) return parseOctal(header, 124, 12);
  let size = 0;
  for (let i = 125; i < 136; i++) size = size * 256 + (header[i] as number);
  return size;
}

function parseOctal(block: Buffer, start: number, length: number): number {
  const text = block
    .toString("latin1", start, start + length)
    .replace(/[\0 ]+$/u, "")
    .trim();
  return text === "" ? 0 : Number.parseInt(text, 8);
}

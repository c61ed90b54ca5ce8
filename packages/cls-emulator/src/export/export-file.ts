/**
 * Writes one export: merge the topic's segments by time, keep the lines in [From, To] that match the
 * query, stop at Count, format, gzip, write. Streaming with backpressure: memory does not grow with
 * the size of the topic or of the export.
 * @packageDocumentation
 */
import { createWriteStream } from "node:fs";
import { rename, stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import type { CompiledQuery } from "../query/index.js";
import type { SegmentInfo } from "../store/topic-store.js";
import { SegmentMerger } from "./merge.js";
import type { RowFormatter } from "./row-format.js";

/** Everything one export file needs. */
export interface ExportFileJob {
  /** Segments to read, in write order, with their absolute paths. */
  readonly segments: readonly (SegmentInfo & { readonly path: string })[];
  /** Time order of the rows. */
  readonly order: "asc" | "desc";
  /** Start time, ms, inclusive. */
  readonly from: number;
  /** End time, ms, inclusive. */
  readonly to: number;
  /** Maximum number of rows. */
  readonly count: number;
  /** The compiled query. */
  readonly query: CompiledQuery;
  /** The row formatter. */
  readonly formatter: RowFormatter;
  /** Temp path written first. */
  readonly partialPath: string;
  /** Final path, renamed to once the file is complete. */
  readonly path: string;
  /** gzip level 0-9. */
  readonly gzipLevel: number;
  /** Aborts the export (the partial file is left for the caller to remove). */
  readonly signal?: AbortSignal;
}

/** What an export produced. */
export interface ExportFileResult {
  /** Rows written (CSV header excluded). */
  readonly rows: number;
  /** Size of the gzip file in bytes. */
  readonly bytes: number;
}

const FLUSH_CHARS = 256 * 1024;

/** Runs one export to a gzip file. */
export async function writeExportFile(job: ExportFileJob): Promise<ExportFileResult> {
  const paths = job.segments.filter((segment) => segment.maxTs >= job.from && segment.minTs <= job.to).map((segment) => segment.path);
  const merger = await SegmentMerger.open(paths, job.order === "desc");
  let rows = 0;
  async function* chunks(): AsyncGenerator<string> {
    let buffer = job.formatter.header;
    for (;;) {
      if (rows >= job.count) break;
      const next = merger.next();
      const line = next instanceof Promise ? await next : next;
      if (line === undefined) break;
      if (line.ts < job.from || line.ts > job.to) {
        if (job.order === "asc" ? line.ts > job.to : line.ts < job.from) break;
        continue;
      }
      let record: Record<string, unknown> | undefined;
      if (!job.query.matchesAll || job.formatter.needsRecord) record = JSON.parse(line.text) as Record<string, unknown>;
      if (record !== undefined && !job.query.matches(record)) continue;
      buffer += job.formatter.row(line.text, record);
      rows++;
      if (buffer.length >= FLUSH_CHARS) {
        yield buffer;
        buffer = "";
      }
    }
    if (buffer !== "") yield buffer;
  }
  try {
    const options = job.signal ? { signal: job.signal } : {};
    await pipeline(Readable.from(chunks()), createGzip({ level: job.gzipLevel }), createWriteStream(job.partialPath), options);
  } finally {
    await merger.close();
  }
  await rename(job.partialPath, job.path);
  return { rows, bytes: (await stat(job.path)).size };
}

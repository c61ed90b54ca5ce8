/**
 * The streaming half of {@link downloadExport}: the export's file from its `CosPath` through gunzip and
 * the tar reader into the destination, resuming where it broke. Loaded on the first download.
 * @packageDocumentation
 */
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { PassThrough, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { TcAbortError, TcNetworkError, TcTimeoutError } from "@tcsdk/core";
import type { ClsClient, ExportInfo } from "../generated/index.js";
import { ExportTaskError } from "./export-errors.js";
import type { DownloadExportOptions, ExportLogsResult } from "./export-logs.js";
import { findExport } from "./paginate-exports.js";
import { TarContents } from "./tar-contents.js";

/**
 * Output chunk of the gunzip stream: 64 KiB instead of zlib's 16 KiB makes a 1 GB download about 1.7×
 * faster (fewer, larger writes) for about 15 MB more peak memory (measured in `bench/`).
 */
const GUNZIP_CHUNK_BYTES = 64 * 1024;

/** Streams the file of a `Completed` export task into `options.destination` (see `downloadExport`). */
export async function streamExportFile(
  client: ClsClient,
  task: ExportInfo,
  options: DownloadExportOptions,
): Promise<Pick<ExportLogsResult, "compressedBytes" | "bytesWritten">> {
  const { destination, decompress = true, maxResumes = 3, onProgress, signal } = options;
  const exportId = task.ExportId;
  const partial = typeof destination === "string" ? `${destination}.partial` : undefined;
  const sink: Writable = partial === undefined ? (destination as Writable) : createWriteStream(partial);
  const compressed = new PassThrough();
  let bytesWritten = 0;
  const counter = new PassThrough();
  counter.on("data", (chunk: Buffer) => (bytesWritten += chunk.length));

  // `stop` ends the download loop when the caller aborts or the writing side fails.
  const stop = new AbortController();
  const onAbort = (): void => stop.abort(signal?.reason);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener("abort", onAbort, { once: true });
  let writeFailure: { readonly error: unknown } | undefined;
  const written = (
    decompress
      ? pipeline(compressed, createGunzip({ chunkSize: GUNZIP_CHUNK_BYTES }), new TarContents(), counter, sink)
      : pipeline(compressed, counter, sink)
  ).catch((error: unknown) => {
    writeFailure = { error };
    stop.abort(error);
    throw error;
  });
  written.catch(() => undefined); // observed below; no unhandled rejection while the loop still runs

  let received = 0;
  let link = task.CosPath;
  let resumes = 0;
  const totalBytes = task.FileSize === undefined ? undefined : Number(task.FileSize);
  try {
    for (;;) {
      try {
        const response = await client.download(link, { signal: stop.signal, offset: received });
        if (response.status === 403 || response.status === 404) {
          response.body.destroy();
          throw new LinkExpired(response.status);
        }
        if (response.status !== 200 && response.status !== 206) {
          response.body.destroy();
          throw new TcNetworkError(`download of export ${exportId} failed`, true, {
            service: "cls",
            status: response.status,
          });
        }
        let skip = response.status === 200 ? received : 0; // the server ignored Range: drop what we have
        for await (const chunk of response.body as AsyncIterable<Buffer>) {
          let piece = chunk;
          if (skip > 0) {
            const dropped = Math.min(skip, piece.length);
            skip -= dropped;
            piece = piece.subarray(dropped);
            if (piece.length === 0) continue;
          }
          received += piece.length;
          if (!compressed.write(piece)) await once(compressed, "drain", { signal: stop.signal });
          onProgress?.({ phase: "downloading", exportId, compressedBytesReceived: received, compressedTotalBytes: totalBytes });
        }
        break;
      } catch (error) {
        if (writeFailure !== undefined) throw writeFailure.error;
        if (signal?.aborted) {
          throw error instanceof TcAbortError
            ? error
            : new TcAbortError(`download of export ${exportId} aborted`, { service: "cls", cause: signal.reason });
        }
        const resumable =
          error instanceof LinkExpired || error instanceof TcNetworkError || error instanceof TcTimeoutError || isStreamError(error);
        if (!resumable || resumes >= maxResumes) throw error;
        resumes++;
        onProgress?.({ phase: "resuming", exportId, compressedBytesReceived: received, reason: describe(error) });
        if (error instanceof LinkExpired) link = await freshLink(client, task, signal);
      }
    }
    compressed.end();
    await written;
    if (partial !== undefined) await rename(partial, destination as string);
    return { compressedBytes: received, bytesWritten };
  } catch (error) {
    compressed.destroy();
    await written.catch(() => undefined);
    if (partial !== undefined) await rm(partial, { force: true });
    throw error;
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
}

/** The download link answered 403/404: it expired (one hour) or was tampered with. */
class LinkExpired extends Error {
  constructor(readonly status: number) {
    super(`download link answered HTTP ${status} (expired)`);
  }
}

/** Lists the task again for a fresh `CosPath`. */
async function freshLink(client: ClsClient, task: ExportInfo, signal: AbortSignal | undefined): Promise<string> {
  const info = await findExport(client, task.TopicId, task.ExportId, signal === undefined ? {} : { signal });
  if (info === undefined) throw new ExportTaskError(task.TopicId, task.ExportId, "NotFound");
  if (info.Status !== "Completed") throw new ExportTaskError(task.TopicId, task.ExportId, info.Status === "Expired" ? "Expired" : "Failed");
  return info.CosPath;
}

function isStreamError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code.startsWith("UND_ERR") || code.startsWith("ECONN") || code === "EPIPE");
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

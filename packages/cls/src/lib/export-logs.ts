import type { Writable } from "node:stream";
import { TcError, type CallOptions } from "@tcsdk/core";
import type { ClsClient, CreateExportRequest, ExportInfo } from "../generated/index.js";
import { waitForExport, type WaitForExportOptions } from "./wait-for-export.js";

/** What {@link exportLogs} reports as it goes. */
export type ExportProgress =
  | {
      /** The task was created. */
      readonly phase: "created";
      /** Id of the new export task. */
      readonly exportId: string;
    }
  | {
      /** DescribeExports was polled: `task.Status` is the task's current state. */
      readonly phase: "status";
      /** Id of the export task. */
      readonly exportId: string;
      /**
       * The task as DescribeExports showed it, without its `CosPath`: a signed link that grants access to
       * the file for an hour has no place in whatever logs these events (list the task to get it).
       */
      readonly task: Omit<ExportInfo, "CosPath">;
    }
  | {
      /** The file is being downloaded. */
      readonly phase: "downloading";
      /** Id of the export task. */
      readonly exportId: string;
      /** Bytes of the compressed file received so far. */
      readonly compressedBytesReceived: number;
      /** Size of the compressed file, when the service said. */
      readonly compressedTotalBytes: number | undefined;
    }
  | {
      /** A broken download resumes where it stopped. */
      readonly phase: "resuming";
      /** Id of the export task. */
      readonly exportId: string;
      /** Bytes of the compressed file received before the download broke; the next request asks for the rest. */
      readonly compressedBytesReceived: number;
      /** Why the download broke: the error, or the expired link. */
      readonly reason: string;
    }
  | {
      /** The file is in the destination (and the task deleted, with `deleteAfterDownload`): the last event. */
      readonly phase: "done";
      /** Id of the export task. */
      readonly exportId: string;
      /** Bytes of the compressed file downloaded. */
      readonly compressedBytes: number;
      /** Bytes written to the destination (after decompression when asked). */
      readonly bytesWritten: number;
    };

/** Options of {@link exportLogs}. */
export interface ExportLogsOptions extends Omit<WaitForExportOptions, "onStatus"> {
  /** Where the logs go: a file path (written to `<path>.partial`, renamed when complete) or a writable stream (ended at the end). */
  readonly destination: string | Writable;
  /**
   * Gunzip while downloading, so the destination gets the log text (NDJSON or CSV); when the file is a
   * tar archive (the real service names its files `….tar.gz`), the contents of its files are written.
   * `false` writes the file exactly as served. @defaultValue `true`
   */
  readonly decompress?: boolean;
  /** Called as the export is created, changes status, and downloads. */
  readonly onProgress?: (progress: ExportProgress) => void;
  /** Delete the export task once its file is downloaded. @defaultValue `false` */
  readonly deleteAfterDownload?: boolean;
  /** How many times a broken download, or one whose link expired, is resumed where it stopped. @defaultValue 3 */
  readonly maxResumes?: number;
  /**
   * Carries on with an export task that already exists (one an earlier call created and then failed
   * with: its error's `exportId`): no CreateExport is sent; the task of `request.TopicId` is waited for
   * and downloaded.
   */
  readonly resumeExportId?: string;
}

/** What {@link exportLogs} did. */
export interface ExportLogsResult {
  /** Id of the export task. */
  readonly exportId: string;
  /** The task as DescribeExports last showed it. */
  readonly task: ExportInfo;
  /** Compressed bytes downloaded. */
  readonly compressedBytes: number;
  /** Bytes written to the destination (after decompression when asked). */
  readonly bytesWritten: number;
}

/**
 * Exports logs from query to file in one call: CreateExport, wait until the task is `Completed`
 * (polling DescribeExports with backoff), then stream the file from its `CosPath` into `destination`
 * — in constant memory whatever the size, optionally gunzipped, resuming with a `Range` request
 * where a download broke, and listing the task again for a fresh `CosPath` when the link (valid one
 * hour) has expired.
 *
 * CreateExport is not idempotent: it is sent once; a failure after it may have reached the service
 * is reported, never blindly re-sent. The call options (`signal`, `timeoutMs`, `deadlineMs`,
 * `maxAttempts`) apply to every API call made.
 *
 * Nothing is left behind unknowingly: a file destination whose folder cannot be written is refused
 * before the task is created, and once the task exists every error thrown carries its `exportId` and
 * `topicId` (read them with {@link exportIdOf}), with a message saying how to resume
 * (`resumeExportId`) or delete it.
 *
 * @throws `TcValidationError` for a bad request (nothing is sent), a `TcError` for a destination that
 *   cannot be written (nothing is sent), `TcServiceError` for a service error, {@link ExportTaskError}
 *   when the task fails or expires, `TcTimeoutError` after `maxWaitMs`, `TcAbortError` when `signal`
 *   fires, `TcNetworkError` when the download cannot be completed, and the destination's own error (e.g.
 *   `ENOSPC`) or zlib's when the file cannot be written or decompressed.
 *
 * @example
 * ```ts
 * const result = await exportLogs(client, { TopicId, Query: "status:500", Count: 100_000, From, To }, {
 *   destination: "./errors.ndjson",
 *   onProgress: (p) => console.log(p.phase),
 * });
 * ```
 */
export async function exportLogs(client: ClsClient, request: CreateExportRequest, options: ExportLogsOptions): Promise<ExportLogsResult> {
  const {
    destination,
    decompress = true,
    onProgress,
    deleteAfterDownload = false,
    maxResumes = 3,
    resumeExportId,
    ...waitOptions
  } = options;
  const callOptions = pickCallOptions(waitOptions);
  if (typeof destination === "string") await checkWritable(destination);
  let exportId = resumeExportId;
  if (exportId === undefined) {
    ({ ExportId: exportId } = await client.createExport(request, callOptions));
    onProgress?.({ phase: "created", exportId });
  }
  const id = exportId;
  try {
    const task = await waitForExport(
      client,
      { TopicId: request.TopicId, ExportId: id },
      {
        ...waitOptions,
        onStatus: ({ CosPath: _link, ...info }) => onProgress?.({ phase: "status", exportId: id, task: info }),
      },
    );
    const counted = await downloadExport(client, task, { destination, decompress, maxResumes, onProgress, signal: waitOptions.signal });
    if (deleteAfterDownload) await client.deleteExport({ ExportId: id }, callOptions);
    onProgress?.({ phase: "done", exportId: id, ...counted });
    return { exportId: id, task, ...counted };
  } catch (error) {
    throw withExportId(error, request.TopicId, id);
  }
}

/** The export task an error of {@link exportLogs} concerns, when it was thrown after the task existed. */
export function exportIdOf(error: unknown): string | undefined {
  const id = typeof error === "object" && error !== null ? (error as { exportId?: unknown }).exportId : undefined;
  return typeof id === "string" ? id : undefined;
}

/**
 * `error` (thrown once the task exists) with the task's `exportId` and `topicId` and, in its message,
 * how to resume or delete it; its class is kept, so `instanceof` checks work as before.
 */
function withExportId(error: unknown, topicId: string, exportId: string): unknown {
  if (!(error instanceof Error) || exportIdOf(error) !== undefined) return error;
  const note = ` (export task ${exportId} of topic ${topicId} exists: resume with exportLogs(client, request, { …, resumeExportId: "${exportId}" }), or delete it with client.deleteExport({ ExportId: "${exportId}" }))`;
  const message = `${error.message}${note}`;
  Object.defineProperties(error, {
    exportId: { value: exportId, enumerable: true },
    topicId: { value: topicId, enumerable: true },
    message: { value: message, writable: true, configurable: true },
  });
  if (typeof error.stack === "string") error.stack = error.stack.replace(/^.*$/m, `${error.name}: ${message}`);
  return error;
}

/** Refuses a file destination that cannot be written, before anything is created on the service. */
async function checkWritable(destination: string): Promise<void> {
  const { access, stat } = await import("node:fs/promises");
  const { constants } = await import("node:fs");
  const path = await import("node:path");
  const folder = path.dirname(path.resolve(destination));
  try {
    await access(folder, constants.W_OK);
    if ((await stat(destination).catch(() => undefined))?.isDirectory() === true) {
      throw Object.assign(new Error(`${destination} is a folder`), { code: "EISDIR" });
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unwritable";
    throw new TcError(
      `exportLogs cannot write ${destination} (${code}${code === "ENOENT" ? `: the folder ${folder} does not exist` : ""}): nothing was created; fix the destination and call again`,
      { service: "cls", action: "CreateExport", cause: error },
    );
  }
}

/** Options of {@link downloadExport}. */
export interface DownloadExportOptions {
  /** See {@link ExportLogsOptions.destination}. */
  readonly destination: string | Writable;
  /** See {@link ExportLogsOptions.decompress}. @defaultValue `true` */
  readonly decompress?: boolean | undefined;
  /** See {@link ExportLogsOptions.maxResumes}. @defaultValue 3 */
  readonly maxResumes?: number | undefined;
  /** Called while downloading and resuming. */
  readonly onProgress?: ((progress: ExportProgress) => void) | undefined;
  /** Aborts the download. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Streams the file of a `Completed` export task into `destination` (see {@link exportLogs}), through
 * the client's own connection pool and proxy settings.
 *
 * A failure of the destination or of decompression stops the download at once and is thrown as it
 * is; a file destination then leaves nothing behind (`<path>.partial` is removed). The streaming code
 * (zlib, file streams, the tar reader) loads on the first download, not when the package is imported.
 */
export async function downloadExport(
  client: ClsClient,
  task: ExportInfo,
  options: DownloadExportOptions,
): Promise<Pick<ExportLogsResult, "compressedBytes" | "bytesWritten">> {
  const { streamExportFile } = await import("./download-file.js");
  return streamExportFile(client, task, options);
}

/** The options of one API call, out of the workflow's options. */
function pickCallOptions(options: CallOptions): CallOptions {
  const { signal, timeoutMs, deadlineMs, maxAttempts } = options;
  return { signal, timeoutMs, deadlineMs, maxAttempts };
}

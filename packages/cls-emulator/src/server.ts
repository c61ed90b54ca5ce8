/**
 * Starts the emulator: loads the data directory, resumes unfinished exports, and serves the API,
 * the download links and the admin API on one HTTP port.
 * @packageDocumentation
 */
import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import type { ActionContext } from "./actions/index.js";
import { isExpired } from "./actions/export-info.js";
import { ADMIN_PREFIX, handleAdminRequest, summarize, type TopicSummary } from "./admin.js";
import { handleApiRequest, type ApiEndpoint } from "./api.js";
import { ApiError } from "./api-error.js";
import { COS_PREFIX, CosLinks } from "./cos.js";
import { handleDownload } from "./download.js";
import { ExportRunner } from "./export/runner.js";
import { resolveOptions, type EmulatorOptions } from "./options.js";
import { sendJson } from "./http-body.js";
import { RateLimiter } from "./rate-limit.js";
import { parseRequestTarget } from "./request-target.js";
import { ExportStore } from "./store/export-store.js";
import { TopicStore, type CreateTopicInput, type TopicStatus } from "./store/topic-store.js";

/** Logs accepted by {@link Emulator.appendLogs}. */
export type LogSource = string | Iterable<Readonly<Record<string, unknown>>> | AsyncIterable<Uint8Array | string>;

/** A running emulator. */
export interface Emulator {
  /**
   * Base URL, e.g. `http://127.0.0.1:49152`: the API endpoint is `POST <url>/`. Give this (with its
   * scheme) to `@tcsdk/cls` as `endpoint`: it refuses a `host:port` without one.
   */
  readonly url: string;
  /** Host and port to give Tencent's official SDKs as endpoint (with `protocol: "http://"`), e.g. `127.0.0.1:49152`. */
  readonly endpoint: string;
  /** The port listened on. */
  readonly port: number;
  /** The data directory. */
  readonly dataDir: string;
  /** Creates a topic (admin helper). */
  createTopic(input?: CreateTopicInput): Promise<TopicSummary>;
  /** Opens or closes a topic (admin helper). */
  setTopicStatus(topicId: string, status: TopicStatus): Promise<TopicSummary>;
  /**
   * Appends logs: NDJSON text, an iterable of log objects, or a byte stream of NDJSON (e.g. a
   * `Readable`). Answers the number of lines appended.
   */
  appendLogs(topicId: string, logs: LogSource): Promise<number>;
  /** Appends an NDJSON file, streamed. */
  loadNdjsonFile(topicId: string, path: string): Promise<number>;
  /** Every topic. */
  listTopics(): TopicSummary[];
  /** Stops serving and stops running exports (they resume at the next start). */
  stop(): Promise<void>;
}

/**
 * Starts an emulator.
 *
 * @example
 * ```ts
 * const emulator = await startEmulator({ dataDir: "/tmp/cls", keys: [{ secretId: "AKIDtest", secretKey: "secret" }] });
 * const topic = await emulator.createTopic({ id: "my-topic" });
 * await emulator.appendLogs(topic.id, [{ __TIMESTAMP__: Date.now(), status: "200" }]);
 * // … point a client at emulator.url …
 * await emulator.stop();
 * ```
 */
export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const config = resolveOptions(options);
  const { clock, dataDir } = config;
  await mkdir(dataDir, { recursive: true });
  const topics = new TopicStore(dataDir, clock, config.segmentBytes);
  const exports = new ExportStore(dataDir);
  await topics.load();
  await exports.load();
  const links = await CosLinks.open(dataDir, clock);
  const runner = new ExportRunner({
    topics,
    exports,
    delays: config.delays,
    concurrency: config.exportConcurrency,
    gzipLevel: config.gzipLevel,
    isExpired: (task) => isExpired(task, clock()),
  });
  let baseUrl = "";
  const context: ActionContext = {
    topics,
    exports,
    runner,
    links,
    clock,
    publicUrl: () => config.publicUrl ?? baseUrl,
    maxUnfinishedExports: config.maxUnfinishedExports,
  };
  const api: ApiEndpoint = {
    context,
    auth: { keys: new Map(config.keys.map((key) => [key.secretId, key])), clock, strictService: config.strictService },
    limiter: new RateLimiter(config.rateLimit, 1000, clock),
    resetAfterAction: config.resetAfterAction,
    requestLog: config.requestLog,
  };

  const route = (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const target = parseRequestTarget(req.url);
    if (target === undefined) {
      req.resume();
      const error = new ApiError("InvalidRequest", "The request target is neither a path nor an absolute URL.");
      sendJson(res, clock, 400, { Response: { Error: { Code: error.code, Message: error.message }, RequestId: randomUUID() } });
      return Promise.resolve();
    }
    if (target.path.startsWith(ADMIN_PREFIX)) return handleAdminRequest(req, res, target, topics, clock);
    if (target.path.startsWith(COS_PREFIX)) return handleDownload(req, res, target, { exports, links, clock });
    return handleApiRequest(req, res, target, api);
  };
  // GET requests may carry 32 KB of parameters in the query: allow request heads that long
  const server = createServer({ maxHeaderSize: 64 * 1024 }, (req: IncomingMessage, res: ServerResponse) => {
    // no request, however malformed, may take the process down
    const fail = (error: unknown): void => {
      console.error("cls-emulator: unhandled request failure:", error);
      res.destroy();
    };
    try {
      route(req, res).catch(fail);
    } catch (error) {
      fail(error);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const hostForUrl = config.host.includes(":") ? `[${config.host}]` : config.host;
  baseUrl = `http://${hostForUrl}:${port}`;
  await runner.resume();

  let stopping: Promise<void> | undefined;
  return {
    url: baseUrl,
    endpoint: `${hostForUrl}:${port}`,
    port,
    dataDir,
    createTopic: async (input) => summarize(await topics.create(input)),
    setTopicStatus: async (topicId, status) => summarize(await topics.setStatus(topicId, status)),
    appendLogs: (topicId, logs) => topics.append(topicId, toByteSource(logs)),
    loadNdjsonFile: (topicId, path) => topics.append(topicId, createReadStream(path)),
    listTopics: () => topics.list().map(summarize),
    stop: () =>
      (stopping ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await runner.stop();
        await closed;
      })()),
  };
}

function toByteSource(logs: LogSource): AsyncIterable<Uint8Array | string> {
  if (typeof logs === "string") return Readable.from([logs]);
  if (Symbol.asyncIterator in logs) return logs;
  return Readable.from(
    (function* () {
      for (const log of logs) yield `${JSON.stringify(log)}\n`;
    })(),
  );
}

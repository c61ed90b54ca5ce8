/**
 * The admin API, only on the emulator, unsigned, under `/_emulator/`:
 *
 * | request | does |
 * |---|---|
 * | `GET /_emulator/health` | `{"status":"ok"}` |
 * | `GET /_emulator/topics` | `{"topics":[…]}` |
 * | `POST /_emulator/topics` `{"id"?,"name"?,"status"?}` | creates a topic → 201 `{"topic":…}` |
 * | `GET /_emulator/topics/<id>` | `{"topic":…}` |
 * | `POST /_emulator/topics/<id>/close` or `/open` | sets the status → `{"topic":…}` |
 * | `POST /_emulator/topics/<id>/logs` (NDJSON body, any size) | appends → `{"appended":n,"topic":…}` |
 *
 * Errors: HTTP 400/404/405/409 with `{"error":{"code","message"}}` (400 `InvalidPath` for a malformed
 * percent escape in the path).
 * @packageDocumentation
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Clock } from "./clock.js";
import { isClientAbort, readBody, sendJson } from "./http-body.js";
import { decodePathSegment, type RequestTarget } from "./request-target.js";
import { LineTooLongError } from "./store/line-splitter.js";
import { LogLineError } from "./store/log-line.js";
import { TopicStoreError, type CreateTopicInput, type TopicInfo, type TopicStore } from "./store/topic-store.js";

/** The path prefix of the admin API. */
export const ADMIN_PREFIX = "/_emulator/";

/** A topic as the admin API shows it (segment details left out). */
export interface TopicSummary {
  /** Topic id. */
  readonly id: string;
  /** Display name. */
  readonly name: string;
  /** `open` or `closed`. */
  readonly status: TopicInfo["status"];
  /** Creation time, ms. */
  readonly createTime: number;
  /** Stored log lines. */
  readonly logCount: number;
  /** Field names seen. */
  readonly fields: readonly string[];
  /** Number of segment files. */
  readonly segmentCount: number;
}

/** Drops the segment list of a topic. */
export function summarize(topic: TopicInfo): TopicSummary {
  const { segments, ...rest } = topic;
  return { ...rest, segmentCount: segments.length };
}

class AdminError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Answers one admin request; never throws. */
export async function handleAdminRequest(
  req: IncomingMessage,
  res: ServerResponse,
  target: RequestTarget,
  topics: TopicStore,
  clock: Clock,
): Promise<void> {
  try {
    const [status, body] = await route(req, target.path.slice(ADMIN_PREFIX.length).split("/"), topics);
    sendJson(res, clock, status, body);
  } catch (error) {
    if (isClientAbort(error)) return;
    const failure = toAdminError(error);
    if (failure.status === 500) console.error("cls-emulator: admin request failed:", error);
    if (!req.complete) req.resume();
    sendJson(res, clock, failure.status, { error: { code: failure.code, message: failure.message } });
  }
}

async function route(req: IncomingMessage, parts: string[], topics: TopicStore): Promise<[number, unknown]> {
  const method = req.method ?? "GET";
  const decoded = parts.map(decodePathSegment);
  if (decoded.includes(undefined)) throw new AdminError(400, "InvalidPath", "the path has a malformed percent escape");
  const [first, id, verb, extra] = decoded;
  if (first === "health" && parts.length === 1) return [200, { status: "ok" }];
  if (first !== "topics" || extra !== undefined) throw new AdminError(404, "NotFound", "no such admin endpoint");
  if (id === undefined || id === "") {
    if (method === "GET") return [200, { topics: topics.list().map(summarize) }];
    if (method === "POST") return [201, { topic: summarize(await topics.create(await readCreateInput(req))) }];
    throw new AdminError(405, "MethodNotAllowed", "use GET or POST");
  }
  if (verb === undefined) {
    if (method !== "GET") throw new AdminError(405, "MethodNotAllowed", "use GET");
    const topic = topics.get(id);
    if (topic === undefined) throw new AdminError(404, "TopicNotFound", `topic ${id} does not exist`);
    return [200, { topic: summarize(topic) }];
  }
  if (method !== "POST") throw new AdminError(405, "MethodNotAllowed", "use POST");
  if (verb === "close" || verb === "open")
    return [200, { topic: summarize(await topics.setStatus(id, verb === "close" ? "closed" : "open")) }];
  if (verb === "logs") {
    const appended = await topics.append(id, req);
    return [200, { appended, topic: summarize(topics.get(id) as TopicInfo) }];
  }
  throw new AdminError(404, "NotFound", "no such admin endpoint");
}

async function readCreateInput(req: IncomingMessage): Promise<CreateTopicInput> {
  const body = await readBody(req, 64 * 1024);
  if (body === undefined) throw new AdminError(400, "InvalidBody", "body too large");
  if (body.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch {
    throw new AdminError(400, "InvalidBody", "body is not valid JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new AdminError(400, "InvalidBody", "body must be a JSON object");
  const { id, name, status } = value as Record<string, unknown>;
  if (id !== undefined && typeof id !== "string") throw new AdminError(400, "InvalidBody", "id must be a string");
  if (name !== undefined && typeof name !== "string") throw new AdminError(400, "InvalidBody", "name must be a string");
  if (status !== undefined && status !== "open" && status !== "closed")
    throw new AdminError(400, "InvalidBody", "status must be open or closed");
  return { ...(id !== undefined ? { id } : {}), ...(name !== undefined ? { name } : {}), ...(status !== undefined ? { status } : {}) };
}

function toAdminError(error: unknown): AdminError {
  if (error instanceof AdminError) return error;
  if (error instanceof LogLineError || error instanceof LineTooLongError) return new AdminError(400, "InvalidLogLine", error.message);
  if (error instanceof TopicStoreError) {
    const [status, code] = (
      { "not-found": [404, "TopicNotFound"], conflict: [409, "TopicExists"], invalid: [400, "InvalidTopicId"] } as const
    )[error.reason];
    return new AdminError(status, code, error.message);
  }
  return new AdminError(500, "InternalError", "internal error; see the emulator's standard error");
}

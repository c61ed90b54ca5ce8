/**
 * Reading request bodies and writing JSON answers.
 * @packageDocumentation
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { httpDate, type Clock } from "./clock.js";
import { stringifyJson } from "./json-exact.js";

/** Reads a whole body; `undefined` when it is larger than `limit` bytes (the rest is drained). */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= limit) chunks.push(chunk as Buffer);
  }
  return size > limit ? undefined : Buffer.concat(chunks);
}

/**
 * Whether an error is the client going away mid-request (Node's `aborted`, `ECONNRESET`, raised
 * while reading the body): nothing to answer, nothing to log.
 */
export function isClientAbort(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === "ECONNRESET";
}

/** Writes a JSON answer (a `bigint` as exact digits) with `Content-Length` and a `Date` from the emulator clock. */
export function sendJson(res: ServerResponse, clock: Clock, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const body = stringifyJson(value);
  res.writeHead(status, {
    ...headers,
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(body),
    Date: httpDate(clock()),
  });
  res.end(body);
}

/**
 * Reading request bodies and writing JSON answers.
 * @packageDocumentation
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { httpDate, type Clock } from "./clock.js";

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

/** Writes a JSON answer with `Content-Length` and a `Date` from the emulator clock. */
export function sendJson(res: ServerResponse, clock: Clock, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    ...headers,
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(body),
    Date: httpDate(clock()),
  });
  res.end(body);
}

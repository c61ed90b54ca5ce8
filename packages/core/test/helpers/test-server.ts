/**
 * A real node:http server on 127.0.0.1 with a programmable handler, that records every request and
 * counts the TCP connections it accepted.
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** One request as the server received it. */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  /** Header names lower-case, as node:http gives them. */
  readonly headers: IncomingHttpHeaders;
  /** Header names and values in the order and case they arrived. */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
  /** Index of this request (0 for the first). */
  readonly index: number;
}

/** Answers one request. */
export type Handler = (request: RecordedRequest, response: ServerResponse) => unknown;

/** A running server. */
export interface TestServer {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  readonly port: number;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** TCP connections accepted so far. */
  readonly connections: () => number;
  /** Replaces the handler. */
  handle(handler: Handler): void;
  /** Stops listening and destroys every open connection. */
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1, on `port` (0: any free port). */
export async function startServer(handler: Handler, port = 0): Promise<TestServer> {
  let current = handler;
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const recorded: RecordedRequest = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        rawHeaders: req.rawHeaders,
        body: Buffer.concat(chunks),
        index: requests.length,
      };
      requests.push(recorded);
      Promise.resolve(current(recorded, res)).catch((error: unknown) => {
        res.destroy(error instanceof Error ? error : new Error(String(error)));
      });
    });
  });
  server.on("connection", (socket: Socket) => {
    connections++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    requests,
    connections: () => connections,
    handle(next) {
      current = next;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Sends `body` as JSON (a string is sent as it is). */
export function sendJson(response: ServerResponse, body: unknown, status = 200, headers: Record<string, string> = {}): void {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(text);
}

/** A successful API 3.0 answer. */
export function apiSuccess(fields: Record<string, unknown> = {}, requestId = "req-ok"): unknown {
  return { Response: { ...fields, RequestId: requestId } };
}

/** An API 3.0 error answer. */
export function apiError(code: string, message = `${code} happened`, requestId = "req-err"): unknown {
  return { Response: { Error: { Code: code, Message: message }, RequestId: requestId } };
}

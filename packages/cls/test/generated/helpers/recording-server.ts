/** A node:http server on 127.0.0.1 (port 0) that records every request and answers with canned JSON. */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as the server saw it. */
export interface RecordedRequest {
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A running server: its endpoint URL, what it received, and how to stop it. */
export interface RecordingServer {
  readonly endpoint: string;
  readonly requests: RecordedRequest[];
  /** Sets the next answers' body (the whole `{"Response": …}` object). */
  answerWith(body: unknown): void;
  /** Sets the next answers' body as exact JSON text (for 64-bit integers JSON.stringify cannot write). */
  answerWithText(text: string): void;
  close(): Promise<void>;
}

/** Starts a server answering HTTP 200 with `body` as JSON. */
export async function startRecordingServer(body: unknown): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  let answer = JSON.stringify(body);
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      requests.push({ method: request.method, url: request.url, headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(200, { "content-type": "application/json" });
      response.end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    answerWith(next) {
      answer = JSON.stringify(next);
    },
    answerWithText(text) {
      answer = text;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
  };
}

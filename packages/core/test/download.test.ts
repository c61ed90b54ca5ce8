import { afterEach, describe, expect, it } from "vitest";
import { TcAbortError, TcNetworkError, TcTimeoutError } from "../src/index.js";
import { TestClient, localOptions, rejectionOf } from "./helpers/test-client.js";
import { startServer, type TestServer } from "./helpers/test-server.js";

const file = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));
let server: TestServer | undefined;
let client: TestClient | undefined;

afterEach(async () => {
  await client?.close();
  client = undefined;
  await server?.close();
  server = undefined;
});

/** Serves `file` at /export.tar.gz, honouring `Range: bytes=N-`; any other path is 403 (an expired link). */
async function startFileServer(): Promise<TestServer> {
  return startServer((req, res) => {
    if (!req.url.startsWith("/export.tar.gz")) return res.writeHead(403).end("expired");
    const range = /^bytes=(\d+)-$/.exec(String(req.headers["range"] ?? ""));
    const from = range === null ? 0 : Number(range[1]);
    res.writeHead(range === null ? 200 : 206, { "content-type": "application/gzip" });
    return res.end(file.subarray(from));
  });
}

async function readAll(body: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe("download of a pre-signed URL", () => {
  it("streams the file through the client's connections, unsigned", async () => {
    server = await startFileServer();
    client = new TestClient(localOptions(server.url));
    const answer = await client.download(`${server.url}/export.tar.gz?q-signature=abc`);
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toBe("application/gzip");
    expect((await readAll(answer.body)).equals(file)).toBe(true);
    expect(server.requests[0]?.method).toBe("GET");
    expect(server.requests[0]?.url).toBe("/export.tar.gz?q-signature=abc");
    expect(server.requests[0]?.headers["authorization"]).toBeUndefined();
  });

  it("resumes at an offset with a Range header", async () => {
    server = await startFileServer();
    client = new TestClient(localOptions(server.url));
    const answer = await client.download(`${server.url}/export.tar.gz`, { offset: 1234 });
    expect(answer.status).toBe(206);
    expect(server.requests[0]?.headers["range"]).toBe("bytes=1234-");
    expect((await readAll(answer.body)).equals(file.subarray(1234))).toBe(true);
  });

  it("hands back any status (an expired link answers 403)", async () => {
    server = await startFileServer();
    client = new TestClient(localOptions(server.url));
    const answer = await client.download(`${server.url}/other?sign=secret`);
    expect(answer.status).toBe(403);
    answer.body.destroy();
  });

  it("turns a stalled answer into TcTimeoutError and an abort into TcAbortError", async () => {
    server = await startServer(() => undefined);
    client = new TestClient(localOptions(server.url));
    await expect(client.download(`${server.url}/x`, { timeoutMs: 100 })).rejects.toBeInstanceOf(TcTimeoutError);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(client.download(`${server.url}/x`, { signal: controller.signal })).rejects.toBeInstanceOf(TcAbortError);
  });

  it("keeps a pre-signed URL's query out of a network error", async () => {
    server = await startServer((_req, res) => res.socket?.destroy());
    client = new TestClient(localOptions(server.url));
    const error = await rejectionOf(client.download(`${server.url}/export.tar.gz?q-signature=SIGNED-SECRET`));
    expect(error).toBeInstanceOf(TcNetworkError);
    expect((error as Error).message).toContain(`${server.url}/export.tar.gz`);
    expect(JSON.stringify(error) + (error as Error).message + (error as Error).stack).not.toContain("SIGNED-SECRET");
  });
});

import { readFileSync } from "node:fs";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { type Dispatcher, MockAgent } from "undici";
import { Agent as Undici6Agent } from "undici6";
import { afterEach, describe, expect, it } from "vitest";
import { TcAbortError, TcParseError, TcTimeoutError } from "../src/index.js";
import { startConnectProxy, type TestProxy } from "./helpers/connect-proxy.js";
import { CreateExport, DescribeExports, TestClient, localOptions, rejectionOf } from "./helpers/test-client.js";
import { apiError, apiSuccess, sendJson, startServer, type TestServer } from "./helpers/test-server.js";

let server: TestServer | undefined;
let proxy: TestProxy | undefined;
let client: TestClient | undefined;
const savedEnv = { ...process.env };

afterEach(async () => {
  await client?.close();
  client = undefined;
  await server?.close();
  server = undefined;
  await proxy?.close();
  proxy = undefined;
  for (const name of ["HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "NODE_TLS_REJECT_UNAUTHORIZED"]) {
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
  }
});

describe("connections", () => {
  it("many calls reuse few keep-alive connections", async () => {
    server = await startServer((_req, res) => sendJson(res, apiSuccess()));
    client = new TestClient(localOptions(server.url, { rateLimit: false }));
    for (let i = 0; i < 30; i++) await client.call(DescribeExports, {});
    expect(server.requests.length).toBe(30);
    // undici 7 checks an idle keep-alive socket for a pending close across one event-loop turn
    // before reusing it; a call arriving meanwhile gets a second connection, then the two take turns.
    expect(server.connections()).toBeLessThanOrEqual(2);
    // Bursts of 4 at a time: the same check may add a spare connection per busy one, so allow twice
    // the concurrency — still far fewer than the 40 calls.
    for (let round = 0; round < 10; round++) {
      await Promise.all(Array.from({ length: 4 }, () => client?.call(DescribeExports, {})));
    }
    expect(server.requests.length).toBe(70);
    expect(server.connections()).toBeLessThanOrEqual(8);
  });

  it("goes through the proxy named by HTTP_PROXY (and not around it)", async () => {
    server = await startServer((_req, res) => sendJson(res, apiSuccess({ Via: "proxy?" })));
    proxy = await startConnectProxy();
    process.env["HTTP_PROXY"] = proxy.url;
    process.env["HTTPS_PROXY"] = proxy.url;
    process.env["NO_PROXY"] = "";
    client = new TestClient(localOptions(server.url));
    await client.call(DescribeExports, {});
    await client.call(DescribeExports, {});
    expect(server.requests.length).toBe(2);
    expect(proxy.tunnels.length).toBeGreaterThanOrEqual(1);
    expect(proxy.tunnels[0]).toBe(`127.0.0.1:${server.port}`);
  });

  it("reaches an https endpoint through the proxy named by HTTPS_PROXY alone", async () => {
    const tls = new URL("./fixtures/tls/", import.meta.url);
    const seen: string[] = [];
    const https = createHttpsServer(
      { key: readFileSync(new URL("key.pem", tls)), cert: readFileSync(new URL("cert.pem", tls)) },
      (req, res) => {
        seen.push(String(req.headers["x-tc-action"]));
        req.resume();
        req.on("end", () => sendJson(res, apiSuccess({ Secure: true }, "rid-tls")));
      },
    );
    await new Promise<void>((resolve) => https.listen(0, "127.0.0.1", resolve));
    try {
      proxy = await startConnectProxy();
      delete process.env["HTTP_PROXY"];
      process.env["HTTPS_PROXY"] = proxy.url;
      process.env["NO_PROXY"] = "";
      // The self-signed test certificate: trust any for this test only (restored in afterEach).
      process.env["NODE_TLS_REJECT_UNAUTHORIZED"] = "0";
      client = new TestClient(localOptions(`https://127.0.0.1:${(https.address() as AddressInfo).port}`));
      await expect(client.call(DescribeExports, {})).resolves.toEqual({ Secure: true, RequestId: "rid-tls" });
      expect(seen).toEqual(["DescribeExports"]);
      expect(proxy.tunnels).toEqual([`127.0.0.1:${(https.address() as AddressInfo).port}`]);
    } finally {
      https.closeAllConnections();
      await new Promise((resolve) => https.close(resolve));
    }
  });

  it("skips the proxy for hosts in NO_PROXY", async () => {
    server = await startServer((_req, res) => sendJson(res, apiSuccess()));
    proxy = await startConnectProxy();
    process.env["HTTP_PROXY"] = proxy.url;
    process.env["NO_PROXY"] = "127.0.0.1";
    client = new TestClient(localOptions(server.url));
    await client.call(DescribeExports, {});
    expect(server.requests.length).toBe(1);
    expect(proxy.tunnels).toEqual([]);
  });

  it("sends through an injected Dispatcher (undici MockAgent)", async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent
      .get("https://cls.tencentcloudapi.com")
      .intercept({ path: "/", method: "POST", headers: { "x-tc-action": "DescribeExports" } })
      .reply(200, apiSuccess({ TotalCount: 0 }, "rid-mock") as object, { headers: { "content-type": "application/json" } });
    client = new TestClient({ ...localOptions("https://cls.tencentcloudapi.com"), dispatcher: agent });
    await expect(client.call(DescribeExports, {})).resolves.toEqual({ TotalCount: 0, RequestId: "rid-mock" });
    agent.assertNoPendingInterceptors();
    await agent.close();
  });
});

describe("Dispatchers of either handler API", () => {
  it("sends through an undici 6 Agent (the older handler API, as Node's built-in undici speaks it)", async () => {
    server = await startServer((_req, res) => sendJson(res, apiSuccess({ Via: "undici 6" }, "rid-6")));
    const agent = new Undici6Agent();
    try {
      client = new TestClient({ ...localOptions(server.url), dispatcher: agent as unknown as Dispatcher });
      await expect(client.call(DescribeExports, {})).resolves.toEqual({ Via: "undici 6", RequestId: "rid-6" });
      // a reset after the request was written is still told apart from one before it
      server.handle((_req, res) => res.socket?.destroy());
      await expect(client.call(CreateExport, {})).rejects.toMatchObject({ name: "TcNetworkError", maybeSent: true });
      expect(server.requests.length).toBe(2);
    } finally {
      await agent.close();
    }
  });
});

describe("time limits", () => {
  it("a per-attempt timeout ends a stuck attempt", async () => {
    server = await startServer(() => undefined);
    client = new TestClient(localOptions(server.url, { timeoutMs: 150 }));
    const error = await rejectionOf(client.call(CreateExport, {}));
    expect(error).toBeInstanceOf(TcTimeoutError);
    expect(error).toMatchObject({ kind: "attempt", timeoutMs: 150, action: "CreateExport", attempts: 1 });
    expect(server.requests.length).toBe(1);
  });

  it("the deadline ends an attempt that outlives it", async () => {
    server = await startServer(() => undefined);
    client = new TestClient(localOptions(server.url, { timeoutMs: 60_000, deadlineMs: 300 }));
    const error = await rejectionOf(client.call(DescribeExports, {}));
    expect(error).toBeInstanceOf(TcTimeoutError);
    expect(error).toMatchObject({ kind: "deadline", timeoutMs: 300, attempts: 1 });
    expect(server.requests.length).toBe(1);
  });

  it("the deadline bounds a call whose attempts keep timing out", async () => {
    server = await startServer(() => undefined);
    client = new TestClient(localOptions(server.url, { timeoutMs: 150, deadlineMs: 400, maxAttempts: 10 }));
    const error = await rejectionOf(client.call(DescribeExports, {}));
    // 10 attempts were allowed; the deadline leaves room for at most three 150 ms attempts (how many
    // actually start depends on the machine's speed, so only the bound is asserted).
    expect(error).toBeInstanceOf(TcTimeoutError);
    expect(server.requests.length).toBeGreaterThanOrEqual(1);
    expect(server.requests.length).toBeLessThanOrEqual(3);
    expect((error as TcTimeoutError).attempts).toBe(server.requests.length);
  });

  it("an attempt's limit holds the process open while it runs, and nothing once the call has ended", async () => {
    const refedTimers = (): number => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;
    let answer: (() => void) | undefined;
    server = await startServer((_req, res) => {
      answer = () => sendJson(res, apiSuccess());
    });
    // the default rate limit on: a turn free at once arms no timer either
    client = new TestClient(localOptions(server.url));
    const before = refedTimers();
    const call = client.call(DescribeExports, {});
    for (let turn = 0; turn < 200 && answer === undefined; turn++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(refedTimers()).toBe(before + 1);
    answer?.();
    await call;
    // nothing of the call's 30 s timeout is left: a script exits once its calls have ended
    expect(refedTimers()).toBe(before);
  });

  it("per-call options override the client's", async () => {
    server = await startServer(() => undefined);
    client = new TestClient(localOptions(server.url, { timeoutMs: 60_000 }));
    const error = await rejectionOf(client.call(CreateExport, {}, { timeoutMs: 100 }));
    expect(error).toMatchObject({ kind: "attempt", timeoutMs: 100 });
  });
});

describe("abort", () => {
  it("an abort during a request ends it with TcAbortError carrying the reason", async () => {
    const controller = new AbortController();
    server = await startServer(() => controller.abort(new Error("user gave up")));
    client = new TestClient(localOptions(server.url));
    const error = await rejectionOf(client.call(DescribeExports, {}, { signal: controller.signal }));
    expect(error).toBeInstanceOf(TcAbortError);
    expect((error as Error).cause).toEqual(new Error("user gave up"));
    expect(server.requests.length).toBe(1);
  });

  it("an abort during a backoff wait ends the wait at once, keeping the last RequestId", async () => {
    const controller = new AbortController();
    server = await startServer((_req, res) => sendJson(res, apiError("RequestLimitExceeded", "slow", "rid-throttled")));
    client = new TestClient(
      localOptions(server.url, {
        random: () => 0.99, // a wait of about 1 s, which the abort cuts short
        hooks: { afterResponse: (info) => info.retryDelayMs !== undefined && setImmediate(() => controller.abort()) },
      }),
    );
    const error = await rejectionOf(client.call(CreateExport, {}, { signal: controller.signal }));
    expect(error).toBeInstanceOf(TcAbortError);
    expect(error).toMatchObject({ attempts: 1, requestId: "rid-throttled" });
    expect(server.requests.length).toBe(1);
  });

  it("an already aborted signal sends nothing", async () => {
    server = await startServer((_req, res) => sendJson(res, apiSuccess()));
    client = new TestClient(localOptions(server.url));
    await expect(client.call(DescribeExports, {}, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(TcAbortError);
    expect(server.requests.length).toBe(0);
  });
});

describe("answer size cap", () => {
  it("refuses an answer larger than maxResponseBytes (declared length)", async () => {
    server = await startServer((_req, res) => sendJson(res, apiSuccess({ Blob: "x".repeat(5000) })));
    client = new TestClient(localOptions(server.url, { maxResponseBytes: 1024 }));
    const error = await rejectionOf(client.call(DescribeExports, {}));
    expect(error).toBeInstanceOf(TcParseError);
    expect(error).toMatchObject({ status: 200, attempts: 1 });
    expect((error as Error).message).toContain("larger than 1024 bytes");
    expect(server.requests.length).toBe(1);
  });

  it("refuses a chunked answer once it passes the cap", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"Response":{"Blob":"');
      const timer = setInterval(() => res.write("y".repeat(512)), 5);
      res.on("close", () => clearInterval(timer));
    });
    client = new TestClient(localOptions(server.url, { maxResponseBytes: 4096 }));
    const error = await rejectionOf(client.call(DescribeExports, {}));
    expect(error).toBeInstanceOf(TcParseError);
    expect((error as Error).message).toContain("larger than 4096 bytes");
  });

  it("accepts an answer just under the cap", async () => {
    const body = JSON.stringify(apiSuccess({ Blob: "z".repeat(900) }));
    server = await startServer((_req, res) => sendJson(res, body));
    client = new TestClient(localOptions(server.url, { maxResponseBytes: Buffer.byteLength(body) }));
    await expect(client.call(DescribeExports, {})).resolves.toMatchObject({ RequestId: "req-ok" });
  });
});

import { createServer, type Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { TcNetworkError, TcParseError, TcServiceError, TcTimeoutError, type AfterResponseInfo } from "../src/index.js";
import { CreateExport, DescribeExports, TestClient, localOptions, rejectionOf } from "./helpers/test-client.js";
import { apiError, apiSuccess, sendJson, startServer, type Handler, type TestServer } from "./helpers/test-server.js";

let server: TestServer | undefined;
let client: TestClient | undefined;

afterEach(async () => {
  await client?.close();
  client = undefined;
  await server?.close();
  server = undefined;
});

/** Answers request number `i` with `steps[i]` (the last step repeats). */
function script(...steps: Handler[]): Handler {
  return (req, res) => (steps[Math.min(req.index, steps.length - 1)] as Handler)(req, res);
}

const ok: Handler = (_req, res) => sendJson(res, apiSuccess({ Done: true }, "rid-ok"));
/** A refusal that asks for no wait (`Retry-After: 0`), so that counting attempts takes no time; the waits have their own test. */
const throttled: Handler = (_req, res) =>
  sendJson(res, apiError("RequestLimitExceeded.UinLimitExceeded", "slow down", "rid-throttled"), 200, { "retry-after": "0" });
const internalError: Handler = (_req, res) => sendJson(res, apiError("InternalError", "oops", "rid-internal"));
const badGatewayHtml: Handler = (_req, res) => {
  res.writeHead(502, { "content-type": "text/html" });
  res.end("<html><body><h1>502 Bad Gateway</h1></body></html>");
};
const resetAfterReceiving: Handler = (_req, res) => res.socket?.destroy();

describe("the retry table (counted on the server)", () => {
  const rows: {
    name: string;
    operation: typeof CreateExport;
    steps: Handler[];
    attempts: number;
    outcome: "ok" | (new (...args: never[]) => Error);
  }[] = [
    {
      name: "throttled twice then success → 3 attempts",
      operation: CreateExport,
      steps: [throttled, throttled, ok],
      attempts: 3,
      outcome: "ok",
    },
    {
      name: "throttled on every attempt → maxAttempts (3), then the service error",
      operation: CreateExport,
      steps: [throttled],
      attempts: 3,
      outcome: TcServiceError,
    },
    {
      name: "CreateExport, connection reset after the request was sent → 1 attempt",
      operation: CreateExport,
      steps: [resetAfterReceiving, ok],
      attempts: 1,
      outcome: TcNetworkError,
    },
    {
      name: "DescribeExports, connection reset after the request was sent → retried",
      operation: DescribeExports,
      steps: [resetAfterReceiving, ok],
      attempts: 2,
      outcome: "ok",
    },
    {
      name: "DescribeExports answered 502 (HTML) → retried",
      operation: DescribeExports,
      steps: [badGatewayHtml, ok],
      attempts: 2,
      outcome: "ok",
    },
    {
      name: "CreateExport answered 502 (HTML) → not retried, parse error",
      operation: CreateExport,
      steps: [badGatewayHtml, ok],
      attempts: 1,
      outcome: TcParseError,
    },
    {
      name: "DescribeExports answered InternalError → retried",
      operation: DescribeExports,
      steps: [internalError, ok],
      attempts: 2,
      outcome: "ok",
    },
    {
      name: "CreateExport answered InternalError → not retried",
      operation: CreateExport,
      steps: [internalError, ok],
      attempts: 1,
      outcome: TcServiceError,
    },
    {
      name: "a client error (InvalidParameter) is never retried",
      operation: DescribeExports,
      steps: [(_req, res) => sendJson(res, apiError("InvalidParameter")), ok],
      attempts: 1,
      outcome: TcServiceError,
    },
    {
      name: "a 5xx whose JSON carries Response.Error is decided by its code (throttling → retried for CreateExport)",
      operation: CreateExport,
      steps: [(_req, res) => sendJson(res, apiError("RequestLimitExceeded"), 503, { "retry-after": "0" }), ok],
      attempts: 2,
      outcome: "ok",
    },
  ];

  it.each(rows.map((row) => [row.name, row] as const))("%s", async (_name, row) => {
    server = await startServer(script(...row.steps));
    client = new TestClient(localOptions(server.url));
    const promise = client.call(row.operation, { TopicId: "t" });
    if (row.outcome === "ok") {
      await expect(promise).resolves.toEqual({ Done: true, RequestId: "rid-ok" });
    } else {
      const error = await rejectionOf(promise);
      expect(error).toBeInstanceOf(row.outcome);
      expect((error as TcServiceError).attempts).toBe(row.attempts);
    }
    expect(server.requests.length).toBe(row.attempts);
  });

  it("maxAttempts: 1 turns retries off, per client or per call", async () => {
    server = await startServer(script(throttled, ok));
    client = new TestClient(localOptions(server.url, { maxAttempts: 1 }));
    await expect(client.call(CreateExport, {})).rejects.toBeInstanceOf(TcServiceError);
    expect(server.requests.length).toBe(1);
    await expect(client.call(CreateExport, {}, { maxAttempts: 2 })).resolves.toBeDefined();
  });

  it("waits with equal jitter after throttling (1 s base), full jitter after faults (100 ms), doubling; Retry-After wins", async () => {
    server = await startServer(
      script(
        (_req, res) => sendJson(res, apiError("RequestLimitExceeded")),
        internalError,
        (_req, res) => sendJson(res, apiError("InternalError"), 200, { "retry-after": "0" }),
        ok,
      ),
    );
    const delays: (number | undefined)[] = [];
    client = new TestClient(
      localOptions(server.url, {
        maxAttempts: 5,
        random: () => 0.01,
        hooks: { afterResponse: (info: AfterResponseInfo) => delays.push(info.retryDelayMs) },
      }),
    );
    await client.call(DescribeExports, {});
    // retry 0 (throttled): 1000/2 + 0.01·1000/2; retry 1 (fault): 0.01·(100·2); then Retry-After: 0; then success.
    expect(delays).toEqual([505, 2, 0, undefined]);
  });

  it("retries any action when the connection failed before the request was sent", async () => {
    // A port with nobody listening: the first attempt is refused. The afterResponse hook of that
    // attempt starts a server on the same port, so the retry gets through.
    const port = await freePort();
    let started: Promise<TestServer> | undefined;
    client = new TestClient(
      localOptions(`http://127.0.0.1:${port}`, {
        hooks: {
          afterResponse: (info) => {
            if (info.attempt === 1) {
              expect(info.error).toBeInstanceOf(TcNetworkError);
              expect((info.error as TcNetworkError).maybeSent).toBe(false);
              expect((info.error as TcNetworkError).errorCode).toBe("ECONNREFUSED");
              started = startServer(ok, port);
            }
          },
        },
        random: () => 0.9,
      }),
    );
    await expect(client.call(CreateExport, {})).resolves.toEqual({ Done: true, RequestId: "rid-ok" });
    server = await started;
    expect(server?.requests.length).toBe(1);
  });

  it("server clock 10 minutes ahead → one re-signed retry that succeeds, and the offset is kept", async () => {
    const skewMs = 10 * 60 * 1000;
    const serverNow = (): number => Date.now() + skewMs;
    server = await startServer((req, res) => {
      const sent = Number(req.headers["x-tc-timestamp"]) * 1000;
      const headers = { date: new Date(serverNow()).toUTCString() };
      if (Math.abs(serverNow() - sent) > 5 * 60 * 1000) {
        sendJson(res, apiError("AuthFailure.SignatureExpire", "signature expired", "rid-skew"), 200, headers);
      } else sendJson(res, apiSuccess({ Done: true }, "rid-ok"), 200, headers);
    });
    client = new TestClient(localOptions(server.url, { maxAttempts: 1 }));
    await expect(client.call(CreateExport, {})).resolves.toEqual({ Done: true, RequestId: "rid-ok" });
    expect(server.requests.length).toBe(2);
    const [first, second] = server.requests.map((r) => Number(r.headers["x-tc-timestamp"]));
    expect((second as number) - (first as number)).toBeGreaterThan(590);
    expect(server.requests[0]?.headers["authorization"]).not.toBe(server.requests[1]?.headers["authorization"]);
    await client.call(CreateExport, {});
    expect(server.requests.length).toBe(3);
  });

  it("re-signs for clock skew only once per call", async () => {
    server = await startServer((_req, res) =>
      sendJson(res, apiError("AuthFailure.SignatureExpire"), 200, { date: new Date(Date.now() + 3_600_000).toUTCString() }),
    );
    client = new TestClient(localOptions(server.url));
    const error = await rejectionOf(client.call(DescribeExports, {}));
    expect((error as TcServiceError).code).toBe("AuthFailure.SignatureExpire");
    expect(server.requests.length).toBe(2);
  });
});

describe("answers that are not API 3.0 JSON → TcParseError", () => {
  const cases: [string, Handler, Partial<TcParseError>][] = [
    [
      "an HTML 502 page",
      badGatewayHtml,
      { status: 502, contentType: "text/html", bodySnippet: "<html><body><h1>502 Bad Gateway</h1></body></html>" },
    ],
    [
      "truncated JSON (RequestId still found)",
      (_req, res) => sendJson(res, '{"Response":{"RequestId":"rid-cut","ExportId":"e-'),
      { status: 200, contentType: "application/json", requestId: "rid-cut" },
    ],
    ["JSON without Response", (_req, res) => sendJson(res, { Result: 1 }), { status: 200, bodySnippet: '{"Result":1}' }],
    ["an empty body", (_req, res) => sendJson(res, ""), { status: 200, bodySnippet: "" }],
    [
      "a request id in a header",
      (_req, res) => sendJson(res, "<oops>", 200, { "content-type": "text/plain", "x-tc-requestid": "rid-header" }),
      { requestId: "rid-header", contentType: "text/plain" },
    ],
  ];
  it.each(cases)("%s", async (_name, handler, expected) => {
    server = await startServer(handler);
    client = new TestClient(localOptions(server.url));
    const error = await rejectionOf(client.call(CreateExport, {}));
    expect(error).toBeInstanceOf(TcParseError);
    expect(error).toMatchObject({ action: "CreateExport", service: "cls", attempts: 1, ...expected });
    expect(server.requests.length).toBe(1);
  });

  it("a service error keeps code, message, RequestId, action, service and status", async () => {
    server = await startServer((_req, res) => sendJson(res, apiError("ResourceNotFound.TopicNotExist", "no such topic", "rid-404")));
    client = new TestClient(localOptions(server.url));
    const error = await rejectionOf(client.call(CreateExport, {}));
    expect(error).toBeInstanceOf(TcServiceError);
    expect(error).toMatchObject({
      code: "ResourceNotFound.TopicNotExist",
      requestId: "rid-404",
      action: "CreateExport",
      service: "cls",
      status: 200,
      attempts: 1,
    });
    expect((error as Error).message).toBe(
      "CreateExport failed: ResourceNotFound.TopicNotExist: no such topic (HTTP 200, RequestId rid-404)",
    );
  });
});

describe("deadline and retries", () => {
  it("does not start a backoff wait that would pass the deadline", async () => {
    server = await startServer((_req, res) => sendJson(res, apiError("RequestLimitExceeded")));
    // the first wait after throttling is at least 500 ms: more than the deadline leaves
    client = new TestClient(localOptions(server.url, { random: () => 0, deadlineMs: 400 }));
    const error = await rejectionOf(client.call(CreateExport, {}));
    expect(error).toBeInstanceOf(TcServiceError);
    expect(server.requests.length).toBe(1);
  });

  it("a timeout after the request was sent is retried only for idempotent actions", async () => {
    const hang: Handler = () => undefined;
    server = await startServer(script(hang, hang, ok));
    client = new TestClient(localOptions(server.url, { timeoutMs: 200 }));
    const error = await rejectionOf(client.call(CreateExport, {}));
    expect(error).toMatchObject({ kind: "attempt", timeoutMs: 200, attempts: 1 });
    expect(error).toBeInstanceOf(TcTimeoutError);
    expect(server.requests.length).toBe(1);
    await expect(client.call(DescribeExports, {})).resolves.toBeDefined();
    expect(server.requests.length).toBe(3);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe: Server = createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

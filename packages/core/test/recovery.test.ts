/**
 * What a failed call keeps for the user to recover with: the head of an answer whose body was lost,
 * a delete that an earlier attempt already did, credentials bounded by the call, and no plain HTTP to
 * a real host.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  TcAbortError,
  TcNetworkError,
  TcServiceError,
  TcTimeoutError,
  fromInstanceRole,
  type AfterResponseInfo,
  type LogFields,
  type OperationInfo,
} from "../src/index.js";
import { CreateExport, DescribeExports, TestClient, localOptions, rejectionOf, testService } from "./helpers/test-client.js";
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

const SERVER_DATE = "Sun, 29 Nov 2026 10:00:00 GMT";
/** The head of a 200 answer with a RequestId, then half its body, then the connection is cut. */
const cutAfterHead: Handler = (_req, res) => {
  res.writeHead(200, { "content-type": "application/json", "content-length": "200", "x-tc-requestid": "rid-cut", date: SERVER_DATE });
  res.write('{"Response":{"ExportId":"ex');
  setTimeout(() => res.socket?.destroy(), 20);
};
/** The head of a 200 answer with a RequestId, then nothing more. */
const stallAfterHead: Handler = (_req, res) => {
  res.writeHead(200, { "content-type": "application/json", "content-length": "200", "x-tc-requestid": "rid-stall", date: SERVER_DATE });
  res.write('{"Response":');
};

describe("an answer cut after its head keeps its status, RequestId and Date", () => {
  it("a body cut short: TcNetworkError with the answer's head, and the warning that CreateExport may have taken effect", async () => {
    server = await startServer(cutAfterHead);
    client = new TestClient(localOptions(server.url));
    const error = (await rejectionOf(client.call(CreateExport, { TopicId: "t" }))) as TcNetworkError;
    expect(error).toBeInstanceOf(TcNetworkError);
    expect(error).toMatchObject({ status: 200, requestId: "rid-cut", responseDate: SERVER_DATE, maybeSent: true, attempts: 1 });
    expect(error.message).toContain("CreateExport may have taken effect");
    expect(error.message).toContain("RequestId rid-cut");
    expect(server.requests.length).toBe(1);
  });

  it("a body that stalls: TcTimeoutError with the answer's head; an idempotent action is retried, then keeps the last head", async () => {
    server = await startServer(stallAfterHead);
    client = new TestClient(localOptions(server.url, { timeoutMs: 150 }));
    const create = (await rejectionOf(client.call(CreateExport, {}))) as TcTimeoutError;
    expect(create).toBeInstanceOf(TcTimeoutError);
    expect(create).toMatchObject({ kind: "attempt", status: 200, requestId: "rid-stall", responseDate: SERVER_DATE, maybeSent: true });
    expect(create.message).toMatch(/timeoutMs.*CreateExport may have taken effect.*RequestId rid-stall/);
    expect(server.requests.length).toBe(1);

    const describe = (await rejectionOf(client.call(DescribeExports, {}, { maxAttempts: 2 }))) as TcTimeoutError;
    expect(describe).toMatchObject({ kind: "attempt", status: 200, requestId: "rid-stall", attempts: 2 });
    expect(describe.message).not.toContain("may have taken effect");
    expect(server.requests.length).toBe(3);
  });

  it("InternalError on CreateExport says it may have taken effect; a refusal does not", async () => {
    server = await startServer(
      script(
        (_req, res) => sendJson(res, apiError("InternalError", "boom", "rid-500"), 500),
        (_req, res) => sendJson(res, apiError("InvalidParameter")),
      ),
    );
    client = new TestClient(localOptions(server.url));
    const internal = (await rejectionOf(client.call(CreateExport, {}))) as TcServiceError;
    expect(internal.message).toBe(
      "CreateExport failed: InternalError: boom; CreateExport may have taken effect, and is not re-sent (not safe to): check before calling it again (HTTP 500, RequestId rid-500)",
    );
    const refused = (await rejectionOf(client.call(CreateExport, {}))) as TcServiceError;
    expect(refused.message).not.toContain("may have taken effect");
  });

  it("an unreadable 2xx or 5xx on CreateExport may have taken effect; a 4xx page (throttling, a firewall) was a refusal", async () => {
    const page =
      (status: number): Handler =>
      (_req, res) =>
        res.writeHead(status, { "content-type": "text/html" }).end("<h1>no</h1>");
    server = await startServer(script(page(200), page(502), page(429), page(403)));
    client = new TestClient(localOptions(server.url, { maxAttempts: 1 }));
    const messages: string[] = [];
    for (let i = 0; i < 4; i++) messages.push(((await rejectionOf(client.call(CreateExport, {}))) as Error).message);
    expect(messages.map((message) => message.includes("may have taken effect"))).toEqual([true, true, false, false]);
  });

  it("a failure before any answer arrived has no status and no RequestId", async () => {
    server = await startServer((_req, res) => res.socket?.destroy());
    client = new TestClient(localOptions(server.url));
    const error = (await rejectionOf(client.call(CreateExport, {}))) as TcNetworkError;
    expect(error).toMatchObject({ status: undefined, requestId: undefined, responseDate: undefined, maybeSent: true });
    expect(error.message).toContain("may have taken effect");
  });
});

describe("a delete that an earlier attempt did resolves as success (absentAfterSuccess)", () => {
  const DeleteExport: OperationInfo = {
    action: "DeleteExport",
    idempotent: true,
    absentAfterSuccess: "ResourceNotFound.ExportNotExist",
  };
  const gone: Handler = (_req, res) => sendJson(res, apiError("ResourceNotFound.ExportNotExist", "no such export", "rid-gone"));
  const resetAfterReceiving: Handler = (_req, res) => res.socket?.destroy();

  function observed(): { infos: AfterResponseInfo[]; lines: string[]; options: Parameters<typeof localOptions>[1] } {
    const infos: AfterResponseInfo[] = [];
    const lines: string[] = [];
    const log = (message: string, fields: LogFields): void => void lines.push(`${message} ${JSON.stringify(fields)}`);
    return { infos, lines, options: { hooks: { afterResponse: (info) => infos.push(info) }, logger: { info: log } } };
  }

  it("answer lost, then not found → success with the RequestId, visible to hooks and the logger", async () => {
    server = await startServer(script(resetAfterReceiving, gone));
    const { infos, lines, options } = observed();
    client = new TestClient(localOptions(server.url, options));
    await expect(client.call(DeleteExport, { ExportId: "e" })).resolves.toEqual({ RequestId: "rid-gone" });
    expect(server.requests.length).toBe(2);
    expect(infos.map((info) => [info.error?.name, info.takenAsSuccess])).toEqual([
      ["TcNetworkError", undefined],
      [undefined, "ResourceNotFound.ExportNotExist"],
    ]);
    expect(lines.some((line) => line.includes("already done by an earlier attempt") && line.includes("rid-gone"))).toBe(true);
  });

  it("InternalError, then not found → success (the service may have deleted it before failing)", async () => {
    server = await startServer(script((_req, res) => sendJson(res, apiError("InternalError")), gone));
    client = new TestClient(localOptions(server.url));
    await expect(client.call(DeleteExport, { ExportId: "e" })).resolves.toEqual({ RequestId: "rid-gone" });
  });

  it("not found on the first attempt, or after a refusal that executed nothing, is the error it says", async () => {
    server = await startServer(gone);
    client = new TestClient(localOptions(server.url));
    const first = await rejectionOf(client.call(DeleteExport, { ExportId: "e" }));
    expect(first).toMatchObject({ code: "ResourceNotFound.ExportNotExist", attempts: 1 });

    const requestsBefore = server.requests.length;
    server.handle((req, res) =>
      req.index === requestsBefore ? sendJson(res, apiError("RequestLimitExceeded"), 200, { "retry-after": "0" }) : gone(req, res),
    );
    const afterThrottle = await rejectionOf(client.call(DeleteExport, { ExportId: "e" }));
    expect(afterThrottle).toBeInstanceOf(TcServiceError);
    expect(afterThrottle).toMatchObject({ code: "ResourceNotFound.ExportNotExist", attempts: 2 });
  });

  it("an action without the flag keeps the error after a lost answer", async () => {
    server = await startServer(script(resetAfterReceiving, gone));
    client = new TestClient(localOptions(server.url));
    const plainDelete: OperationInfo = { action: "DeleteExport", idempotent: true };
    await expect(client.call(plainDelete, { ExportId: "e" })).rejects.toMatchObject({
      code: "ResourceNotFound.ExportNotExist",
      attempts: 2,
    });
  });
});

describe("credentials resolve within the call", () => {
  it("a provider that never answers: the call ends at its deadline with a TcTimeoutError that says why", async () => {
    server = await startServer((_req, res) => sendJson(res, apiSuccess()));
    client = new TestClient({ ...localOptions(server.url), credentials: () => new Promise(() => undefined), deadlineMs: 200 });
    const error = (await rejectionOf(client.call(DescribeExports, {}))) as TcTimeoutError;
    expect(error).toBeInstanceOf(TcTimeoutError);
    expect(error).toMatchObject({ kind: "deadline", timeoutMs: 200, action: "DescribeExports" });
    expect(error.message).toContain("the credentials were still being resolved");
    expect(server.requests.length).toBe(0);
  });

  it("a provider that never answers: the call's signal aborts the wait", async () => {
    server = await startServer((_req, res) => sendJson(res, apiSuccess()));
    client = new TestClient({ ...localOptions(server.url), credentials: () => new Promise(() => undefined) });
    const controller = new AbortController();
    const pending = rejectionOf(client.call(DescribeExports, {}, { signal: controller.signal }));
    setTimeout(() => controller.abort(new Error("user gave up")), 50);
    const error = (await pending) as TcAbortError;
    expect(error).toBeInstanceOf(TcAbortError);
    expect((error.cause as Error).message).toBe("user gave up");
  });

  it("a signal that fired between attempts stops a wait for credentials at once", async () => {
    server = await startServer((_req, res) => sendJson(res, apiError("InternalError"), 200, { "retry-after": "0" }));
    const controller = new AbortController();
    let calls = 0;
    const credentials = (): Promise<{ secretId: string; secretKey: string }> =>
      calls++ === 0 ? Promise.resolve({ secretId: "AKIDx", secretKey: "key-of-the-test" }) : new Promise(() => undefined);
    client = new TestClient({
      ...localOptions(server.url),
      credentials,
      deadlineMs: 60_000,
      // aborts after the first attempt's answer: the retry (Retry-After: 0, no backoff wait) starts on an aborted signal
      hooks: { afterResponse: () => controller.abort(new Error("stop")) },
    });
    const error = await rejectionOf(client.call(DescribeExports, {}, { signal: controller.signal }));
    expect(error).toBeInstanceOf(TcAbortError);
    expect(calls).toBe(2);
  });

  it("a deadline longer than a timer can hold means no deadline, not an immediate timeout", async () => {
    server = await startServer((_req, res) => sendJson(res, apiSuccess({ Done: true })));
    const slowProvider = (): Promise<{ secretId: string; secretKey: string }> =>
      new Promise((resolve) => setTimeout(() => resolve({ secretId: "AKIDx", secretKey: "key-of-the-test" }), 30));
    client = new TestClient({
      ...localOptions(server.url),
      credentials: slowProvider,
      deadlineMs: Number.MAX_SAFE_INTEGER,
      timeoutMs: 2 ** 40,
    });
    await expect(client.call(DescribeExports, {})).resolves.toMatchObject({ Done: true });
    await expect(client.call(DescribeExports, {}, { deadlineMs: 30 * 24 * 3600 * 1000 })).resolves.toMatchObject({ Done: true });
  });

  it("a metadata server that accepts and never answers cannot hold the call past its deadline", async () => {
    const metadataRequests: string[] = [];
    const metadata = await startServer((req) => void metadataRequests.push(req.url)); // never answers
    try {
      server = await startServer((_req, res) => sendJson(res, apiSuccess()));
      const credentials = fromInstanceRole({ metadataUrl: `${metadata.url}/latest/meta-data/`, roleName: "r", timeoutMs: 60_000 });
      client = new TestClient({ ...localOptions(server.url), credentials, deadlineMs: 300 });
      const error = await rejectionOf(client.call(DescribeExports, {}));
      expect(error).toMatchObject({ name: "TcTimeoutError", kind: "deadline" });
      // the metadata request was still open (its own timeout is a minute): the deadline ended the call
      expect(metadataRequests).toEqual(["/latest/meta-data/cam/security-credentials/r"]);
      expect(server.requests.length).toBe(0);
    } finally {
      await metadata.close();
    }
  });
});

describe("plain HTTP only to this machine, unless the user accepts the risk", () => {
  it.each(["http://cls.tencentcloudapi.com", "http://10.0.0.8:9000", "http://[2001:db8::1]:80", "http://127.example.com"])(
    "refuses %s, naming the fix",
    (endpoint) => {
      expect(() => new TestClient({ endpoint })).toThrow(/plain HTTP to a host that is not loopback.*https:\/\/.*allowInsecureHttp: true/);
    },
  );

  it.each([
    "http://127.0.0.1:9000",
    "http://127.8.9.10",
    "http://127.1",
    "http://0x7f.1:80",
    "http://[::ffff:127.0.0.1]:9",
    "http://localhost:4566",
    "http://LOCALHOST",
    "http://[::1]:8080",
    "https://10.0.0.8",
  ])("takes %s", (endpoint) => {
    expect(() => new TestClient({ endpoint })).not.toThrow();
  });

  it("takes any http: host with allowInsecureHttp, and the default hosts are HTTPS", async () => {
    expect(() => new TestClient({ endpoint: "http://10.0.0.8:9000", allowInsecureHttp: true })).not.toThrow();
    server = await startServer((_req, res) => sendJson(res, apiSuccess()));
    const seen: string[] = [];
    client = new TestClient({ ...localOptions(server.url), hooks: { beforeRequest: (info) => seen.push(info.url) } });
    await client.call(DescribeExports, {});
    expect(seen).toEqual([`${server.url}/`]);
    expect(testService.endpoints.china).not.toContain("://");
  });
});

import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromInstanceRole, type ClientOptions, type LogFields } from "../src/index.js";
import { CreateExport, DescribeExports, TestClient, localOptions, testCredentials } from "./helpers/test-client.js";
import { apiError, apiSuccess, sendJson, startServer, type Handler, type TestServer } from "./helpers/test-server.js";

/**
 * Runs the suite's scenarios with a logger and hooks that record everything, then searches every log
 * line, hook payload and error for the SecretKey, the session token and every signature sent.
 */
const lines: string[] = [];
const errors: unknown[] = [];
let server: TestServer;
let scenario: Handler = (_req, res) => sendJson(res, apiSuccess());

const record = (level: string) => (message: string, fields: LogFields) => {
  lines.push(
    `${level} ${message} ${JSON.stringify(fields, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))} ${inspect(fields, {
      depth: 10,
    })}`,
  );
};

function options(extra: ClientOptions = {}): ClientOptions {
  return localOptions(server.url, {
    credentials: { ...testCredentials },
    logger: { debug: record("debug"), info: record("info"), warn: record("warn"), error: record("error") },
    hooks: {
      beforeRequest: (info) => lines.push(`hook before ${inspect(info, { depth: 10 })}`),
      afterResponse: (info) => lines.push(`hook after ${inspect(info, { depth: 10 })}`),
    },
    ...extra,
  });
}

async function run(handler: Handler, call: (client: TestClient) => Promise<unknown>, extra: ClientOptions = {}): Promise<void> {
  scenario = handler;
  const client = new TestClient(options(extra));
  try {
    await call(client);
  } catch (error) {
    errors.push(error);
  } finally {
    await client.close();
  }
}

beforeAll(async () => {
  server = await startServer((req, res) => scenario(req, res));
});
afterAll(() => server.close());

describe("secrets never reach logs, hooks or errors", () => {
  it("runs every scenario, then finds no secret anywhere", async () => {
    const skewHeaders = { date: new Date(Date.now() + 600_000).toUTCString() };
    await run(
      (_req, res) => sendJson(res, apiSuccess({ ExportId: "e" })),
      (c) => c.call(CreateExport, { TopicId: "t" }),
    );
    await run(
      (_req, res) => sendJson(res, apiError("ResourceNotFound.TopicNotExist")),
      (c) => c.call(CreateExport, {}),
    );
    let throttledSoFar = 0;
    await run(
      (_req, res) =>
        throttledSoFar++ === 2 ? sendJson(res, apiSuccess()) : sendJson(res, apiError("RequestLimitExceeded"), 200, { "retry-after": "0" }),
      (c) => c.call(DescribeExports, {}),
    );
    expect(throttledSoFar).toBe(3);
    await run(
      (_req, res) => sendJson(res, apiError("InternalError")),
      (c) => c.call(DescribeExports, {}),
    );
    await run(
      (_req, res) => res.writeHead(502, { "content-type": "text/html" }).end("<h1>502</h1>"),
      (c) => c.call(CreateExport, {}),
    );
    await run(
      (_req, res) => sendJson(res, '{"Response":{"RequestId":"cut'),
      (c) => c.call(CreateExport, {}),
    );
    await run(
      (_req, res) => res.socket?.destroy(),
      (c) => c.call(CreateExport, {}),
    );
    await run(
      () => undefined,
      (c) => c.call(CreateExport, {}),
      { timeoutMs: 100 },
    );
    await run(
      () => undefined,
      (c) => c.call(CreateExport, {}, { signal: AbortSignal.timeout(50) }),
    );
    await run(
      (req, res) => {
        const late = Math.abs(Date.now() + 600_000 - Number(req.headers["x-tc-timestamp"]) * 1000) > 300_000;
        sendJson(res, late ? apiError("AuthFailure.SignatureExpire") : apiSuccess(), 200, skewHeaders);
      },
      (c) => c.call(CreateExport, {}),
    );
    // Credential failures: a provider that throws, and a metadata answer holding secrets but no success.
    await run(
      (_req, res) => sendJson(res, apiSuccess()),
      (c) => c.call(CreateExport, {}),
      {
        credentials: () => Promise.reject(new TypeError("provider broke")),
      },
    );
    const metadata = await startServer((_req, res) =>
      sendJson(res, {
        TmpSecretId: "AKIDx",
        TmpSecretKey: testCredentials.secretKey,
        Token: testCredentials.sessionToken,
        Code: "Failure",
      }),
    );
    await run(
      (_req, res) => sendJson(res, apiSuccess()),
      (c) => c.call(CreateExport, {}),
      {
        credentials: fromInstanceRole({ metadataUrl: `${metadata.url}/latest/meta-data/`, roleName: "r" }),
      },
    );
    await metadata.close();

    const signatures = server.requests.map((r) => /Signature=([0-9a-f]{64})/.exec(String(r.headers["authorization"]))?.[1]);
    expect(signatures.every((s) => s !== undefined)).toBe(true);
    expect(server.requests.some((r) => r.headers["x-tc-token"] === testCredentials.sessionToken)).toBe(true);
    expect(errors.length).toBe(9);
    expect(lines.length).toBeGreaterThan(30);

    const haystacks = [
      ...lines,
      ...errors.flatMap((error) => {
        const e = error as Error;
        return [e.message, e.stack ?? "", JSON.stringify(e), inspect(e, { depth: 10 }), String(e.cause ?? "")];
      }),
    ];
    const needles = [testCredentials.secretKey, testCredentials.sessionToken, ...(signatures as string[]), "TC3-HMAC-SHA256 Credential"];
    for (const haystack of haystacks) {
      for (const needle of needles) {
        expect(haystack.includes(needle), `found ${needle.slice(0, 12)}… in: ${haystack.slice(0, 200)}`).toBe(false);
      }
    }
  });
});

describe("secrets echoed by the server are scrubbed", () => {
  /** A token with the characters JSON, URL and HTML escaping change. */
  const token = "TOKEN+with/slashes=and&amp<ersand>-0b1c2d3e";
  const echoOptions = (extra: ClientOptions = {}): ClientOptions => ({
    credentials: { ...testCredentials, sessionToken: token },
    maxAttempts: 3,
    ...extra,
  });
  /** Everything this request sent that must not come back, as the server saw it. */
  const echo = (req: { headers: Record<string, unknown> }): string =>
    `Authorization: ${String(req.headers["authorization"])} X-TC-Token: ${String(req.headers["x-tc-token"])}`;
  /** Every Authorization the server has seen so far, for answers that echo earlier attempts too. */
  const seen = (): string => server.requests.map((r) => String(r.headers["authorization"])).join(" | ");
  const html = (text: string): string => text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

  it("runs servers that echo the request's Authorization and X-TC-Token, then finds none of them anywhere", async () => {
    const first = errors.length;
    const firstRequest = server.requests.length;
    // a service error whose message quotes the headers (and, on the last attempt, every earlier one)
    await run(
      (req, res) => sendJson(res, apiError("InternalError", `${echo(req)} earlier: ${seen()}`, `rid ${token}`)),
      (c) => c.call(DescribeExports, {}),
      echoOptions({ random: () => 0 }),
    );
    // the code itself and the RequestId header
    await run(
      (req, res) => sendJson(res, apiError(`AuthFailure.${String(req.headers["x-tc-token"])}`), 400, { "x-tc-requestid": token }),
      (c) => c.call(CreateExport, {}),
      echoOptions(),
    );
    // a gateway's HTML error page, HTML-escaped
    await run(
      (req, res) => res.writeHead(502, { "content-type": "text/html" }).end(`<pre>${html(echo(req))}</pre>`),
      (c) => c.call(CreateExport, {}),
      echoOptions(),
    );
    // a proxy's text answer, JSON- and URL-escaped
    await run(
      (req, res) =>
        res
          .writeHead(200, { "content-type": "text/plain" })
          .end(`${JSON.stringify(echo(req)).replaceAll("/", "\\/")} ${encodeURIComponent(echo(req))}`),
      (c) => c.call(CreateExport, {}),
      echoOptions(),
    );
    // JSON cut short right after the echo: the parser's own message quotes it
    await run(
      (req, res) => sendJson(res, `{"Response":{"X":${JSON.stringify(echo(req))}`),
      (c) => c.call(CreateExport, {}),
      echoOptions(),
    );
    // a malformed answer head that carries the echo: the HTTP parser's error quotes the bytes
    await run(
      (req, res) => res.socket?.end(`HTTP/1.1 200 OK\r\nX-Echo ${echo(req)}\r\n\r\n`),
      (c) => c.call(CreateExport, {}),
      echoOptions(),
    );
    // headers the errors keep (Content-Type, Date) carrying the token
    await run(
      (req, res) =>
        res.writeHead(502, { "content-type": `text/html; ${String(req.headers["x-tc-token"])}`, date: `x ${token}` }).end("<h1>502</h1>"),
      (c) => c.call(CreateExport, {}),
      echoOptions(),
    );
    const echoed = errors.slice(first);
    expect(echoed.length).toBe(7);
    const signatures = server.requests
      .slice(firstRequest)
      .map((r) => /Signature=([0-9a-f]{64})/.exec(String(r.headers["authorization"]))?.[1] as string);
    expect(signatures.length).toBe(9); // 3 attempts of the first call, 1 of each other
    const texts = echoed.flatMap((error) => {
      const e = error as Error;
      return [e.message, e.stack ?? "", JSON.stringify(e), inspect(e, { depth: 10 }), String(e.cause ?? "")];
    });
    // the echoes did arrive: what was there is now marked
    expect(texts.filter((text) => text.includes("[redacted]")).length).toBeGreaterThan(6);
    const variants = (secret: string): string[] => [
      secret,
      JSON.stringify(secret).slice(1, -1).replaceAll("/", "\\/"),
      encodeURIComponent(secret),
      html(secret),
    ];
    const needles = [...variants(token), ...variants(testCredentials.secretKey), ...signatures];
    for (const haystack of [...texts, ...lines]) {
      for (const needle of needles) {
        expect(haystack.includes(needle), `found ${needle.slice(0, 12)}… in: ${haystack.slice(0, 300)}`).toBe(false);
      }
    }
  });
});

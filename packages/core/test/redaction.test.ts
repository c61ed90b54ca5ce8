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
    `${level} ${message} ${JSON.stringify(fields, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))} ${inspect(
      fields,
      { depth: 10 }
    )}`
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
      (c) => c.call(CreateExport, { TopicId: "t" })
    );
    await run(
      (_req, res) => sendJson(res, apiError("ResourceNotFound.TopicNotExist")),
      (c) => c.call(CreateExport, {})
    );
    let throttledSoFar = 0;
    await run(
      (_req, res) => (throttledSoFar++ === 2 ? sendJson(res, apiSuccess()) : sendJson(res, apiError("RequestLimitExceeded"))),
      (c) => c.call(DescribeExports, {})
    );
    expect(throttledSoFar).toBe(3);
    await run(
      (_req, res) => sendJson(res, apiError("InternalError")),
      (c) => c.call(DescribeExports, {})
    );
    await run(
      (_req, res) => res.writeHead(502, { "content-type": "text/html" }).end("<h1>502</h1>"),
      (c) => c.call(CreateExport, {})
    );
    await run(
      (_req, res) => sendJson(res, '{"Response":{"RequestId":"cut'),
      (c) => c.call(CreateExport, {})
    );
    await run(
      (_req, res) => res.socket?.destroy(),
      (c) => c.call(CreateExport, {})
    );
    await run(
      () => undefined,
      (c) => c.call(CreateExport, {}),
      { timeoutMs: 100 }
    );
    await run(
      () => undefined,
      (c) => c.call(CreateExport, {}, { signal: AbortSignal.timeout(50) })
    );
    await run(
      (req, res) => {
        const late = Math.abs(Date.now() + 600_000 - Number(req.headers["x-tc-timestamp"]) * 1000) > 300_000;
        sendJson(res, late ? apiError("AuthFailure.SignatureExpire") : apiSuccess(), 200, skewHeaders);
      },
      (c) => c.call(CreateExport, {})
    );
    // Credential failures: a provider that throws, and a metadata answer holding secrets but no success.
    await run(
      (_req, res) => sendJson(res, apiSuccess()),
      (c) => c.call(CreateExport, {}),
      {
        credentials: () => Promise.reject(new TypeError("provider broke")),
      }
    );
    const metadata = await startServer((_req, res) =>
      sendJson(res, {
        TmpSecretId: "AKIDx",
        TmpSecretKey: testCredentials.secretKey,
        Token: testCredentials.sessionToken,
        Code: "Failure",
      })
    );
    await run(
      (_req, res) => sendJson(res, apiSuccess()),
      (c) => c.call(CreateExport, {}),
      {
        credentials: fromInstanceRole({ metadataUrl: `${metadata.url}/latest/meta-data/`, roleName: "r" }),
      }
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
    const needles = [
      testCredentials.secretKey,
      testCredentials.sessionToken,
      ...(signatures as string[]),
      "TC3-HMAC-SHA256 Credential",
    ];
    for (const haystack of haystacks) {
      for (const needle of needles) {
        expect(haystack.includes(needle), `found ${needle.slice(0, 12)}… in: ${haystack.slice(0, 200)}`).toBe(false);
      }
    }
  });
});

import type { Dispatcher } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { ServiceClient, type ClientOptions } from "../src/index.js";
import { signTc3 } from "../src/signing.js";
import { getCoreVersion } from "../src/internal/user-agent.js";
import { CreateExport, DescribeExports, TestClient, localOptions, testCredentials, testService } from "./helpers/test-client.js";
import { apiSuccess, sendJson, startServer, type RecordedRequest, type TestServer } from "./helpers/test-server.js";

let server: TestServer;
let client: TestClient | undefined;

afterEach(async () => {
  await client?.close();
  client = undefined;
  await server?.close();
});

/** Recomputes the signature of a received request with the server's view of it, as Tencent Cloud would. */
function verifySignature(request: RecordedRequest, secretKey: string): void {
  const authorization = String(request.headers["authorization"]);
  const match =
    /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      authorization,
    );
  expect(match, authorization).not.toBeNull();
  const [, secretId, date, service, signedHeaders, signature] = match as unknown as string[];
  expect(signedHeaders).toBe("content-type;host");
  const expected = signTc3({
    secretId: secretId as string,
    secretKey,
    service: service as string,
    host: String(request.headers["host"]),
    timestamp: Number(request.headers["x-tc-timestamp"]),
    contentType: String(request.headers["content-type"]),
    payload: request.body,
  });
  expect(expected.date).toBe(date);
  expect(signature).toBe(expected.signature);
}

describe("the request a client sends", () => {
  it("POSTs JSON to / with the API 3.0 headers, a User-Agent and a signature the server can verify", async () => {
    server = await startServer((_req, res) => sendJson(res, apiSuccess({ ExportId: "e-1" }, "rid-1")));
    client = new TestClient(localOptions(server.url, { region: "ap-guangzhou", clock: () => 1_700_000_000_123 }));
    const answer = await client.call(CreateExport, { TopicId: "t-1", Count: 10 });
    expect(answer).toEqual({ ExportId: "e-1", RequestId: "rid-1" });

    const [request] = server.requests as [RecordedRequest];
    expect(request.method).toBe("POST");
    expect(request.url).toBe("/");
    expect(request.body.toString()).toBe('{"TopicId":"t-1","Count":10}');
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.headers["host"]).toBe(`127.0.0.1:${server.port}`);
    expect(request.headers["x-tc-action"]).toBe("CreateExport");
    expect(request.headers["x-tc-version"]).toBe("2020-10-16");
    expect(request.headers["x-tc-timestamp"]).toBe("1700000000");
    expect(request.headers["x-tc-region"]).toBe("ap-guangzhou");
    expect(request.headers["x-tc-token"]).toBeUndefined();
    expect(request.headers["x-tc-language"]).toBeUndefined();
    expect(request.headers["user-agent"]).toBe(`@tcsdk/test-service/9.8.7 tcsdk-core/${getCoreVersion()} node/${process.version}`);
    expect(String(request.headers["authorization"])).toContain(`Credential=${testCredentials.secretId}/2023-11-14/cls/tc3_request`);
    verifySignature(request, testCredentials.secretKey);
  });

  it("leaves X-TC-Region out without a region, and sends X-TC-Token and X-TC-Language when set", async () => {
    server = await startServer((_req, res) => sendJson(res, apiSuccess()));
    client = new TestClient(localOptions(server.url, { credentials: { ...testCredentials }, language: "en-US", userAgent: "my-app/1.0" }));
    await client.call(DescribeExports, { TopicId: "t" });
    const [request] = server.requests as [RecordedRequest];
    expect(request.headers["x-tc-region"]).toBeUndefined();
    expect(request.headers["x-tc-token"]).toBe(testCredentials.sessionToken);
    expect(request.headers["x-tc-language"]).toBe("en-US");
    expect(String(request.headers["user-agent"]).endsWith(" my-app/1.0")).toBe(true);
    verifySignature(request, testCredentials.secretKey);
  });

  it("signs the exact bytes sent, non-ASCII text included", async () => {
    server = await startServer((_req, res) => sendJson(res, apiSuccess()));
    client = new TestClient(localOptions(server.url));
    await client.call(DescribeExports, { TopicId: "未命名 ✓", Query: 'msg:"a\\b"' });
    const [request] = server.requests as [RecordedRequest];
    expect(JSON.parse(request.body.toString("utf8"))).toEqual({ TopicId: "未命名 ✓", Query: 'msg:"a\\b"' });
    verifySignature(request, testCredentials.secretKey);
  });

  it("asks a credential provider before each attempt and uses what it gives", async () => {
    server = await startServer((_req, res) => sendJson(res, apiSuccess()));
    let calls = 0;
    client = new TestClient(
      localOptions(server.url, {
        credentials: () => {
          calls++;
          return Promise.resolve({ secretId: `AKID-${calls}`, secretKey: `key-${calls}` });
        },
      }),
    );
    await client.call(DescribeExports, {});
    await client.call(DescribeExports, {});
    expect(calls).toBe(2);
    expect(String(server.requests[1]?.headers["authorization"])).toContain("Credential=AKID-2/");
    verifySignature(server.requests[1] as RecordedRequest, "key-2");
  });
});

describe("64-bit integers", () => {
  it("sends a bigint as a bare JSON number, digit for digit", async () => {
    server = await startServer((_req, res) => sendJson(res, apiSuccess()));
    client = new TestClient(localOptions(server.url));
    await client.call(CreateExport, { Count: 10, From: 9007199254740993n, To: 18446744073709551615n });
    const [request] = server.requests as [RecordedRequest];
    expect(request.body.toString()).toBe('{"Count":10,"From":9007199254740993,"To":18446744073709551615}');
    verifySignature(request, testCredentials.secretKey);
  });

  it("returns integers beyond 2^53 as bigint and every other number as number", async () => {
    server = await startServer((_req, res) =>
      sendJson(
        res,
        '{"Response":{"Exports":[{"FileSize":9007199254740993,"Count":12,"Ratio":0.5,"Big":-12345678901234567890,"Safe":1234567890123456}],"RequestId":"r"}}',
      ),
    );
    client = new TestClient(localOptions(server.url));
    const answer = await client.call<{ Exports: Record<string, unknown>[] }>(DescribeExports, {});
    expect(answer.Exports[0]).toEqual({
      FileSize: 9007199254740993n,
      Count: 12,
      Ratio: 0.5,
      Big: -12345678901234567890n,
      Safe: 1234567890123456,
    });
  });
});

describe("endpoints", () => {
  /** The origin the client dispatches to, caught by a dispatcher that sends nothing anywhere. */
  const originOf = async (options: ConstructorParameters<typeof TestClient>[0]): Promise<string> => {
    let origin = "";
    const dispatcher = {
      dispatch(opts: { origin?: unknown }, handler: { onError?(error: Error): void }) {
        origin = String(opts.origin);
        handler.onError?.(new Error("not sent"));
        return true;
      },
    } as unknown as Dispatcher;
    const c = new TestClient({ credentials: testCredentials, maxAttempts: 1, ...options, dispatcher });
    await c.call(DescribeExports, {}).catch(() => undefined);
    return origin;
  };

  it("picks the China host by default, the international, regional or given one on request", async () => {
    expect(await originOf({})).toBe("https://cls.tencentcloudapi.com");
    expect(await originOf({ region: "ap-guangzhou" })).toBe("https://cls.tencentcloudapi.com");
    expect(await originOf({ site: "international" })).toBe("https://cls.intl.tencentcloudapi.com");
    expect(await originOf({ site: "regional", region: "ap-guangzhou" })).toBe("https://cls.ap-guangzhou.tencentcloudapi.com");
    expect(await originOf({ region: "ap-shanghai-fsi" })).toBe("https://cls.ap-shanghai-fsi.tencentcloudapi.com");
    expect(await originOf({ endpoint: "https://cls.example.test" })).toBe("https://cls.example.test");
    expect(await originOf({ endpoint: "http://127.0.0.1:9" })).toBe("http://127.0.0.1:9");
  });

  it("refuses endpoints it cannot post to", () => {
    expect(() => new TestClient({ endpoint: "ftp://x" })).toThrow(TypeError);
    expect(() => new TestClient({ endpoint: "https://x/path" })).toThrow(TypeError);
    expect(() => new TestClient({ site: "regional" })).toThrow(TypeError);
    expect(() => new TestClient({ endpoint: "cls.example.test" })).toThrow(
      'endpoint "cls.example.test" has no scheme: write "https://cls.example.test"',
    );
    // the user's mistake: the emulator's host:port without http://
    expect(() => new TestClient({ endpoint: "127.0.0.1:4566" })).toThrow(
      'endpoint "127.0.0.1:4566" has no scheme: write "https://127.0.0.1:4566", or "http://127.0.0.1:4566" for a local server such as the emulator or the mock',
    );
    expect(() => new TestClient({ endpoint: "localhost:4566" })).toThrow(/or "http:\/\/localhost:4566" for a local server/);
    expect(() => new TestClient({ maxAttempts: 0 })).toThrow(TypeError);
  });

  it("refuses a region the service does not list, naming the closest, unless allowUnknownRegion is set", () => {
    expect(() => new TestClient({ region: "guangzhou" })).toThrow(
      /^region "guangzhou" is not one of cls's regions: did you mean "ap-guangzhou"\? Regions are added over time: .*allowUnknownRegion: true/,
    );
    expect(() => new TestClient({ region: "ap-guangzou" })).toThrow(/did you mean "ap-guangzhou"\?/);
    expect(() => new TestClient({ region: "eu-moon-1" })).toThrow(/^region "eu-moon-1" is not one of cls's regions\. Regions are added/);
    expect(() => new TestClient({ region: "ap-mars", allowUnknownRegion: true })).not.toThrow();
    expect(() => new TestClient({ region: "ap-guangzhou" })).not.toThrow();
  });

  it("refuses the regional site for a global service that has no regional hosts (CAM)", () => {
    const { regional: _regional, ...hosts } = testService.endpoints;
    const globalService = { ...testService, service: "cam", endpoints: hosts, regions: [] };
    class GlobalClient extends ServiceClient {
      constructor(options: ClientOptions) {
        super(globalService, options);
      }
    }
    expect(() => new GlobalClient({ site: "regional", region: "ap-guangzhou" })).toThrow(/cam is a global service with no regional hosts/);
    expect(() => new GlobalClient({ region: "ap-guangzhou" })).not.toThrow();
  });
});

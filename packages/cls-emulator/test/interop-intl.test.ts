/**
 * Interop with Tencent's official international Node SDK (tencentcloud-sdk-nodejs-intl-en), signing
 * with its own code. Its default profile signs with signature v1 (HmacSHA256) as a form post.
 */
import { createRequire } from "node:module";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../src/index.js";
import { cleanup, download, KEY, start } from "./helpers.js";

const require = createRequire(import.meta.url);

type Callback = (error: { code?: string; requestId?: string; message?: string } | null, response: Record<string, unknown>) => void;
interface IntlClsClient {
  CreateExport(req: Record<string, unknown>, cb: Callback): void;
  DescribeExports(req: Record<string, unknown>, cb: Callback): void;
  DeleteExport(req: Record<string, unknown>, cb: Callback): void;
}
interface IntlSdk {
  cls: { v20201016: { Client: new (credential: unknown, region: string | null, profile: unknown) => IntlClsClient } };
}
type Ctor<T> = new (...args: unknown[]) => T;

// the SDK ships no types: load it and its profile classes through require
const sdk = require("tencentcloud-sdk-nodejs-intl-en") as IntlSdk;
const common = require("tencentcloud-sdk-nodejs-intl-en/tencentcloud/common") as {
  Credential: Ctor<object>;
  ClientProfile: Ctor<{ signMethod: string; httpProfile: unknown }>;
  HttpProfile: Ctor<{ protocol: string; endpoint: string | null; reqMethod: string; reqTimeout: number }>;
};

beforeAll(() => {
  // the official SDK would route through a proxy named in the environment; these tests stay on 127.0.0.1
  delete process.env.http_proxy;
});
afterEach(cleanup);

interface Setup {
  readonly signMethod?: "HmacSHA1" | "HmacSHA256" | "TC3-HMAC-SHA256";
  readonly reqMethod?: "GET" | "POST";
  readonly region?: string;
  readonly secretKey?: string;
  readonly endpoint?: string;
}

/** The SDK's client with its default profile but for an http:// endpoint on the emulator. */
function intlClient(emulator: Emulator, setup: Setup = {}): IntlClsClient {
  const httpProfile = new common.HttpProfile();
  httpProfile.protocol = "http://";
  httpProfile.endpoint = setup.endpoint ?? emulator.endpoint;
  httpProfile.reqTimeout = 10;
  if (setup.reqMethod) httpProfile.reqMethod = setup.reqMethod;
  const profile = new common.ClientProfile();
  if (setup.signMethod) profile.signMethod = setup.signMethod;
  profile.httpProfile = httpProfile;
  return new sdk.cls.v20201016.Client(new common.Credential(KEY.secretId, setup.secretKey ?? KEY.secretKey), setup.region ?? "", profile);
}

function invoke(client: IntlClsClient, action: keyof IntlClsClient, req: Record<string, unknown>): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => client[action](req, (error, response) => (error ? reject(error) : resolve(response))));
}

async function codeOfFailure(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => "accepted",
    (error: { code?: string }) => error.code,
  );
}

const TOPIC = "ee20bb16-3025-4048-b81a-dd436373062e";

const SETUPS: [string, Setup][] = [
  ["the default profile (signature v1 HmacSHA256, POST form), no region", {}],
  ["the default profile with a region", { region: "ap-guangzhou" }],
  ["signMethod HmacSHA1", { signMethod: "HmacSHA1", region: "ap-singapore" }],
  ["reqMethod GET (signature v1 in the query)", { reqMethod: "GET" }],
  ["reqMethod GET with HmacSHA1", { reqMethod: "GET", signMethod: "HmacSHA1" }],
  ["TC3-HMAC-SHA256 without a region (X-TC-Region: null)", { signMethod: "TC3-HMAC-SHA256" }],
  ["TC3-HMAC-SHA256 with a region", { signMethod: "TC3-HMAC-SHA256", region: "ap-guangzhou" }],
];

describe("official tencentcloud-sdk-nodejs-intl-en against the emulator", () => {
  it.each(SETUPS)("runs CreateExport → DescribeExports → download → DeleteExport with %s", async (_label, setup) => {
    const emulator = await start();
    await emulator.createTopic({ id: TOPIC });
    const now = Date.now();
    await emulator.appendLogs(TOPIC, [
      { __TIMESTAMP__: now - 2000, status: "200", msg: "ok" },
      { __TIMESTAMP__: now - 1000, status: "500", msg: "boom 🙂" },
    ]);
    const client = intlClient(emulator, setup);
    const created = await invoke(client, "CreateExport", {
      TopicId: TOPIC,
      Query: 'status:500 AND msg:"boom"',
      Count: 100,
      Order: "desc",
      Format: "json",
      From: now - 60_000,
      To: now,
    });
    expect(created.ExportId).toMatch(/^[0-9a-f-]{36}$/);

    let info: Record<string, unknown> | undefined;
    for (let attempt = 0; attempt < 200 && info?.Status !== "Completed"; attempt++) {
      const described = await invoke(client, "DescribeExports", { TopicId: TOPIC, Offset: 0, Limit: 5 });
      expect(described.TotalCount).toBe(1);
      info = (described.Exports as Record<string, unknown>[])[0];
      if (info?.Status !== "Completed") await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(info).toMatchObject({ ExportId: created.ExportId, Status: "Completed", Query: 'status:500 AND msg:"boom"', From: now - 60_000, To: now });
    expect(await download(info?.CosPath as string)).toBe(`{"__TIMESTAMP__":${now - 1000},"status":"500","msg":"boom 🙂"}\n`);

    await invoke(client, "DeleteExport", { ExportId: created.ExportId });
    expect(await codeOfFailure(invoke(client, "DeleteExport", { ExportId: created.ExportId }))).toBe("ResourceNotFound.ExportNotExist");
  });

  it.each(SETUPS)("is refused with a wrong SecretKey (%s)", async (_label, setup) => {
    const emulator = await start();
    await emulator.createTopic({ id: "t1" });
    expect(await codeOfFailure(invoke(intlClient(emulator, { ...setup, secretKey: "not-the-key" }), "DescribeExports", { TopicId: "t1" }))).toBe(
      "AuthFailure.SignatureFailure",
    );
  });

  it("works pointed at localhost:PORT and at an endpoint with a trailing slash (path //)", async () => {
    const emulator = await start();
    await emulator.createTopic({ id: "t1" });
    for (const signMethod of ["HmacSHA256", "TC3-HMAC-SHA256"] as const) {
      for (const endpoint of [`localhost:${emulator.port}`, `${emulator.endpoint}/`]) {
        await expect(invoke(intlClient(emulator, { signMethod, endpoint }), "DescribeExports", { TopicId: "t1" })).resolves.toMatchObject({
          TotalCount: 0,
        });
      }
    }
  });

  it("surfaces parameter errors as the SDK's exceptions", async () => {
    const emulator = await start();
    await emulator.createTopic({ id: "t1" });
    const client = intlClient(emulator);
    expect(await codeOfFailure(invoke(client, "DescribeExports", { TopicId: "missing" }))).toBe("ResourceNotFound.TopicNotExist");
    expect(await codeOfFailure(invoke(client, "DescribeExports", { TopicId: "t1", Limit: 101 }))).toBe("InvalidParameter");
    expect(await codeOfFailure(invoke(client, "DescribeExports", { TopicId: "t1", Limit: "many" }))).toBe("InvalidParameter");
    expect(await codeOfFailure(invoke(client, "CreateExport", { TopicId: "t1", Query: "*", Count: 1, From: 0 }))).toBe("MissingParameter");
    expect(await codeOfFailure(invoke(client, "DescribeExports", { TopicId: " " }))).toBe("InvalidParameter");
  });
});

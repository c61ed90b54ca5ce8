/**
 * Interop with Tencent's official international Node SDK (tencentcloud-sdk-nodejs-intl-en), signing
 * with its own code. Its default profile signs with signature v1 (HmacSHA256) as a form post.
 */
import { createServer, request, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
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
const proxies: Server[] = [];
afterEach(async () => {
  await Promise.all(proxies.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  await cleanup();
});

/** Changes one letter or digit of the `Signature=` value in a query or form text, keeping its length. */
function tamperSignature(text: string): string {
  const start = text.indexOf("Signature=");
  if (start === -1) return text;
  for (let at = start + "Signature=".length; at < text.length && text[at] !== "&"; at++) {
    if (/[A-Za-z0-9]/.test(text[at] ?? "")) return text.slice(0, at) + (text[at] === "a" ? "b" : "a") + text.slice(at + 1);
  }
  return text;
}

/**
 * A forwarding proxy on 127.0.0.1, optionally tampering with the v1 signature in the query and the form
 * body. The Host header passes through unchanged, so the SDK's signature (made for the proxy's
 * host:port) stays valid unless tampered with.
 */
async function proxy(emulator: Emulator, tamper: boolean): Promise<string> {
  const change = tamper ? tamperSignature : (text: string) => text;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = change(Buffer.concat(chunks).toString("latin1"));
      const upstream = request(
        { host: "127.0.0.1", port: emulator.port, method: req.method, path: change(req.url ?? "/"), headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on("error", () => res.destroy());
      upstream.end(Buffer.from(body, "latin1"));
    });
  });
  proxies.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

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
    expect(info).toMatchObject({
      ExportId: created.ExportId,
      Status: "Completed",
      Query: 'status:500 AND msg:"boom"',
      From: now - 60_000,
      To: now,
    });
    expect(await download(info?.CosPath as string)).toBe(`{"__TIMESTAMP__":${now - 1000},"status":"500","msg":"boom 🙂"}\n`);

    await invoke(client, "DeleteExport", { ExportId: created.ExportId });
    expect(await codeOfFailure(invoke(client, "DeleteExport", { ExportId: created.ExportId }))).toBe("ResourceNotFound.ExportNotExist");
  });

  it.each(SETUPS)("is refused with a wrong SecretKey (%s)", async (_label, setup) => {
    const emulator = await start();
    await emulator.createTopic({ id: "t1" });
    expect(
      await codeOfFailure(invoke(intlClient(emulator, { ...setup, secretKey: "not-the-key" }), "DescribeExports", { TopicId: "t1" })),
    ).toBe("AuthFailure.SignatureFailure");
  });

  it.each(["POST", "GET"] as const)("is refused when one character of its v1 signature is changed on the way (%s)", async (reqMethod) => {
    const emulator = await start();
    await emulator.createTopic({ id: "t1" });
    const params = { TopicId: "t1", Offset: 0, Limit: 5 };
    const honest = intlClient(emulator, { reqMethod, endpoint: await proxy(emulator, false) });
    expect(await codeOfFailure(invoke(honest, "DescribeExports", params))).toBe("accepted");
    const tampered = intlClient(emulator, { reqMethod, endpoint: await proxy(emulator, true) });
    expect(await codeOfFailure(invoke(tampered, "DescribeExports", params))).toBe("AuthFailure.SignatureFailure");
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

/**
 * Interop with a client nobody here wrote: Tencent's official Node SDK (tencentcloud-sdk-nodejs-common),
 * signing with its own code, against the emulator.
 */
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { CommonClient } from "tencentcloud-sdk-nodejs-common";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../src/index.js";
import { cleanup, download, KEY, start } from "./helpers.js";

beforeAll(() => {
  // the official SDK would route through a proxy named in the environment; these tests stay on 127.0.0.1
  delete process.env.http_proxy;
});

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  await cleanup();
});

function officialClient(
  endpoint: string,
  credential: { secretId: string; secretKey: string } = KEY,
  reqMethod: "GET" | "POST" = "POST",
): CommonClient {
  return new CommonClient("cls.tencentcloudapi.com", "2020-10-16", {
    credential,
    region: "ap-guangzhou",
    profile: { httpProfile: { endpoint, protocol: "http://", reqTimeout: 10, reqMethod } },
  });
}

/** A forwarding proxy on 127.0.0.1 that can rewrite the Authorization header on the way. */
async function proxyTo(emulator: Emulator, rewrite: (authorization: string) => string): Promise<string> {
  const server = createServer((req, res) => {
    const headers = { ...req.headers, authorization: rewrite(String(req.headers.authorization)) };
    const upstream = request({ host: "127.0.0.1", port: emulator.port, method: req.method, path: req.url, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function flipLastHexDigit(authorization: string): string {
  return authorization.replace(/[0-9a-f]$/, (c) => (c === "0" ? "1" : "0"));
}

async function sdkError(promise: Promise<unknown>): Promise<{ code?: string; requestId?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; requestId?: string };
  }
  throw new Error("the call was accepted");
}

describe("official tencentcloud-sdk-nodejs-common against the emulator", () => {
  it("makes signed CreateExport and DescribeExports calls that are accepted and answered", async () => {
    const emulator = await start();
    await emulator.createTopic({ id: "ee20bb16-3025-4048-b81a-dd436373062e" });
    const now = Date.now();
    await emulator.appendLogs("ee20bb16-3025-4048-b81a-dd436373062e", [
      { __TIMESTAMP__: now - 2000, status: "200", msg: "ok" },
      { __TIMESTAMP__: now - 1000, status: "500", msg: "boom" },
    ]);
    const client = officialClient(emulator.endpoint);
    const created = (await client.request("CreateExport", {
      TopicId: "ee20bb16-3025-4048-b81a-dd436373062e",
      Query: "status:500",
      Count: 100,
      Order: "desc",
      Format: "json",
      From: now - 60_000,
      To: now,
    })) as { ExportId: string; RequestId: string };
    expect(created.ExportId).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.RequestId).toMatch(/^[0-9a-f-]{36}$/);

    let info: Record<string, unknown> | undefined;
    for (let attempt = 0; attempt < 200 && info?.Status !== "Completed"; attempt++) {
      const described = (await client.request("DescribeExports", {
        TopicId: "ee20bb16-3025-4048-b81a-dd436373062e",
        Offset: 0,
        Limit: 5,
      })) as {
        Exports: Record<string, unknown>[];
        TotalCount: number;
      };
      expect(described.TotalCount).toBe(1);
      info = described.Exports[0];
      if (info?.Status !== "Completed") await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(info).toMatchObject({ ExportId: created.ExportId, Status: "Completed", Query: "status:500" });
    expect(await download(info?.CosPath as string)).toBe(`{"__TIMESTAMP__":${now - 1000},"status":"500","msg":"boom"}\n`);
  });

  it("runs CreateExport → DescribeExports → DeleteExport with reqMethod GET (TC3 over the query)", async () => {
    const emulator = await start();
    await emulator.createTopic({ id: "t1" });
    const now = Date.now();
    await emulator.appendLogs("t1", [
      { __TIMESTAMP__: now - 2000, user: "o'brien", path: "/a b" },
      { __TIMESTAMP__: now - 1000, user: "ann", path: "/c" },
    ]);
    const client = officialClient(emulator.endpoint, KEY, "GET");
    // quotes, spaces, colons, slashes, non-ASCII: the query string is signed as the SDK serialises it
    const query = 'user:"o\'brien" OR path:"\\/c" OR héllo:*';
    const created = (await client.request("CreateExport", {
      TopicId: "t1",
      Query: query,
      Count: 10,
      From: now - 60_000,
      To: now,
      DerivedFields: ["user"],
    })) as {
      ExportId: string;
    };
    let info: Record<string, unknown> | undefined;
    for (let attempt = 0; attempt < 200 && info?.Status !== "Completed"; attempt++) {
      const described = (await client.request("DescribeExports", { TopicId: "t1", Offset: 0, Limit: 5 })) as {
        Exports: Record<string, unknown>[];
      };
      info = described.Exports[0];
      if (info?.Status !== "Completed") await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(info).toMatchObject({ ExportId: created.ExportId, Query: query, DerivedFields: ["user"], Status: "Completed" });
    expect(await download(info?.CosPath as string)).toBe(
      `{"__TIMESTAMP__":${now - 1000},"user":"ann"}\n{"__TIMESTAMP__":${now - 2000},"user":"o'brien"}\n`,
    );
    await client.request("DeleteExport", { ExportId: created.ExportId });
    expect((await sdkError(client.request("DeleteExport", { ExportId: created.ExportId }))).code).toBe("ResourceNotFound.ExportNotExist");
    const wrongKey = officialClient(emulator.endpoint, { secretId: KEY.secretId, secretKey: "not-the-key" }, "GET");
    expect((await sdkError(wrongKey.request("DescribeExports", { TopicId: "t1" }))).code).toBe("AuthFailure.SignatureFailure");
  });

  it("is accepted pointed at localhost:PORT (service `localhost:PORT`) and at an endpoint ending in / (path //)", async () => {
    const emulator = await start();
    await emulator.createTopic({ id: "t1" });
    for (const endpoint of [`localhost:${emulator.port}`, `${emulator.endpoint}/`]) {
      for (const method of ["POST", "GET"] as const) {
        await expect(officialClient(endpoint, KEY, method).request("DescribeExports", { TopicId: "t1" })).resolves.toMatchObject({
          TotalCount: 0,
        });
      }
    }
    const strict = await start({ strictService: true });
    await strict.createTopic({ id: "t1" });
    expect((await sdkError(officialClient(`localhost:${strict.port}`).request("DescribeExports", { TopicId: "t1" }))).code).toBe(
      "AuthFailure.SignatureFailure",
    );
  });

  it("surfaces emulator errors as the SDK's own exceptions with code and RequestId", async () => {
    const emulator = await start();
    const error = await sdkError(officialClient(emulator.endpoint).request("DescribeExports", { TopicId: "missing" }));
    expect(error.code).toBe("ResourceNotFound.TopicNotExist");
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("rejects the same call with a tampered signature, a wrong key, or (strict) the SDK's derived service", async () => {
    const emulator = await start();
    await emulator.createTopic({ id: "t1" });
    const params = { TopicId: "t1", Offset: 0, Limit: 5 };

    const untouched = await proxyTo(emulator, (authorization) => authorization);
    await expect(officialClient(untouched).request("DescribeExports", params)).resolves.toMatchObject({ TotalCount: 0 });

    const tampering = await proxyTo(emulator, flipLastHexDigit);
    expect((await sdkError(officialClient(tampering).request("DescribeExports", params))).code).toBe("AuthFailure.SignatureFailure");
    expect(
      (await sdkError(officialClient(tampering).request("CreateExport", { TopicId: "t1", Query: "*", Count: 1, From: 0, To: 1 }))).code,
    ).toBe("AuthFailure.SignatureFailure");

    const wrongKey = officialClient(emulator.endpoint, { secretId: KEY.secretId, secretKey: "not-the-key" });
    expect((await sdkError(wrongKey.request("DescribeExports", params))).code).toBe("AuthFailure.SignatureFailure");

    const strict = await start({ strictService: true });
    await strict.createTopic({ id: "t1" });
    expect((await sdkError(officialClient(strict.endpoint).request("DescribeExports", params))).code).toBe("AuthFailure.SignatureFailure");
  });
});

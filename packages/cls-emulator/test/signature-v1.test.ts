/**
 * Signature v1 (HmacSHA1 / HmacSHA256) over GET and form posts, TC3 over GET, and the rebuilding of
 * flattened, textual parameters.
 */
import { signTc3 } from "@tcsdk/core/signing";
import { afterEach, describe, expect, it } from "vitest";
import { call, callV1, cleanup, codeOf, FakeClock, KEY, start, waitForStatus } from "./helpers.js";

afterEach(cleanup);

const NOW = Date.UTC(2024, 4, 1, 12, 0, 0);

async function emulatorWithLogs(options: Parameters<typeof start>[0] = {}) {
  const emulator = await start(options);
  await emulator.createTopic({ id: "t1" });
  await emulator.appendLogs("t1", [
    { __TIMESTAMP__: NOW - 2000, status: "200", path: "/a" },
    { __TIMESTAMP__: NOW - 1000, status: "500", path: "/b" },
  ]);
  return emulator;
}

describe("signature v1", () => {
  for (const method of ["POST", "GET"] as const) {
    for (const signatureMethod of ["HmacSHA256", "HmacSHA1", null] as const) {
      it(`runs CreateExport → DescribeExports → DeleteExport over ${method} with ${signatureMethod ?? "no SignatureMethod (HmacSHA1)"}`, async () => {
        const emulator = await emulatorWithLogs();
        const options = { method, signatureMethod, region: "ap-guangzhou" };
        const created = await callV1(
          emulator,
          "CreateExport",
          { TopicId: "t1", Query: "status:500", Count: 10, From: NOW - 60_000, To: NOW, Format: "csv", "DerivedFields.0": "path" },
          options,
        );
        expect(created.response.Error).toBeUndefined();
        const exportId = created.response.ExportId as string;
        const info = await waitForStatus(emulator, "t1", exportId, "Completed");
        expect(info).toMatchObject({ Query: "status:500", Count: 10, From: NOW - 60_000, To: NOW, Format: "csv", DerivedFields: ["path"] });

        const described = await callV1(emulator, "DescribeExports", { TopicId: "t1", Offset: 0, Limit: 10 }, options);
        expect(described.response).toMatchObject({ TotalCount: 1, Exports: [{ ExportId: exportId, Status: "Completed" }] });
        expect(codeOf(await callV1(emulator, "DeleteExport", { ExportId: exportId }, options))).toBeUndefined();
        expect(codeOf(await callV1(emulator, "DeleteExport", { ExportId: exportId }, options))).toBe("ResourceNotFound.ExportNotExist");
      });
    }
  }

  it("refuses a tampered signature, a changed parameter, another key, another host or path", async () => {
    const emulator = await emulatorWithLogs();
    expect(codeOf(await callV1(emulator, "DescribeExports", { TopicId: "t1" }))).toBeUndefined();
    const flipped = await callV1(emulator, "DescribeExports", { TopicId: "t1" }, { after: { Signature: `AAAA${"B".repeat(40)}` } });
    expect(codeOf(flipped)).toBe("AuthFailure.SignatureFailure");
    expect(codeOf(await callV1(emulator, "DescribeExports", { TopicId: "t1" }, { after: { Limit: "5" } }))).toBe(
      "AuthFailure.SignatureFailure",
    );
    expect(codeOf(await callV1(emulator, "DescribeExports", { TopicId: "t1" }, { after: { TopicId: "t2" } }))).toBe(
      "AuthFailure.SignatureFailure",
    );
    expect(codeOf(await callV1(emulator, "DescribeExports", { TopicId: "t1" }, { secretKey: "wrong" }))).toBe(
      "AuthFailure.SignatureFailure",
    );
    expect(codeOf(await callV1(emulator, "DescribeExports", { TopicId: "t1" }, { signHost: "cls.tencentcloudapi.com" }))).toBe(
      "AuthFailure.SignatureFailure",
    );
    expect(codeOf(await callV1(emulator, "DescribeExports", { TopicId: "t1" }, { method: "GET", signAs: "POST" }))).toBe(
      "AuthFailure.SignatureFailure",
    );
    const otherHash = await callV1(
      emulator,
      "DescribeExports",
      { TopicId: "t1" },
      { method: "GET", after: { SignatureMethod: "HmacSHA1" } },
    );
    expect(codeOf(otherHash)).toBe("AuthFailure.SignatureFailure");
  });

  it("signs the path as sent: // (an SDK endpoint with a trailing slash) is the API too", async () => {
    const emulator = await emulatorWithLogs();
    expect(codeOf(await callV1(emulator, "DescribeExports", { TopicId: "t1" }, { path: "//" }))).toBeUndefined();
    expect(codeOf(await callV1(emulator, "DescribeExports", { TopicId: "t1" }, { path: "/x" }))).toBe("InvalidRequest");
  });

  it("answers the documented errors: unknown SecretId, skewed Timestamp, missing parts, bad token", async () => {
    const fake = new FakeClock(NOW);
    const temporary = { secretId: "AKIDtemp", secretKey: "temp-secret", token: "tok+/=ü" };
    const emulator = await start({ clock: fake.clock, keys: [KEY, temporary] });
    await emulator.createTopic({ id: "t1" });
    const now = Math.floor(NOW / 1000);
    const ok = { clock: fake.clock };
    expect(codeOf(await callV1(emulator, "DescribeExports", { TopicId: "t1" }, ok))).toBeUndefined();
    expect(codeOf(await callV1(emulator, "DescribeExports", { TopicId: "t1" }, { ...ok, secretId: "AKIDnobody" }))).toBe(
      "AuthFailure.SecretIdNotFound",
    );
    expect(codeOf(await callV1(emulator, "DescribeExports", { TopicId: "t1" }, { timestamp: now - 300 }))).toBeUndefined();
    const expired = await callV1(emulator, "DescribeExports", { TopicId: "t1" }, { timestamp: now + 301 });
    expect(codeOf(expired)).toBe("AuthFailure.SignatureExpire");
    expect(codeOf(await callV1(emulator, "DescribeExports", { TopicId: "t1" }, { ...ok, after: { Signature: undefined } }))).toBe(
      "AuthFailure.InvalidAuthorization",
    );
    expect(codeOf(await callV1(emulator, "DescribeExports", { TopicId: "t1" }, { ...ok, after: { Nonce: undefined } }))).toBe(
      "MissingParameter",
    );
    expect(codeOf(await callV1(emulator, "DescribeExports", { TopicId: "t1" }, { ...ok, after: { Timestamp: undefined } }))).toBe(
      "MissingParameter",
    );
    expect(codeOf(await callV1(emulator, "DescribeExports", { TopicId: "t1" }, { ...ok, after: { SignatureMethod: "HmacMD5" } }))).toBe(
      "InvalidParameter",
    );
    const as = { ...ok, secretId: temporary.secretId, secretKey: temporary.secretKey };
    expect(codeOf(await callV1(emulator, "DescribeExports", { TopicId: "t1" }, { ...as, token: temporary.token }))).toBeUndefined();
    const noToken = await callV1(emulator, "DescribeExports", { TopicId: "t1" }, as);
    expect(codeOf(noToken)).toBe("AuthFailure.TokenFailure");
    expect(codeOf(await callV1(emulator, "DescribeExports", { TopicId: "t1" }, { ...as, token: "other" }))).toBe(
      "AuthFailure.TokenFailure",
    );
    for (const answer of [expired, noToken]) expect(JSON.stringify(answer.response)).not.toMatch(/temp-secret|tok\+/);
    // common parameters: version, action, region
    expect(codeOf(await callV1(emulator, "DescribeExports", { TopicId: "t1" }, { ...ok, version: "2019-01-01" }))).toBe("NoSuchVersion");
    expect(codeOf(await callV1(emulator, "DescribeTopics", {}, ok))).toBe("InvalidAction");
    expect(codeOf(await callV1(emulator, "DescribeExports", { TopicId: "t1" }, { ...ok, region: "mars-1" }))).toBe("UnsupportedRegion");
  });

  it("rebuilds flattened lists and reads integers from digits, exactly", async () => {
    const emulator = await emulatorWithLogs();
    const base = { TopicId: "t1", Query: "*", Count: 10, From: 0 };
    const big = await callV1(emulator, "CreateExport", {
      ...base,
      To: "9223372036854775807",
      "DerivedFields.0": "a",
      "DerivedFields.1": "b",
    });
    expect(big.response.Error).toBeUndefined();
    const listed = await callV1(emulator, "DescribeExports", { TopicId: "t1" });
    expect(listed.response).toMatchObject({ TotalCount: 1, Exports: [{ DerivedFields: ["a", "b"], Count: 10 }] });

    const cases: [Record<string, string | number>, string][] = [
      [{ ...base, To: "ten" }, "InvalidParameter"],
      [{ ...base, To: "1.5" }, "InvalidParameter"],
      [{ ...base, To: "" }, "InvalidParameter"],
      [{ ...base, To: "9223372036854775808" }, "InvalidParameter"],
      [{ ...base, Count: "0x10", To: 5 }, "InvalidParameter"],
      [{ ...base, To: 5, "DerivedFields.0": "a", "DerivedFields.2": "c" }, "InvalidParameter"],
      [{ ...base, To: 5, DerivedFields: "a" }, "InvalidParameter"],
      [{ ...base, To: 5, "TopicId.0": "x" }, "InvalidParameter"],
      [{ ...base, To: 5, Bogus: "1" }, "UnknownParameter"],
      [{ ...base, To: 5, "Filters.0.Name": "x" }, "UnknownParameter"],
      [{ Query: "*", Count: 1, From: 0, To: 5 }, "MissingParameter"],
      [{ ...base, TopicId: " ", To: 5 }, "InvalidParameter"],
    ];
    for (const [params, code] of cases) {
      const answer = await callV1(emulator, "CreateExport", params);
      expect([JSON.stringify(params), codeOf(answer)]).toEqual([JSON.stringify(params), code]);
    }
  });

  it("refuses form posts over 1 MB, GET queries over 32 KB, and multipart or other content types", async () => {
    const emulator = await emulatorWithLogs();
    expect(codeOf(await callV1(emulator, "DescribeExports", { TopicId: "t".repeat(1024 * 1024) }))).toBe("RequestSizeLimitExceeded");
    expect(codeOf(await callV1(emulator, "DescribeExports", { TopicId: "t".repeat(33 * 1024) }, { method: "GET" }))).toBe(
      "RequestSizeLimitExceeded",
    );
    expect(codeOf(await callV1(emulator, "DescribeExports", { TopicId: "t".repeat(30 * 1024) }, { method: "GET" }))).toBe(
      "ResourceNotFound.TopicNotExist",
    );
    const multipart = await call(emulator, "DescribeExports", {}, { contentType: "multipart/form-data; boundary=x", body: "--x--\r\n" });
    expect(codeOf(multipart)).toBe("UnsupportedProtocol");
    expect(codeOf(await call(emulator, "DescribeExports", {}, { contentType: "text/plain", body: "{}" }))).toBe("UnsupportedProtocol");
    const put = await fetch(`${emulator.url}/`, { method: "PUT", body: "{}" });
    expect(((await put.json()) as { Response: { Error: { Code: string } } }).Response.Error.Code).toBe("UnsupportedProtocol");
    const unsigned = await fetch(`${emulator.url}/?Action=DescribeExports&Version=2020-10-16&TopicId=t1`);
    expect(((await unsigned.json()) as { Response: { Error: { Code: string } } }).Response.Error.Code).toBe(
      "AuthFailure.InvalidAuthorization",
    );
  });
});

describe("TC3 over GET and form posts", () => {
  async function tc3Text(
    emulator: Awaited<ReturnType<typeof emulatorWithLogs>>,
    method: "GET" | "POST",
    action: string,
    text: string,
    tamper = false,
  ): Promise<Record<string, unknown>> {
    const timestamp = Math.floor(Date.now() / 1000);
    const contentType = "application/x-www-form-urlencoded";
    const signed = signTc3({
      ...KEY,
      service: "cls",
      host: emulator.endpoint,
      timestamp,
      contentType,
      method,
      query: method === "GET" ? text : "",
      payload: method === "GET" ? "" : text,
    });
    const headers = {
      "Content-Type": contentType,
      Authorization: tamper ? signed.authorization.replace(/.$/, (c) => (c === "0" ? "1" : "0")) : signed.authorization,
      "X-TC-Action": action,
      "X-TC-Version": "2020-10-16",
      "X-TC-Timestamp": String(timestamp),
      "X-TC-Region": "ap-guangzhou",
    };
    const res =
      method === "GET"
        ? await fetch(`${emulator.url}/?${text}`, { headers })
        : await fetch(`${emulator.url}/`, { method, headers, body: text });
    return ((await res.json()) as { Response: Record<string, unknown> }).Response;
  }

  for (const method of ["GET", "POST"] as const) {
    it(`verifies the query (GET) or form body (POST) and rebuilds its parameters (${method})`, async () => {
      const emulator = await emulatorWithLogs();
      const created = await tc3Text(
        emulator,
        method,
        "CreateExport",
        `TopicId=t1&Query=status%3A500&Count=10&From=${NOW - 60_000}&To=${NOW}&DerivedFields.0=path&SyntaxRule=1`,
      );
      expect(created.Error).toBeUndefined();
      const info = await waitForStatus(emulator, "t1", created.ExportId as string, "Completed");
      expect(info).toMatchObject({ SyntaxRule: 1, DerivedFields: ["path"], Count: 10 });
      expect(await tc3Text(emulator, method, "DescribeExports", "TopicId=t1&Limit=1")).toMatchObject({ TotalCount: 1 });
      expect(await tc3Text(emulator, method, "DescribeExports", "TopicId=t1&Limit=1", true)).toMatchObject({
        Error: { Code: "AuthFailure.SignatureFailure" },
      });
      expect(await tc3Text(emulator, method, "DescribeExports", "TopicId=t1&Action=DescribeExports")).toMatchObject({
        Error: { Code: "UnknownParameter" },
      });
    });
  }
});

import { afterEach, describe, expect, it } from "vitest";
import { signTc3 } from "@tcsdk/core/signing";
import { call, cleanup, codeOf, FakeClock, KEY, start } from "./helpers.js";

afterEach(cleanup);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const VALID = { TopicId: "t1", Query: "*", Count: 10, From: 0, To: 2_000_000_000_000 };

describe("answers", () => {
  it("use HTTP 200, application/json, a uuid RequestId and a Date from the emulator clock", async () => {
    const fake = new FakeClock(Date.UTC(2030, 0, 2, 3, 4, 5));
    const emulator = await start({ clock: fake.clock });
    await emulator.createTopic({ id: "t1" });
    const ok = await call(emulator, "DescribeExports", { TopicId: "t1" }, { clock: fake.clock });
    const failed = await call(emulator, "DescribeExports", { TopicId: "nope" }, { clock: fake.clock });
    for (const answer of [ok, failed]) {
      expect(answer.status).toBe(200);
      expect(answer.headers.get("content-type")).toBe("application/json");
      expect(answer.headers.get("date")).toBe("Wed, 02 Jan 2030 03:04:05 GMT");
      expect(answer.response.RequestId).toMatch(UUID);
    }
    expect(ok.response).toEqual({ Exports: [], TotalCount: 0, RequestId: ok.response.RequestId });
    expect(failed.response.Error).toEqual({ Code: "ResourceNotFound.TopicNotExist", Message: expect.stringContaining("nope") });
    expect(ok.response.RequestId).not.toBe(failed.response.RequestId);
  });
});

describe("authentication", () => {
  it("accepts a correct signature and refuses an unknown SecretId", async () => {
    const emulator = await start();
    await emulator.createTopic({ id: "t1" });
    expect(codeOf(await call(emulator, "DescribeExports", { TopicId: "t1" }))).toBeUndefined();
    const answer = await call(emulator, "DescribeExports", { TopicId: "t1" }, { secretId: "AKIDunknown" });
    expect(codeOf(answer)).toBe("AuthFailure.SecretIdNotFound");
  });

  it("refuses a signature made with another key, over another body, or for another service", async () => {
    const emulator = await start({ strictService: true });
    await emulator.createTopic({ id: "t1" });
    expect(codeOf(await call(emulator, "DescribeExports", { TopicId: "t1" }, { secretKey: "wrong" }))).toBe("AuthFailure.SignatureFailure");
    expect(codeOf(await call(emulator, "DescribeExports", { TopicId: "t1" }, { service: "cvm" }))).toBe("AuthFailure.SignatureFailure");
    expect(codeOf(await call(emulator, "DescribeExports", { TopicId: "t1" }, { service: "127" }))).toBe("AuthFailure.SignatureFailure");
    // sign one body, send another
    const timestamp = Math.floor(Date.now() / 1000);
    const signed = signTc3({
      ...KEY,
      service: "cls",
      host: emulator.endpoint,
      timestamp,
      contentType: "application/json",
      payload: '{"TopicId":"t1"}',
    });
    const answer = await call(
      emulator,
      "DescribeExports",
      { TopicId: "t1", Limit: 5 },
      { timestamp, headers: { Authorization: signed.authorization } },
    );
    expect(codeOf(answer)).toBe("AuthFailure.SignatureFailure");
    // flip one hex digit of a valid signature
    const good = signTc3({
      ...KEY,
      service: "cls",
      host: emulator.endpoint,
      timestamp,
      contentType: "application/json",
      payload: '{"TopicId":"t1"}',
    });
    const flipped = good.authorization.replace(/.$/, (c) => (c === "0" ? "1" : "0"));
    expect(codeOf(await call(emulator, "DescribeExports", { TopicId: "t1" }, { timestamp, headers: { Authorization: flipped } }))).toBe(
      "AuthFailure.SignatureFailure",
    );
    expect(
      codeOf(await call(emulator, "DescribeExports", { TopicId: "t1" }, { timestamp, headers: { Authorization: good.authorization } })),
    ).toBeUndefined();
  });

  it("accepts the Host's first label as service, with or without its port, unless strict", async () => {
    const lenient = await start();
    await lenient.createTopic({ id: "t1" });
    expect(codeOf(await call(lenient, "DescribeExports", { TopicId: "t1" }, { service: "127" }))).toBeUndefined();
    expect(codeOf(await call(lenient, "DescribeExports", { TopicId: "t1" }, { service: "cvm" }))).toBe("AuthFailure.SignatureFailure");
    // pointed at localhost:PORT, the official SDK signs service "localhost:PORT"
    const viaLocalhost = { host: `localhost:${lenient.port}` };
    expect(
      codeOf(await call(lenient, "DescribeExports", { TopicId: "t1" }, { ...viaLocalhost, service: `localhost:${lenient.port}` })),
    ).toBeUndefined();
    expect(codeOf(await call(lenient, "DescribeExports", { TopicId: "t1" }, { ...viaLocalhost, service: "localhost" }))).toBeUndefined();
    expect(codeOf(await call(lenient, "DescribeExports", { TopicId: "t1" }, { ...viaLocalhost, service: `localhost:1` }))).toBe(
      "AuthFailure.SignatureFailure",
    );
    expect(codeOf(await call(lenient, "DescribeExports", { TopicId: "t1" }, { service: `127.0.0.1:${lenient.port}` }))).toBe(
      "AuthFailure.SignatureFailure",
    );
    const strict = await start({ strictService: true });
    await strict.createTopic({ id: "t1" });
    expect(
      codeOf(
        await call(strict, "DescribeExports", { TopicId: "t1" }, { host: `localhost:${strict.port}`, service: `localhost:${strict.port}` }),
      ),
    ).toBe("AuthFailure.SignatureFailure");
  });

  it("accepts x-tc-action among the signed headers (newer documentation)", async () => {
    const emulator = await start();
    await emulator.createTopic({ id: "t1" });
    const timestamp = Math.floor(Date.now() / 1000);
    const body = '{"TopicId":"t1"}';
    const signed = signTc3({
      ...KEY,
      service: "cls",
      host: emulator.endpoint,
      timestamp,
      contentType: "application/json; charset=utf-8",
      payload: body,
      extraSignedHeaders: { "x-tc-action": "describeexports" },
    });
    expect(signed.signedHeaders).toBe("content-type;host;x-tc-action");
    const options = { timestamp, body, contentType: "application/json; charset=utf-8", headers: { Authorization: signed.authorization } };
    expect(codeOf(await call(emulator, "DescribeExports", {}, options))).toBeUndefined();
    expect(codeOf(await call(emulator, "DeleteExport", {}, options))).toBe("AuthFailure.SignatureFailure");
  });

  it("refuses a timestamp more than 5 minutes off the emulator clock, answering its own Date", async () => {
    const fake = new FakeClock();
    const emulator = await start({ clock: fake.clock });
    await emulator.createTopic({ id: "t1" });
    const now = Math.floor(fake.now / 1000);
    for (const skew of [-300, 300]) {
      expect(codeOf(await call(emulator, "DescribeExports", { TopicId: "t1" }, { timestamp: now + skew }))).toBeUndefined();
    }
    for (const skew of [-301, 301, -86_400]) {
      const answer = await call(emulator, "DescribeExports", { TopicId: "t1" }, { timestamp: now + skew });
      expect(codeOf(answer)).toBe("AuthFailure.SignatureExpire");
      expect(Date.parse(answer.headers.get("date") ?? "")).toBe(Math.floor(fake.now / 1000) * 1000);
    }
  });

  it("refuses a credential date that is not the timestamp's UTC date", async () => {
    const emulator = await start();
    await emulator.createTopic({ id: "t1" });
    const timestamp = Math.floor(Date.now() / 1000);
    const signed = signTc3({
      ...KEY,
      service: "cls",
      host: emulator.endpoint,
      timestamp: timestamp - 86_400,
      contentType: "application/json",
      payload: '{"TopicId":"t1"}',
    });
    const answer = await call(
      emulator,
      "DescribeExports",
      { TopicId: "t1" },
      { timestamp, headers: { Authorization: signed.authorization } },
    );
    expect(codeOf(answer)).toBe("AuthFailure.SignatureFailure");
  });

  it("answers InvalidAuthorization for a missing or garbled header, MissingParameter without a timestamp", async () => {
    const emulator = await start();
    expect(codeOf(await call(emulator, "DescribeExports", {}, { omit: ["Authorization"] }))).toBe("AuthFailure.InvalidAuthorization");
    for (const garbled of [
      "Bearer abc",
      "TC3-HMAC-SHA256 Credential=x",
      "TC3-HMAC-SHA256 Credential=a/b/c/d, SignedHeaders=host, Signature=00",
    ]) {
      expect(codeOf(await call(emulator, "DescribeExports", {}, { headers: { Authorization: garbled } }))).toBe(
        "AuthFailure.InvalidAuthorization",
      );
    }
    expect(codeOf(await call(emulator, "DescribeExports", {}, { omit: ["X-TC-Timestamp"] }))).toBe("MissingParameter");
  });

  it("checks X-TC-Token for temporary credentials and never echoes secrets", async () => {
    const temporary = { secretId: "AKIDtemp", secretKey: "temp-secret", token: "session-token-123" };
    const emulator = await start({ keys: [KEY, temporary] });
    await emulator.createTopic({ id: "t1" });
    const as = { secretId: temporary.secretId, secretKey: temporary.secretKey };
    expect(codeOf(await call(emulator, "DescribeExports", { TopicId: "t1" }, { ...as, token: temporary.token }))).toBeUndefined();
    const missing = await call(emulator, "DescribeExports", { TopicId: "t1" }, as);
    expect(codeOf(missing)).toBe("AuthFailure.TokenFailure");
    const wrong = await call(emulator, "DescribeExports", { TopicId: "t1" }, { ...as, token: "other" });
    expect(codeOf(wrong)).toBe("AuthFailure.TokenFailure");
    expect(codeOf(await call(emulator, "DescribeExports", { TopicId: "t1" }, { token: "unexpected" }))).toBe("AuthFailure.TokenFailure");
    // A wrong key distinctive enough that a random RequestId (hex) cannot contain it by chance.
    const wrongKey = "wrong-secret-key-never-echoed";
    const failures = [missing, wrong, await call(emulator, "DescribeExports", { TopicId: "t1" }, { secretKey: wrongKey })];
    for (const answer of failures) {
      const text = JSON.stringify(answer.response);
      for (const secret of [temporary.secretKey, temporary.token, KEY.secretKey, wrongKey]) expect(text).not.toContain(secret);
    }
  });
});

describe("protocol", () => {
  it("answers version, action, region, content-type and method errors", async () => {
    const emulator = await start();
    expect(codeOf(await call(emulator, "DescribeExports", {}, { version: "2019-01-01" }))).toBe("NoSuchVersion");
    expect(codeOf(await call(emulator, "DescribeExports", {}, { version: null }))).toBe("MissingParameter");
    expect(codeOf(await call(emulator, "DescribeTopics", {}))).toBe("InvalidAction");
    expect(codeOf(await call(emulator, "toString", {}))).toBe("InvalidAction");
    expect(codeOf(await call(emulator, "DescribeExports", {}, { region: "mars-north-1" }))).toBe("UnsupportedRegion");
    expect(codeOf(await call(emulator, "DescribeExports", {}, { contentType: "application/xml", body: "<a/>" }))).toBe(
      "UnsupportedProtocol",
    );
    const get = await fetch(`${emulator.url}/?Action=DescribeExports`);
    expect(get.status).toBe(200);
    expect(((await get.json()) as { Response: { Error: { Code: string } } }).Response.Error.Code).toBe("AuthFailure.InvalidAuthorization");
  });

  it("takes X-TC-Region: null (the official intl SDK's way of sending no region) as no region", async () => {
    const emulator = await start();
    await emulator.createTopic({ id: "t1" });
    expect(codeOf(await call(emulator, "DescribeExports", { TopicId: "t1" }, { region: "null" }))).toBeUndefined();
    expect(codeOf(await call(emulator, "DescribeExports", { TopicId: "t1" }, { omit: ["X-TC-Region"] }))).toBeUndefined();
    expect(codeOf(await call(emulator, "DescribeExports", { TopicId: "t1" }, { region: "NULL" }))).toBe("UnsupportedRegion");
  });

  it("answers InvalidParameter for a body that is not a JSON object, RequestSizeLimitExceeded over 10 MB", async () => {
    const emulator = await start();
    expect(codeOf(await call(emulator, "DescribeExports", {}, { body: "{not json" }))).toBe("InvalidParameter");
    expect(codeOf(await call(emulator, "DescribeExports", {}, { body: "[1,2]" }))).toBe("InvalidParameter");
    const huge = JSON.stringify({ TopicId: "x".repeat(10 * 1024 * 1024) });
    expect(codeOf(await call(emulator, "DescribeExports", {}, { body: huge }))).toBe("RequestSizeLimitExceeded");
  });

  it("accepts absolute-form request targets", async () => {
    const emulator = await start();
    await emulator.createTopic({ id: "t1" });
    const { request } = await import("node:http");
    const body = '{"TopicId":"t1"}';
    const timestamp = Math.floor(Date.now() / 1000);
    const signed = signTc3({ ...KEY, service: "cls", host: emulator.endpoint, timestamp, contentType: "application/json", payload: body });
    const text = await new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port: emulator.port,
          method: "POST",
          path: `http://${emulator.endpoint}/`,
          headers: {
            Host: emulator.endpoint,
            "Content-Type": "application/json",
            Authorization: signed.authorization,
            "X-TC-Action": "DescribeExports",
            "X-TC-Version": "2020-10-16",
            "X-TC-Timestamp": String(timestamp),
          },
        },
        (res) => {
          let data = "";
          res
            .setEncoding("utf8")
            .on("data", (chunk: string) => (data += chunk))
            .on("end", () => resolve(data));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
    expect(JSON.parse(text).Response.TotalCount).toBe(0);
  });
});

describe("parameters", () => {
  const cases: [string, string, Record<string, unknown>, string][] = [
    ["CreateExport", "unknown parameter", { ...VALID, Bogus: 1 }, "UnknownParameter"],
    ["CreateExport", "missing TopicId", { ...VALID, TopicId: undefined }, "MissingParameter"],
    ["CreateExport", "missing Count", { ...VALID, Count: undefined }, "MissingParameter"],
    ["CreateExport", "missing Query", { ...VALID, Query: undefined }, "MissingParameter"],
    ["CreateExport", "missing From", { ...VALID, From: undefined }, "MissingParameter"],
    ["CreateExport", "missing To", { ...VALID, To: undefined }, "MissingParameter"],
    ["CreateExport", "Count 0", { ...VALID, Count: 0 }, "InvalidParameter"],
    ["CreateExport", "Count over 50 million", { ...VALID, Count: 50_000_001 }, "InvalidParameter"],
    ["CreateExport", "Count not an integer", { ...VALID, Count: 1.5 }, "InvalidParameter"],
    ["CreateExport", "Count as a string", { ...VALID, Count: "10" }, "InvalidParameter"],
    ["CreateExport", "TopicId a number", { ...VALID, TopicId: 5 }, "InvalidParameter"],
    ["CreateExport", "From after To", { ...VALID, From: 10, To: 5 }, "InvalidParameter"],
    ["CreateExport", "negative From", { ...VALID, From: -1 }, "InvalidParameter"],
    ["CreateExport", "bad Order", { ...VALID, Order: "up" }, "InvalidParameter"],
    ["CreateExport", "bad Format", { ...VALID, Format: "xml" }, "InvalidParameter"],
    ["CreateExport", "bad SyntaxRule", { ...VALID, SyntaxRule: 2 }, "InvalidParameter"],
    ["CreateExport", "an empty Query", { ...VALID, Query: "" }, "InvalidParameter"],
    ["CreateExport", "a blank Query", { ...VALID, Query: " \t\n" }, "InvalidParameter"],
    ["CreateExport", "Query a number", { ...VALID, Query: 5 }, "InvalidParameter"],
    ["CreateExport", "an empty DerivedFields item", { ...VALID, DerivedFields: ["a", ""] }, "InvalidParameter"],
    ["CreateExport", "SQL in Query", { ...VALID, Query: "* | select count(*)" }, "InvalidParameter"],
    ["CreateExport", "unsupported syntax", { ...VALID, Query: "status:200~" }, "InvalidParameter"],
    ["CreateExport", "bad DerivedFields", { ...VALID, DerivedFields: [1] }, "InvalidParameter"],
    ["CreateExport", "unknown topic", { ...VALID, TopicId: "nope" }, "ResourceNotFound.TopicNotExist"],
    ["DescribeExports", "missing TopicId", {}, "MissingParameter"],
    ["DescribeExports", "Limit 0", { TopicId: "t1", Limit: 0 }, "InvalidParameter"],
    ["DescribeExports", "Limit 101", { TopicId: "t1", Limit: 101 }, "InvalidParameter"],
    ["DescribeExports", "negative Offset", { TopicId: "t1", Offset: -1 }, "InvalidParameter"],
    ["DescribeExports", "unknown parameter", { TopicId: "t1", Filters: [] }, "UnknownParameter"],
    ["DescribeExports", "unknown topic", { TopicId: "nope" }, "ResourceNotFound.TopicNotExist"],
    ["CreateExport", "a blank TopicId", { ...VALID, TopicId: " " }, "InvalidParameter"],
    ["CreateExport", "an empty TopicId", { ...VALID, TopicId: "" }, "InvalidParameter"],
    ["DescribeExports", "a blank TopicId", { TopicId: " \t" }, "InvalidParameter"],
    ["DescribeExports", "an empty TopicId", { TopicId: "" }, "InvalidParameter"],
    ["DeleteExport", "a blank ExportId", { ExportId: " " }, "InvalidParameter"],
    ["DeleteExport", "an empty ExportId", { ExportId: "" }, "InvalidParameter"],
    ["DeleteExport", "missing ExportId", {}, "MissingParameter"],
    ["DeleteExport", "unknown export", { ExportId: "0b6e1c4e-0000-4000-8000-000000000000" }, "ResourceNotFound.ExportNotExist"],
  ];

  it.each(cases)("%s with %s → %s", async (action, _label, params, code) => {
    const emulator = await start();
    await emulator.createTopic({ id: "t1" });
    const answer = await call(emulator, action, params);
    expect(codeOf(answer)).toBe(code);
    expect(answer.response.Error?.Message).toBeTruthy();
    expect(answer.response.RequestId).toMatch(UUID);
  });

  it("says an empty or blank Query is refused, and takes * as every log", async () => {
    const emulator = await start();
    await emulator.createTopic({ id: "t1" });
    const blank = await call(emulator, "CreateExport", { ...VALID, Query: "  " });
    expect(blank.response.Error?.Message).toBe("The parameter `Query` must not be empty or blank (use `*` for every log).");
    expect(codeOf(await call(emulator, "CreateExport", { ...VALID, Query: " * " }))).toBeUndefined();
  });

  it("names the query position in the message", async () => {
    const emulator = await start();
    await emulator.createTopic({ id: "t1" });
    const answer = await call(emulator, "CreateExport", { ...VALID, Query: "a AND (b" });
    expect(answer.response.Error?.Message).toMatch(/position 8/);
  });
});

describe("topic state and limits", () => {
  it("refuses exports of a closed topic with FailedOperation.TopicClosed", async () => {
    const emulator = await start();
    await emulator.createTopic({ id: "t1", status: "closed" });
    expect(codeOf(await call(emulator, "CreateExport", VALID))).toBe("FailedOperation.TopicClosed");
    await emulator.setTopicStatus("t1", "open");
    expect(codeOf(await call(emulator, "CreateExport", VALID))).toBeUndefined();
  });

  it("answers LimitExceeded.Export beyond the unfinished-task cap, and accepts again once tasks finish", async () => {
    const emulator = await start({ maxUnfinishedExports: 2, delays: { queuedMs: 60_000, processingMs: 0 } });
    await emulator.createTopic({ id: "t1" });
    await emulator.createTopic({ id: "t2" });
    expect(codeOf(await call(emulator, "CreateExport", VALID))).toBeUndefined();
    const second = await call(emulator, "CreateExport", VALID);
    expect(codeOf(second)).toBeUndefined();
    expect(codeOf(await call(emulator, "CreateExport", VALID))).toBe("LimitExceeded.Export");
    expect(codeOf(await call(emulator, "CreateExport", { ...VALID, TopicId: "t2" }))).toBeUndefined();
    expect(codeOf(await call(emulator, "DeleteExport", { ExportId: second.response.ExportId }))).toBeUndefined();
    expect(codeOf(await call(emulator, "CreateExport", VALID))).toBeUndefined();
  });
});

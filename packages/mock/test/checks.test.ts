/**
 * The mock's checks, each seen from a raw request (a generated client would refuse bad input before
 * sending it): signatures, unsigned actions, version, action, and every kind of input error, named as
 * the service names them; then answers registered per action.
 */
import { signTc3 } from "@tcsdk/core/signing";
import { afterEach, describe, expect, it } from "vitest";
import { MOCK_KEY, MockServiceError, startMock, type Mock } from "../src/index.js";

const mocks: Mock[] = [];
afterEach(async () => {
  await Promise.all(mocks.splice(0).map((mock) => mock.close()));
});

async function mockOf(service: string, options: Parameters<typeof startMock>[0] | object = {}): Promise<Mock> {
  const mock = await startMock({ service, ...options });
  mocks.push(mock);
  return mock;
}

interface Sent {
  readonly action: string;
  readonly body: unknown;
  readonly version?: string;
  /** `"SKIP"`, a wrong key, or signed with the mock's key (default). */
  readonly authorization?: "SKIP" | "wrong-key" | "none";
}

/** Posts `body` to the mock as API 3.0 does, and answers the `Response` object. */
async function post(mock: Mock, sent: Sent): Promise<Record<string, unknown>> {
  const payload = JSON.stringify(sent.body);
  const timestamp = Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-tc-action": sent.action,
    "x-tc-version": sent.version ?? mock.model.version,
    "x-tc-timestamp": String(timestamp),
  };
  if (sent.authorization === "SKIP") headers["authorization"] = "SKIP";
  else if (sent.authorization !== "none") {
    const secretKey = sent.authorization === "wrong-key" ? "another-secret-key" : MOCK_KEY.secretKey;
    const host = mock.endpoint;
    headers["authorization"] = signTc3({
      secretId: MOCK_KEY.secretId,
      secretKey,
      service: mock.model.service,
      host,
      timestamp,
      contentType: "application/json",
      payload,
    }).authorization;
  }
  const answer = await fetch(`${mock.url}/`, { method: "POST", headers, body: payload });
  expect(answer.status).toBe(200);
  return ((await answer.json()) as { Response: Record<string, unknown> }).Response;
}

function errorOf(response: Record<string, unknown>): { Code: string; Message: string } {
  return response["Error"] as { Code: string; Message: string };
}

describe("signatures", () => {
  it("refuses a wrong key, a missing header, and SKIP on an action that must be signed", async () => {
    const mock = await mockOf("cvm");
    const body = { Limit: 1 };
    expect(errorOf(await post(mock, { action: "DescribeInstances", body, authorization: "wrong-key" })).Code).toBe(
      "AuthFailure.SignatureFailure",
    );
    expect(errorOf(await post(mock, { action: "DescribeInstances", body, authorization: "none" })).Code).toBe(
      "AuthFailure.InvalidAuthorization",
    );
    expect(errorOf(await post(mock, { action: "DescribeInstances", body, authorization: "SKIP" })).Code).toBe(
      "AuthFailure.InvalidAuthorization",
    );
    expect((await post(mock, { action: "DescribeInstances", body }))["Error"]).toBeUndefined();
  });

  it("takes SKIP on an action sent unsigned (STS AssumeRoleWithWebIdentity)", async () => {
    const mock = await mockOf("sts");
    const request = mock.model.actions["AssumeRoleWithWebIdentity"]?.request;
    const response = await post(mock, { action: "AssumeRoleWithWebIdentity", body: request, authorization: "SKIP" });
    expect(response["Error"]).toBeUndefined();
    expect(response["Credentials"]).toBeDefined();
  });
});

describe("version and action", () => {
  it("answers NoSuchVersion and InvalidAction", async () => {
    const mock = await mockOf("region");
    expect(errorOf(await post(mock, { action: "DescribeProducts", body: {}, version: "2017-03-12" })).Code).toBe("NoSuchVersion");
    expect(errorOf(await post(mock, { action: "DescribeEverything", body: {} })).Code).toBe("InvalidAction");
  });
});

describe("input errors, as the service names them", () => {
  it.each([
    ["a missing parameter", { Filters: [{ Name: "zone" }] }, "MissingParameter", "Filters.0.Values"],
    ["an unknown parameter (named before a missing one)", { Filters: [{ Nmae: "zone" }] }, "UnknownParameter", "Filters.0.Nmae"],
    ["a value of the wrong type", { Limit: "10" }, "InvalidParameter", "Limit"],
    ["a list given a scalar", { InstanceIds: "ins-1" }, "InvalidParameter", "InstanceIds"],
  ])("%s", async (_label, body, code, name) => {
    const mock = await mockOf("cvm");
    const error = errorOf(await post(mock, { action: "DescribeInstances", body }));
    expect(error.Code).toBe(code);
    expect(error.Message).toContain(`\`${name}\``);
    expect(mock.requests.at(-1)).toMatchObject({ action: "DescribeInstances", errorCode: code });
  });

  it("answers InvalidParameterValue for a value outside the spec's rules (CLS CreateExport Count)", async () => {
    const mock = await mockOf("cls");
    const request = { ...mock.model.actions["CreateExport"]?.request, Count: 50_000_001 };
    const error = errorOf(await post(mock, { action: "CreateExport", body: request }));
    expect(error.Code).toBe("InvalidParameterValue");
    expect(error.Message).toContain("`Count`");
  });

  it("answers InvalidParameter for a body that is not a JSON object", async () => {
    const mock = await mockOf("region");
    expect(errorOf(await post(mock, { action: "DescribeProducts", body: [1, 2] })).Code).toBe("InvalidParameter");
  });
});

describe("answers", () => {
  it("are the model's by default, each with its own RequestId", async () => {
    const mock = await mockOf("region");
    const first = await post(mock, { action: "DescribeProducts", body: {} });
    const second = await post(mock, { action: "DescribeProducts", body: {} });
    expect(first).toEqual({ ...mock.model.actions["DescribeProducts"]?.answer, RequestId: expect.any(String) });
    expect(first["RequestId"]).not.toBe(second["RequestId"]);
  });

  it("can be registered per action, from the request, and can fail with an error code", async () => {
    const mock = await mockOf("region", {
      answers: { DescribeProducts: (params: Record<string, unknown>) => ({ TotalCount: Number(params["Limit"]), Products: [] }) },
    });
    expect(await post(mock, { action: "DescribeProducts", body: { Limit: 7 } })).toEqual({
      TotalCount: 7,
      Products: [],
      RequestId: expect.any(String),
    });
    mock.answer("DescribeProducts", () => {
      throw new MockServiceError("ResourceUnavailable", "Not today.");
    });
    expect(errorOf(await post(mock, { action: "DescribeProducts", body: {} }))).toEqual({
      Code: "ResourceUnavailable",
      Message: "Not today.",
    });
    expect(() => mock.answer("NoSuchAction", () => ({}))).toThrow(/not an action of region/);
  });
});

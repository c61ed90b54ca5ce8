/**
 * Interop with a client nobody here wrote: Tencent's official Node SDK (tencentcloud-sdk-nodejs-common),
 * signing with its own code, calls one action of each service against the mock. Its requests are
 * accepted, its bad ones refused as the service refuses them.
 */
import { CommonClient } from "tencentcloud-sdk-nodejs-common";
import { beforeAll, describe, expect, it } from "vitest";
import { loadMockModel, MOCK_KEY, mockServices, startMock } from "../src/index.js";

beforeAll(() => {
  // the official SDK would route through a proxy named in the environment; these tests stay on 127.0.0.1
  delete process.env.http_proxy;
});

/** The action each service is called with: the first one that documents an example request. */
function firstAction(service: string): string {
  const model = loadMockModel(service);
  const [name] = Object.keys(model.actions).filter((action) => model.actions[action]?.unsupported === undefined);
  if (name === undefined) throw new Error(`${service} has no supported action`);
  return name;
}

function officialClient(service: string, version: string, endpoint: string, secretKey = MOCK_KEY.secretKey): CommonClient {
  return new CommonClient(`${service}.tencentcloudapi.com`, version, {
    credential: { secretId: MOCK_KEY.secretId, secretKey },
    region: "ap-guangzhou",
    profile: { httpProfile: { endpoint, protocol: "http://", reqTimeout: 10 } },
  });
}

describe.each(mockServices())("the official SDK against the %s mock", (service) => {
  it("is accepted, and answered as the model says", async () => {
    const mock = await startMock({ service });
    try {
      const action = firstAction(service);
      const spec = mock.model.actions[action];
      const sdk = officialClient(service, mock.model.version, mock.endpoint);
      // the official SDK parses answers with JSON.parse: compare through it
      const answer = (await sdk.request(
        action,
        JSON.parse(JSON.stringify(spec?.request, (_key, value) => (typeof value === "bigint" ? Number(value) : value))),
      )) as Record<string, unknown>;
      expect(answer["RequestId"]).toMatch(/^[0-9a-f-]{36}$/);
      expect(Object.keys(answer).sort()).toEqual([...Object.keys(spec?.answer ?? {}), "RequestId"].sort());
      expect(mock.requests).toEqual([{ action, params: expect.any(Object), unsigned: false }]);
    } finally {
      await mock.close();
    }
  });

  it("is refused with a wrong key and with an unknown parameter", async () => {
    const mock = await startMock({ service });
    try {
      const action = firstAction(service);
      const wrongKey = officialClient(service, mock.model.version, mock.endpoint, "not-the-key");
      await expect(wrongKey.request(action, {})).rejects.toMatchObject({ code: "AuthFailure.SignatureFailure" });
      const sdk = officialClient(service, mock.model.version, mock.endpoint);
      await expect(sdk.request(action, { NoSuchParameter: 1 })).rejects.toMatchObject({ code: "UnknownParameter" });
    } finally {
      await mock.close();
    }
  });
});

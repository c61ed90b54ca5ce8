/**
 * Every action of every service, called once through its generated client against the mock: the
 * model's request passes the client's validation, goes on the wire signed (or unsigned, where the spec
 * says so), passes the mock's signature and input checks, and the answer comes back as the method's
 * result. An action the SDK does not support yet must refuse before sending, with its reason.
 */
import { afterAll, describe, expect, it } from "vitest";
import { loadMockModel, MOCK_KEY, mockServices, startMock, type Mock } from "../src/index.js";

type Client = Record<string, (input: unknown) => Promise<Record<string, unknown>>> & { close(): Promise<void> };

const services = mockServices();
let called = 0;
let refused = 0;

afterAll(() => {
  console.log(`mock: ${called} actions of ${services.length} services called through their clients, ${refused} refused as unsupported`);
});

describe.each(services)("%s", (service) => {
  const model = loadMockModel(service);
  const actions = Object.entries(model.actions);
  let mock: Mock;
  let client: Client;

  it("has a model with every action", async () => {
    expect(actions.length).toBeGreaterThan(0);
    mock = await startMock({ service });
    const pkg = (await import(model.packageName)) as Record<string, new (options: object) => Client>;
    const Client = pkg[model.clientClass];
    if (Client === undefined) throw new Error(`${model.packageName} exports no ${model.clientClass}`);
    client = new Client({ endpoint: mock.url, credentials: MOCK_KEY, rateLimit: false, maxAttempts: 1, region: "ap-guangzhou" });
  });

  it.each(actions)("%s", async (action, spec) => {
    const method = client[spec.method];
    if (typeof method !== "function") throw new Error(`${model.clientClass} has no method ${spec.method}`);
    if (spec.unsupported !== undefined) {
      await expect(method.call(client, spec.request)).rejects.toThrow(spec.unsupported);
      refused++;
      return;
    }
    const before = mock.requests.length;
    const answer = await method.call(client, spec.request);
    expect(answer).toEqual({ ...spec.answer, RequestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(mock.requests.slice(before)).toEqual([{ action, params: expect.any(Object), unsigned: spec.unsigned === true }]);
    called++;
  });

  afterAll(async () => {
    await client?.close();
    await mock?.close();
  });
});

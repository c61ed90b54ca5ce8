import { loadMockModel, MOCK_KEY, type Mock, startMock } from "@tcsdk/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serviceModel } from "../src/service-model.js";
import { cleanEnv } from "./support/run-tcsdk.js";
import { runInProcess } from "./support/in-process.js";

const env = cleanEnv({ TENCENTCLOUD_SECRET_ID: MOCK_KEY.secretId, TENCENTCLOUD_SECRET_KEY: MOCK_KEY.secretKey });
let mock: Mock;
beforeAll(async () => {
  mock = await startMock({ service: "cls" });
});
afterAll(() => mock?.close());

const cls = serviceModel("cls");
const mockModel = loadMockModel("cls");

describe("every CLS action from the command line", () => {
  it("offers one command per action of the spec, all 208", () => {
    expect(Object.keys(cls.actions)).toEqual(Object.keys(mockModel.actions));
    expect(Object.keys(cls.actions)).toHaveLength(208);
  });

  it("calls each one with --cli-input-json through the generated client, which the mock answers as the spec says", async () => {
    let answered = 0;
    const refused: string[] = [];
    for (const [action, spec] of Object.entries(mockModel.actions)) {
      const args = [
        "cls",
        action,
        "--endpoint-url",
        mock.url,
        "--region",
        "ap-guangzhou",
        "--cli-input-json",
        JSON.stringify(spec.request),
      ];
      const run = await runInProcess(args, env);
      if (spec.unsupported !== undefined) {
        expect(run.exitCode, action).toBe(1);
        expect(run.stderr).toContain(`${action} is not supported by this SDK yet`);
        refused.push(action);
        continue;
      }
      expect(run.stderr, action).toBe("");
      expect(run.exitCode, action).toBe(0);
      expect(JSON.parse(run.stdout), action).toHaveProperty("RequestId");
      answered += 1;
    }
    expect(mock.requests.map((request) => request.action)).toEqual(Object.keys(mockModel.actions).filter((a) => !refused.includes(a)));
    expect(mock.requests.every((request) => request.errorCode === undefined)).toBe(true);
    console.info(`cli: ${answered} CLS actions answered through tcsdk, ${refused.length} refused as unsupported (${refused.join(", ")})`);
    expect(answered + refused.length).toBe(208);
  }, 120_000);

  it("builds the same request from flags: scalars parsed by type, lists from repeated values, shapes as JSON", async () => {
    const run = await runInProcess(
      [
        "cls",
        "search-log",
        "--endpoint-url",
        mock.url,
        "--region",
        "ap-guangzhou",
        "--topic-id",
        "t-1",
        "--from",
        "1700000000000",
        "--to",
        "1700000600000",
        "--query",
        "status:500",
        "--limit",
        "10",
        "--use-new-analysis",
        "true",
        "--topics",
        '[{"TopicId":"t-2"}]',
      ],
      env,
    );
    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(0);
    expect(mock.requests.at(-1)).toMatchObject({
      action: "SearchLog",
      params: {
        TopicId: "t-1",
        From: 1700000000000,
        To: 1700000600000,
        Query: "status:500",
        Limit: 10,
        UseNewAnalysis: true,
        Topics: [{ TopicId: "t-2" }],
      },
    });
  });

  it("lets a flag win over the same field of --cli-input-json", async () => {
    const before = mock.requests.length;
    const json = JSON.stringify({ TopicId: "from-json", Offset: 0, Limit: 5 });
    const run = await runInProcess(
      ["cls", "DescribeExports", "--endpoint-url", mock.url, "--region", "ap-guangzhou", "--cli-input-json", json, "--limit", "7"],
      env,
    );
    expect(run.exitCode).toBe(0);
    expect(mock.requests.slice(before)).toEqual([expect.objectContaining({ params: { TopicId: "from-json", Offset: 0, Limit: 7 } })]);
  });
});

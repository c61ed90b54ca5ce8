/**
 * Actions beyond the export workflow, imported from Tencent's model: DescribeTopics, SearchLog,
 * CreateTopic and DescribeLogHistogram called through the generated client against a local server.
 * The file is compiled by the strict typecheck, so the typed inputs and the typed reads of each answer
 * are checked too; 64-bit answers beyond 2^53 come back exact, and a request shape's rule is enforced
 * before sending. Re-send safety the spec does not give is assumed from the action's name at run time:
 * DescribeTopics (reads) is retried after a 502, CreateTopic is not.
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ClsClient,
  TcError,
  TcParseError,
  TcValidationError,
  isCreateTopicError,
  type CreateTopicRequest,
  type DescribeLogHistogramResponse,
  type HistogramInfo,
  type Int64,
  type LogInfo,
  type SearchLogRequest,
  type TopicInfo,
} from "../../src/index.js";
import { operationLoaders } from "../../src/generated/operations/index.js";
import { startRecordingServer, type RecordingServer } from "./helpers/recording-server.js";

let server: RecordingServer;
let client: ClsClient;

beforeEach(async () => {
  server = await startRecordingServer({});
  client = new ClsClient({
    endpoint: server.endpoint,
    region: "ap-guangzhou",
    credentials: { secretId: "AKIDexample", secretKey: "example-secret-key" },
    rateLimit: false,
    random: () => 0,
  });
});

afterEach(async () => {
  await client.close();
  await server.close();
});

const TOPIC: TopicInfo = {
  LogsetId: "0c544491-03c6-4e8b-9b57-ad4bd3f3c4d2",
  TopicId: "5cd3a17e-fb0b-418c-afd7-77b365397426",
  TopicName: "nginx-access",
  PartitionCount: 1,
  Index: true,
  AssumerUin: 0,
  AssumerName: "",
  CreateTime: "2024-01-31 08:00:00",
  Status: true,
  Tags: [{ Key: "env", Value: "prod" }],
  RoleName: "",
  AutoSplit: true,
  MaxSplitPartitions: 50,
  StorageType: "hot",
  Period: 30,
  SubAssumerName: "",
  Describes: "",
  HotPeriod: 0,
  KeyId: "",
  BizType: 0,
  IsWebTracking: false,
};

describe("actions imported from the model", () => {
  it("DescribeTopics: filters go on the wire as given; the topics come back typed", async () => {
    server.answerWith({ Response: { Topics: [TOPIC], TotalCount: 1, RequestId: "req-topics" } });
    const answer = await client.describeTopics({ Filters: [{ Key: "topicName", Values: ["nginx-access"] }], Limit: 20 });
    expect(server.requests[0]?.headers["x-tc-action"]).toBe("DescribeTopics");
    expect(server.requests[0]?.body).toBe('{"Filters":[{"Key":"topicName","Values":["nginx-access"]}],"Limit":20}');
    const topics: readonly TopicInfo[] = answer.Topics;
    const total: Int64 = answer.TotalCount;
    expect(topics[0]?.TopicName).toBe("nginx-access");
    expect(topics[0]?.Tags[0]?.Value).toBe("prod");
    expect(total).toBe(1);
  });

  it("SearchLog: a log time beyond 2^53 comes back as an exact bigint", async () => {
    server.answerWithText(
      '{"Response":{"Context":"ctx","ListOver":true,"Analysis":false,"Results":[{"Time":9007199254740993,"TopicId":"t","TopicName":"n",' +
        '"Source":"10.0.0.1","FileName":"/var/log/a.log","PkgId":"p","PkgLogId":"1","HighLights":[],"LogJson":"{\\"status\\":500}","HostName":"h",' +
        '"RawLog":"","IndexStatus":""}],"ColNames":[],"AnalysisResults":[],"AnalysisRecords":[],"Columns":[],"SamplingRate":1,"Topics":null,' +
        '"RequestId":"req-search"}}',
    );
    const request: SearchLogRequest = {
      TopicId: "t",
      From: 1_700_000_000_000,
      To: 1_700_000_060_000n,
      QueryString: "status:500",
      Limit: 10,
      Sort: "desc",
    };
    const answer = await client.searchLog(request);
    expect(server.requests[0]?.body).toBe(
      '{"TopicId":"t","From":1700000000000,"To":1700000060000,"QueryString":"status:500","Limit":10,"Sort":"desc"}',
    );
    const results: readonly LogInfo[] | null = answer.Results;
    expect(results?.[0]?.Time).toBe(9007199254740993n);
    expect(JSON.parse(results?.[0]?.LogJson ?? "{}")).toEqual({ status: 500 });
    expect(answer.ListOver).toBe(true);
  });

  it("CreateTopic: the answer's TopicId; a request shape's member is checked before sending", async () => {
    server.answerWith({ Response: { TopicId: "new-topic", RequestId: "req-create" } });
    const request: CreateTopicRequest = { LogsetId: "logset-1", TopicName: "api", Tags: [{ Key: "team", Value: "api" }], Period: 30 };
    expect((await client.createTopic(request)).TopicId).toBe("new-topic");
    expect(server.requests[0]?.body).toBe('{"LogsetId":"logset-1","TopicName":"api","Tags":[{"Key":"team","Value":"api"}],"Period":30}');

    const bad = { LogsetId: "logset-1", TopicName: "api", Tags: [{ Key: 7, Value: "api" }] } as unknown as CreateTopicRequest;
    const error = await client.createTopic(bad).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TcValidationError);
    expect(error).toMatchObject({ action: "CreateTopic", parameter: "Tags[0].Key", rule: "type", value: 7 });
    expect(server.requests).toHaveLength(1);
  });

  it("CreateTopic: a service error is narrowed to the action", async () => {
    server.answerWith({ Response: { Error: { Code: "ResourceNotFound.LogsetNotExist", Message: "no logset" }, RequestId: "req-err" } });
    const error = await client.createTopic({ LogsetId: "missing", TopicName: "api" }).catch((caught: unknown) => caught);
    expect(isCreateTopicError(error)).toBe(true);
    if (isCreateTopicError(error)) {
      expect(error.code).toBe("ResourceNotFound.LogsetNotExist");
      expect(error.requestId).toBe("req-err");
    }
  });

  it("DescribeLogHistogram: the histogram comes back typed", async () => {
    server.answerWith({
      Response: { Interval: 60000, TotalCount: 3, HistogramInfos: [{ Count: 3, BTime: 1_700_000_000_000 }], RequestId: "req-histogram" },
    });
    const answer: DescribeLogHistogramResponse = await client.describeLogHistogram({
      TopicId: "t",
      From: 1_700_000_000_000,
      To: 1_700_000_060_000,
      Query: "*",
    });
    const bucket: HistogramInfo | undefined = answer.HistogramInfos[0];
    expect(bucket).toEqual({ Count: 3, BTime: 1_700_000_000_000 });
    expect(server.requests[0]?.body).toBe('{"TopicId":"t","From":1700000000000,"To":1700000060000,"Query":"*"}');
  });
});

describe("the client", () => {
  it("has one method per action of either edition of Tencent's model", () => {
    const upstream = new URL("../../../../specs/upstream/tencentcloud-api/", import.meta.url);
    const actions = new Set(
      ["cls-2020-10-16.intl-en.api.json", "cls-2020-10-16.cn.api.json"].flatMap((file) =>
        Object.keys((JSON.parse(readFileSync(new URL(file, upstream), "utf8")) as { actions: object }).actions),
      ),
    );
    expect(actions.size).toBe(208);
    const methods = Object.keys(operationLoaders);
    expect(methods).toHaveLength(actions.size);
    const camel = (action: string): string => action[0]?.toLowerCase() + action.slice(1);
    for (const action of [
      "CreateExport",
      "DescribeTopics",
      "SearchLog",
      "CreateTopic",
      "DescribeLogHistogram",
      "DeleteLog",
      "ModifyS3Recharge",
    ]) {
      expect(actions.has(action), action).toBe(true);
      expect(typeof (client as unknown as Record<string, unknown>)[camel(action)], action).toBe("function");
    }
    for (const method of methods) expect(typeof (client as unknown as Record<string, unknown>)[method], method).toBe("function");
  });

  it("refuses an action it cannot call yet (UploadLog, a protobuf body) before sending anything", async () => {
    const error = await client.uploadLog({ TopicId: "t" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TcError);
    expect((error as Error).message).toMatch(/^UploadLog is not supported by this SDK yet: it takes a protobuf body/);
    expect(server.requests).toHaveLength(0);
  });
});

describe("re-send safety assumed from the action's name", () => {
  it("retries DescribeTopics (it only reads) after a 502, but sends CreateTopic once", async () => {
    let calls = 0;
    const gateway = createServer((request, response) => {
      request.resume();
      request.on("end", () => {
        calls++;
        if (calls === 1 || request.headers["x-tc-action"] === "CreateTopic") {
          response.writeHead(502, { "content-type": "text/html" });
          response.end("<html>bad gateway</html>");
        } else {
          response.writeHead(200, { "content-type": "application/json" });
          response.end('{"Response":{"Topics":[],"TotalCount":0,"RequestId":"req-ok"}}');
        }
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, "127.0.0.1", resolve));
    const address = gateway.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;
    const retrying = new ClsClient({
      endpoint: `http://127.0.0.1:${port}`,
      credentials: { secretId: "id", secretKey: "key" },
      rateLimit: false,
      random: () => 0,
    });
    try {
      expect((await retrying.describeTopics({})).TotalCount).toBe(0);
      expect(calls).toBe(2);
      calls = 10;
      const error = await retrying.createTopic({ LogsetId: "l", TopicName: "t" }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TcParseError);
      expect(error).toMatchObject({ status: 502 });
      expect(calls).toBe(11);
    } finally {
      await retrying.close();
      gateway.closeAllConnections();
      await new Promise<void>((resolve) => gateway.close(() => resolve()));
    }
  });
});

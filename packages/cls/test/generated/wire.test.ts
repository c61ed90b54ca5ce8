/**
 * The API-FACTS §5 example goes out exactly as documented and its answer comes back typed; service
 * errors are narrowed per action. Real node:http server on 127.0.0.1, explicit credentials.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ClsClient, isCreateExportError, isDeleteExportError } from "../../src/generated/index.js";
import { startRecordingServer, type RecordingServer } from "./helpers/recording-server.js";

const EXAMPLE_BODY =
  '{"TopicId":"ee20bb16-3025-4048-b81a-dd436373062e","Query":"status:200","Count":100,"Order":"desc","Format":"json","From":1607499107000,"To":1607499207000}';
const EXAMPLE_ANSWER = {
  Response: { ExportId: "57196a6a-7622-47be-bc92-d2ebea959a0f", RequestId: "6ef60bec-0242-43af-bb20-270359fb54a7" },
};

let server: RecordingServer;
let client: ClsClient;

beforeEach(async () => {
  server = await startRecordingServer(EXAMPLE_ANSWER);
  client = new ClsClient({
    endpoint: server.endpoint,
    region: "ap-guangzhou",
    credentials: { secretId: "AKIDexample", secretKey: "example-secret-key" },
    maxAttempts: 1,
    rateLimit: false,
  });
});

afterEach(async () => {
  await server.close();
});

describe("CreateExport on the wire", () => {
  it("sends the API-FACTS §5 example byte for byte and returns ExportId and RequestId", async () => {
    const answer = await client.createExport({
      TopicId: "ee20bb16-3025-4048-b81a-dd436373062e",
      Query: "status:200",
      Count: 100,
      Order: "desc",
      Format: "json",
      From: 1607499107000,
      To: 1607499207000,
    });
    expect(answer.ExportId).toBe("57196a6a-7622-47be-bc92-d2ebea959a0f");
    expect(answer.RequestId).toBe("6ef60bec-0242-43af-bb20-270359fb54a7");
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe("/");
    expect(request?.body).toBe(EXAMPLE_BODY);
    expect(request?.headers["x-tc-action"]).toBe("CreateExport");
    expect(request?.headers["x-tc-version"]).toBe("2020-10-16");
    expect(request?.headers["x-tc-region"]).toBe("ap-guangzhou");
    expect(request?.headers["authorization"]).toMatch(
      /^TC3-HMAC-SHA256 Credential=AKIDexample\/\d{4}-\d{2}-\d{2}\/cls\/tc3_request, SignedHeaders=content-type;host, Signature=[0-9a-f]{64}$/,
    );
  });

  it("accepts bigint for int64 parameters and sends them as JSON numbers", async () => {
    await client.createExport({
      TopicId: "ee20bb16-3025-4048-b81a-dd436373062e",
      Query: "status:200",
      Count: 100n,
      From: 1607499107000n,
      To: 1607499207000n,
    });
    expect(server.requests[0]?.body).toBe(
      '{"TopicId":"ee20bb16-3025-4048-b81a-dd436373062e","Query":"status:200","Count":100,"From":1607499107000,"To":1607499207000}',
    );
  });

  it("narrows a service error to the action that answered it", async () => {
    server.answerWith({ Response: { Error: { Code: "LimitExceeded.Export", Message: "too many" }, RequestId: "req-limit" } });
    const error: unknown = await client
      .createExport({ TopicId: "t", Query: "q", Count: 1, From: 1_700_000_000_000, To: 1_700_000_001_000 })
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(isCreateExportError(error)).toBe(true);
    expect(isDeleteExportError(error)).toBe(false);
    if (isCreateExportError(error)) {
      expect(error.code).toBe("LimitExceeded.Export");
      expect(error.requestId).toBe("req-limit");
    }
  });
});

describe("DescribeExports and DeleteExport on the wire", () => {
  it("lists exports with their typed fields", async () => {
    server.answerWith({
      Response: {
        Exports: [
          {
            TopicId: "ee20bb16-3025-4048-b81a-dd436373062e",
            ExportId: "export-1",
            Query: "status:200",
            FileName: "log.tar.gz",
            CosPath: "https://example.invalid/x",
            FileSize: 6112993,
            Order: "desc",
            Format: "json",
            Count: 100000,
            Status: "Completed",
            From: 1607499207000,
            To: 1607499207000,
            SyntaxRule: 0,
            CreateTime: "2020-08-08 12:12:12",
          },
        ],
        TotalCount: 1,
        RequestId: "req-list",
      },
    });
    const answer = await client.describeExports({ TopicId: "ee20bb16-3025-4048-b81a-dd436373062e", Offset: 0, Limit: 5 });
    expect(answer.Exports.map((item) => [item.ExportId, item.Status])).toEqual([["export-1", "Completed"]]);
    expect(answer.TotalCount).toBe(1);
    expect(server.requests[0]?.headers["x-tc-action"]).toBe("DescribeExports");
    expect(server.requests[0]?.body).toBe('{"TopicId":"ee20bb16-3025-4048-b81a-dd436373062e","Offset":0,"Limit":5}');
  });

  it("deletes an export", async () => {
    server.answerWith({ Response: { RequestId: "req-delete" } });
    const answer = await client.deleteExport({ ExportId: "57196a6a-7622-47be-bc92-d2ebea959a0f" });
    expect(answer.RequestId).toBe("req-delete");
    expect(server.requests[0]?.headers["x-tc-action"]).toBe("DeleteExport");
    expect(server.requests[0]?.body).toBe('{"ExportId":"57196a6a-7622-47be-bc92-d2ebea959a0f"}');
  });
});

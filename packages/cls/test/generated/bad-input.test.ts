/**
 * Bad input never reaches the network: each case throws a TcValidationError naming the parameter, the
 * rule and the value, and the local server counts no request.
 */
import { TcValidationError } from "@tcsdk/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClsClient } from "../../src/generated/index.js";
import { startRecordingServer, type RecordingServer } from "./helpers/recording-server.js";

const VALID = {
  TopicId: "ee20bb16-3025-4048-b81a-dd436373062e",
  Query: "status:200",
  Count: 100,
  Order: "desc",
  Format: "json",
  From: 1607499107000,
  To: 1607499207000,
} as const;

type Call = (client: ClsClient) => Promise<unknown>;

/** Calls an action with an input the types would refuse, as untyped callers (JavaScript, JSON) can. */
function createExportWith(input: Record<string, unknown>): Call {
  return (client) => client.createExport(input as never);
}

function without(key: keyof typeof VALID): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...VALID };
  delete copy[key];
  return copy;
}

const CASES: readonly [string, Call, string, string, unknown][] = [
  ["Count 0", createExportWith({ ...VALID, Count: 0 }), "Count", "minimum", 0],
  ["Count 50000001", createExportWith({ ...VALID, Count: 50000001 }), "Count", "maximum", 50000001],
  ["Count 1.5", createExportWith({ ...VALID, Count: 1.5 }), "Count", "type", 1.5],
  ['Count "100"', createExportWith({ ...VALID, Count: "100" }), "Count", "type", "100"],
  ["From > To", createExportWith({ ...VALID, From: 1607499207001, To: 1607499207000 }), "From", "notAfter", 1607499207001],
  ["a negative From", createExportWith({ ...VALID, From: -1 }), "From", "timestampMs", -1],
  ["From in seconds", createExportWith({ ...VALID, From: 1700000000 }), "From", "timestampMs", 1700000000],
  [
    "SearchLog From in seconds",
    (client) => client.searchLog({ TopicId: VALID.TopicId, From: 1700000000, To: 1700003600000, Query: "*" }),
    "From",
    "timestampMs",
    1700000000,
  ],
  ['Order "ASC"', createExportWith({ ...VALID, Order: "ASC" }), "Order", "enum", "ASC"],
  ['Format "xml"', createExportWith({ ...VALID, Format: "xml" }), "Format", "enum", "xml"],
  ["SyntaxRule 2", createExportWith({ ...VALID, SyntaxRule: 2 }), "SyntaxRule", "enum", 2],
  ["TopicId 42", createExportWith({ ...VALID, TopicId: 42 }), "TopicId", "type", 42],
  ["Query null", createExportWith({ ...VALID, Query: null }), "Query", "type", null],
  ["a DerivedFields item 7", createExportWith({ ...VALID, DerivedFields: [7] }), "DerivedFields[0]", "type", 7],
  ["no TopicId", createExportWith(without("TopicId")), "TopicId", "required", undefined],
  ["an empty Query", createExportWith({ ...VALID, Query: "" }), "Query", "nonEmpty", ""],
  ["a blank Query", createExportWith({ ...VALID, Query: "  " }), "Query", "nonEmpty", "  "],
  ["a Query of tabs and newlines", createExportWith({ ...VALID, Query: "\t\n\u3000" }), "Query", "nonEmpty", "\t\n\u3000"],
  ["a blank TopicId", createExportWith({ ...VALID, TopicId: "   " }), "TopicId", "nonEmpty", "   "],
  [
    "Query with SQL",
    createExportWith({ ...VALID, Query: "status:200 | select count(*)" }),
    "Query",
    "noSql",
    "status:200 | select count(*)",
  ],
  ["Query with an unclosed quote", createExportWith({ ...VALID, Query: '"abc' }), "Query", "noSql", '"abc'],
  ["Query ending in a lone backslash", createExportWith({ ...VALID, Query: "path:a\\" }), "Query", "noSql", "path:a\\"],
  [
    "a blank DerivedFields item",
    createExportWith({ ...VALID, DerivedFields: ["__timestamp__", " "] }),
    "DerivedFields[1]",
    "nonEmpty",
    " ",
  ],
  ["an empty DerivedFields item", createExportWith({ ...VALID, DerivedFields: [""] }), "DerivedFields[0]", "nonEmpty", ""],
  ["From 1e21 (beyond int64)", createExportWith({ ...VALID, From: 1e21, To: 1e21 }), "From", "maximum", 1e21],
  // Right at the 64-bit limits: 2^63 is one past int64's largest value (the schema's bound is the exact double 2^63,
  // and a bigint is validated as the largest double at most its value, so nothing rounds across the limit).
  ["To 2n ** 63n (one past int64)", createExportWith({ ...VALID, To: 2n ** 63n }), "To", "maximum", 2n ** 63n],
  ["To 2 ** 63 as a number", createExportWith({ ...VALID, To: 2 ** 63 }), "To", "maximum", 2 ** 63],
  ["From 2n ** 63n + 1n", createExportWith({ ...VALID, From: 2n ** 63n + 1n, To: 2n ** 63n + 1n }), "From", "maximum", 2n ** 63n + 1n],
  ["Count 2n ** 64n (beyond every 64-bit type)", createExportWith({ ...VALID, Count: 2n ** 64n }), "Count", "int64Range", 2n ** 64n],
  ["Count 2n ** 64n - 1n", createExportWith({ ...VALID, Count: 2n ** 64n - 1n }), "Count", "maximum", 2n ** 64n - 1n],
  ["Count 50000001n", createExportWith({ ...VALID, Count: 50000001n }), "Count", "maximum", 50000001n],
  ["SyntaxRule 2n ** 64n", createExportWith({ ...VALID, SyntaxRule: 2n ** 64n }), "SyntaxRule", "int64Range", 2n ** 64n],
  ["SyntaxRule 2n ** 64n - 1n", createExportWith({ ...VALID, SyntaxRule: 2n ** 64n - 1n }), "SyntaxRule", "enum", 2n ** 64n - 1n],
  ["SyntaxRule 2 ** 64 as a number", createExportWith({ ...VALID, SyntaxRule: 2 ** 64 }), "SyntaxRule", "enum", 2 ** 64],
  ["SyntaxRule -1n", createExportWith({ ...VALID, SyntaxRule: -1n }), "SyntaxRule", "enum", -1n],
  [
    "From -(2n ** 63n) - 1n (below int64)",
    createExportWith({ ...VALID, From: -(2n ** 63n) - 1n }),
    "From",
    "int64Range",
    -(2n ** 63n) - 1n,
  ],
  ["an unknown parameter", createExportWith({ ...VALID, Region: "ap-guangzhou" }), "Region", "unknownParameter", "ap-guangzhou"],
  // the user's typo in plain JavaScript: named as the unknown parameter it is, not as "TopicId is required"
  [
    "TopicId spelt Topicid",
    createExportWith({ ...without("TopicId"), Topicid: VALID.TopicId }),
    "Topicid",
    "unknownParameter",
    VALID.TopicId,
  ],
  ["Limit 101 on DescribeExports", (client) => client.describeExports({ TopicId: VALID.TopicId, Limit: 101 }), "Limit", "maximum", 101],
  [
    "a negative Offset on DescribeExports",
    (client) => client.describeExports({ TopicId: VALID.TopicId, Offset: -1 }),
    "Offset",
    "minimum",
    -1,
  ],
  [
    "Offset 1e21 on DescribeExports",
    (client) => client.describeExports({ TopicId: VALID.TopicId, Offset: 1e21 }),
    "Offset",
    "maximum",
    1e21,
  ],
  [
    "Offset 2n ** 63n on DescribeExports",
    (client) => client.describeExports({ TopicId: VALID.TopicId, Offset: 2n ** 63n }),
    "Offset",
    "maximum",
    2n ** 63n,
  ],
  [
    "Offset 2 ** 63 on DescribeExports",
    (client) => client.describeExports({ TopicId: VALID.TopicId, Offset: 2 ** 63 }),
    "Offset",
    "maximum",
    2 ** 63,
  ],
  ["Limit 101n on DescribeExports", (client) => client.describeExports({ TopicId: VALID.TopicId, Limit: 101n }), "Limit", "maximum", 101n],
  ["a blank TopicId on DescribeExports", (client) => client.describeExports({ TopicId: " " }), "TopicId", "nonEmpty", " "],
  ["a blank ExportId on DeleteExport", (client) => client.deleteExport({ ExportId: "\t" }), "ExportId", "nonEmpty", "\t"],
  ["an empty ExportId on DeleteExport", (client) => client.deleteExport({ ExportId: "" }), "ExportId", "nonEmpty", ""],
];

let server: RecordingServer;
let client: ClsClient;

beforeAll(async () => {
  server = await startRecordingServer({ Response: { RequestId: "should-not-be-reached" } });
  client = new ClsClient({
    endpoint: server.endpoint,
    region: "ap-guangzhou",
    credentials: { secretId: "AKIDexample", secretKey: "example-secret-key" },
    maxAttempts: 1,
  });
});

afterAll(async () => {
  await server.close();
});

describe("mistakes in the client's options, refused when it is made", () => {
  it("an endpoint without a scheme: the emulator's 127.0.0.1:4566 gets the http:// to write", () => {
    expect(() => new ClsClient({ endpoint: "127.0.0.1:4566" })).toThrow(
      'endpoint "127.0.0.1:4566" has no scheme: write "https://127.0.0.1:4566", or "http://127.0.0.1:4566" for a local server',
    );
  });

  it("a region CLS does not list: guangzhou gets ap-guangzhou, and the way to send a newer region anyway", () => {
    expect(() => new ClsClient({ region: "guangzhou" })).toThrow(/did you mean "ap-guangzhou"\?.*allowUnknownRegion: true/);
    expect(() => new ClsClient({ region: "ap-newcity", allowUnknownRegion: true })).not.toThrow();
  });
});

describe("bad input", () => {
  it.each(CASES)("%s is refused before sending", async (_name, call, parameter, rule, value) => {
    const before = server.requests.length;
    const error: unknown = await call(client).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(TcValidationError);
    const validation = error as TcValidationError;
    expect({ parameter: validation.parameter, rule: validation.rule, value: validation.value }).toEqual({ parameter, rule, value });
    expect(validation.message).toContain(parameter);
    expect(server.requests.length).toBe(before);
  });

  it.each([
    ["a blank Query", createExportWith({ ...VALID, Query: " " }), "parameter Query must not be empty or blank"],
    [
      "TopicId spelt Topicid",
      createExportWith({ ...without("TopicId"), Topicid: VALID.TopicId }),
      'unknown parameter Topicid (rule "unknownParameter"), got "ee20bb16-3025-4048-b81a-dd436373062e": did you mean TopicId, which is required?',
    ],
    [
      "an unknown parameter beside a missing required one (the validator stops at the missing one)",
      createExportWith({ ...without("Count"), Colour: "red" }),
      'CreateExport: unknown parameter Colour (rule "unknownParameter"), got "red"',
    ],
    [
      "TopicId spelt Topicid beside another unknown parameter",
      createExportWith({ ...without("TopicId"), Topicid: VALID.TopicId, Colour: "red" }),
      'unknown parameter Topicid (rule "unknownParameter"), got "ee20bb16-3025-4048-b81a-dd436373062e": did you mean TopicId, which is required?',
    ],
    [
      "an unknown member beside a missing required one, in a list of shapes",
      (client: ClsClient) => client.describeTopics({ Filters: [{ Key: "a", Values: ["b"] }, { Kye: "a" } as never] }),
      'unknown parameter Filters[1].Kye (rule "unknownParameter"), got "a"',
    ],
    [
      "From in seconds (the user's 1700000000)",
      createExportWith({ ...VALID, From: 1700000000 }),
      "looks like seconds, not milliseconds: multiply by 1000",
    ],
    ["an unclosed quote", createExportWith({ ...VALID, Query: '"abc' }), "an unclosed '\"'"],
    ["a lone trailing backslash", createExportWith({ ...VALID, Query: "abc\\" }), "a trailing unescaped '\\'"],
    [
      "Offset 1e21",
      (client: ClsClient) => client.describeExports({ TopicId: VALID.TopicId, Offset: 1e21 }),
      "must be at most 9223372036854775807 (int64)",
    ],
    [
      "Offset 2n ** 63n",
      (client: ClsClient) => client.describeExports({ TopicId: VALID.TopicId, Offset: 2n ** 63n }),
      'parameter Offset must be at most 9223372036854775807 (int64) (rule "maximum"), got 9223372036854775808n',
    ],
    ["To 2n ** 63n", createExportWith({ ...VALID, To: 2n ** 63n }), "parameter To must be at most 9223372036854775807 (int64)"],
    [
      "From and To 2 ** 63",
      createExportWith({ ...VALID, From: 2 ** 63, To: 2 ** 63 }),
      "parameter From must be at most 9223372036854775807 (int64)",
    ],
  ] as const)("%s is explained in the message", async (_name, call, text) => {
    const error: unknown = await call(client).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(TcValidationError);
    expect((error as TcValidationError).message).toContain(text);
  });

  it.each([
    ["a Query with spaces around it", { ...VALID, Query: "  status:200  " }, '"Query":"  status:200  "'],
    ["an escaped trailing backslash", { ...VALID, Query: "path:a\\\\" }, '"Query":"path:a\\\\\\\\"'],
    [
      "From and To at the top of int64 as bigints",
      { ...VALID, From: 9223372036854775806n, To: 9223372036854775807n },
      '"To":9223372036854775807',
    ],
    ["From and To just below 2^63 as numbers", { ...VALID, From: 2 ** 63 - 1024, To: 2 ** 63 - 1024 }, '"From":9223372036854775000'],
    ["To 2n ** 63n - 1n, int64's largest value", { ...VALID, To: 2n ** 63n - 1n }, '"To":9223372036854775807'],
    ["From 100000000000n, the smallest millisecond timestamp", { ...VALID, From: 100_000_000_000n }, '"From":100000000000,'],
    ["Count 50000000n, the spec's maximum", { ...VALID, Count: 50000000n }, '"Count":50000000,'],
  ] as const)("%s is sent", async (_name, input, body) => {
    await client.createExport(input);
    expect(server.requests.at(-1)?.body).toContain(body);
  });

  it.each([
    ["Offset 2n ** 63n - 1n, int64's largest value", { TopicId: VALID.TopicId, Offset: 2n ** 63n - 1n }, '"Offset":9223372036854775807'],
    [
      "Offset 2n ** 63n - 1025n, the first below the double under 2^63",
      { TopicId: VALID.TopicId, Offset: 2n ** 63n - 1025n },
      '"Offset":9223372036854774783',
    ],
  ] as const)("DescribeExports with %s is sent exactly", async (_name, input, body) => {
    await client.describeExports(input);
    expect(server.requests.at(-1)?.body).toContain(body);
  });

  it("quoted and escaped pipes are not SQL", async () => {
    await client.createExport({ ...VALID, Query: 'message:"a | b" AND path:x\\|y' });
    expect(server.requests.at(-1)?.headers["x-tc-action"]).toBe("CreateExport");
  });
});

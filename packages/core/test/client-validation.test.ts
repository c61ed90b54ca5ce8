import { afterEach, describe, expect, it } from "vitest";
import { TcValidationError, type InputValidator, type OperationInfo, type ValidatorError } from "../src/index.js";
import { TestClient, localOptions, rejectionOf } from "./helpers/test-client.js";
import { apiSuccess, sendJson, startServer, type TestServer } from "./helpers/test-server.js";

/**
 * A validator shaped like AJV's standalone output for CreateExport's rules (the generator compiles the
 * real one): required TopicId and Count, Count an integer <= 50000000, Query without "|", Filters[].Key
 * a string, and no unknown parameters.
 */
const validateCreateExport: InputValidator = Object.assign(
  (data: unknown): boolean => {
    const errors: ValidatorError[] = [];
    const input = data as Record<string, unknown>;
    if (typeof data !== "object" || data === null) {
      errors.push({
        instancePath: "",
        schemaPath: "#/type",
        keyword: "type",
        params: { type: "object" },
        message: "must be object",
      });
    } else if (!("TopicId" in input)) {
      errors.push({
        instancePath: "",
        schemaPath: "#/required",
        keyword: "required",
        params: { missingProperty: "TopicId" },
        message: "must have required property 'TopicId'",
      });
    } else if (!("Count" in input)) {
      errors.push({
        instancePath: "",
        schemaPath: "#/required",
        keyword: "required",
        params: { missingProperty: "Count" },
        message: "must have required property 'Count'",
      });
    } else if (typeof input["Count"] !== "number" || !Number.isInteger(input["Count"])) {
      errors.push({
        instancePath: "/Count",
        schemaPath: "#/properties/Count/type",
        keyword: "type",
        params: { type: "integer" },
        message: "must be integer",
      });
    } else if (input["Count"] > 50_000_000) {
      errors.push({
        instancePath: "/Count",
        schemaPath: "#/properties/Count/maximum",
        keyword: "maximum",
        params: { comparison: "<=", limit: 50_000_000 },
        message: "must be <= 50000000",
      });
    } else if (typeof input["Query"] === "string" && input["Query"].includes("|")) {
      errors.push({
        instancePath: "/Query",
        schemaPath: "#/properties/Query/pattern",
        keyword: "pattern",
        params: { pattern: "^[^|]*$" },
        message: 'must match pattern "^[^|]*$"',
      });
    } else if (Array.isArray(input["Filters"]) && input["Filters"].some((f: { Key?: unknown }) => typeof f.Key !== "string")) {
      const index = input["Filters"].findIndex((f: { Key?: unknown }) => typeof f.Key !== "string");
      errors.push({
        instancePath: `/Filters/${index}/Key`,
        schemaPath: "#/properties/Filters/items/properties/Key/type",
        keyword: "type",
        params: { type: "string" },
        message: "must be string",
      });
    } else {
      const unknown = Object.keys(input).find((k) => !["TopicId", "Count", "Query", "Filters", "From", "To"].includes(k));
      if (unknown !== undefined) {
        errors.push({
          instancePath: "",
          schemaPath: "#/additionalProperties",
          keyword: "additionalProperties",
          params: { additionalProperty: unknown },
          message: "must NOT have additional properties",
        });
      }
    }
    validateCreateExport.errors = errors.length > 0 ? errors : null;
    return errors.length === 0;
  },
  { errors: null },
);

const CreateExport: OperationInfo = {
  action: "CreateExport",
  idempotent: false,
  rateLimit: 20,
  validate: validateCreateExport,
  ruleText: { "#/properties/Query/pattern": { rule: "noSql", message: "must not contain an SQL part ('|')" } },
};

let server: TestServer;
let client: TestClient | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
  await server?.close();
});

describe("validation before sending", () => {
  const cases: [string, object, Partial<TcValidationError>, string][] = [
    [
      "a missing parameter",
      { Count: 1 },
      { parameter: "TopicId", rule: "required", value: undefined },
      "CreateExport: parameter TopicId is required",
    ],
    [
      "a value over its maximum",
      { TopicId: "t", Count: 50_000_001 },
      { parameter: "Count", rule: "maximum", value: 50_000_001 },
      'CreateExport: parameter Count must be <= 50000000 (rule "maximum"), got 50000001',
    ],
    [
      "a bigint over its maximum",
      { TopicId: "t", Count: 50_000_001n },
      { parameter: "Count", rule: "maximum", value: 50_000_001n },
      'CreateExport: parameter Count must be <= 50000000 (rule "maximum"), got 50000001n',
    ],
    [
      "a number given as a string",
      { TopicId: "t", Count: "100" },
      { parameter: "Count", rule: "type", value: "100" },
      'CreateExport: parameter Count must be integer (rule "type"), got "100"',
    ],
    [
      "a number that JSON cannot carry (it would go out as null)",
      { TopicId: "t", Count: Number.POSITIVE_INFINITY },
      { parameter: "Count", rule: "type", value: Number.POSITIVE_INFINITY },
      'CreateExport: parameter Count must be integer (rule "type"), got Infinity',
    ],
    [
      "a rule with the spec's own name and wording",
      { TopicId: "t", Count: 1, Query: "* | select count(*)" },
      { parameter: "Query", rule: "noSql", value: "* | select count(*)" },
      `CreateExport: parameter Query must not contain an SQL part ('|') (rule "noSql"), got "* | select count(*)"`,
    ],
    [
      "a nested parameter",
      { TopicId: "t", Count: 1, Filters: [{ Key: "a" }, { Key: 7 }] },
      { parameter: "Filters[1].Key", rule: "type", value: 7 },
      'CreateExport: parameter Filters[1].Key must be string (rule "type"), got 7',
    ],
    [
      "an unknown parameter",
      { TopicId: "t", Count: 1, Cuont: 2 },
      { parameter: "Cuont", rule: "unknownParameter", value: 2 },
      'CreateExport: unknown parameter Cuont (rule "unknownParameter"), got 2',
    ],
    [
      "a required parameter spelt in another case, beside another unknown one",
      { Topicid: "t", Count: 1, Colour: "red" },
      { parameter: "Topicid", rule: "unknownParameter", value: "t" },
      'CreateExport: unknown parameter Topicid (rule "unknownParameter"), got "t": did you mean TopicId, which is required?',
    ],
  ];

  it.each(cases)("%s → TcValidationError, nothing sent, no credentials asked", async (_name, input, expected, message) => {
    server = await startServer((_req, res) => sendJson(res, apiSuccess()));
    let credentialCalls = 0;
    client = new TestClient(
      localOptions(server.url, {
        credentials: () => {
          credentialCalls++;
          return Promise.resolve({ secretId: "id", secretKey: "key" });
        },
      }),
    );
    const error = await rejectionOf(client.call(CreateExport, input));
    expect(error).toBeInstanceOf(TcValidationError);
    expect(error).toMatchObject({ ...expected, action: "CreateExport", service: "cls" });
    expect((error as Error).message).toBe(message);
    expect(server.requests.length).toBe(0);
    expect(credentialCalls).toBe(0);
  });

  it("accepts a bigint where an integer is expected, and sends it unchanged", async () => {
    server = await startServer((_req, res) => sendJson(res, apiSuccess()));
    client = new TestClient(localOptions(server.url));
    await client.call(CreateExport, { TopicId: "t", Count: 100n, From: 9007199254740993n });
    expect(server.requests[0]?.body.toString()).toBe('{"TopicId":"t","Count":100,"From":9007199254740993}');
  });

  it("accepts a bigint at either end of the 64-bit range, and sends it exactly", async () => {
    server = await startServer((_req, res) => sendJson(res, apiSuccess()));
    client = new TestClient(localOptions(server.url));
    await client.call(CreateExport, { TopicId: "t", Count: 1, From: -(2n ** 63n), To: 2n ** 64n - 1n });
    expect(server.requests[0]?.body.toString()).toBe('{"TopicId":"t","Count":1,"From":-9223372036854775808,"To":18446744073709551615}');
  });
});

describe("inputs JSON cannot write", () => {
  it("names a broken rule before JSON's own refusal (a circular input under an unknown name)", async () => {
    server = await startServer((_req, res) => sendJson(res, apiSuccess()));
    client = new TestClient(localOptions(server.url));
    const input: Record<string, unknown> = { TopicId: "t", Count: 1 };
    input["Self"] = input;
    const error = await rejectionOf(client.call(CreateExport, input));
    expect(error).toBeInstanceOf(TcValidationError);
    expect(error).toMatchObject({ parameter: "Self", rule: "unknownParameter" });
    expect(server.requests.length).toBe(0);
  });

  it("throws JSON's TypeError for a valid input it cannot write, and sends nothing", async () => {
    server = await startServer((_req, res) => sendJson(res, apiSuccess()));
    client = new TestClient(localOptions(server.url));
    const input: Record<string, unknown> = { TopicId: "t", Count: 1 };
    input["Filters"] = [input];
    const { validate: _rules, ...unvalidated } = CreateExport;
    const error = await rejectionOf(client.call(unvalidated, input));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/circular/i);
    expect(server.requests.length).toBe(0);
  });
});

describe("64-bit range of bigint inputs", () => {
  const over = 2n ** 64n; // one past uint64's largest
  const under = -(2n ** 63n) - 1n; // one below int64's smallest
  const cases: [string, OperationInfo, object, string, bigint][] = [
    ["one past 2^64-1", CreateExport, { TopicId: "t", Count: 1, To: over }, "To", over],
    ["one below -2^63", CreateExport, { TopicId: "t", Count: 1, From: under }, "From", under],
    [
      "nested in an array",
      CreateExport,
      { TopicId: "t", Count: 1, Filters: [{ Key: "a" }, { Key: "b", Value: over }] },
      "Filters[1].Value",
      over,
    ],
    // checked before the validator: its complaint (TopicId missing) comes second
    ["with another rule broken too", CreateExport, { Count: 1, From: under }, "From", under],
    // checked even for an operation without a validator
    ["for an operation without a validator", { action: "CreateExport", idempotent: false }, { Big: { Deep: [over] } }, "Big.Deep[0]", over],
  ];

  it.each(cases)("%s → TcValidationError int64Range, nothing sent", async (_name, operation, input, parameter, value) => {
    server = await startServer((_req, res) => sendJson(res, apiSuccess()));
    client = new TestClient(localOptions(server.url));
    const error = await rejectionOf(client.call(operation, input));
    expect(error).toBeInstanceOf(TcValidationError);
    expect(error).toMatchObject({ parameter, rule: "int64Range", value, action: "CreateExport", service: "cls" });
    expect((error as Error).message).toBe(
      `CreateExport: parameter ${parameter} must be a 64-bit integer, from -9223372036854775808 to 18446744073709551615 ` +
        `(rule "int64Range"), got ${value}n`,
    );
    expect(server.requests.length).toBe(0);
  });
});

describe("valid input", () => {
  it("sends valid input without complaint", async () => {
    server = await startServer((_req, res) => sendJson(res, apiSuccess()));
    client = new TestClient(localOptions(server.url));
    await client.call(CreateExport, { TopicId: "t", Count: 50_000_000, Query: "status:200" });
    expect(server.requests.length).toBe(1);
  });
});

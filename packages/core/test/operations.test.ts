/**
 * Lazy operations as generated clients use them: `defineOperations` gives a client one method per loader,
 * each loading its operation on the first call only; `isActionError` narrows service errors per action;
 * an `enum` rule without wording is worded from its allowed values. Real node:http server on 127.0.0.1.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  isActionError,
  defineOperations,
  ServiceClient,
  TcError,
  TcServiceError,
  TcValidationError,
  type CallOptions,
  type ClientOptions,
  type OperationInfo,
  type OperationModule,
} from "../src/index.js";
import { localOptions, rejectionOf, testService } from "./helpers/test-client.js";
import { apiError, apiSuccess, sendJson, startServer, type TestServer } from "./helpers/test-server.js";

const describeExports: OperationInfo = {
  action: "DescribeExports",
  idempotent: true,
  validate: Object.assign(
    (data: unknown): boolean => {
      const order = (data as { Order?: unknown }).Order;
      if (order === undefined || order === "asc" || order === "desc") return true;
      enumCheck.errors = [
        { instancePath: "/Order", schemaPath: "#/properties/Order/enum", keyword: "enum", params: { allowedValues: ["asc", "desc"] } },
      ];
      return false;
    },
    { errors: null },
  ),
  ruleText: { "#/properties/Order/enum": { rule: "enum" } },
};
const enumCheck = describeExports.validate as NonNullable<OperationInfo["validate"]>;

interface LazyMethods {
  describeExports(input: { TopicId: string; Order?: string }, options?: CallOptions): Promise<{ RequestId: string }>;
  createExport(input: object, options?: CallOptions): Promise<{ RequestId: string }>;
}

/** A client class as a generated package declares it, with loaders that count their calls. */
function lazyClientClass(loads: { describeExports: number; createExport: number }, failFirst = false) {
  class LazyClient extends ServiceClient {
    constructor(options: ClientOptions) {
      super(testService, options);
    }
  }
  defineOperations(LazyClient, {
    describeExports: async (): Promise<OperationModule> => {
      loads.describeExports++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (failFirst && loads.describeExports === 1) throw new Error("module not found");
      return { operation: describeExports };
    },
    createExport: async (): Promise<OperationModule> => {
      loads.createExport++;
      return { operation: { action: "CreateExport", idempotent: false } };
    },
  });
  return LazyClient as unknown as new (
    options: ClientOptions,
  ) => LazyMethods & ServiceClient;
}

let server: TestServer;
beforeEach(async () => {
  server = await startServer((request, response) => {
    const action = request.headers["x-tc-action"];
    if (action === "CreateExport") sendJson(response, apiError("LimitExceeded.Export"));
    else sendJson(response, apiSuccess({ Action: action }));
  });
});
afterEach(async () => {
  await server.close();
});

describe("defineOperations", () => {
  it("loads an operation on its method's first call, once, even for concurrent first calls", async () => {
    const loads = { describeExports: 0, createExport: 0 };
    const client = new (lazyClientClass(loads))(localOptions(server.url));
    expect(loads).toEqual({ describeExports: 0, createExport: 0 });
    const answers = await Promise.all([1, 2, 3].map(() => client.describeExports({ TopicId: "t" })));
    await client.describeExports({ TopicId: "t" });
    expect(answers.map((answer) => answer.RequestId)).toEqual(["req-ok", "req-ok", "req-ok"]);
    expect(loads).toEqual({ describeExports: 1, createExport: 0 });
    expect(server.requests.map((request) => request.headers["x-tc-action"])).toEqual(Array(4).fill("DescribeExports"));
    await client.close();
  });

  it("shares the loaded operation between clients and names the method", async () => {
    const loads = { describeExports: 0, createExport: 0 };
    const Client = lazyClientClass(loads);
    const first = new Client(localOptions(server.url));
    const second = new Client(localOptions(server.url));
    await first.describeExports({ TopicId: "t" });
    await second.describeExports({ TopicId: "t" });
    expect(loads.describeExports).toBe(1);
    expect(first.describeExports.name).toBe("describeExports");
    expect(Object.keys(first)).not.toContain("describeExports");
    await Promise.all([first.close(), second.close()]);
  });

  it("tries the import again after it failed, and sends nothing for the failed call", async () => {
    const loads = { describeExports: 0, createExport: 0 };
    const client = new (lazyClientClass(loads, true))(localOptions(server.url));
    await expect(client.describeExports({ TopicId: "t" })).rejects.toThrow("module not found");
    expect(server.requests).toHaveLength(0);
    await expect(client.describeExports({ TopicId: "t" })).resolves.toMatchObject({ RequestId: "req-ok" });
    expect(loads.describeExports).toBe(2);
    await client.close();
  });

  it("validates with the loaded operation before sending; an enum rule is worded from its allowed values", async () => {
    const client = new (lazyClientClass({ describeExports: 0, createExport: 0 }))(localOptions(server.url));
    const error = await rejectionOf(client.describeExports({ TopicId: "t", Order: "ASC" }));
    expect(error).toBeInstanceOf(TcValidationError);
    expect(error).toMatchObject({ parameter: "Order", rule: "enum", value: "ASC" });
    expect((error as Error).message).toBe('DescribeExports: parameter Order must be one of "asc", "desc" (rule "enum"), got "ASC"');
    expect(server.requests).toHaveLength(0);
    await client.close();
  });
});

describe("an action this SDK cannot call yet", () => {
  it("throws its reason before validating or sending anything", async () => {
    class PartClient extends ServiceClient {
      constructor(options: ClientOptions) {
        super(testService, options);
      }
    }
    const uploadLog: OperationInfo = {
      action: "UploadLog",
      idempotent: false,
      unsupported: "it takes a protobuf body",
      validate: enumCheck,
    };
    defineOperations(PartClient, { uploadLog: async () => ({ operation: uploadLog }) });
    const client = new PartClient(localOptions(server.url)) as PartClient & { uploadLog(input: object): Promise<unknown> };
    const error = await rejectionOf(client.uploadLog({ Order: "ASC" }));
    expect(error).toBeInstanceOf(TcError);
    expect(error).not.toBeInstanceOf(TcValidationError);
    expect(error).toMatchObject({ action: "UploadLog", service: "cls" });
    expect((error as Error).message).toBe("UploadLog is not supported by this SDK yet: it takes a protobuf body");
    expect(server.requests).toHaveLength(0);
    await client.close();
  });
});

describe("isActionError", () => {
  const isCreateExportError = (error: unknown): error is TcServiceError<"LimitExceeded.Export"> => isActionError(error, "CreateExport");
  const isDeleteExportError = (error: unknown): error is TcServiceError => isActionError(error, "DeleteExport");

  it("is true only for a service error of its own action", async () => {
    const client = new (lazyClientClass({ describeExports: 0, createExport: 0 }))(localOptions(server.url, { maxAttempts: 1 }));
    const error = await rejectionOf(client.createExport({}));
    expect(isCreateExportError(error)).toBe(true);
    expect(isDeleteExportError(error)).toBe(false);
    if (isCreateExportError(error)) expect(error.code).toBe("LimitExceeded.Export");
    await client.close();
  });

  it("is false for anything that is not a service error", () => {
    expect(isCreateExportError(new Error("CreateExport"))).toBe(false);
    expect(isCreateExportError({ action: "CreateExport", code: "X" })).toBe(false);
    expect(isCreateExportError(undefined)).toBe(false);
    expect(isCreateExportError(new TcServiceError("X", "m", { action: "CreateExport" }))).toBe(true);
  });
});

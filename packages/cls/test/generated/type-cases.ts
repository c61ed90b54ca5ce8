/**
 * What the generated types refuse. Each `@ts-expect-error TSxxxx` line must be followed by a line the
 * compiler rejects with that code: `types.test.ts` removes the directives, compiles this file and checks.
 * (Never run; compiled only.)
 */
import type { ClsClient, CreateExportRequest, DescribeExportsResponse, ExportInfo } from "../../src/generated/index.js";
import { isCreateExportError } from "../../src/generated/index.js";

declare const client: ClsClient;
declare const listed: DescribeExportsResponse;
declare const info: ExportInfo;
declare const caught: unknown;

const base = { TopicId: "t", Query: "q", Count: 1, From: 1, To: 2 } as const;

export const ok: CreateExportRequest = { ...base, Order: "asc", Format: "csv", SyntaxRule: 1, Count: 5n, DerivedFields: ["a"] };

// @ts-expect-error TS2741 a missing required field (Count)
export const missingCount: CreateExportRequest = { TopicId: "t", Query: "q", From: 1, To: 2 };

// @ts-expect-error TS2820 a wrong enum literal (the compiler suggests "asc")
export const wrongOrder: CreateExportRequest = { ...base, Order: "ASC" };

// @ts-expect-error TS2322 a format outside the enum
export const wrongFormat: CreateExportRequest = { ...base, Format: "xml" };

// @ts-expect-error TS2322 a SyntaxRule outside the enum
export const wrongSyntax: CreateExportRequest = { ...base, SyntaxRule: 2 };

// @ts-expect-error TS2353 an unknown field on a fresh literal
export const unknownField: CreateExportRequest = { ...base, Region: "ap-guangzhou" };

// @ts-expect-error TS2322 a string where an int64 is expected
export const countAsString: CreateExportRequest = { ...base, Count: "100" };

export async function calls(): Promise<void> {
  // @ts-expect-error TS2345 a method called without its required input field
  await client.deleteExport({});
  const created = await client.createExport(base);
  // @ts-expect-error TS2551 a response field that does not exist (typo)
  void created.ExportID;
  // @ts-expect-error TS2322 a response int64 used as a string
  const size: string = info.FileSize;
  void size;
  // @ts-expect-error TS2367 comparing Status with a value it can never have
  if (listed.Exports[0]?.Status === "Done") return;
  // @ts-expect-error TS2540 response fields are read-only
  listed.TotalCount = 2;
  if (isCreateExportError(caught)) {
    const code: string = caught.code;
    void code;
    // @ts-expect-error TS2339 the guard gives a service error, which has no validation `parameter`
    void caught.parameter;
  }
}

export async function importedActions(): Promise<void> {
  // @ts-expect-error TS2741 a request shape's required member (Filter.Values) is missing
  await client.describeTopics({ Filters: [{ Key: "topicName" }] });
  // @ts-expect-error TS2322 a shape member of the wrong type (Tag.Value is a string)
  await client.createTopic({ LogsetId: "l", TopicName: "t", Tags: [{ Key: "k", Value: 1 }] });
  const found = await client.searchLog({ From: 0, To: 1, QueryString: "*" });
  // @ts-expect-error TS18047 Results may be null (the model says the service can send null)
  void found.Results.length;
  // @ts-expect-error TS2339 an action that is not in the model
  await client.describeEverything({});
}

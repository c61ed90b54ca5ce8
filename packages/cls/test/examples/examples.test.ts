/**
 * Every example of Tencent's model, as imported into the spec, through the generated client against a
 * local capture server with a fixed clock: the documented request passes validation and goes on the
 * wire as the documented JSON body (same keys in the same order, 64-bit integers exact), signed with
 * TC3-HMAC-SHA256 (checked by an independent implementation); the documented answer comes back as the
 * method's result without loss and matches the action's output types. Each action's first call also
 * loads its code, so every action with an example is loaded once here.
 *
 * The examples the importer could not convert are listed with their reason in the spec (and its
 * IMPORT.md); the run prints how many were checked and how many skipped.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadSpec, validatorsFor, type Operation } from "@tcsdk/generator";
import { isSafeNumber, parse, stringify } from "lossless-json";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClsClient } from "../../src/index.js";
import { startRecordingServer, type RecordingServer } from "../generated/helpers/recording-server.js";
import { expectedAuthorization } from "./tc3-check.js";

const SPEC_DIR = fileURLToPath(new URL("../../../../specs/cls/2020-10-16/", import.meta.url));
const service = loadSpec(SPEC_DIR, { pkg: { name: "@tcsdk/cls", version: "0.0.0" } });
const CREDENTIALS = { secretId: "AKIDexamplesExamplesExamples00", secretKey: "examples-secret-key" };
/** The fixed clock: 2023-11-14T22:13:20Z. */
const NOW_MS = 1_700_000_000_000;

/** A JSON value with integers as they must travel: a number when safe, a `bigint` beyond 2^53. */
function exact(text: string): unknown {
  return parse(text, null, (digits) => (/^-?\d+$/.test(digits) && !isSafeNumber(digits) ? BigInt(digits) : Number(digits)));
}

/** An action's examples, read from its spec file exactly (JSON.parse would round 64-bit integers). */
function examplesOf(
  operation: Operation,
): { readonly title: string; readonly request: Record<string, unknown>; readonly response: string }[] {
  const file = exact(readFileSync(path.join(SPEC_DIR, "actions", `${operation.action}.json`), "utf8")) as {
    examples: { title: string; request: Record<string, unknown>; response: unknown }[];
  };
  return file.examples.map((example) => ({ title: example.title, request: example.request, response: stringify(example.response) ?? "" }));
}

/** `bigint`s as numbers, for AJV's `integer` (the values only need their type checked here). */
function numbersOnly(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  if (Array.isArray(value)) return value.map(numbersOnly);
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, numbersOnly(item)]));
  return value;
}

const cases = service.operations.flatMap((operation) =>
  examplesOf(operation).map((example, index) => ({ name: `${operation.action} #${index + 1}: ${example.title}`, operation, example })),
);
const skipped = service.operations.flatMap((operation) =>
  operation.skippedExamples.map((example) => ({ action: operation.action, ...example })),
);

let server: RecordingServer;
let client: ClsClient;
beforeAll(async () => {
  server = await startRecordingServer({});
  client = new ClsClient({ endpoint: server.endpoint, credentials: CREDENTIALS, clock: () => NOW_MS, rateLimit: false, maxAttempts: 1 });
});
afterAll(async () => {
  await client.close();
  await server.close();
  console.log(
    `CLS examples: ${cases.length} checked on the wire, ${skipped.length} skipped (each with its reason in specs/cls/2020-10-16/IMPORT.md)`,
  );
});

describe("the model's examples", () => {
  it("are many, and the skipped ones each say why", () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
    expect(new Set(cases.map((item) => item.operation.action)).size).toBeGreaterThanOrEqual(150);
    for (const item of skipped) expect(item.reason, `${item.action}: ${item.title}`).toMatch(/\S{3}/);
  });

  it.each(cases)("$name", async ({ operation, example }) => {
    server.answerWithText(example.response);
    const before = server.requests.length;
    const method = (client as unknown as Record<string, (input: unknown) => Promise<Record<string, unknown>>>)[operation.names.method];
    if (method === undefined) throw new Error(`ClsClient has no ${operation.names.method}`);
    const answer = await method.call(client, example.request);

    expect(server.requests.length).toBe(before + 1);
    const sent = server.requests[before];
    if (sent === undefined) throw new Error("no request recorded");
    expect(sent.headers["x-tc-action"]).toBe(operation.action);
    expect(sent.headers["x-tc-version"]).toBe("2020-10-16");
    expect(sent.body).toBe(stringify(example.request));
    expect(sent.headers["x-tc-timestamp"]).toBe(String(NOW_MS / 1000));
    const signed = {
      body: sent.body,
      host: String(sent.headers.host),
      contentType: String(sent.headers["content-type"]),
      timestamp: NOW_MS / 1000,
      authorization: String(sent.headers.authorization),
    };
    expect(signed.authorization).toBe(expectedAuthorization(signed, CREDENTIALS.secretId, CREDENTIALS.secretKey, "cls"));

    const documented = (exact(example.response) as { Response: unknown }).Response;
    expect(answer).toEqual(documented);
    const validateOutput = validatorsFor(service).output(operation);
    expect(validateOutput(numbersOnly({ Response: answer })), JSON.stringify(validateOutput.errors)).toBe(true);
  });
});

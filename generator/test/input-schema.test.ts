/**
 * The input schemas of the golden `mini` spec, compiled as the generated validators are: 64-bit range
 * bounds merged with the spec's own (the tighter wins), `nonEmpty` refusing blank strings next to a
 * `pattern`/`noSql` rule, `itemRules` on list items, and the wording keyed by each failing schema path.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadSpec } from "../src/load/load-spec.js";
import type { Member, Operation, Rule } from "../src/model/types.js";
import { inputSchema, type JsonSchema } from "../src/schema/json-schema.js";
import { validatorsFor } from "../src/schema/validator-set.js";

const MINI_SPEC = fileURLToPath(new URL("./fixtures/goldens/mini/spec/", import.meta.url));
const service = loadSpec(MINI_SPEC, { pkg: { name: "@tcsdk/mini", version: "0.0.0" } });

function operation(action: string): Operation {
  const found = service.operations.find((candidate) => candidate.action === action);
  if (found === undefined) throw new Error(`no ${action} in the mini spec`);
  return found;
}

function property(schema: JsonSchema, name: string): JsonSchema {
  return (schema["properties"] as Record<string, JsonSchema>)[name] ?? {};
}

/**
 * The first complaint of the action's compiled input validator, with the rule and wording the client
 * would report: the wording of the action's rules and of its shapes', or for an `enum` its allowed values.
 */
function firstError(op: Operation, input: object): { path: string; rule: string; message: string } | undefined {
  const validators = validatorsFor(service);
  const { validate, ruleText } = validators.input(op);
  if (validate(input)) return undefined;
  const error = validate.errors?.[0];
  if (error === undefined) throw new Error("invalid without an error");
  const wording = Object.assign({}, ...op.inputShapes.map((name) => validators.inputShape(name).ruleText), ruleText) as typeof ruleText;
  const text = wording[error.schemaPath];
  return {
    path: error.instancePath,
    rule: text?.rule ?? error.keyword,
    message: text?.message ?? coreWording(error.keyword, error.params),
  };
}

/** How core words an error the spec gives no wording for (the validators carry no messages). */
function coreWording(keyword: string, params: Record<string, unknown>): string {
  if (keyword === "enum")
    return `must be one of ${(params["allowedValues"] as unknown[]).map((value) => JSON.stringify(value)).join(", ")}`;
  if (keyword === "type") return `must be ${String(params["type"])}`;
  if (keyword === "maximum" || keyword === "minimum") return `must be ${String(params["comparison"])} ${String(params["limit"])}`;
  if (keyword === "maxLength") return `must NOT have more than ${String(params["limit"])} characters`;
  if (keyword === "pattern") return `must match pattern "${String(params["pattern"])}"`;
  return keyword;
}

const PUT = { Items: [{ Key: "item-1" }], Start: 1, End: 2 };

describe("64-bit integer ranges", () => {
  const { schema, ruleText } = inputSchema(operation("PutItems"));

  it("bounds a uint64 without rules by its own range", () => {
    expect(property(schema, "Budget")).toEqual({ type: "integer", minimum: 0, exclusiveMaximum: 2 ** 64 });
  });

  it("keeps the spec's tighter bound and the type's other one, once each", () => {
    expect(property(schema, "Offset")).toEqual({ type: "integer", minimum: -(2 ** 63), maximum: 1000 });
    expect(property(schema, "Start")).toEqual({ type: "integer", minimum: 0, exclusiveMaximum: 2 ** 63 });
    expect(ruleText["#/properties/Offset/maximum"]).toBeUndefined();
    expect(ruleText["#/properties/Offset/exclusiveMaximum"]).toBeUndefined();
    expect(ruleText["#/properties/Start/minimum"]).toBeUndefined();
  });

  it("keeps the type's bound when the spec's is looser", () => {
    const op = operation("PutItems");
    const loose: Rule[] = [
      { kind: "minimum", value: -1e30 },
      { kind: "maximum", value: 1e30 },
    ];
    const input: Member[] = op.input.map((member) => (member.name === "Budget" ? { ...member, rules: loose } : member));
    const looser = inputSchema({ ...op, input });
    expect(property(looser.schema, "Budget")).toEqual({ type: "integer", minimum: 0, exclusiveMaximum: 2 ** 64 });
    expect(looser.ruleText["#/properties/Budget/exclusiveMaximum"]).toEqual({
      rule: "maximum",
      message: "must be at most 18446744073709551615 (uint64)",
    });
  });

  it.each([
    [
      { ...PUT, Budget: 1e20 },
      { path: "/Budget", rule: "maximum", message: "must be at most 18446744073709551615 (uint64)" },
    ],
    [
      { ...PUT, Budget: -1 },
      { path: "/Budget", rule: "minimum", message: "must be at least 0 (uint64)" },
    ],
    [
      { ...PUT, End: 1e21 },
      { path: "/End", rule: "maximum", message: "must be at most 9223372036854775807 (int64)" },
    ],
    [
      { ...PUT, Offset: -1e21 },
      { path: "/Offset", rule: "minimum", message: "must be at least -9223372036854775808 (int64)" },
    ],
    [
      { ...PUT, Offset: 1001 },
      { path: "/Offset", rule: "maximum", message: "must be <= 1000" },
    ],
    // 2^63 and 2^64 are exact doubles, refused by the exclusive maxima: a maximum of 2^63 - 1 would be the double 2^63.
    [
      { ...PUT, End: 2 ** 63 },
      { path: "/End", rule: "maximum", message: "must be at most 9223372036854775807 (int64)" },
    ],
    [
      { ...PUT, Budget: 2 ** 64 },
      { path: "/Budget", rule: "maximum", message: "must be at most 18446744073709551615 (uint64)" },
    ],
    [
      { ...PUT, Offset: -(2 ** 63) - 2048 },
      { path: "/Offset", rule: "minimum", message: "must be at least -9223372036854775808 (int64)" },
    ],
  ])("%j → %j", (input, expected) => {
    expect(firstError(operation("PutItems"), input)).toEqual(expected);
  });

  it("accepts the largest numbers that JSON still writes as integers", () => {
    expect(firstError(operation("PutItems"), { ...PUT, Budget: 2 ** 64 - 2048, End: 2 ** 63 - 1024, Offset: -(2 ** 63) })).toBeUndefined();
  });
});

describe("nonEmpty, noSql and pattern", () => {
  const blank = { rule: "nonEmpty", message: "must not be empty or blank" };
  it.each([
    ["Note", "", blank],
    ["Note", " \t\n", blank],
    ["Note", "\u3000", blank],
    [
      "Note",
      '"abc',
      { rule: "noSql", message: "must not contain an SQL part (a '|' outside quotes), an unclosed '\"' or a trailing unescaped '\\'" },
    ],
    [
      "Note",
      "abc\\",
      { rule: "noSql", message: "must not contain an SQL part (a '|' outside quotes), an unclosed '\"' or a trailing unescaped '\\'" },
    ],
    ["Note", 42, { rule: "type", message: "must be string" }],
    ["Note", " a ", undefined],
    ["Note", 'a:"x | y" b\\\\', undefined],
  ])("PutItems %s %j", (name, value, expected) => {
    const error = firstError(operation("PutItems"), { ...PUT, [name]: value });
    expect(error).toEqual(expected === undefined ? undefined : { path: `/${name}`, ...expected });
  });

  it.each([
    [" ", { path: "/Prefix", rule: "nonEmpty", message: "must not be empty or blank" }],
    ["Item", { path: "/Prefix", rule: "pattern", message: 'must match pattern "^[a-z]"' }],
    ["item-", undefined],
  ])("ListItems Prefix %j", (value, expected) => {
    expect(firstError(operation("ListItems"), { Prefix: value })).toEqual(expected);
  });
});

describe("itemRules", () => {
  it.each([
    [[" "], { path: "/Items/0/Tags/0", rule: "nonEmpty", message: "must not be empty or blank" }],
    [["ok", "x".repeat(21)], { path: "/Items/0/Tags/1", rule: "maxLength", message: "must NOT have more than 20 characters" }],
    [["ok"], undefined],
  ])("Item.Tags %j", (tags, expected) => {
    expect(firstError(operation("PutItems"), { ...PUT, Items: [{ Key: "item-1", Tags: tags }] })).toEqual(expected);
  });

  it("applies an item enum", () => {
    expect(firstError(operation("ListItems"), { States: ["Ready", "Lost"] })).toEqual({
      path: "/States/1",
      rule: "enum",
      message: 'must be one of "Ready", "Gone"',
    });
  });
});

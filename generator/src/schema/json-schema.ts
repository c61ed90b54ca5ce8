/**
 * JSON Schemas derived from the model. Input schemas (one per action, one per shape that requests use)
 * enforce the spec's rules and carry their wording keyed by schema path; a member whose type is a shape
 * names it with the {@link SHAPE_KEYWORD} keyword, so each shape is compiled once, into its own validator,
 * and every validator that reaches it calls that one. Output schemas (types and enums only) check the
 * spec's response examples; they reach shapes through `$ref`.
 * @packageDocumentation
 */
import { compareText } from "../order.js";
import { BLANK_PATTERN, INTEGER_RANGE, MIN_TIMESTAMP_MS, NO_SQL_PATTERN, ruleMessage } from "../model/rule-text.js";
import type { TypeRef } from "../model/type-ref.js";
import type { Member, Operation, Rule, Shape } from "../model/types.js";

/** A JSON Schema object. */
export type JsonSchema = { [keyword: string]: unknown };

/** The custom keyword `{ "tcsdkShape": "Filter" }`: the value must pass the `Filter` shape's own validator. */
export const SHAPE_KEYWORD = "tcsdkShape";

/** Spec wording for a rule, as core's `RuleText`. */
export interface RuleWording {
  /** Rule name. */
  readonly rule: string;
  /** What the rule demands, completing "<parameter> …"; absent where core words it from the error (`enum`). */
  readonly message?: string;
}

/** An input schema and the wording of its rules. */
export interface InputSchema {
  /** The schema (draft-07, `$data` for cross-field rules, {@link SHAPE_KEYWORD} for shapes). */
  readonly schema: JsonSchema;
  /**
   * Spec wording keyed by AJV `schemaPath`, sorted by key: `#/properties/Query/pattern` for an action,
   * `Item#/properties/Key/pattern` for a shape (its validator's errors carry the shape's name).
   */
  readonly ruleText: Readonly<Record<string, RuleWording>>;
}

type Mode = "input" | "output";

/** Builds the input schema of `operation`: rules enforced, unknown parameters rejected. */
export function inputSchema(operation: Operation): InputSchema {
  return withWording((builder) => builder.object(operation.input, "#"));
}

/** Builds the input schema of `shape`, whose validator's errors have schema paths starting `<Shape>#`. */
export function inputShapeSchema(shape: Shape): InputSchema {
  const root = shapeSchemaRoot(shape.name);
  return withWording((builder) => builder.object(shape.members, root));
}

/** The root of the schema paths of a shape's validator, e.g. `Item#`. */
export function shapeSchemaRoot(name: string): string {
  return `${name}#`;
}

/** Builds the schema of `operation`'s whole answer `{ Response: … }`, types and enums only. */
export function outputSchema(operation: Operation): JsonSchema {
  const builder = new SchemaBuilder("output", new Map());
  return {
    type: "object",
    additionalProperties: false,
    required: ["Response"],
    properties: { Response: builder.object(operation.output, "#/properties/Response") },
  };
}

/** Builds the output schema of `shape`, with its `$id` ({@link outputShapeId}). */
export function outputShapeSchema(shape: Shape): JsonSchema {
  return { $id: outputShapeId(shape.name), ...new SchemaBuilder("output", new Map()).object(shape.members, "#") };
}

/** The `$id` of a shape's output schema. */
export function outputShapeId(name: string): string {
  return `https://tcsdk.invalid/output/${name}.json`;
}

/** The shapes a schema of `members` names directly (through {@link SHAPE_KEYWORD} or `$ref`), sorted. */
export function directShapes(members: readonly Member[]): string[] {
  const names = new Set<string>();
  for (const member of members) {
    const shape = member.type.kind === "shape" ? member.type : member.type.kind === "list" ? member.type.items : undefined;
    if (shape?.kind === "shape") names.add(shape.name);
  }
  return [...names].sort();
}

function withWording(build: (builder: SchemaBuilder) => JsonSchema): InputSchema {
  const wording = new Map<string, RuleWording>();
  const schema = build(new SchemaBuilder("input", wording));
  const ruleText = Object.fromEntries([...wording.entries()].sort(([a], [b]) => compareText(a, b)));
  return { schema, ruleText };
}

class SchemaBuilder {
  constructor(
    private readonly mode: Mode,
    private readonly wording: Map<string, RuleWording>,
  ) {}

  object(members: readonly Member[], path: string): JsonSchema {
    const properties: JsonSchema = {};
    for (const member of members) properties[member.name] = this.member(member, `${path}/properties/${member.name}`);
    const schema: JsonSchema = { type: "object", additionalProperties: false };
    const required = members.filter((member) => member.required).map((member) => member.name);
    if (required.length > 0) schema["required"] = required;
    schema["properties"] = properties;
    if (this.mode === "input") {
      const cross = this.crossRules(members, path);
      if (cross.length > 0) schema["allOf"] = cross;
    }
    return schema;
  }

  /** `notAfter` rules: checked only when both members are numbers, so a type error is reported as such. */
  private crossRules(members: readonly Member[], path: string): JsonSchema[] {
    const byName = new Map(members.map((member) => [member.name, member] as const));
    const checks: JsonSchema[] = [];
    for (const member of members) {
      for (const rule of member.rules) {
        if (rule.kind !== "notAfter") continue;
        const other = byName.get(rule.other);
        if (other === undefined) continue;
        const index = checks.length;
        const type = jsonType(member.type);
        checks.push({
          if: {
            properties: { [member.name]: { type }, [other.name]: { type: jsonType(other.type) } },
            required: [member.name, other.name],
          },
          // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword, not a thenable
          then: { properties: { [member.name]: { type, maximum: { $data: `1/${other.name}` } } } },
        });
        this.word(`${path}/allOf/${index}/then/properties/${member.name}/maximum`, {
          rule: "notAfter",
          message: ruleMessage(rule, member.type),
        });
      }
    }
    return checks;
  }

  private member(member: Member, path: string): JsonSchema {
    const schema = this.type(member.type, path);
    const items = schema["items"] as JsonSchema | undefined;
    if (this.mode === "input") {
      this.applyRules(schema, member.rules, member.type, path);
      if (member.type.kind === "list" && items !== undefined) this.applyRules(items, member.itemRules, member.type.items, `${path}/items`);
    } else {
      const values = enumValues(member.rules);
      if (values !== undefined) schema["enum"] = [...values];
      const itemValues = enumValues(member.itemRules);
      if (itemValues !== undefined && items !== undefined) items["enum"] = [...itemValues];
    }
    // `null` second, so that a value that is neither reports what is wrong with it, not "must be null".
    if (this.mode === "output" && member.nullable) return { anyOf: [schema, { type: "null" }] };
    return schema;
  }

  private type(type: TypeRef, path: string): JsonSchema {
    switch (type.kind) {
      case "list":
        return { type: "array", items: this.type(type.items, `${path}/items`) };
      case "shape":
        return this.mode === "input" ? { [SHAPE_KEYWORD]: type.name } : { $ref: outputShapeId(type.name) };
      case "integer":
        return type.width !== undefined && this.mode === "input" ? this.integerRange(type.width, path) : { type: "integer" };
      default:
        return { type: jsonType(type) };
    }
  }

  /**
   * A 64-bit integer within its type's range, so that no number the wire type cannot hold (such as
   * `1e21`, which JSON would write as `1e+21`, or `2 ** 63`) is sent. The bounds are exact doubles:
   * `minimum` the type's smallest value and `exclusiveMaximum` one past its largest (2^63 or 2^64), as
   * `9223372036854775807` itself is no double (it would be read as 2^63 and let 2^63 pass). Core hands a
   * `bigint` to the validator as the largest double at most its value, which compares with bounds that
   * are exact doubles exactly as the `bigint` would.
   */
  private integerRange(width: "int64" | "uint64", path: string): JsonSchema {
    const range = INTEGER_RANGE[width];
    this.word(`${path}/minimum`, { rule: "minimum", message: `must be at least ${range.minimum} (${width})` });
    this.word(`${path}/exclusiveMaximum`, { rule: "maximum", message: `must be at most ${range.maximum} (${width})` });
    return { type: "integer", minimum: exactDouble(range.minimum), exclusiveMaximum: exactDouble(range.pastMaximum) };
  }

  /** Writes `rules` (of a value of type `type` at `path`) into `schema`, with their wording. */
  private applyRules(schema: JsonSchema, rules: readonly Rule[], type: TypeRef, path: string): void {
    for (const rule of rules) {
      if (!tightens(schema, rule)) continue;
      const keyword = applyRule(schema, rule, type);
      if (keyword === undefined) continue;
      if (keyword === "maximum" && schema["exclusiveMaximum"] !== undefined) {
        // The spec's tighter maximum (a safe integer, so exact as a double) replaces the type's.
        delete schema["exclusiveMaximum"];
        this.wording.delete(`${path}/exclusiveMaximum`);
      }
      const key = `${path}/${keyword}`;
      const message = ruleMessage(rule, type);
      if (message !== undefined || rule.kind === "enum") this.word(key, { rule: rule.kind, message });
      else this.wording.delete(key);
    }
  }

  private word(key: string, wording: { readonly rule: string; readonly message: string | undefined }): void {
    this.wording.set(key, wording.message === undefined ? { rule: wording.rule } : { rule: wording.rule, message: wording.message });
  }
}

/** Whether `rule` is at least as strict as the bound `schema` already has (a 64-bit type's range); other rules always are. */
function tightens(schema: JsonSchema, rule: Rule): boolean {
  if (rule.kind === "minimum" || rule.kind === "timestampMs") {
    const current = schema["minimum"];
    return typeof current !== "number" || (rule.kind === "minimum" ? rule.value : MIN_TIMESTAMP_MS) >= current;
  }
  if (rule.kind === "maximum") {
    const current = schema["exclusiveMaximum"];
    return typeof current !== "number" || rule.value < current;
  }
  return true;
}

/** The double a decimal integer denotes, which must be exactly that integer (so no bound is silently moved). */
function exactDouble(decimal: string): number {
  const value = Number(decimal);
  if (BigInt(value) !== BigInt(decimal)) throw new Error(`${decimal} is not exactly a double`);
  return value;
}

/** Writes `rule` into `schema`; returns the JSON Schema keyword it became, if any. */
function applyRule(schema: JsonSchema, rule: Rule, type: TypeRef): string | undefined {
  switch (rule.kind) {
    case "nonEmpty":
      // A list needs an item; a string a non-whitespace character. `not` leaves `pattern` to a `pattern` or
      // `noSql` rule; its own `type` makes a value of the wrong type fail on `type`, not on this rule.
      if (type.kind === "list") {
        schema["minItems"] = 1;
        return "minItems";
      }
      schema["not"] = { type: "string", pattern: BLANK_PATTERN };
      return "not";
    case "noSql":
      schema["pattern"] = NO_SQL_PATTERN;
      return "pattern";
    case "enum":
      schema["enum"] = [...rule.values];
      return "enum";
    case "notAfter":
      return undefined;
    case "timestampMs":
      schema["minimum"] = MIN_TIMESTAMP_MS;
      return "minimum";
    case "pattern":
      schema["pattern"] = rule.value;
      return "pattern";
    default:
      schema[rule.kind] = rule.value;
      return rule.kind;
  }
}

function enumValues(rules: readonly Rule[]): readonly (string | number)[] | undefined {
  for (const rule of rules) if (rule.kind === "enum") return rule.values;
  return undefined;
}

function jsonType(type: TypeRef): string {
  switch (type.kind) {
    case "integer":
      return "integer";
    case "float":
      return "number";
    case "list":
      return "array";
    case "shape":
      return "object";
    default:
      return type.kind;
  }
}

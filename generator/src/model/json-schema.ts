/**
 * JSON Schemas derived from the model: the input schema of each operation (compiled into its standalone
 * validator, with the spec's wording for rules keyed by schema path) and a looser output schema used to
 * check the spec's response examples.
 * @packageDocumentation
 */
import { NO_SQL_PATTERN, ruleMessage } from "./rule-text.js";
import { referencedShape, type TypeRef } from "./type-ref.js";
import type { Member, Operation, Rule, Service, Shape } from "./types.js";

/** A JSON Schema object. */
export type JsonSchema = { [keyword: string]: unknown };

/** Spec wording for a rule, as core's `RuleText`. */
export interface RuleWording {
  /** Rule name. */
  readonly rule: string;
  /** What the rule demands, completing "<parameter> …". */
  readonly message: string;
}

/** An operation's input schema and the wording of its rules. */
export interface InputSchema {
  /** The schema (draft-07, `$data` for cross-field rules). */
  readonly schema: JsonSchema;
  /** Spec wording keyed by AJV `schemaPath`, e.g. `#/properties/Query/pattern`; sorted by key. */
  readonly ruleText: Readonly<Record<string, RuleWording>>;
}

type Mode = "input" | "output";

/** Builds the input schema of `operation`: rules enforced, unknown parameters rejected. */
export function inputSchema(service: Service, operation: Operation): InputSchema {
  const wording = new Map<string, RuleWording>();
  const builder = new SchemaBuilder(service, "input", wording);
  const schema = builder.object(operation.input, "#");
  const defs = builder.defs(operation.input);
  if (Object.keys(defs).length > 0) schema["$defs"] = defs;
  const ruleText = Object.fromEntries([...wording.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { schema, ruleText };
}

/** Builds the schema of `operation`'s whole answer `{ Response: … }`, types and enums only. */
export function outputSchema(service: Service, operation: Operation): JsonSchema {
  const builder = new SchemaBuilder(service, "output", new Map());
  const requestId: Member = { name: "RequestId", docs: "", type: { kind: "string" }, required: true, nullable: false, rules: [], hasExample: false };
  const response = builder.object([...operation.output, requestId], "#/properties/Response");
  const schema: JsonSchema = {
    type: "object",
    additionalProperties: false,
    required: ["Response"],
    properties: { Response: response },
  };
  const defs = builder.defs(operation.output);
  if (Object.keys(defs).length > 0) schema["$defs"] = defs;
  return schema;
}

class SchemaBuilder {
  private readonly shapes: ReadonlyMap<string, Shape>;

  constructor(
    service: Service,
    private readonly mode: Mode,
    private readonly wording: Map<string, RuleWording>,
  ) {
    this.shapes = new Map(service.shapes.map((shape) => [shape.name, shape] as const));
  }

  /** `$defs` for every shape `members` reach. */
  defs(members: readonly Member[]): JsonSchema {
    const names = new Set<string>();
    const visit = (type: TypeRef): void => {
      const name = referencedShape(type);
      if (name === undefined || names.has(name)) return;
      names.add(name);
      for (const member of this.shape(name).members) visit(member.type);
    };
    for (const member of members) visit(member.type);
    const defs: JsonSchema = {};
    for (const name of [...names].sort()) {
      defs[name] = this.object(this.shape(name).members, `#/$defs/${name}`);
    }
    return defs;
  }

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
          then: { properties: { [member.name]: { type, maximum: { $data: `1/${other.name}` } } } },
        });
        this.wording.set(`${path}/allOf/${index}/then/properties/${member.name}/maximum`, {
          rule: "notAfter",
          message: ruleMessage(rule) ?? "",
        });
      }
    }
    return checks;
  }

  private member(member: Member, path: string): JsonSchema {
    const schema = this.type(member.type, path);
    if (this.mode === "input") this.applyRules(schema, member, path);
    else {
      const values = enumValues(member.rules);
      if (values !== undefined) schema["enum"] = [...values];
    }
    if (this.mode === "output" && member.nullable) return { anyOf: [{ type: "null" }, schema] };
    return schema;
  }

  private type(type: TypeRef, path: string): JsonSchema {
    switch (type.kind) {
      case "list":
        return { type: "array", items: this.type(type.items, `${path}/items`) };
      case "shape":
        return { $ref: `#/$defs/${type.name}` };
      case "integer":
        return type.width === "uint64" && this.mode === "input" ? { type: "integer", minimum: 0 } : { type: "integer" };
      default:
        return { type: jsonType(type) };
    }
  }

  private applyRules(schema: JsonSchema, member: Member, path: string): void {
    for (const rule of member.rules) {
      const keyword = applyRule(schema, rule, member.type);
      if (keyword === undefined) continue;
      const message = ruleMessage(rule);
      if (message !== undefined) this.wording.set(`${path}/${keyword}`, { rule: rule.kind, message });
    }
  }

  private shape(name: string): Shape {
    const shape = this.shapes.get(name);
    if (shape === undefined) throw new Error(`unknown shape ${name} (loadSpec should have caught this)`);
    return shape;
  }
}

/** Writes `rule` into `schema`; returns the JSON Schema keyword it became, if any. */
function applyRule(schema: JsonSchema, rule: Rule, type: TypeRef): string | undefined {
  switch (rule.kind) {
    case "nonEmpty": {
      const keyword = type.kind === "list" ? "minItems" : "minLength";
      schema[keyword] = 1;
      return keyword;
    }
    case "noSql":
      schema["pattern"] = NO_SQL_PATTERN;
      return "pattern";
    case "enum":
      schema["enum"] = [...rule.values];
      return "enum";
    case "notAfter":
      return undefined;
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

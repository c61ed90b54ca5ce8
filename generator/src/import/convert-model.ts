/**
 * Tencent's model as spec documents: every action of the international model and, marked China site
 * only with their Chinese documentation, the actions only the China model has; every structure they
 * reach as a shape. Types map exactly (`int64`/`uint64`, `float`, `bool`, `datetime`/`date`/
 * `datetime_iso` strings, lists, nested structures); a member is required in a request when the model
 * says `required`, always present in an answer when it says `output_required` (or `required`, which
 * the international models also use there); `disabled` members are deprecated, and an action whose
 * `status` is not `online` too. Rate limits and re-send safety are not in the model: `unknown`.
 * @packageDocumentation
 */
import type { RawAction, RawMember, RawShape, Site } from "../load/raw-spec.js";
import { docsToMarkdown, type DocsSite } from "./docs-markdown.js";
import type { JsonValue } from "../output/json-text.js";
import type { Model, ModelMember, ModelObject } from "./upstream.js";

/** Where a structure's members are used, which decides what `required` and `nullable` mean. */
export type MemberRole = "input" | "output" | "shape-in" | "shape-out" | "shape-both";

/** One of the two editions of a model. */
export interface Edition {
  readonly model: Model;
  readonly site: Site;
  /** Host of the site's documentation, for relative links. */
  readonly docsSite: DocsSite;
}

/** The intl edition (defines the types) and the China edition (adds what only it has). */
export interface Editions {
  readonly intl: Edition;
  readonly china: Edition | undefined;
}

/** Documentation for an empty `document`. */
const UNDOCUMENTED = "Not described in Tencent's model.";

/** The spec action `name`, from the edition that defines it; `undefined` when neither has it. */
export function convertAction(name: string, editions: Editions): RawAction | undefined {
  const edition = editionOf(name, editions, (model) => model.actions[name] !== undefined);
  const action = edition?.model.actions[name];
  if (edition === undefined || action === undefined) return undefined;
  const input = edition.model.objects[action.input];
  const output = edition.model.objects[action.output];
  const chinaOnly = edition.site === "china";
  const summary = oneLine(action.name, name);
  return {
    name,
    summary,
    docs: docsToMarkdown(action.document, edition.docsSite) || summary,
    ...(action.status === "online" ? {} : { deprecated: `Marked \`${action.status}\` in Tencent's model.` }),
    ...(chinaOnly ? { sites: ["china" as const], docsLanguage: "zh-CN" as const } : {}),
    idempotent: "unknown",
    rateLimit: "unknown",
    input: (input?.members ?? []).map((member) => convertMember(member, "input", edition)),
    output: (output?.members ?? [])
      .filter((member) => member.name !== "RequestId")
      .map((member) => convertMember(member, "output", edition)),
    errors: [],
    examples: [],
  };
}

/** The spec shape `name`, from the edition that defines it; `undefined` when neither has it. */
export function convertShape(name: string, editions: Editions): RawShape | undefined {
  const edition = editionOf(name, editions, (model) => model.objects[name] !== undefined);
  const object = edition?.model.objects[name];
  if (edition === undefined || object === undefined) return undefined;
  const role = shapeRole(object);
  return {
    name,
    docs: docsToMarkdown(object.document, edition.docsSite) || UNDOCUMENTED,
    ...(edition.site === "china" ? { sites: ["china" as const], docsLanguage: "zh-CN" as const } : {}),
    members: object.members.map((member) => convertMember(member, role, edition)),
  };
}

/** The structures `members` name as their type (directly or as list items). */
export function referencedObjects(members: readonly RawMember[]): string[] {
  return members.map((member) => member.type.replace(/\[\]$/, "")).filter((type) => /^[A-Z]/.test(type) && !PRIMITIVES.has(type));
}

const PRIMITIVES = new Set(["string", "boolean", "integer", "int64", "uint64", "float"]);

/** The edition that has `name`: the international one first. */
function editionOf(_name: string, editions: Editions, has: (model: Model) => boolean): Edition | undefined {
  if (has(editions.intl.model)) return editions.intl;
  if (editions.china !== undefined && has(editions.china.model)) return editions.china;
  return undefined;
}

function shapeRole(object: ModelObject): MemberRole {
  return object.usage === "in" ? "shape-in" : object.usage === "out" ? "shape-out" : "shape-both";
}

/** A model member as a spec member. */
export function convertMember(member: ModelMember, role: MemberRole, edition: Edition): RawMember {
  const { type, format } = typeOf(member);
  const inputSide = role === "input" || role === "shape-in" || role === "shape-both";
  const required = inputSide ? member.required === true : member.output_required === true || member.required === true;
  const nullable = role !== "input" && role !== "shape-in" && member.value_allowed_null === true;
  const example = exampleOf(member, type);
  return {
    name: member.name,
    type,
    required,
    ...(nullable ? { nullable } : {}),
    docs: docsToMarkdown(member.document, edition.docsSite) || UNDOCUMENTED,
    ...(format === undefined ? {} : { format }),
    ...(example === undefined ? {} : { example }),
    ...(member.disabled === true ? { deprecated: "Hidden from Tencent's documentation (disabled in its model)." } : {}),
    ...(edition.site === "china" ? { sites: ["china" as const] } : {}),
  };
}

/** The spec type of a model member, e.g. `int` + `uint64` → `uint64`, `list` + `Filter` → `Filter[]`. */
export function typeOf(member: ModelMember): { readonly type: string; readonly format?: "datetime" | "date" | "datetime_iso" } {
  const base = member.member;
  const scalar = scalarType(member.type === "list" ? listItemKind(base) : member.type, base);
  const type = member.type === "list" ? `${scalar.type}[]` : scalar.type;
  return scalar.format === undefined ? { type } : { type, format: scalar.format };
}

function listItemKind(base: string): string {
  if (base === "int64" || base === "uint64" || base === "int") return "int";
  if (base === "float" || base === "double") return "float";
  if (base === "bool") return "bool";
  if (base === "string" || base === "datetime" || base === "date" || base === "datetime_iso") return "string";
  if (base === "binary") return "binary";
  return "object";
}

function scalarType(kind: string, base: string): { readonly type: string; readonly format?: "datetime" | "date" | "datetime_iso" } {
  switch (kind) {
    case "int":
      return { type: base === "int64" || base === "uint64" ? base : "integer" };
    case "float":
      return { type: "float" };
    case "bool":
      return { type: "boolean" };
    case "string":
      return base === "datetime" || base === "date" || base === "datetime_iso" ? { type: "string", format: base } : { type: "string" };
    case "object":
      return { type: base };
    default:
      throw new Error(`member type ${kind} (${base}) is not supported by the importer`);
  }
}

/** The member's example as a typed value, when the model gives one that fits the type. */
function exampleOf(member: ModelMember, type: string): JsonValue | undefined {
  const raw = member.example?.trim();
  if (raw === undefined || raw === "" || raw === "无" || raw.toLowerCase() === "none") return undefined;
  const parsed = parseJson(raw);
  const value = type === "string" && typeof parsed !== "string" ? raw : parsed;
  return fits(value, type) ? value : undefined;
}

function parseJson(raw: string): JsonValue | undefined {
  try {
    const value = JSON.parse(raw) as unknown;
    if (typeof value === "number" && /^-?\d+$/.test(raw) && !Number.isSafeInteger(value)) return BigInt(raw);
    return value as JsonValue;
  } catch {
    return undefined;
  }
}

function fits(value: JsonValue | undefined, type: string): boolean {
  if (value === undefined || value === null) return false;
  if (type.endsWith("[]")) return Array.isArray(value) && value.every((item) => fits(item, type.slice(0, -2)));
  switch (type) {
    case "string":
      return typeof value === "string";
    case "boolean":
      return typeof value === "boolean";
    case "float":
      return typeof value === "number";
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "int64":
      return (
        (typeof value === "number" && Number.isInteger(value)) || (typeof value === "bigint" && value >= -(2n ** 63n) && value < 2n ** 63n)
      );
    case "uint64":
      return (
        (typeof value === "number" && Number.isInteger(value) && value >= 0) ||
        (typeof value === "bigint" && value >= 0n && value < 2n ** 64n)
      );
    default:
      // A structure's example is not checked against its members: leave it out.
      return false;
  }
}

/** The model's one-line title as a sentence: `Creates a log download task` → `Creates a log download task.` */
function oneLine(title: string, fallback: string): string {
  const text = title.replace(/\s+/g, " ").trim() || fallback;
  const sentence = `${text[0]?.toUpperCase() ?? ""}${text.slice(1)}`;
  return /[.。!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

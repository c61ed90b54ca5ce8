/**
 * Checks that JSON Schema cannot express: names unique and matching their files, shapes and error codes
 * declared, rules fitting their member's type, defaults inside their rules, cross-field rules naming a sibling.
 * @packageDocumentation
 */
import { camelCase } from "../model/names.js";
import { isNumeric, parseTypeName, referencedShape, typeName, type TypeRef } from "../model/type-ref.js";
import type { RawAction, RawMember, RawRules, RawSpec, SpecFile } from "./raw-spec.js";
import { pointer, type SpecIssue } from "./spec-issue.js";

/** Runs every semantic check on a schema-valid spec and returns all issues found. */
export function checkSpec(spec: RawSpec): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const shapeNames = new Set(spec.shapes.map((shape) => shape.data.name));
  checkService(spec, issues);
  const declared = checkErrorCatalogue(spec, issues);
  checkNamedFiles(spec.actions, "actions", issues);
  checkNamedFiles(spec.shapes, "shapes", issues);
  for (const action of spec.actions) checkAction(action, shapeNames, declared, issues);
  for (const shape of spec.shapes) checkMembers(shape.file, "/members", shape.data.members, shapeNames, "shape", issues);
  checkShapeNames(spec, issues);
  checkMethodNames(spec, issues);
  return issues;
}

/**
 * Method names an action cannot take: those of the client base class (`send`, `close`, `download`),
 * of every object, and `constructor`.
 */
const RESERVED_METHODS = new Set([
  "send",
  "close",
  "download",
  "constructor",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "isPrototypeOf",
  "propertyIsEnumerable",
  "toLocaleString",
]);

/** An action whose client method would take a reserved name. */
function checkMethodNames(spec: RawSpec, issues: SpecIssue[]): void {
  for (const { file, data } of spec.actions) {
    const method = camelCase(data.name);
    if (RESERVED_METHODS.has(method))
      issues.push({
        file,
        pointer: "/name",
        message: `action ${data.name} would be the client method ${method}, which the client already has`,
      });
  }
}

/** Suffixes of the type names generated for each action, e.g. `CreateExportRequest`. */
const ACTION_TYPE_SUFFIXES = ["Request", "Response", "Method", "KnownErrorCode", "ErrorCode", "Error"];

/** A shape must not take a name the generator gives to something else (a shape named `CreateExportRequest`). */
function checkShapeNames(spec: RawSpec, issues: SpecIssue[]): void {
  const taken = new Map<string, string>([
    [`${spec.service.data.name}Client`, "the client class"],
    ["CommonErrorCode", "the common error codes"],
  ]);
  for (const { data } of spec.actions) {
    for (const suffix of ACTION_TYPE_SUFFIXES) taken.set(`${data.name}${suffix}`, `a type of action ${data.name}`);
  }
  for (const { file, data } of spec.shapes) {
    const owner = taken.get(data.name);
    if (owner !== undefined) issues.push({ file, pointer: "/name", message: `shape ${data.name} takes the name of ${owner}` });
  }
}

function checkService(spec: RawSpec, issues: SpecIssue[]): void {
  const { file, data } = spec.service;
  const regions = new Set(data.regions);
  (data.regionalOnly ?? []).forEach((region, index) => {
    if (!regions.has(region))
      issues.push({ file, pointer: pointer("regionalOnly", index), message: `region ${region} is not listed in regions` });
  });
}

function checkErrorCatalogue(spec: RawSpec, issues: SpecIssue[]): ReadonlySet<string> {
  const { file, data } = spec.errors;
  for (const code of Object.keys(data.service)) {
    if (Object.hasOwn(data.common, code)) {
      issues.push({ file, pointer: pointer("service", code), message: `error code ${code} is already declared in common` });
    }
  }
  const declared = new Set([...Object.keys(data.common), ...Object.keys(data.service)]);
  (data.chineseOnly ?? []).forEach((code, index) => {
    if (!declared.has(code)) issues.push({ file, pointer: pointer("chineseOnly", index), message: `error code ${code} is not declared` });
  });
  return declared;
}

/** Each action/shape file is named after what it declares, and no name is declared twice. */
function checkNamedFiles(files: readonly SpecFile<{ readonly name: string }>[], folder: string, issues: SpecIssue[]): void {
  const seen = new Map<string, string>();
  for (const { file, relativePath, data } of files) {
    const expected = `${folder}/${data.name}.json`;
    if (relativePath !== expected) {
      issues.push({ file, pointer: "/name", message: `${data.name} must be declared in ${expected}` });
    }
    const key = data.name.toLowerCase();
    const first = seen.get(key);
    if (first === undefined) seen.set(key, relativePath);
    else
      issues.push({
        file,
        pointer: "/name",
        message: `duplicate ${folder === "actions" ? "action" : "shape"} ${data.name}: already declared in ${first}`,
      });
  }
}

function checkAction(
  action: SpecFile<RawAction>,
  shapeNames: ReadonlySet<string>,
  declared: ReadonlySet<string>,
  issues: SpecIssue[],
): void {
  const { file, data } = action;
  checkMembers(file, "/input", data.input, shapeNames, "input", issues);
  checkMembers(file, "/output", data.output, shapeNames, "output", issues);
  data.errors.forEach((code, index) => {
    if (!declared.has(code))
      issues.push({ file, pointer: pointer("errors", index), message: `error code ${code} is not declared in errors.json` });
  });
  checkAbsentAfterSuccess(action, issues);
}

/** `absentAfterSuccess` turns an error into a success: only for an idempotent action that lists the code and answers nothing else. */
function checkAbsentAfterSuccess({ file, data }: SpecFile<RawAction>, issues: SpecIssue[]): void {
  const code = data.absentAfterSuccess;
  if (code === undefined) return;
  const at = "/absentAfterSuccess";
  if (data.idempotent !== true)
    issues.push({ file, pointer: at, message: "absentAfterSuccess applies to idempotent actions only (idempotent: true)" });
  if (!data.errors.includes(code))
    issues.push({ file, pointer: at, message: `absentAfterSuccess ${code} is not one of the action's errors` });
  if (data.output.length > 0) {
    issues.push({
      file,
      pointer: at,
      message: "absentAfterSuccess needs an action that answers only its RequestId: the success it stands for has no other fields",
    });
  }
}

type MemberContext = "input" | "output" | "shape";

function checkMembers(
  file: string,
  base: string,
  members: readonly RawMember[],
  shapeNames: ReadonlySet<string>,
  context: MemberContext,
  issues: SpecIssue[],
): void {
  const byName = new Map<string, TypeRef>();
  members.forEach((member, index) => {
    const at = `${base}${pointer(index)}`;
    if (byName.has(member.name)) issues.push({ file, pointer: `${at}/name`, message: `duplicate member ${member.name}` });
    byName.set(member.name, parseTypeName(member.type));
    if (context === "output" && member.name === "RequestId") {
      issues.push({ file, pointer: `${at}/name`, message: "RequestId is part of every response: do not list it" });
    }
  });
  members.forEach((member, index) => {
    const at = `${base}${pointer(index)}`;
    const type = parseTypeName(member.type);
    const shape = referencedShape(type);
    if (shape !== undefined && !shapeNames.has(shape)) {
      issues.push({ file, pointer: `${at}/type`, message: `unknown shape ${shape}: no shapes/${shape}.json` });
    }
    if (member.nullable === true && context === "input") {
      issues.push({ file, pointer: `${at}/nullable`, message: "request parameters cannot be nullable: omit the parameter instead" });
    }
    checkRules(file, `${at}/rules`, member.rules, member.type, type, { name: member.name, siblings: byName }, issues);
    if (member.itemRules !== undefined) {
      if (type.kind === "list") {
        checkRules(file, `${at}/itemRules`, member.itemRules, typeName(type.items), type.items, undefined, issues);
      } else issues.push({ file, pointer: `${at}/itemRules`, message: `itemRules apply to lists only, not to type ${member.type}` });
    }
    checkDefault(file, at, member, type, issues);
    const text = type.kind === "string" || (type.kind === "list" && type.items.kind === "string");
    if (member.format !== undefined && !text)
      issues.push({ file, pointer: `${at}/format`, message: `format applies to strings, not to type ${member.type}` });
    if (member.rules?.timestampMs === true && member.unit !== "ms")
      issues.push({ file, pointer: `${at}/rules/timestampMs`, message: 'timestampMs needs unit "ms" on the member' });
  });
}

/** Which rules fit which types. */
const RULE_TYPES: Readonly<Record<keyof RawRules, (type: TypeRef) => boolean>> = {
  minimum: isNumeric,
  maximum: isNumeric,
  minLength: (type) => type.kind === "string",
  maxLength: (type) => type.kind === "string",
  pattern: (type) => type.kind === "string",
  noSql: (type) => type.kind === "string",
  minItems: (type) => type.kind === "list",
  maxItems: (type) => type.kind === "list",
  nonEmpty: (type) => type.kind === "string" || type.kind === "list",
  enum: (type) => type.kind === "string" || type.kind === "integer",
  notAfter: isNumeric,
  timestampMs: (type) => type.kind === "integer",
};

/** Whether a rule named `rule` applies to a value of type `type` (`maximum` to a number, `pattern` to a string…). */
export function ruleFits(rule: keyof RawRules, type: TypeRef): boolean {
  return RULE_TYPES[rule](type);
}

/**
 * Checks `rules` (at `at`, e.g. `/input/2/rules`) of a value of type `type`, spelled `spelled`: a member's
 * own rules (`member` names it and its siblings), or its `itemRules` with the item type (`member` undefined).
 */
function checkRules(
  file: string,
  at: string,
  rules: RawRules | undefined,
  spelled: string,
  type: TypeRef,
  member: { readonly name: string; readonly siblings: ReadonlyMap<string, TypeRef> } | undefined,
  issues: SpecIssue[],
): void {
  if (rules === undefined) return;
  const issue = (rule: keyof RawRules, message: string): void => {
    issues.push({ file, pointer: `${at}/${rule}`, message });
  };
  for (const rule of Object.keys(rules) as (keyof RawRules)[]) {
    if (!ruleFits(rule, type)) issue(rule, `rule ${rule} does not apply to type ${spelled}`);
  }
  const pairs: [keyof RawRules, keyof RawRules][] = [
    ["minimum", "maximum"],
    ["minLength", "maxLength"],
    ["minItems", "maxItems"],
  ];
  for (const [low, high] of pairs) {
    const min = rules[low];
    const max = rules[high];
    if (typeof min === "number" && typeof max === "number" && min > max) issue(low, `${low} (${min}) is greater than ${high} (${max})`);
  }
  if (type.kind === "integer") {
    // A bound past 2^53 is not read back exactly from JSON, and an inclusive maximum M is compared
    // exactly (a bigint is validated as the largest double at most its value) only while M + 1 is a double.
    for (const bound of ["minimum", "maximum"] as const) {
      const value = rules[bound];
      if (value !== undefined && !Number.isSafeInteger(value)) {
        issue(
          bound,
          `an integer's ${bound} must be an integer from -(2^53-1) to 2^53-1 (got ${value}); the type's own range needs no rule`,
        );
      }
    }
  }
  if (type.kind === "integer" && type.width === "uint64" && rules.minimum !== undefined && rules.minimum < 0) {
    issue("minimum", `a uint64 cannot be below 0 (minimum is ${rules.minimum})`);
  }
  if (rules.nonEmpty === true && (rules.minLength !== undefined || rules.minItems !== undefined)) {
    issue("nonEmpty", "nonEmpty and a minimum length together: keep one");
  }
  if (rules.noSql === true && rules.pattern !== undefined) issue("noSql", "noSql and pattern together: keep one");
  if (rules.pattern !== undefined) {
    try {
      new RegExp(rules.pattern, "u");
    } catch (error) {
      issue("pattern", `not a valid regular expression: ${(error as Error).message}`);
    }
  }
  if (rules.enum !== undefined) {
    rules.enum.forEach((value, index) => {
      const fits = type.kind === "string" ? typeof value === "string" : Number.isInteger(value);
      if (!fits) issues.push({ file, pointer: `${at}/enum/${index}`, message: `${JSON.stringify(value)} is not a ${spelled}` });
    });
  }
  if (rules.notAfter !== undefined) {
    const other = member?.siblings.get(rules.notAfter);
    if (member === undefined) issue("notAfter", "notAfter compares a member with a sibling, not list items");
    else if (rules.notAfter === member.name) issue("notAfter", "a member cannot be compared with itself");
    else if (other === undefined) issue("notAfter", `unknown parameter ${rules.notAfter}: notAfter must name a sibling member`);
    else if (!isNumeric(other)) issue("notAfter", `${rules.notAfter} is not a number`);
  }
}

function checkDefault(file: string, at: string, member: RawMember, type: TypeRef, issues: SpecIssue[]): void {
  const value = member.default;
  if (value === undefined) return;
  const issue = (message: string): void => {
    issues.push({ file, pointer: `${at}/default`, message });
  };
  if (member.required) {
    issue("a required member cannot have a default");
    return;
  }
  const fits =
    type.kind === "string"
      ? typeof value === "string"
      : type.kind === "boolean"
        ? typeof value === "boolean"
        : type.kind === "integer"
          ? Number.isInteger(value)
          : type.kind === "float"
            ? typeof value === "number"
            : false;
  if (!fits) {
    issue(`default ${JSON.stringify(value)} is not a ${member.type}`);
    return;
  }
  const rules = member.rules ?? {};
  if (rules.enum !== undefined && !rules.enum.includes(value as string | number)) {
    issue(`default ${JSON.stringify(value)} is not one of the enum values ${JSON.stringify(rules.enum)}`);
  }
  if (typeof value === "number") {
    if (rules.minimum !== undefined && value < rules.minimum) issue(`default ${value} is below the minimum ${rules.minimum}`);
    if (rules.maximum !== undefined && value > rules.maximum) issue(`default ${value} is above the maximum ${rules.maximum}`);
  }
  if (typeof value === "string") {
    if (rules.nonEmpty === true && value.trim() === "") issue("default is blank but the member must not be empty or blank");
    if (rules.minLength !== undefined && value.length < rules.minLength) issue(`default is shorter than minLength ${rules.minLength}`);
    if (rules.maxLength !== undefined && value.length > rules.maxLength) issue(`default is longer than maxLength ${rules.maxLength}`);
  }
}

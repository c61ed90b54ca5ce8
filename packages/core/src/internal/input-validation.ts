/**
 * Runs an operation's compiled validator and turns its first complaint into a {@link TcValidationError}.
 *
 * @internal
 * @packageDocumentation
 */
import { TcValidationError } from "../errors.js";
import type { InputValidator, OperationInfo, ValidatorError } from "../service.js";
import { bigIntsAsNumbers, containsBigInt } from "./json-codec.js";

/** Smallest value of an `int64`. */
const INT64_MIN = -(2n ** 63n);
/** Largest value of a `uint64`. */
const UINT64_MAX = 2n ** 64n - 1n;

/**
 * Throws a {@link TcValidationError} when `input` breaks a rule of `operation`'s spec. `hasBigInt`
 * says whether it holds a `bigint` (searched for when not given; `send` knows it from serialising).
 *
 * First, when the input holds a `bigint`, each one must fit a 64-bit integer (`int64` or `uint64`,
 * so [-2^63, 2^64-1]), checked exactly (rule `int64Range`), whether or not the operation has a
 * validator: JSON carries it as a bare number. Core does not know each parameter's type, so this is
 * the union of both ranges. Then the operation's validator, if any, which holds each parameter to its
 * own type's range. AJV's `integer` refuses a `bigint`, so an input holding one is checked again as a
 * copy with, in place of each `bigint`, the largest double at most its value (see `bigIntFloor`):
 * against the generated bounds, all exact doubles (`minimum`, `exclusiveMaximum`, and `maximum` below
 * 2^53), every comparison then comes out as the exact one would. Only the relative `notAfter` rule
 * (`$data`) compares two such doubles, and can miss an order inside one gap between doubles (past 2^53).
 */
export function validateInput(operation: OperationInfo, input: object, service: string, hasBigInt = containsBigInt(input)): void {
  if (hasBigInt) checkInt64Range(operation, input, service);
  const validate = operation.validate;
  if (validate === undefined || validate(input)) return;
  if (hasBigInt && validate(bigIntsAsNumbers(input))) return;
  const first = validate.errors?.[0];
  if (first === undefined) {
    throw new TcValidationError("", "schema", input, `${operation.action}: the input is invalid`, {
      action: operation.action,
      service,
    });
  }
  const unknown = first.keyword === "required" ? unknownBesideMissing(validate, input, first) : undefined;
  throw toValidationError(operation, input, unknown ?? first, service);
}

/**
 * The validators stop at their first complaint, and `required` is checked before unknown names: so an
 * unknown parameter (`Color`) beside a missing one would go unnamed. Fills each missing parameter of
 * that object with `null` in a copy, at most once per name, and validates again: when the next
 * complaint there is an unknown name, that is the mistake to report (often the missing one misspelt).
 */
function unknownBesideMissing(validate: InputValidator, input: object, error: ValidatorError): ValidatorError | undefined {
  const segments = pointerSegments(error.instancePath);
  const copy = copyAlong(input, segments);
  const holder = valueAt(copy, segments);
  if (typeof holder !== "object" || holder === null) return undefined;
  const filled = new Set<string>();
  let next: ValidatorError | undefined = error;
  while (next?.keyword === "required" && next.instancePath === error.instancePath && filled.size < 1000) {
    const missing = next.params["missingProperty"];
    if (typeof missing !== "string" || Object.hasOwn(holder, missing)) return undefined;
    (holder as Record<string, unknown>)[missing] = null;
    filled.add(missing.toLowerCase());
    next = validate(copy) ? undefined : validate.errors?.[0];
  }
  const unknown = next?.params["additionalProperty"];
  if (next?.keyword !== "additionalProperties" || next.instancePath !== error.instancePath || typeof unknown !== "string") return undefined;
  // a missing name spelt in another case is reported as that typo, with the name it should be
  return filled.has(unknown.toLowerCase()) ? undefined : next;
}

/** `input` with fresh copies of the objects along `segments`, so that the last one can be changed. */
function copyAlong(input: object, segments: readonly string[]): object {
  const root: Record<string, unknown> = Array.isArray(input) ? ([...input] as unknown as Record<string, unknown>) : { ...input };
  let at = root;
  for (const segment of segments) {
    const child = at[segment];
    if (typeof child !== "object" || child === null) break;
    const copy: Record<string, unknown> = Array.isArray(child) ? ([...child] as unknown as Record<string, unknown>) : { ...child };
    at[segment] = copy;
    at = copy;
  }
  return root;
}

/** Throws for the first `bigint` in `input` outside [-2^63, 2^64-1]. */
function checkInt64Range(operation: OperationInfo, input: object, service: string): void {
  const segments: string[] = [];
  const seen = new WeakSet<object>();
  const visit = (value: unknown): void => {
    if (typeof value === "bigint") {
      if (value >= INT64_MIN && value <= UINT64_MAX) return;
      const parameter = parameterPath(segments);
      throw new TcValidationError(
        parameter,
        "int64Range",
        value,
        `${operation.action}: parameter ${parameter} must be a 64-bit integer, from ${INT64_MIN} to ${UINT64_MAX} ` +
          `(rule "int64Range"), got ${renderValue(value)}`,
        { action: operation.action, service },
      );
    }
    if (typeof value !== "object" || value === null || seen.has(value)) return;
    seen.add(value);
    for (const [key, item] of Object.entries(value)) {
      segments.push(key);
      visit(item);
      segments.pop();
    }
  };
  visit(input);
}

function toValidationError(operation: OperationInfo, input: object, error: ValidatorError, service: string): TcValidationError {
  const segments = pointerSegments(error.instancePath);
  const context = { action: operation.action, service };
  const at = (extra: string): string => parameterPath([...segments, extra]);
  if (error.keyword === "required" && typeof error.params["missingProperty"] === "string") {
    const missing = error.params["missingProperty"];
    const parameter = at(missing);
    // a required name spelt in another case (`Topicid` for `TopicId`, common in plain JavaScript) is the
    // real mistake: name it first, as the unknown parameter it is (no two parameters differ only by case)
    const holder = valueAt(input, segments);
    const misspelt =
      typeof holder === "object" && holder !== null
        ? Object.keys(holder).find((key) => key !== missing && key.toLowerCase() === missing.toLowerCase())
        : undefined;
    if (misspelt !== undefined) {
      const value = (holder as Record<string, unknown>)[misspelt];
      return new TcValidationError(
        at(misspelt),
        "unknownParameter",
        value,
        `${operation.action}: unknown parameter ${at(misspelt)} (rule "unknownParameter"), got ${renderValue(value)}: ` +
          `did you mean ${parameter}, which is required?`,
        context,
      );
    }
    return new TcValidationError(parameter, "required", undefined, `${operation.action}: parameter ${parameter} is required`, context);
  }
  if (error.keyword === "additionalProperties" && typeof error.params["additionalProperty"] === "string") {
    const name = error.params["additionalProperty"];
    const parameter = at(name);
    const value = valueAt(input, [...segments, name]);
    return new TcValidationError(
      parameter,
      "unknownParameter",
      value,
      `${operation.action}: unknown parameter ${parameter} (rule "unknownParameter"), got ${renderValue(value)}`,
      context,
    );
  }
  const parameter = parameterPath(segments);
  const text = operation.ruleText?.[error.schemaPath];
  const rule = text?.rule ?? error.keyword;
  const demand = text?.message ?? derivedMessage(error) ?? error.message ?? `breaks rule ${error.keyword}`;
  const value = valueAt(input, segments);
  const subject = parameter === "" ? "the input" : `parameter ${parameter}`;
  return new TcValidationError(
    parameter,
    rule,
    value,
    `${operation.action}: ${subject} ${demand} (rule "${rule}"), got ${renderValue(value)}`,
    context,
  );
}

/**
 * Wording of a validator error from its keyword and parameters. The generated validators carry no
 * message strings (AJV's `messages: false` keeps each action's code smaller), so the words live here,
 * once: AJV's own English, except for `enum`, which lists its allowed values.
 */
function derivedMessage(error: ValidatorError): string | undefined {
  const params = error.params;
  const limit = params["limit"];
  switch (error.keyword) {
    case "enum": {
      const allowed = params["allowedValues"];
      return Array.isArray(allowed) ? `must be one of ${allowed.map((value) => JSON.stringify(value)).join(", ")}` : undefined;
    }
    case "type":
      return `must be ${Array.isArray(params["type"]) ? params["type"].join(",") : String(params["type"])}`;
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return `must be ${String(params["comparison"])} ${String(limit)}`;
    case "minLength":
      return `must NOT have fewer than ${String(limit)} characters`;
    case "maxLength":
      return `must NOT have more than ${String(limit)} characters`;
    case "minItems":
      return `must NOT have fewer than ${String(limit)} items`;
    case "maxItems":
      return `must NOT have more than ${String(limit)} items`;
    case "pattern":
      return `must match pattern "${String(params["pattern"])}"`;
    case "not":
      return "must NOT be valid";
    default:
      return undefined;
  }
}

/** `/Filters/0/Key` → `["Filters", "0", "Key"]` (JSON pointer, `~1` and `~0` unescaped). */
function pointerSegments(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"));
}

/** `["Filters", "0", "Key"]` → `Filters[0].Key`. */
export function parameterPath(segments: readonly string[]): string {
  let path = "";
  for (const segment of segments) {
    if (/^\d+$/.test(segment)) path += `[${segment}]`;
    else path += path === "" ? segment : `.${segment}`;
  }
  return path;
}

function valueAt(input: unknown, segments: readonly string[]): unknown {
  let value = input;
  for (const segment of segments) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

const MAX_RENDERED = 120;

/** Renders a value for a message: JSON-ish quoting, `123n` for a bigint, shortened past 120 characters. */
export function renderValue(value: unknown): string {
  let text: string;
  if (value === undefined) text = "undefined";
  else if (typeof value === "bigint") text = `${value}n`;
  else if (typeof value === "number" && !Number.isFinite(value))
    text = String(value); // JSON would say null
  else {
    try {
      text = JSON.stringify(value, (_key, item: unknown) => (typeof item === "bigint" ? `${item}n` : item)) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > MAX_RENDERED ? `${text.slice(0, MAX_RENDERED)}…` : text;
}

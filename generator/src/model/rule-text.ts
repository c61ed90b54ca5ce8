/**
 * How each rule reads: in TSDoc ("at most 100") and in validation errors ("must not be empty").
 * @packageDocumentation
 */
import type { Rule, TypeRef } from "./types.js";

/**
 * The regular expression behind `noSql`: any text where every `|` is escaped or inside a double-quoted
 * phrase. It also refuses an unclosed `"` and a lone `\` at the end: neither tells where the search part ends.
 */
export const NO_SQL_PATTERN = '^(?:[^|"\\\\]|\\\\.|"(?:[^"\\\\]|\\\\.)*")*$';

/** The smallest millisecond timestamp `timestampMs` accepts: 10^11 ms is 1973-03-03; any smaller count is seconds. */
export const MIN_TIMESTAMP_MS = 100_000_000_000;

/** The regular expression a string breaking `nonEmpty` matches: empty or whitespace only (`\s`, Unicode-aware). */
export const BLANK_PATTERN = "^\\s*$";

/**
 * Range of the 64-bit wire types, as exact decimal text (a `number` cannot hold the int64/uint64 maxima):
 * the smallest and largest values, and one past the largest (2^63, 2^64), which is exactly a double.
 */
export const INTEGER_RANGE: Readonly<
  Record<"int64" | "uint64", { readonly minimum: string; readonly maximum: string; readonly pastMaximum: string }>
> = {
  int64: { minimum: "-9223372036854775808", maximum: "9223372036854775807", pastMaximum: "9223372036854775808" },
  uint64: { minimum: "0", maximum: "18446744073709551615", pastMaximum: "18446744073709551616" },
};

/** A rule of a member of type `type` as TSDoc states it, e.g. `at most 50000000`. */
export function describeRule(rule: Rule, type: TypeRef): string {
  switch (rule.kind) {
    case "minimum":
      return `at least ${rule.value}`;
    case "maximum":
      return `at most ${rule.value}`;
    case "minLength":
      return `at least ${rule.value} characters`;
    case "maxLength":
      return `at most ${rule.value} characters`;
    case "minItems":
      return `at least ${rule.value} items`;
    case "maxItems":
      return `at most ${rule.value} items`;
    case "nonEmpty":
      return type.kind === "list" ? "not empty" : "not empty or blank (at least one non-whitespace character)";
    case "pattern":
      return `matches \`/${rule.value}/u\``;
    case "noSql":
      return 'no SQL part (a `|` is allowed only inside a double-quoted phrase or escaped as `\\|`), no unclosed `"` and no lone `\\` at the end';
    case "timestampMs":
      return `a Unix timestamp in milliseconds (from ${MIN_TIMESTAMP_MS}, 1973-03-03: a smaller value is seconds)`;
    case "enum":
      return `one of ${enumList(rule.values)}`;
    case "notAfter":
      return `not after \`${rule.other}\``;
  }
}

/**
 * Validation-error wording of the rules (of a member of type `type`) whose JSON Schema keyword reads
 * poorly; `undefined` keeps AJV's, or for an `enum` core's, which lists the allowed values.
 */
export function ruleMessage(rule: Rule, type: TypeRef): string | undefined {
  switch (rule.kind) {
    case "nonEmpty":
      return type.kind === "list" ? "must not be empty" : "must not be empty or blank";
    case "noSql":
      return "must not contain an SQL part (a '|' outside quotes), an unclosed '\"' or a trailing unescaped '\\'";
    case "notAfter":
      return `must not be after ${rule.other}`;
    case "timestampMs":
      return `looks like seconds, not milliseconds: multiply by 1000 (a millisecond timestamp is at least ${MIN_TIMESTAMP_MS}, 1973-03-03)`;
    default:
      return undefined;
  }
}

/** `"asc"`, `"desc"` as inline code. */
export function enumList(values: readonly (string | number)[]): string {
  return values.map((value) => `\`${JSON.stringify(value)}\``).join(", ");
}

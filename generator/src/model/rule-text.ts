/**
 * How each rule reads: in TSDoc ("at most 100") and in validation errors ("must not be empty").
 * @packageDocumentation
 */
import type { Rule } from "./types.js";

/** The regular expression behind `noSql`: any text where every `|` is escaped or inside a double-quoted phrase. */
export const NO_SQL_PATTERN = '^(?:[^|"\\\\]|\\\\.|"(?:[^"\\\\]|\\\\.)*")*$';

/** A rule as TSDoc states it, e.g. `at most 50000000`. */
export function describeRule(rule: Rule): string {
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
      return "not empty";
    case "pattern":
      return `matches \`/${rule.value}/u\``;
    case "noSql":
      return "no SQL part (a `|` is allowed only inside a double-quoted phrase or escaped as `\\|`)";
    case "enum":
      return `one of ${enumList(rule.values)}`;
    case "notAfter":
      return `not after \`${rule.other}\``;
  }
}

/** Validation-error wording of the rules whose JSON Schema keyword reads poorly; `undefined` keeps AJV's. */
export function ruleMessage(rule: Rule): string | undefined {
  switch (rule.kind) {
    case "nonEmpty":
      return "must not be empty";
    case "noSql":
      return "must not contain an SQL part (a '|' outside quotes)";
    case "enum":
      return `must be one of ${rule.values.map((value) => JSON.stringify(value)).join(", ")}`;
    case "notAfter":
      return `must not be after ${rule.other}`;
    default:
      return undefined;
  }
}

/** `"asc"`, `"desc"` as inline code. */
export function enumList(values: readonly (string | number)[]): string {
  return values.map((value) => `\`${JSON.stringify(value)}\``).join(", ");
}

/**
 * Rules of one member, old against new: a rule added or made stricter refuses requests that passed
 * before (major); one removed or relaxed accepts more (minor); enum values added and removed count on
 * their own.
 * @packageDocumentation
 */
import type { RawRules } from "../load/raw-spec.js";
import type { ChangeKind } from "./api-change.js";

/** A change of one rule: its kind, the rule's key, and what happened, e.g. "maximum lowered from 100 to 50". */
export interface RuleChange {
  readonly kind: Extract<ChangeKind, "rule-tightened" | "rule-loosened" | "enum-value-added" | "enum-value-removed">;
  readonly rule: keyof RawRules;
  readonly detail: string;
}

/** Rules whose larger value accepts more (`maximum`), and those whose smaller value does (`minimum`). */
const UPPER = new Set<keyof RawRules>(["maximum", "maxLength", "maxItems"]);
const LOWER = new Set<keyof RawRules>(["minimum", "minLength", "minItems"]);

/** The changes from `before` to `after` (either may be absent), in the order of the rules' keys. */
export function compareRules(before: RawRules | undefined, after: RawRules | undefined): RuleChange[] {
  const old: Record<string, unknown> = { ...before };
  const now: Record<string, unknown> = { ...after };
  const keys = [...new Set([...Object.keys(old), ...Object.keys(now)])] as (keyof RawRules)[];
  const changes: RuleChange[] = [];
  for (const rule of keys) {
    const was = old[rule];
    const is = now[rule];
    if (JSON.stringify(was) === JSON.stringify(is)) continue;
    if (was === undefined) changes.push({ kind: "rule-tightened", rule, detail: `new rule ${describe(rule, is)}` });
    else if (is === undefined) changes.push({ kind: "rule-loosened", rule, detail: `rule ${describe(rule, was)} removed` });
    else if (rule === "enum") changes.push(...compareEnums(was as readonly unknown[], is as readonly unknown[]));
    else if (UPPER.has(rule) || LOWER.has(rule)) {
      const stricter = UPPER.has(rule) ? (is as number) < (was as number) : (is as number) > (was as number);
      const verb = (is as number) < (was as number) ? "lowered" : "raised";
      changes.push({ kind: stricter ? "rule-tightened" : "rule-loosened", rule, detail: `${rule} ${verb} from ${was} to ${is}` });
    } else {
      // a new pattern or another notAfter may refuse what passed: nothing proves it looser
      changes.push({ kind: "rule-tightened", rule, detail: `${rule} changed from ${show(was)} to ${show(is)}` });
    }
  }
  return changes;
}

function compareEnums(was: readonly unknown[], is: readonly unknown[]): RuleChange[] {
  const removed = was.filter((value) => !is.includes(value));
  const added = is.filter((value) => !was.includes(value));
  const changes: RuleChange[] = [];
  if (removed.length > 0) changes.push({ kind: "enum-value-removed", rule: "enum", detail: `${values(removed)} no longer allowed` });
  if (added.length > 0) changes.push({ kind: "enum-value-added", rule: "enum", detail: `new allowed ${values(added)}` });
  return changes;
}

function values(list: readonly unknown[]): string {
  return `${list.length === 1 ? "value" : "values"} ${list.map(show).join(", ")}`;
}

function describe(rule: keyof RawRules, value: unknown): string {
  return value === true ? rule : `${rule} ${show(value)}`;
}

function show(value: unknown): string {
  return `\`${JSON.stringify(value)}\``;
}

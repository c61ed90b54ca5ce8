/**
 * Problems found in a spec, each located by file and JSON pointer.
 * @packageDocumentation
 */
import { compareText as compare } from "../order.js";

/** One problem in a spec file. */
export interface SpecIssue {
  /** The file, relative to the repository root, with `/` separators, e.g. `specs/cls/2020-10-16/actions/CreateExport.json`. */
  readonly file: string;
  /** JSON pointer (RFC 6901) into the file, e.g. `/input/3/rules/maximum`; empty for the whole document. */
  readonly pointer: string;
  /** What is wrong, e.g. `must be number`. */
  readonly message: string;
}

/** Formats an issue as `file#pointer: message`. */
export function formatIssue(issue: SpecIssue): string {
  return `${issue.file}#${issue.pointer}: ${issue.message}`;
}

/** Thrown when a spec is broken; carries every issue found, not just the first. */
export class SpecError extends Error {
  /** All issues, sorted by file, then pointer, then message. */
  readonly issues: readonly SpecIssue[];

  /** Creates an error listing `issues`. */
  constructor(issues: readonly SpecIssue[]) {
    const sorted = sortIssues(issues);
    super(`the spec has ${sorted.length} issue(s):\n${sorted.map((issue) => `  ${formatIssue(issue)}`).join("\n")}`);
    this.name = "SpecError";
    this.issues = sorted;
  }
}

/** Sorts issues by file, pointer and message, dropping exact duplicates. */
export function sortIssues(issues: readonly SpecIssue[]): SpecIssue[] {
  const seen = new Set<string>();
  const unique: SpecIssue[] = [];
  for (const issue of issues) {
    const key = formatIssue(issue);
    if (!seen.has(key)) {
      seen.add(key);
      unique.push(issue);
    }
  }
  return unique.sort((a, b) => compare(a.file, b.file) || compare(a.pointer, b.pointer) || compare(a.message, b.message));
}

/** Builds a JSON pointer from path segments, escaping `~` and `/`. */
export function pointer(...segments: readonly (string | number)[]): string {
  return segments.map((segment) => `/${String(segment).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");
}

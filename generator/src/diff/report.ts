/**
 * The diff as text a maintainer reads (Markdown: it is also the pull request's body), grouped by
 * package, then by action, type or service; and as JSON for machines.
 * @packageDocumentation
 */
import type { ApiChange, ChangeKind, PackageDiff } from "./api-change.js";

/** How the summary line names `n` changes of a kind. */
const COUNTED: Partial<Record<ChangeKind, readonly [string, string]>> = {
  "action-added": ["action added", "actions added"],
  "action-removed": ["action removed", "actions removed"],
  "action-offline": ["action taken offline", "actions taken offline"],
  "shape-added": ["type added", "types added"],
  "shape-removed": ["type removed", "types removed"],
  "parameter-added": ["optional parameter or member added", "optional parameters or members added"],
  "required-parameter-added": ["required parameter added", "required parameters added"],
  "parameter-removed": ["parameter removed", "parameters removed"],
  "parameter-required": ["parameter now required", "parameters now required"],
  "parameter-optional": ["parameter no longer required", "parameters no longer required"],
  "output-added": ["answer field added", "answer fields added"],
  "output-removed": ["answer field removed", "answer fields removed"],
  "output-optional": ["answer field no longer always present", "answer fields no longer always present"],
  "type-changed": ["type changed", "types changed"],
  "enum-value-added": ["enum widened", "enums widened"],
  "enum-value-removed": ["enum narrowed", "enums narrowed"],
  "rule-tightened": ["rule tightened", "rules tightened"],
  "rule-loosened": ["rule loosened", "rules loosened"],
};

/** Kinds that change documentation or only narrow a type: folded into one line per action or type. */
const FOLDED = new Set<ChangeKind>(["docs", "examples", "output-always-present"]);

/** One line counting the changes by kind, e.g. "15 actions added, 26 optional parameters or members added". */
export function summaryLine(diff: PackageDiff): string {
  if (diff.firstRelease) {
    const actions = diff.changes.filter((change) => change.kind === "action-added").length;
    return `first release of API ${diff.version}: ${actions} actions`;
  }
  const counts = new Map<ChangeKind, number>();
  for (const change of diff.changes) counts.set(change.kind, (counts.get(change.kind) ?? 0) + 1);
  const parts: string[] = [];
  for (const [kind, [one, many]] of Object.entries(COUNTED) as [ChangeKind, readonly [string, string]][]) {
    const count = counts.get(kind) ?? 0;
    if (count > 0) parts.push(`${count} ${count === 1 ? one : many}`);
  }
  const other = diff.changes.filter((change) => COUNTED[change.kind] === undefined).length;
  if (other > 0) parts.push(`${other} other ${other === 1 ? "change" : "changes"} (documentation, examples, error codes…)`);
  return parts.length === 0 ? "no change" : parts.join(", ");
}

/** The Markdown report of `diffs`; packages without changes get one line. */
export function textReport(diffs: readonly PackageDiff[]): string {
  const lines: string[] = [];
  for (const diff of diffs) {
    const bumps = (["major", "minor", "patch"] as const).map(
      (bump) => `${diff.changes.filter((change) => change.bump === bump).length} ${bump}`,
    );
    lines.push(`## ${diff.package}: ${diff.bump ?? "no change"}`, "");
    if (diff.bump === undefined) continue;
    lines.push(`API ${diff.version} · ${bumps.join(", ")} · ${summaryLine(diff)}`, "");
    if (diff.firstRelease) continue;
    const breaking = diff.changes.filter((change) => change.bump === "major");
    if (breaking.length > 0) {
      lines.push(`**Breaking** (${breaking.length}):`, "", ...breaking.slice(0, 20).map((change) => `- ${change.message}`));
      if (breaking.length > 20) lines.push(`- and ${breaking.length - 20} more, below`);
      lines.push("");
    }
    for (const [heading, changes] of groups(diff.changes)) {
      lines.push(`### ${heading}`, "");
      const folded = changes.filter((change) => FOLDED.has(change.kind));
      for (const change of changes.filter((candidate) => !FOLDED.has(candidate.kind))) {
        lines.push(`- ${change.bump}: ${change.detail} (\`${change.pointer}\`)`);
      }
      if (folded.length > 0) lines.push(`- patch: ${foldedText(folded)}`);
      lines.push("");
    }
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

/** The diffs as JSON (what `--json` prints). */
export function jsonReport(diffs: readonly PackageDiff[]): string {
  return `${JSON.stringify({ packages: diffs }, null, 2)}\n`;
}

/** Changes grouped by subject, each group headed "`CreateAlarm`", "type `AlarmInfo`" or "service". */
export function groups(changes: readonly ApiChange[]): [string, ApiChange[]][] {
  const grouped = new Map<string, ApiChange[]>();
  for (const change of changes) {
    const heading =
      change.subjectKind === "action" ? `\`${change.subject}\`` : change.subjectKind === "shape" ? `type \`${change.subject}\`` : "service";
    grouped.set(heading, [...(grouped.get(heading) ?? []), change]);
  }
  return [...grouped];
}

/**
 * One phrase for the folded changes of one subject, e.g. "documentation of parameter `A`, answer field `B`
 * and 3 more updated; examples updated".
 */
export function foldedText(changes: readonly ApiChange[]): string {
  const items = FOLDS.map((): string[] => []);
  const rest: string[] = [];
  for (const { detail, subjectKind } of changes) {
    if (detail === "documentation updated") {
      items[0]?.unshift(subjectKind === "shape" ? "the type" : "the action");
      continue;
    }
    const index = FOLDS.findIndex((fold) => fold.pattern.test(detail));
    const match = FOLDS[index]?.pattern.exec(detail);
    if (match === undefined || match === null) rest.push(detail);
    else items[index]?.push(match[1] ?? "");
  }
  const folded = FOLDS.flatMap((fold, index) => {
    const found = items[index] ?? [];
    return found.length === 0 ? [] : [fold.phrase(list(found))];
  });
  return [...folded, ...rest].join("; ");
}

/** Details gathered into one phrase each. */
const FOLDS: readonly { readonly pattern: RegExp; readonly phrase: (items: string) => string }[] = [
  { pattern: /^documentation of (.+) updated$/, phrase: (items) => `documentation of ${items} updated` },
  { pattern: /^(.+) is now always present$/, phrase: (items) => `${items} now always present` },
  { pattern: /^(.+) is now documented as nullable$/, phrase: (items) => `${items} now documented as nullable` },
  { pattern: /^(.+) is no longer nullable$/, phrase: (items) => `${items} no longer nullable` },
];

function list(items: readonly string[]): string {
  if (items.length === 1) return items[0] ?? "";
  const shown = items.length > 4 ? [...items.slice(0, 3), `${items.length - 3} more`] : items;
  return `${shown.slice(0, -1).join(", ")} and ${shown.at(-1) ?? ""}`;
}

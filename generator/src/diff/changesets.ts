/**
 * Changesets from a diff, and the bumps the pending ones (`.changeset/*.md`) ask for. A changeset is
 * Markdown with a front matter naming packages and bumps (`"@tcsdk/cls": minor`); its body goes into
 * the package's CHANGELOG when `changeset version` applies it.
 * @packageDocumentation
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { compareText } from "../order.js";
import { isLarger, type ApiChange, type Bump, type PackageDiff } from "./api-change.js";
import { summaryLine } from "./report.js";

/** The folder of changesets, relative to the repository root. */
export const CHANGESET_DIR = ".changeset";

/** The changeset of one package's diff: its bump, a summary and one line per change a user acts on. */
export function changesetText(diff: PackageDiff): string {
  if (diff.bump === undefined) throw new Error(`${diff.package}: no change, no changeset`);
  const lines = ["---", `${JSON.stringify(diff.package)}: ${diff.bump}`, "---", ""];
  if (diff.firstRelease) {
    lines.push(`${diff.package}: ${summaryLine(diff)}, generated from Tencent's model.`);
    return `${lines.join("\n")}\n`;
  }
  lines.push(`Changes to API ${diff.version}: ${summaryLine(diff)}.`);
  const section = (title: string, changes: readonly ApiChange[]): void => {
    if (changes.length === 0) return;
    lines.push("", `**${title}**`, "", ...changes.map((change) => `- ${change.message}`));
  };
  section(
    "Breaking",
    diff.changes.filter((change) => change.bump === "major"),
  );
  section(
    "New",
    diff.changes.filter((change) => change.bump === "minor"),
  );
  const patches = diff.changes.filter((change) => change.bump === "patch");
  const documentation = patches.filter((change) => change.kind === "docs" || change.kind === "examples");
  const fixes = patches.filter((change) => !documentation.includes(change));
  if (documentation.length > 0) {
    const subjects = [...new Set(documentation.map((change) => `\`${change.subject}\``))];
    const shown = subjects.length > 10 ? `${subjects.slice(0, 8).join(", ")} and ${subjects.length - 8} more` : subjects.join(", ");
    fixes.push({ ...(documentation[0] as ApiChange), message: `Documentation or examples updated: ${shown}.` });
  }
  section("Other changes", fixes);
  return `${lines.join("\n")}\n`;
}

/**
 * Writes a changeset for every package of `diffs` that changed, named by service and content
 * (`api-cls-1a2b3c4d.md`), so that running twice writes the same file once. Returns the paths written,
 * repository-relative.
 */
export function writeChangesets(root: string, diffs: readonly PackageDiff[]): string[] {
  const written: string[] = [];
  mkdirSync(path.join(root, CHANGESET_DIR), { recursive: true });
  for (const diff of diffs) {
    if (diff.bump === undefined) continue;
    const text = changesetText(diff);
    const name = `api-${diff.service}-${createHash("sha256").update(text).digest("hex").slice(0, 8)}.md`;
    writeFileSync(path.join(root, CHANGESET_DIR, name), text);
    written.push(`${CHANGESET_DIR}/${name}`);
  }
  return written;
}

/** The largest bump the pending changesets ask for, by package. */
export function pendingBumps(root: string): Map<string, Bump> {
  const bumps = new Map<string, Bump>();
  const dir = path.join(root, CHANGESET_DIR);
  if (!existsSync(dir)) return bumps;
  for (const name of readdirSync(dir).sort(compareText)) {
    if (!name.endsWith(".md") || name === "README.md") continue;
    for (const [pkg, bump] of frontMatter(readFileSync(path.join(dir, name), "utf8"))) {
      if (isLarger(bump, bumps.get(pkg))) bumps.set(pkg, bump);
    }
  }
  return bumps;
}

/** The `package: bump` pairs of a changeset's front matter (`none` is no bump). */
export function frontMatter(text: string): [string, Bump][] {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (match === null) return [];
  const pairs: [string, Bump][] = [];
  for (const line of (match[1] ?? "").split(/\r?\n/)) {
    const pair = /^\s*["']?([^"']+?)["']?\s*:\s*(major|minor|patch)\s*$/.exec(line);
    if (pair !== null) pairs.push([pair[1] ?? "", pair[2] as Bump]);
  }
  return pairs;
}

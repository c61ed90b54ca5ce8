/**
 * Keeps `specs/upstream/tencentcloud-api/README.md` true when a file is replaced: its row in the table of
 * files (count, and source when given) and its line in the block of SHA-256 hashes.
 * @packageDocumentation
 */

/** What changed about one file. */
export interface ReadmeEntry {
  /** The file's name, e.g. `cls-2020-10-16.intl-en.api.json`. */
  readonly name: string;
  readonly sha256: string;
  /** The count column, e.g. "87 actions, 246 objects". */
  readonly count: string;
  /** The source column (repository @ commit, path), when known. */
  readonly source?: string;
}

/** The README's text with `entries` written into its table and hash block (rows and lines added when missing). */
export function updateReadme(text: string, entries: readonly ReadmeEntry[]): string {
  const lines = text.split("\n");
  for (const entry of entries) {
    const row = lines.findIndex((line) => line.startsWith(`| \`${entry.name}\` |`));
    if (row === -1) {
      const last = lines.findLastIndex((line) => line.startsWith("| `"));
      const source = entry.source ?? "added by `pnpm update-model`: give its repository and commit";
      lines.splice(last + 1, 0, `| \`${entry.name}\` | Tencent's file, unmodified | ${source} | ${entry.count} |`);
    } else {
      const cells = (lines[row] ?? "").split(" | ");
      cells[cells.length - 1] = `${entry.count} |`;
      if (entry.source !== undefined && cells.length >= 4) cells[cells.length - 2] = entry.source;
      lines[row] = cells.join(" | ");
    }
    const hashLine = `${entry.sha256}  ${entry.name}`;
    const existing = lines.findIndex((line) => /^[0-9a-f]{64} {2}/.test(line) && line.endsWith(`  ${entry.name}`));
    if (existing !== -1) lines[existing] = hashLine;
    else {
      const hashes = lines.map((line, index) => [line, index] as const).filter(([line]) => /^[0-9a-f]{64} {2}/.test(line));
      const after = hashes.filter(([line]) => line.slice(66) < entry.name).at(-1)?.[1] ?? (hashes[0]?.[1] ?? lines.length) - 1;
      lines.splice(after + 1, 0, hashLine);
    }
  }
  return lines.join("\n");
}

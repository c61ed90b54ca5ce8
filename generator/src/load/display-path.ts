/**
 * Stable, machine-independent names for files: relative to the repository root, `/`-separated.
 * @packageDocumentation
 */
import { existsSync } from "node:fs";
import path from "node:path";

/** The nearest ancestor of `start` holding `pnpm-workspace.yaml`, or `undefined`. */
export function findRepoRoot(start: string): string | undefined {
  let dir = path.resolve(start);
  for (;;) {
    if (existsSync(path.join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** `file` relative to the repository root (or to the working directory outside a repository), with `/` separators. */
export function displayPath(file: string): string {
  const absolute = path.resolve(file);
  const root = findRepoRoot(path.dirname(absolute)) ?? process.cwd();
  return path.relative(root, absolute).split(path.sep).join("/");
}

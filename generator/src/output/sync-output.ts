/**
 * Compares generated files with a folder and brings the folder in line. The generator owns a package's
 * `src/generated/` entirely (files it did not produce are stale and removed) plus the few root files it
 * emits (`README.md`, `typedoc.json`); the importer owns a spec folder's `actions/` and `shapes/` and the
 * files it writes beside them.
 * @packageDocumentation
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, rmdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { GENERATED_DIR, type GeneratedFile } from "../emit/generated-file.js";

/** How a package folder differs from the generated files; paths are package-relative and sorted. */
export interface OutputDiff {
  /** Files whose content differs. */
  readonly changed: readonly string[];
  /** Files that are generated but missing. */
  readonly missing: readonly string[];
  /** Files in the owned folders that are no longer produced. */
  readonly stale: readonly string[];
}

/** Whether the folder already matches. */
export function isClean(diff: OutputDiff): boolean {
  return diff.changed.length === 0 && diff.missing.length === 0 && diff.stale.length === 0;
}

/** Compares `files` with what is in `outDir`, writing nothing; files in `owned` folders that are not produced are stale. */
export function diffOutput(outDir: string, files: readonly GeneratedFile[], owned: readonly string[] = [GENERATED_DIR]): OutputDiff {
  const changed: string[] = [];
  const missing: string[] = [];
  for (const file of files) {
    const absolute = path.join(outDir, file.path);
    if (!existsSync(absolute)) missing.push(file.path);
    else if (readFileSync(absolute, "utf8") !== file.content) changed.push(file.path);
  }
  const produced = new Set(files.map((file) => file.path));
  const stale = owned.flatMap((folder) => listFiles(path.join(outDir, folder), folder)).filter((file) => !produced.has(file));
  return { changed: changed.sort(), missing: missing.sort(), stale: stale.sort() };
}

/** Writes what differs, removes stale files (and folders left empty), and returns what it did. */
export function writeOutput(outDir: string, files: readonly GeneratedFile[], owned: readonly string[] = [GENERATED_DIR]): OutputDiff {
  const diff = diffOutput(outDir, files, owned);
  const toWrite = new Set([...diff.changed, ...diff.missing]);
  for (const file of files) {
    if (!toWrite.has(file.path)) continue;
    const absolute = path.join(outDir, file.path);
    mkdirSync(path.dirname(absolute), { recursive: true });
    writeFileSync(absolute, file.content);
  }
  for (const file of diff.stale) rmSync(path.join(outDir, file));
  for (const folder of owned) removeEmptyFolders(path.join(outDir, folder));
  return diff;
}

/** Every file under `dir`, as `prefix/…` paths with `/` separators. */
function listFiles(dir: string, prefix: string): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const relative = `${prefix}/${entry.name}`;
    if (entry.isDirectory()) found.push(...listFiles(path.join(dir, entry.name), relative));
    else found.push(relative);
  }
  return found;
}

function removeEmptyFolders(dir: string): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) removeEmptyFolders(path.join(dir, entry.name));
  }
  if (readdirSync(dir).length === 0) rmdirSync(dir);
}

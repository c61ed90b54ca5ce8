/**
 * Temporary folders inside the generator package (`.tmp/`, git-ignored), so that paths shown in issues
 * are repository-relative and `node_modules` resolution works for compiled output.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The generator package folder. */
export const GENERATOR_DIR = fileURLToPath(new URL("../../", import.meta.url));
/** The repository root. */
export const REPO_ROOT = path.resolve(GENERATOR_DIR, "..");
/** The CLS spec. */
export const CLS_SPEC = path.join(REPO_ROOT, "specs/cls/2020-10-16");
/** The CLS package. */
export const CLS_PACKAGE = path.join(REPO_ROOT, "packages/cls");

/** Creates a fresh folder under `generator/.tmp/`. */
export function makeTempDir(prefix: string): string {
  const base = path.join(GENERATOR_DIR, ".tmp");
  mkdirSync(base, { recursive: true });
  return mkdtempSync(path.join(base, `${prefix}-`));
}

/** Removes a folder made by {@link makeTempDir}. */
export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Copies `from` (file or folder) to `to`. */
export function copy(from: string, to: string): void {
  cpSync(from, to, { recursive: true });
}

/**
 * The steps a broken-spec or broken-overlay case applies to a copy of its base folder: set or remove
 * a JSON pointer in a file, copy, write or delete a file.
 */
import { copyFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { removeAt, setAt } from "./json-pointer.js";

/** One edit, with paths relative to the folder. */
export type Step =
  | { readonly in: string; readonly set: string; readonly value: unknown }
  | { readonly in: string; readonly remove: string }
  | { readonly copy: string; readonly to: string }
  | { readonly write: string; readonly text: string }
  | { readonly delete: string };

/** A case: what it breaks, how, and the issues it must cause (`file` relative to the folder's label). */
export interface BrokenCase {
  readonly description: string;
  readonly steps: readonly Step[];
  readonly expect: readonly { readonly file: string; readonly pointer: string; readonly message: string }[];
}

/** Applies `step` to the folder `dir`. */
export function applyStep(dir: string, step: Step): void {
  if ("copy" in step) copyFileSync(path.join(dir, step.copy), path.join(dir, step.to));
  else if ("write" in step) writeFileSync(path.join(dir, step.write), step.text);
  else if ("delete" in step) rmSync(path.join(dir, step.delete));
  else {
    const file = path.join(dir, step.in);
    const document: unknown = JSON.parse(readFileSync(file, "utf8"));
    if ("set" in step) setAt(document, step.set, step.value);
    else removeAt(document, step.remove);
    writeFileSync(file, JSON.stringify(document, null, 2));
  }
}

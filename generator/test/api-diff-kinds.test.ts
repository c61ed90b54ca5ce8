/**
 * Every case in `fixtures/api-diff/` edits copies of the hand-written `mini` spec into an old and a new
 * spec (steps `both`, `before`, `after`) and lists every change the diff must report, with its bump,
 * kind, pointer and sentence. Every kind of change has a case. Adding a case needs no test code;
 * `UPDATE_GOLDENS=1` writes what the diff reports into the cases (read them before committing).
 */
import { cpSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { KIND_BUMP, type Bump } from "../src/diff/api-change.js";
import { readSurface } from "../src/diff/api-surface.js";
import { compareSurfaces } from "../src/diff/compare.js";
import { applyStep, type Step } from "./helpers/patch-steps.js";
import { makeTempDir, removeTempDir } from "./helpers/temp-dir.js";

interface DiffCase {
  readonly description: string;
  readonly both?: readonly Step[];
  readonly before?: readonly Step[];
  readonly after?: readonly Step[];
  readonly bump: Bump | null;
  readonly changes: readonly { readonly bump: Bump; readonly kind: string; readonly pointer: string; readonly message: string }[];
}

const BASE = fileURLToPath(new URL("./fixtures/goldens/mini/spec/", import.meta.url));
const CASES = fileURLToPath(new URL("./fixtures/api-diff/", import.meta.url));
const cases = readdirSync(CASES)
  .filter((name) => name.endsWith(".json"))
  .sort()
  .map((name) => [name.replace(/\.json$/, ""), JSON.parse(readFileSync(path.join(CASES, name), "utf8")) as DiffCase] as const);
const work = makeTempDir("api-diff-kinds");
afterAll(() => removeTempDir(work));

function specOf(name: string, side: string, steps: readonly Step[]): string {
  const dir = path.join(work, name, side);
  cpSync(BASE, dir, { recursive: true });
  for (const step of steps) applyStep(dir, step);
  return dir;
}

describe("the API diff, one case per kind of change", () => {
  it.each(cases)("%s is classified as its case says", (name, diffCase) => {
    const before = specOf(name, "old", [...(diffCase.both ?? []), ...(diffCase.before ?? [])]);
    const after = specOf(name, "new", [...(diffCase.both ?? []), ...(diffCase.after ?? [])]);
    const diff = compareSurfaces(readSurface(before), readSurface(after), "@tcsdk/demo");
    const changes = diff.changes.map(({ bump, kind, pointer, message }) => ({ bump, kind, pointer, message }));
    if (process.env["UPDATE_GOLDENS"] === "1") {
      const updated = { ...diffCase, bump: diff.bump ?? null, changes };
      writeFileSync(path.join(CASES, `${name}.json`), `${JSON.stringify(updated, null, 2)}\n`);
      return;
    }
    expect(changes, diffCase.description).toEqual(diffCase.changes);
    expect(diff.bump ?? null).toBe(diffCase.bump);
  });

  it("has a case for every kind of change", () => {
    const reported = cases.flatMap(([, diffCase]) => diffCase.changes);
    for (const kind of Object.keys(KIND_BUMP)) {
      expect(
        reported.map((change) => change.kind),
        kind,
      ).toContain(kind);
    }
  });
});

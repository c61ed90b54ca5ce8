/**
 * The whole CLS at scale: the committed spec is what the import of Tencent's model and our overlays
 * gives (and importing again changes nothing); the generated package keeps every file under 1,000
 * lines and every line under 200 characters; and a spec change reads as a change of its size —
 * adding one optional parameter to CreateExport changes at most 30 lines outside that action's own
 * types file (shown on a copy of the spec).
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { GeneratedFile } from "../src/emit/generated-file.js";
import { generateFiles } from "../src/generate.js";
import { importModel } from "../src/import/import-model.js";
import { overLimits } from "./helpers/compile.js";
import { CLS_PACKAGE, CLS_SPEC, REPO_ROOT, copy, makeTempDir, removeTempDir } from "./helpers/temp-dir.js";

const work = makeTempDir("cls-scale");
afterAll(() => removeTempDir(work));

const files = generateFiles(CLS_SPEC, CLS_PACKAGE);

/** Lines added plus lines removed between two texts (longest common subsequence of lines). */
function changedLines(before: string, after: string): number {
  const a = before.split("\n");
  const b = after.split("\n");
  let previous = new Array<number>(b.length + 1).fill(0);
  for (const line of a) {
    const current = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++)
      current[j] = line === b[j - 1] ? (previous[j - 1] ?? 0) + 1 : Math.max(previous[j] ?? 0, current[j - 1] ?? 0);
    previous = current;
  }
  return a.length + b.length - 2 * (previous[b.length] ?? 0);
}

/** Changed lines per file between two generations (files only in one count whole). */
function diffSizes(before: readonly GeneratedFile[], after: readonly GeneratedFile[]): Map<string, number> {
  const old = new Map(before.map((file) => [file.path, file.content] as const));
  const sizes = new Map<string, number>();
  for (const file of after) {
    const previous = old.get(file.path);
    if (previous !== file.content) sizes.set(file.path, changedLines(previous ?? "", file.content));
    old.delete(file.path);
  }
  for (const [removed, content] of old) sizes.set(removed, content.split("\n").length);
  return sizes;
}

describe("CLS, imported whole", () => {
  it("the committed spec is what the model and overlays import to, byte for byte, twice", () => {
    const first = importModel({ root: REPO_ROOT, service: "cls", check: true });
    expect(first.diff).toEqual({ changed: [], missing: [], stale: [] });
    expect(importModel({ root: REPO_ROOT, service: "cls", check: true }).files).toEqual(first.files);
    expect(first.files.filter((file) => file.path.startsWith("actions/")).length).toBe(208);
  });

  it("generates no file over 1,000 lines and no line over 200 characters", () => {
    expect(files.length).toBeGreaterThan(800);
    expect(overLimits(files)).toEqual([]);
  });

  it("adding one optional parameter to CreateExport changes ≤ 30 lines outside its types file", () => {
    const spec = path.join(work, "spec");
    copy(CLS_SPEC, spec);
    const before = generateFiles(spec, CLS_PACKAGE);
    const file = path.join(spec, "actions", "CreateExport.json");
    const action = JSON.parse(readFileSync(file, "utf8")) as { input: unknown[] };
    action.input.push({ name: "Comment", type: "string", required: false, docs: "A note kept with the export task." });
    writeFileSync(file, JSON.stringify(action, null, 2));
    const sizes = diffSizes(before, generateFiles(spec, CLS_PACKAGE));
    const typesFile = "src/generated/types/create-export.ts";
    expect(sizes.get(typesFile)).toBeGreaterThan(0);
    const outside = [...sizes].filter(([changed]) => changed !== typesFile);
    const total = outside.reduce((sum, [, lines]) => sum + lines, 0);
    expect(total, JSON.stringify(outside)).toBeLessThanOrEqual(30);
    expect(outside.map(([changed]) => changed).sort()).toEqual([
      "src/generated/provenance.json",
      "src/generated/validators/create-export.ts",
    ]);
  });
});

/**
 * Every case in `fixtures/broken-overlays/` edits a copy of the `demo` import fixture (its overlays or
 * Tencent's files, paths relative to `specs/`) and names the issue(s) the import must report, each at
 * its `file#pointer`. Nothing is written when an import fails. Adding a case needs no test code.
 */
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { importModel } from "../src/import/import-model.js";
import { formatIssue, SpecError } from "../src/load/spec-issue.js";
import { removeAt, setAt } from "./helpers/json-pointer.js";
import { makeTempDir, removeTempDir } from "./helpers/temp-dir.js";

type Step =
  | { readonly in: string; readonly set: string; readonly value: unknown }
  | { readonly in: string; readonly remove: string }
  | { readonly write: string; readonly text: string }
  | { readonly delete: string };

interface BrokenCase {
  readonly description: string;
  readonly steps: readonly Step[];
  readonly expect: readonly { readonly file: string; readonly pointer: string; readonly message: string }[];
}

const DEMO_SPECS = fileURLToPath(new URL("./fixtures/import/demo/specs/", import.meta.url));
const CASES = fileURLToPath(new URL("./fixtures/broken-overlays/", import.meta.url));
const cases = readdirSync(CASES)
  .filter((name) => name.endsWith(".json"))
  .sort()
  .map((name) => [name.replace(/\.json$/, ""), JSON.parse(readFileSync(path.join(CASES, name), "utf8")) as BrokenCase] as const);
const work = makeTempDir("broken-overlays");
afterAll(() => removeTempDir(work));

function applyStep(specs: string, step: Step): void {
  if ("write" in step) writeFileSync(path.join(specs, step.write), step.text);
  else if ("delete" in step) rmSync(path.join(specs, step.delete));
  else {
    const file = path.join(specs, step.in);
    const document: unknown = JSON.parse(readFileSync(file, "utf8"));
    if ("set" in step) setAt(document, step.set, step.value);
    else removeAt(document, step.remove);
    writeFileSync(file, JSON.stringify(document, null, 2));
  }
}

describe("broken overlays and models", () => {
  it("has at least ten cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });

  it.each(cases)("%s is reported at its file and pointer", (name, brokenCase) => {
    const root = path.join(work, name);
    const specs = path.join(root, "specs");
    cpSync(DEMO_SPECS, specs, { recursive: true });
    for (const step of brokenCase.steps) applyStep(specs, step);
    let caught: unknown;
    try {
      importModel({ root, service: "demo" });
    } catch (error) {
      caught = error;
    }
    expect(caught, brokenCase.description).toBeInstanceOf(SpecError);
    const error = caught as SpecError;
    for (const expected of brokenCase.expect) {
      const file = `specs/${expected.file}`;
      const match = error.issues.find((issue) => issue.file === file && issue.pointer === expected.pointer && issue.message.includes(expected.message));
      expect(match, `expected ${file}#${expected.pointer}: …${expected.message}… among\n${error.message}`).toBeDefined();
      if (match !== undefined) expect(error.message).toContain(formatIssue(match));
    }
    expect(existsSync(path.join(specs, "demo")), "nothing is written").toBe(false);
  });
});

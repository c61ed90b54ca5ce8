/**
 * Every case in `fixtures/broken-overlays/` edits a copy of the `demo` import fixture (its overlays or
 * Tencent's files, paths relative to `specs/`) and names the issue(s) the import must report, each at
 * its `file#pointer`. Nothing is written when an import fails. Adding a case needs no test code.
 */
import { cpSync, existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { importModel } from "../src/import/import-model.js";
import { formatIssue, SpecError } from "../src/load/spec-issue.js";
import { applyStep, type BrokenCase } from "./helpers/patch-steps.js";
import { makeTempDir, removeTempDir } from "./helpers/temp-dir.js";

const DEMO_SPECS = fileURLToPath(new URL("./fixtures/import/demo/specs/", import.meta.url));
const CASES = fileURLToPath(new URL("./fixtures/broken-overlays/", import.meta.url));
const cases = readdirSync(CASES)
  .filter((name) => name.endsWith(".json"))
  .sort()
  .map((name) => [name.replace(/\.json$/, ""), JSON.parse(readFileSync(path.join(CASES, name), "utf8")) as BrokenCase] as const);
const work = makeTempDir("broken-overlays");
afterAll(() => removeTempDir(work));

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
      const match = error.issues.find(
        (issue) => issue.file === file && issue.pointer === expected.pointer && issue.message.includes(expected.message),
      );
      expect(match, `expected ${file}#${expected.pointer}: …${expected.message}… among\n${error.message}`).toBeDefined();
      if (match !== undefined) expect(error.message).toContain(formatIssue(match));
    }
    expect(existsSync(path.join(specs, "demo")), "nothing is written").toBe(false);
  });
});

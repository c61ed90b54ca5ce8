/**
 * Every case in `fixtures/broken/` edits a copy of part of the CLS spec (service, errors, the three
 * export actions and `ExportInfo`: small enough to load fast, real enough to matter) and names the
 * issue(s) it must cause. Adding a case needs no test code.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSpec } from "../src/load/load-spec.js";
import { displayPath } from "../src/load/display-path.js";
import { formatIssue, SpecError } from "../src/load/spec-issue.js";
import { applyStep, type BrokenCase } from "./helpers/patch-steps.js";
import { CLS_SPEC, copy, makeTempDir, removeTempDir } from "./helpers/temp-dir.js";

const CASES_DIR = new URL("./fixtures/broken/", import.meta.url);
const cases = readdirSync(CASES_DIR)
  .filter((name) => name.endsWith(".json"))
  .sort()
  .map((name) => [name.replace(/\.json$/, ""), JSON.parse(readFileSync(new URL(name, CASES_DIR), "utf8")) as BrokenCase] as const);

const PKG = { name: "@tcsdk/cls", version: "0.0.0" };
const root = makeTempDir("broken");
afterAll(() => removeTempDir(root));

/** The files of the CLS spec the cases start from. */
const BASE_FILES = [
  "service.json",
  "errors.json",
  "actions/CreateExport.json",
  "actions/DeleteExport.json",
  "actions/DescribeExports.json",
  "shapes/ExportInfo.json",
];

function copyBase(dir: string): void {
  for (const file of BASE_FILES) copy(path.join(CLS_SPEC, file), path.join(dir, file));
}

describe("broken specs", () => {
  it("has at least ten cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });

  it("the unbroken base spec loads", () => {
    const dir = path.join(root, "base");
    copyBase(dir);
    expect(loadSpec(dir, { pkg: PKG }).operations.map((operation) => operation.action)).toEqual([
      "CreateExport",
      "DeleteExport",
      "DescribeExports",
    ]);
  });

  it.each(cases)("%s is rejected with its file and pointer", (name, brokenCase) => {
    const dir = path.join(root, name);
    copyBase(dir);
    for (const step of brokenCase.steps) applyStep(dir, step);
    let caught: unknown;
    try {
      loadSpec(dir, { pkg: PKG });
    } catch (error) {
      caught = error;
    }
    expect(caught, brokenCase.description).toBeInstanceOf(SpecError);
    const error = caught as SpecError;
    const label = displayPath(dir);
    for (const expected of brokenCase.expect) {
      const file = `${label}/${expected.file}`;
      const match = error.issues.find(
        (issue) => issue.file === file && issue.pointer === expected.pointer && issue.message.includes(expected.message),
      );
      expect(match, `expected ${file}#${expected.pointer}: …${expected.message}… among\n${error.message}`).toBeDefined();
      if (match !== undefined) expect(error.message).toContain(formatIssue(match));
    }
  });
});

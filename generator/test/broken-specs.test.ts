/**
 * Every case in `fixtures/broken/` edits a copy of part of the CLS spec (service, errors, the three
 * export actions and `ExportInfo`: small enough to load fast, real enough to matter) and names the
 * issue(s) it must cause. Adding a case needs no test code.
 */
import { copyFileSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSpec } from "../src/load/load-spec.js";
import { displayPath } from "../src/load/display-path.js";
import { formatIssue, SpecError } from "../src/load/spec-issue.js";
import { removeAt, setAt } from "./helpers/json-pointer.js";
import { CLS_SPEC, copy, makeTempDir, removeTempDir } from "./helpers/temp-dir.js";

type Step =
  | { readonly in: string; readonly set: string; readonly value: unknown }
  | { readonly in: string; readonly remove: string }
  | { readonly copy: string; readonly to: string }
  | { readonly write: string; readonly text: string }
  | { readonly delete: string };

interface BrokenCase {
  readonly description: string;
  readonly steps: readonly Step[];
  readonly expect: readonly { readonly file: string; readonly pointer: string; readonly message: string }[];
}

const CASES_DIR = new URL("./fixtures/broken/", import.meta.url);
const cases = readdirSync(CASES_DIR)
  .filter((name) => name.endsWith(".json"))
  .sort()
  .map((name) => [name.replace(/\.json$/, ""), JSON.parse(readFileSync(new URL(name, CASES_DIR), "utf8")) as BrokenCase] as const);

const PKG = { name: "@tcsdk/cls", version: "0.0.0" };
const root = makeTempDir("broken");
afterAll(() => removeTempDir(root));

/** The files of the CLS spec the cases start from. */
const BASE_FILES = ["service.json", "errors.json", "actions/CreateExport.json", "actions/DeleteExport.json", "actions/DescribeExports.json", "shapes/ExportInfo.json"];

function copyBase(dir: string): void {
  for (const file of BASE_FILES) copy(path.join(CLS_SPEC, file), path.join(dir, file));
}

function applyStep(dir: string, step: Step): void {
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

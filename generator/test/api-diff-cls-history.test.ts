/**
 * A real model update: Tencent's CLS model of 2023-08-21 against the one of 2024-04-11, through
 * `tcsdk-api-diff --models` (each model imported into a temporary folder). What the diff must find is
 * counted from the two files directly, independently of the importer and the diff; the report is a
 * golden a reviewer reads.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { PackageDiff } from "../src/diff/api-change.js";
import { runApiDiff } from "../src/cli/run-api-diff.js";
import { REPO_ROOT } from "./helpers/temp-dir.js";

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/model-history/${name}`, import.meta.url));
const OLD = fixture("cls-2020-10-16.intl-en.2023-08-21-7a50a92c.api.json");
const NEW = fixture("cls-2020-10-16.intl-en.2024-04-11-968d163a.api.json");
const REPORT = fixture("cls-2023-08-21-to-2024-04-11.report.md");

interface RawModel {
  actions: Record<string, { input: string }>;
  objects: Record<string, { members: { name: string; required?: boolean }[] }>;
}

function run(...args: string[]): { code: number; out: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runApiDiff(args, { out: (line) => out.push(line), err: (line) => err.push(line), cwd: REPO_ROOT });
  expect(err).toEqual([]);
  return { code, out: out.join("\n") };
}

/** What changed in the requests of actions both models have, read from the files themselves. */
function requestChanges(): { actionsAdded: string[]; parametersAdded: string[]; nowRequired: string[]; noLongerRequired: string[] } {
  const before = JSON.parse(readFileSync(OLD, "utf8")) as RawModel;
  const after = JSON.parse(readFileSync(NEW, "utf8")) as RawModel;
  const result = {
    actionsAdded: [] as string[],
    parametersAdded: [] as string[],
    nowRequired: [] as string[],
    noLongerRequired: [] as string[],
  };
  for (const [name, action] of Object.entries(after.actions)) {
    const was = before.actions[name];
    if (was === undefined) {
      result.actionsAdded.push(name);
      continue;
    }
    const oldMembers = before.objects[was.input]?.members ?? [];
    for (const member of after.objects[action.input]?.members ?? []) {
      const old = oldMembers.find((candidate) => candidate.name === member.name);
      if (old === undefined) result.parametersAdded.push(`${name}.${member.name}`);
      else if (old.required !== true && member.required === true) result.nowRequired.push(`${name}.${member.name}`);
      else if (old.required === true && member.required !== true) result.noLongerRequired.push(`${name}.${member.name}`);
    }
  }
  return result;
}

describe("pnpm api-diff --models on CLS 2023-08-21 → 2024-04-11", () => {
  const { code, out } = run("--models", OLD, NEW, "--json");
  const diff = (JSON.parse(out) as { packages: PackageDiff[] }).packages[0] as PackageDiff;
  const expected = requestChanges();
  const named = (kind: string): string[] =>
    diff.changes
      .filter((change) => change.kind === kind && change.subjectKind === "action")
      .map((change) => `${change.subject}.${/`([^`]+)`/.exec(change.detail)?.[1] ?? ""}`)
      .sort();

  it("reports @tcsdk/cls with a major bump", () => {
    expect(code).toBe(0);
    expect(diff.package).toBe("@tcsdk/cls");
    expect(diff.bump).toBe("major");
  });

  it("reports the 15 added actions as minor", () => {
    const added = diff.changes.filter((change) => change.kind === "action-added");
    expect(added.map((change) => change.subject).sort()).toEqual(expected.actionsAdded.sort());
    expect(added).toHaveLength(15);
    expect(added.every((change) => change.bump === "minor")).toBe(true);
  });

  it("reports the 26 request parameters added to existing actions as minor", () => {
    expect(named("parameter-added")).toEqual(expected.parametersAdded.sort());
    expect(expected.parametersAdded).toHaveLength(26);
    expect(diff.changes.filter((change) => change.kind === "parameter-added").every((change) => change.bump === "minor")).toBe(true);
  });

  it("reports the parameter that became required as major, and the two that stopped being required as minor", () => {
    expect(named("parameter-required")).toEqual(expected.nowRequired.sort());
    expect(named("parameter-required")).toEqual(["CreateKafkaRecharge.LogRechargeRule"]);
    expect(named("parameter-optional")).toEqual(expected.noLongerRequired.sort());
    expect(named("parameter-optional")).toEqual(["CreateAlarm.Condition", "CreateAlarmNotice.Type"]);
    const flags = diff.changes.filter((change) => change.kind === "parameter-required" || change.kind === "parameter-optional");
    expect(flags.map((change) => change.bump)).toEqual(["minor", "minor", "major"]);
  });

  it("reports the 12 added types as minor", () => {
    expect(diff.changes.filter((change) => change.kind === "shape-added")).toHaveLength(12);
  });

  it("prints the report its golden holds (read it: it is what a pull request shows)", () => {
    const report = run("--models", OLD, NEW);
    expect(report.code).toBe(0);
    if (process.env["UPDATE_GOLDENS"] === "1") writeFileSync(REPORT, `${report.out}\n`);
    expect(`${report.out}\n`).toBe(readFileSync(REPORT, "utf8"));
    expect(report.out).toContain("- minor: new optional parameter `SyntaxRule` (`actions/CreateExport.json#/input/7`)");
    expect(report.out).toContain(
      "- major: parameter `LogRechargeRule` is now required (`actions/CreateKafkaRecharge.json#/input/5/required`)",
    );
  });
});

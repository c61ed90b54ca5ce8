/**
 * `pnpm api-diff --since <ref>`: the specs a git ref holds against the working tree, in a temporary
 * repository holding the STS spec.
 */
import { execFileSync } from "node:child_process";
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { PackageDiff } from "../src/diff/api-change.js";
import { runApiDiff } from "../src/cli/run-api-diff.js";
import { makeTempDir, REPO_ROOT, removeTempDir } from "./helpers/temp-dir.js";

const root = makeTempDir("api-diff-since");
afterAll(() => removeTempDir(root));
for (const file of ["pnpm-workspace.yaml", "specs/sts", "packages/sts/package.json"]) {
  cpSync(path.join(REPO_ROOT, file), path.join(root, file), { recursive: true });
}
const git = (...args: string[]): string =>
  execFileSync("git", ["-c", "user.name=test", "-c", "user.email=test@localhost", ...args], { cwd: root, encoding: "utf8" });
git("init", "--quiet");
git("add", "--all");
git("commit", "--quiet", "-m", "STS as it was");

function diffSince(ref: string): PackageDiff[] {
  const out: string[] = [];
  const err: string[] = [];
  const code = runApiDiff(["--since", ref, "--json"], { out: (line) => out.push(line), err: (line) => err.push(line), cwd: root });
  expect(err).toEqual([]);
  expect(code).toBe(0);
  return (JSON.parse(out.join("\n")) as { packages: PackageDiff[] }).packages;
}

describe("pnpm api-diff --since HEAD", () => {
  it("reports no change while the working tree is as committed", () => {
    expect(diffSince("HEAD").map((diff) => [diff.package, diff.bump])).toEqual([["@tcsdk/sts", undefined]]);
  });

  it("reports what the working tree changed since the ref: an action removed, a parameter added", () => {
    const actions = path.join(root, "specs/sts/2018-08-13/actions");
    rmSync(path.join(actions, "GetCallerIdentity.json"));
    const file = path.join(actions, "AssumeRole.json");
    const action = JSON.parse(readFileSync(file, "utf8")) as { input: unknown[] };
    action.input.push({ name: "SessionTags", type: "string", required: false, docs: "Tags of the session." });
    writeFileSync(file, JSON.stringify(action, null, 2));
    const [diff] = diffSince("HEAD");
    expect(diff?.bump).toBe("major");
    expect(diff?.changes.map((change) => [change.bump, change.message])).toEqual([
      ["minor", "`AssumeRole`: new optional parameter `SessionTags`"],
      ["major", "`GetCallerIdentity`: action removed"],
    ]);
  });
});

/**
 * The CI gate (`pnpm api-diff:check`, run by `.ci/run`) on a temporary copy of the repository's Region
 * and STS specs and packages, never released, with a first-release changeset of its own: a first
 * release needs a minor changeset; after a recorded release, a spec change without a changeset fails,
 * a changeset asking for less fails, and the changeset the tool writes passes; a version that was not
 * recorded fails.
 */
import { spawnSync } from "node:child_process";
import { cpSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runApiDiff } from "../src/cli/run-api-diff.js";
import { GENERATOR_DIR, makeTempDir, REPO_ROOT, removeTempDir } from "./helpers/temp-dir.js";

const root = makeTempDir("api-diff-gate");
afterAll(() => removeTempDir(root));
for (const file of [
  "pnpm-workspace.yaml",
  "package.json",
  ".changeset/README.md",
  "specs/region",
  "specs/sts",
  "packages/region/package.json",
  "packages/sts/package.json",
]) {
  cpSync(path.join(REPO_ROOT, file), path.join(root, file), { recursive: true });
}

function run(...args: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runApiDiff(args, { out: (line) => out.push(line), err: (line) => err.push(line), cwd: root });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const file = (relative: string): string => path.join(root, relative);
const edit = (relative: string, change: (document: Record<string, unknown>) => void): void => {
  const document = JSON.parse(readFileSync(file(relative), "utf8")) as Record<string, unknown>;
  change(document);
  writeFileSync(file(relative), JSON.stringify(document, null, 2));
};
const setVersion = (service: string, version: string): void =>
  edit(`packages/${service}/package.json`, (pkg) => {
    pkg["version"] = version;
  });
const pendingChangesets = (): string[] => readdirSync(file(".changeset")).filter((name) => name.endsWith(".md") && name !== "README.md");

// never released, whatever the repository's state: version 0.0.0 and the first release's changeset pending
setVersion("region", "0.0.0");
setVersion("sts", "0.0.0");
writeFileSync(file(".changeset/first-release.md"), '---\n"@tcsdk/region": minor\n"@tcsdk/sts": minor\n---\n\nFirst release.\n');

describe("the API gate on a copy of the repository", () => {
  it("is what .ci/run runs, right after the drift check", () => {
    const ci = readFileSync(path.join(REPO_ROOT, ".ci/run"), "utf8");
    expect(ci).toMatch(/pnpm run generate:check\n[\s\S]*?pnpm run api-diff:check\n/);
    const scripts = (JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
    expect(scripts["api-diff:check"]).toMatch(/node generator\/bin\/tcsdk-api-diff\.js --check$/);
    expect(scripts["version-packages"]).toMatch(/^changeset version && .*tcsdk-api-diff\.js --record-release$/);
  });

  it("passes never-released packages whose pending changesets ask for a minor", () => {
    const gate = run("--check");
    expect(gate.err).toBe("");
    expect(gate.out).toContain("@tcsdk/region: first release, needs minor; the pending changesets ask for minor: ok");
    expect(gate.code).toBe(0);
  });

  it("fails a never-released package without a changeset", () => {
    const saved = file("saved-changesets");
    cpSync(file(".changeset"), saved, { recursive: true });
    for (const name of pendingChangesets()) rmSync(file(`.changeset/${name}`));
    const gate = run("--check");
    expect(gate.code).toBe(1);
    expect(gate.err).toContain(
      "@tcsdk/region: its API changed since nothing was released (a first release is at least minor) and needs a minor changeset, but none is pending",
    );
    rmSync(file(".changeset"), { recursive: true });
    cpSync(saved, file(".changeset"), { recursive: true });
  });

  it("after a release is recorded, passes while the specs are as released", () => {
    for (const name of pendingChangesets()) rmSync(file(`.changeset/${name}`));
    setVersion("region", "0.1.0");
    setVersion("sts", "0.1.0");
    const recorded = run("--record-release");
    expect(recorded.out.split("\n")).toEqual(["recorded specs/released/region.json", "recorded specs/released/sts.json"]);
    const gate = run("--check");
    expect(gate.out).toContain("@tcsdk/region: no API change since the last release: ok");
    expect(gate.code).toBe(0);
  });

  it("fails a spec change without a changeset, with the process's exit code", () => {
    edit("specs/region/2022-06-27/actions/DescribeZones.json", (action) => {
      const scene = (action["input"] as { name: string; required: boolean }[]).find((member) => member.name === "Scene");
      if (scene === undefined) throw new Error("DescribeZones has no Scene parameter");
      scene.required = true;
    });
    const gate = spawnSync(process.execPath, [path.join(GENERATOR_DIR, "bin/tcsdk-api-diff.js"), "--check"], {
      cwd: root,
      encoding: "utf8",
    });
    expect(gate.stderr).toContain(
      "@tcsdk/region: its API changed since release 0.1.0 and needs a major changeset, but none is pending (e.g. `DescribeZones`: parameter `Scene` is now required)",
    );
    expect(gate.stdout).toContain("@tcsdk/sts: no API change since the last release: ok");
    expect(gate.status).toBe(1);
  });

  it("fails when the pending changesets ask for less than the change needs", () => {
    writeFileSync(file(".changeset/region-scene.md"), '---\n"@tcsdk/region": patch\n---\n\nScene.\n');
    const gate = run("--check");
    expect(gate.err).toContain("needs a major changeset, but the pending ones ask for patch");
    expect(gate.code).toBe(1);
    rmSync(file(".changeset/region-scene.md"));
  });

  it("passes with the changeset the tool writes, which says what changed", () => {
    const written = run("--since-release", "--write-changesets");
    expect(written.code).toBe(0);
    const [changeset] = pendingChangesets();
    expect(pendingChangesets()).toHaveLength(1);
    expect(written.out).toContain(`wrote .changeset/${changeset}`);
    const text = readFileSync(file(`.changeset/${changeset}`), "utf8");
    expect(text).toMatch(/^---\n"@tcsdk\/region": major\n---\n/);
    expect(text).toContain("- `DescribeZones`: parameter `Scene` is now required");
    const gate = run("--check");
    expect(gate.out).toContain("@tcsdk/region: API changed since the last release, needs major; the pending changesets ask for major: ok");
    expect(gate.code).toBe(0);
  });

  it("fails a version that was not recorded (changeset version run without version-packages)", () => {
    setVersion("sts", "0.2.0");
    const gate = run("--check");
    expect(gate.err).toContain("@tcsdk/sts: package.json says 0.2.0 but specs/released/sts.json records 0.1.0");
    expect(gate.code).toBe(1);
  });
});

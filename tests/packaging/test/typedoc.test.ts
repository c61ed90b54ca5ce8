/**
 * The reference site builds with zero warnings and zero errors: typedoc with the repo's own
 * `typedoc.json` (every package, `treatWarningsAsErrors`, full validation), written to a temp folder.
 */
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { inflateSync } from "node:zlib";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCommand } from "./support/run-command.js";
import { REPO_ROOT } from "./support/workspace.js";

describe("typedoc", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it("documents every package with zero warnings and zero errors", async () => {
    const out = await mkdtemp(path.join(tmpdir(), "tcsdk-typedoc-"));
    dirs.push(out);
    const typedoc = path.join(REPO_ROOT, "node_modules", "typedoc", "bin", "typedoc");

    const result = await runCommand(process.execPath, [typedoc, "--out", out, "--logLevel", "Info"], {
      cwd: REPO_ROOT,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
      timeoutMs: 300_000,
    });

    const output = `${result.stdout}${result.stderr}`;
    expect(output.split("\n").filter((line) => /\[(warning|error)\]/.test(line))).toEqual([]);
    expect(result.code, output).toBe(0);
    const packages = (await readdir(path.join(REPO_ROOT, "packages"))).sort();
    expect(packages.length).toBeGreaterThanOrEqual(9);
    for (const page of [
      "index.html",
      ...packages.map((name) => `modules/_tcsdk_${name}.html`),
      "classes/_tcsdk_cls.ClsClient.html",
      "classes/_tcsdk_cvm.CvmClient.html",
    ]) {
      expect(existsSync(path.join(out, page)), page).toBe(true);
    }

    // the site's search index (deflated JSON, base64) finds every action by name, in its package
    const script = await readFile(path.join(out, "assets", "search.js"), "utf8");
    const index = JSON.parse(
      inflateSync(Buffer.from(script.slice(script.indexOf('"') + 1, script.lastIndexOf('"')), "base64")).toString("utf8"),
    ) as {
      rows: { name: string; parent?: string }[];
    };
    const found = (name: string): string[] => index.rows.filter((row) => row.name === name).map((row) => row.parent ?? "");
    expect(found("DescribeInstancesRequest")).toEqual(["@tcsdk/cvm"]);
    expect(found("CreateExportRequest")).toEqual(["@tcsdk/cls"]);
    expect(found("AssumeRoleWithWebIdentityRequest")).toEqual(["@tcsdk/sts"]);
    expect(found("fromAssumeRole")).toEqual(["@tcsdk/credential-providers"]);
  });
});

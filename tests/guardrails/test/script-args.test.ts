/**
 * The bench scripts read their options as `pnpm bench -- …` passes them (pnpm hands its `--` on to
 * the script), and a wrong option is a one-line message with exit code 2, before anything is measured.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const BENCH = fileURLToPath(new URL("../../../bench/", import.meta.url));

function run(script: string, args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const { status, stdout, stderr } = spawnSync(process.execPath, [path.join(BENCH, script), ...args], {
    encoding: "utf8",
    timeout: 30_000,
  });
  return { status, stdout, stderr };
}

describe("the bench scripts' command lines", () => {
  it.each(["bench.mjs", "scale.mjs", "services.mjs", "download-1gb.mjs"])("%s reads --help after pnpm's --", (script) => {
    const { status, stdout } = run(script, ["--", "--help"]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^usage: node /i);
  });

  it.each([
    ["bench.mjs", ["--", "--rounds", "0"], '--rounds wants an integer ≥ 1, not "0"'],
    ["bench.mjs", ["--cold-rounds", "many"], '--cold-rounds wants an integer ≥ 1, not "many"'],
    ["bench.mjs", ["--skip-dowload"], "Unknown option '--skip-dowload'"],
    ["scale.mjs", ["--generate-runs", "1.5"], '--generate-runs wants an integer ≥ 1, not "1.5"'],
    ["services.mjs", ["--", "--rounds", "-3"], "--rounds"],
  ])("%s refuses %j before measuring anything", (script, args, message) => {
    const { status, stdout, stderr } = run(script, args);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.split("\n")[0]).toContain(message);
    expect(stderr).toMatch(/\nusage: node bench\//);
  });
});

/**
 * `tcsdk-import` from the command line (`pnpm import-model …`): a `--` that pnpm passes on is not
 * read as the end of the options, and a service that cannot be imported is a one-line message naming
 * the ones that can, not a stack trace.
 */
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runImport } from "../src/cli/run-import.js";
import { scriptArgs } from "../src/cli/script-args.js";
import { makeTempDir, removeTempDir } from "./helpers/temp-dir.js";

const DEMO_SPECS = fileURLToPath(new URL("./fixtures/import/demo/specs/", import.meta.url));
const work = makeTempDir("import-cli");
afterAll(() => removeTempDir(work));

/** A repository holding the demo import fixture; `versions` more overlay folders for the demo service. */
function repository(name: string, versions: readonly string[] = []): string {
  const root = path.join(work, name);
  cpSync(DEMO_SPECS, path.join(root, "specs"), { recursive: true });
  writeFileSync(path.join(root, "pnpm-workspace.yaml"), "packages: []\n");
  for (const version of versions) mkdirSync(path.join(root, "specs/overlays/demo", version));
  return root;
}

/** Runs the command in `cwd`; returns the exit code and the lines written. */
function run(args: readonly string[], cwd: string): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runImport(args, { out: (line) => out.push(line), err: (line) => err.push(line), cwd });
  return { code, out, err };
}

describe("scriptArgs", () => {
  it("drops only a leading --", () => {
    expect(scriptArgs(["--", "--check", "cls"])).toEqual(["--check", "cls"]);
    expect(scriptArgs(["cls", "--", "--x"])).toEqual(["cls", "--", "--x"]);
    expect(scriptArgs([])).toEqual([]);
  });
});

describe("tcsdk-import", () => {
  it("reads options after the -- that `pnpm import-model -- …` passes on", () => {
    const root = repository("separator");
    const help = run(["--", "--help"], root);
    expect(help.code).toBe(0);
    expect(help.out.join("\n")).toContain("tcsdk-import --all [--check]");
    expect(run(["--", "demo"], root)).toMatchObject({ code: 0, err: [] });
    const check = run(["--", "--check", "demo"], root);
    expect(check).toMatchObject({ code: 0, err: [] });
    expect(check.out[0]).toMatch(/^specs\/demo\/2024-01-01: up to date /);
  });

  it("names the importable services when asked for one without overlays", () => {
    const { code, err } = run(["nosuch"], repository("unknown"));
    expect(code).toBe(1);
    expect(err.join("\n")).toBe(
      "the spec has 1 issue(s):\n  specs/overlays/nosuch#: no such service (with overlays: demo); `pnpm new-service <service> <version>` adds one",
    );
  });

  it("asks for --version when a service has several", () => {
    const { code, err } = run(["demo"], repository("versions", ["2025-06-01"]));
    expect(code).toBe(1);
    expect(err.join("\n")).toContain("specs/overlays/demo#: 2 versions (2024-01-01, 2025-06-01): name one with --version");
  });
});

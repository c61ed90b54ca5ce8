/**
 * The committed `packages/cls` output equals what the specs produce. The CLI's check and repair are
 * shown on copies of the golden `mini` package (its spec, package.json, lib README and expected output),
 * which generate in a fraction of the time the whole CLS takes: `--check` fails (exit 1, naming the
 * file) when a generated file is edited or a stale one appears, and writing repairs both.
 */
import { spawnSync } from "node:child_process";
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../src/cli/run-cli.js";
import { generate } from "../src/generate.js";
import { isClean } from "../src/output/sync-output.js";
import { CLS_PACKAGE, CLS_SPEC, GENERATOR_DIR, copy, makeTempDir, removeTempDir } from "./helpers/temp-dir.js";

const work = makeTempDir("drift");
afterAll(() => removeTempDir(work));

const MINI = fileURLToPath(new URL("./fixtures/goldens/mini/", import.meta.url));
const MINI_SPEC = path.join(MINI, "spec");

/** A package as committed: the mini fixture's package.json and lib README with its expected output. */
function copyMiniPackage(name: string): string {
  const dir = path.join(work, name);
  copy(path.join(MINI, "expected"), dir);
  for (const entry of ["package.json", "src/lib/README.md"]) copy(path.join(MINI, entry), path.join(dir, entry));
  return dir;
}

function cli(args: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(args, { out: (line) => out.push(line), err: (line) => err.push(line), cwd: work });
  return { code, out, err };
}

describe("drift check", () => {
  it("the committed packages/cls output equals what specs/cls/2020-10-16 produces", () => {
    const { diff } = generate({ specDir: CLS_SPEC, outDir: CLS_PACKAGE, check: true });
    expect(diff).toEqual({ changed: [], missing: [], stale: [] });
  });

  it("--check passes on an unmodified copy and writes nothing", () => {
    const dir = copyMiniPackage("clean");
    const before = readFileSync(path.join(dir, "src/generated/client.ts"), "utf8");
    const result = cli(["--spec", MINI_SPEC, "--out", dir, "--check"]);
    expect(result.err).toEqual([]);
    expect(result.code).toBe(0);
    expect(readFileSync(path.join(dir, "src/generated/client.ts"), "utf8")).toBe(before);
  });

  it("--check exits 1 and names an edited file and a stale file", () => {
    const dir = copyMiniPackage("edited");
    const edited = path.join(dir, "src/generated/types/put-items.ts");
    appendFileSync(edited, "// a hand edit\n");
    writeFileSync(path.join(dir, "src/generated/leftover.ts"), "export {};\n");
    const result = cli(["--spec", MINI_SPEC, "--out", dir, "--check"]);
    expect(result.code).toBe(1);
    const text = result.err.join("\n");
    expect(text).toContain("changed: src/generated/types/put-items.ts");
    expect(text).toContain("stale: src/generated/leftover.ts");
    expect(readFileSync(edited, "utf8")).toContain("// a hand edit");
  });

  it("writing repairs the copy: edited file restored, stale file removed", () => {
    const dir = copyMiniPackage("repaired");
    writeFileSync(path.join(dir, "src/generated/client.ts"), "broken\n");
    writeFileSync(path.join(dir, "src/generated/leftover.ts"), "export {};\n");
    expect(cli(["--spec", MINI_SPEC, "--out", dir]).code).toBe(0);
    expect(existsSync(path.join(dir, "src/generated/leftover.ts"))).toBe(false);
    expect(isClean(generate({ specDir: MINI_SPEC, outDir: dir, check: true }).diff)).toBe(true);
  });

  it("usage errors exit 2", () => {
    expect(cli(["--spec", MINI_SPEC]).code).toBe(2);
    expect(cli(["--bogus"]).code).toBe(2);
  });

  it("a broken spec exits 1 with file#pointer issues", () => {
    const spec = path.join(work, "broken-spec");
    copy(MINI_SPEC, spec);
    const file = path.join(spec, "actions/PutItems.json");
    writeFileSync(file, readFileSync(file, "utf8").replace('"rateLimit": 5', '"rateLimit": "fast"'));
    const result = cli(["--spec", spec, "--out", copyMiniPackage("for-broken"), "--check"]);
    expect(result.code).toBe(1);
    expect(result.err.join("\n")).toMatch(/broken-spec\/actions\/PutItems\.json#\/rateLimit: must be number/);
  });

  const bin = path.join(GENERATOR_DIR, "bin/tcsdk-generate.js");
  it.skipIf(!existsSync(path.join(GENERATOR_DIR, "dist/cli.js")))("the built tcsdk-generate command exits 1 on drift", () => {
    const dir = copyMiniPackage("bin");
    appendFileSync(path.join(dir, "README.md"), "edited\n");
    const result = spawnSync(process.execPath, [bin, "--spec", MINI_SPEC, "--out", dir, "--check"], { encoding: "utf8", timeout: 30000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("changed: README.md");
  });
});

/**
 * Each check of `pnpm lint` (Biome's formatter and linter, dependency-cruiser's architecture rules) fails
 * when broken, with a message that names the file and the rule: proved on a copy of the repository's
 * tracked files, so the checkout is never touched.
 */
import { execFileSync, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const BIN = path.join(ROOT, "node_modules", ".bin");
let copy = "";

beforeAll(() => {
  copy = mkdtempSync(path.join(tmpdir(), "tcsdk-guardrails-"));
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" });
  const tar = spawnSync("tar", ["-cf", "-", "--null", "-T", "-"], { cwd: ROOT, input: files, maxBuffer: 1 << 30 });
  spawnSync("tar", ["-xf", "-"], { cwd: copy, input: tar.stdout, maxBuffer: 1 << 30 });
  // Biome reads .gitignore through git: make the copy a repository of its own
  execFileSync("git", ["init", "--quiet"], { cwd: copy });
  for (const folder of ["", ...workspaceFolders()]) mirrorNodeModules(path.join(folder, "node_modules"));
});
afterAll(() => rmSync(copy, { recursive: true, force: true }));

/** The workspace's package folders, e.g. `packages/core`, `tests/guardrails`. */
function workspaceFolders(): string[] {
  return ["packages", "tests", "examples"]
    .flatMap((group) => readdirSync(path.join(ROOT, group)).map((name) => path.join(group, name)))
    .concat(["generator", "bench"])
    .filter((folder) => existsSync(path.join(ROOT, folder, "node_modules")));
}

/**
 * Gives the copy the checkout's installed modules without copying them: each entry of a `node_modules`
 * folder becomes a link to the installed one, except links between workspace packages, which are
 * recreated as they are (relative), so that they lead to the copy's own packages.
 */
function mirrorNodeModules(folder: string): void {
  const from = path.join(ROOT, folder);
  const to = path.join(copy, folder);
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory() && entry.name.startsWith("@")) {
      mirrorNodeModules(path.join(folder, entry.name));
      continue;
    }
    const link = entry.isSymbolicLink() ? readlinkSync(source) : undefined;
    const inWorkspace =
      link !== undefined && !path.isAbsolute(link) && !path.resolve(from, link).includes(`${path.sep}node_modules${path.sep}`);
    symlinkSync(inWorkspace ? link : realpathSync(source), path.join(to, entry.name));
  }
}

/** Runs a tool of the root's node_modules in the copy; answers its exit code and output. */
function run(tool: string, args: readonly string[]): { code: number | null; output: string } {
  const result = spawnSync(path.join(BIN, tool), args, { cwd: copy, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

const biome = (): ReturnType<typeof run> => run("biome", ["ci", "--error-on-warnings", "--colors=off", "."]);
const depcruise = (): ReturnType<typeof run> =>
  run("depcruise", ["packages", "generator", "bench", "examples", "tests", "--config", ".dependency-cruiser.cjs"]);

/** Changes a file of the copy, runs `check`, and puts the file back. */
function broken<T>(file: string, change: (text: string) => string, check: () => T): T {
  const absolute = path.join(copy, file);
  const original = readFileSync(absolute, "utf8");
  writeFileSync(absolute, change(original));
  try {
    return check();
  } finally {
    writeFileSync(absolute, original);
  }
}

describe("pnpm lint on a copy of the repository", () => {
  it("passes as committed", () => {
    expect(biome().code).toBe(0);
    const deps = depcruise();
    expect(deps.output).toContain("no dependency violations found");
    expect(deps.code).toBe(0);
  });

  it("the formatter fails on a file that is not formatted, naming it", () => {
    const result = broken("packages/core/src/sleep.ts", (text) => `${text}export const  badlyFormatted = { a:1 }\n`, biome);
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/packages\/core\/src\/sleep\.ts format/);
  });

  it("the linter fails on a broken rule, naming it", () => {
    const result = broken(
      "packages/core/src/sleep.ts",
      (text) => `${text}export function looseEquals(a: unknown, b: unknown): boolean {\n  return a == b;\n}\n`,
      biome,
    );
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("lint/suspicious/noDoubleEquals");
  });

  it.each([
    ["core-knows-no-service", "packages/core/src/sleep.ts", 'import "../../cls/src/index.js";\n'],
    ["generated-code-uses-only-core", "packages/cls/src/generated/service.ts", 'import "../lib/export-logs.js";\n'],
    [
      "runtime-imports-no-test-bench-or-outside-code",
      "packages/cls/src/lib/export-errors.ts",
      'import "../../test/workflow/fixtures.js";\n',
    ],
    ["public-entry-points-only", "bench/scale.mjs", 'import "../packages/core/src/index.js";\n'],
    ["nothing-imports-the-generator", "packages/cls-emulator/src/clock.ts", 'import "../../../generator/src/index.js";\n'],
  ])("the dependency rules fail on a new arrow that breaks %s, naming the rule", (rule, file, line) => {
    const result = broken(file, (text) => `${line}${text}`, depcruise);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain(`error ${rule}:`);
  });

  it("the dependency rules fail on a cycle", () => {
    const result = broken("packages/core/src/internal/timer.ts", (text) => `import "../sleep.js";\n${text}`, depcruise);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("error no-circular:");
  });
});

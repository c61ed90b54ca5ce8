/**
 * Golden imports: each fixture in `fixtures/import/<name>/` holds a `specs/` tree (Tencent's files in
 * `specs/upstream/tencentcloud-api/`, overlays in `specs/overlays/`) and `expected/`, the spec folder the
 * import must write, file by file. The fixtures cover nested and recursive shapes, lists of structures,
 * 64-bit integers beyond 2^53, a deprecated member and an offline action, a China-only action with
 * Chinese text, a member an overlay takes from the China model, examples repaired, rebuilt from a GET
 * URL, missing or skipped. The imported spec then generates a package that compiles under strict tsc.
 * Run with `UPDATE_GOLDENS=1` to rewrite `expected/`. Adding a fixture needs no test code.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { generateFiles } from "../src/generate.js";
import { importModel } from "../src/import/import-model.js";
import { compileStrict, overLimits } from "./helpers/compile.js";
import { makeTempDir, removeTempDir } from "./helpers/temp-dir.js";

const FIXTURES = fileURLToPath(new URL("./fixtures/import/", import.meta.url));
const UPDATE = process.env["UPDATE_GOLDENS"] === "1";
const work = makeTempDir("import-goldens");
afterAll(() => removeTempDir(work));

function listFiles(dir: string, prefix = ""): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory() ? listFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
    )
    .sort();
}

describe.each(readdirSync(FIXTURES).sort())("import fixture %s", (name) => {
  const fixture = path.join(FIXTURES, name);
  const root = path.join(work, name);
  cpSync(path.join(fixture, "specs"), path.join(root, "specs"), { recursive: true });
  const service =
    readdirSync(path.join(root, "specs", "overlays"), { withFileTypes: true }).find((entry) => entry.isDirectory())?.name ?? "";
  const result = importModel({ root, service });
  const specDir = path.join(root, result.specDir);
  const expectedDir = path.join(fixture, "expected");
  if (UPDATE) {
    rmSync(expectedDir, { recursive: true, force: true });
    cpSync(specDir, expectedDir, { recursive: true });
  }

  it("writes exactly the expected files", () => {
    expect(listFiles(specDir)).toEqual(listFiles(expectedDir));
  });

  it.each(listFiles(expectedDir).map((file) => [file] as const))("%s matches its golden", (file) => {
    expect(readFileSync(path.join(specDir, file), "utf8")).toBe(readFileSync(path.join(expectedDir, file), "utf8"));
  });

  it("is byte-identical when imported again, and --check then finds nothing to change", () => {
    const again = importModel({ root, service, check: true });
    expect(again.diff).toEqual({ changed: [], missing: [], stale: [] });
    expect(again.files).toEqual(result.files);
  });

  it("generates a package within the size limits that compiles under the strict tsconfig", () => {
    const pkg = path.join(root, "package");
    mkdirSync(pkg, { recursive: true });
    writeFileSync(path.join(pkg, "package.json"), JSON.stringify({ name: `@tcsdk/${service}`, version: "0.0.0", type: "module" }));
    const files = generateFiles(specDir, pkg);
    for (const file of files) {
      mkdirSync(path.dirname(path.join(pkg, file.path)), { recursive: true });
      writeFileSync(path.join(pkg, file.path), file.content);
    }
    expect(overLimits(files)).toEqual([]);
    expect(compileStrict(pkg, ["src"])).toEqual([]);
  });

  it("ships validators that run, through shapes that reach each other", async () => {
    const pkg = path.join(root, "package");
    const js = path.join(root, "js");
    for (const file of listFiles(path.join(pkg, "src", "generated", "validators"))) {
      const source = readFileSync(path.join(pkg, "src", "generated", "validators", file), "utf8");
      const target = path.join(js, file.replace(/\.ts$/, ".js"));
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(
        target,
        ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText,
      );
    }
    for (const check of runtimeChecks[name] ?? []) {
      const module = (await import(pathToFileURL(path.join(js, check.file)).href)) as Record<
        string,
        ((data: unknown) => boolean) & { errors?: unknown[] }
      >;
      const validate = module[check.exported];
      if (validate === undefined) throw new Error(`${check.file} exports no ${check.exported}`);
      expect(validate(check.input), JSON.stringify(validate.errors)).toBe(check.valid);
      if (!check.valid) expect(validate.errors?.[0]).toMatchObject(check.error ?? {});
    }
  });
});

/** What the compiled validators of each fixture must accept and refuse. */
const runtimeChecks: Record<string, readonly { file: string; exported: string; input: unknown; valid: boolean; error?: object }[]> = {
  demo: [
    {
      file: "create-thing.js",
      exported: "validateCreateThingInput",
      input: { Name: "a", Config: { Rules: [{ When: [{ Field: "f", Rule: { Children: [{ Limit: 1 }] } }] }] } },
      valid: true,
    },
    {
      file: "create-thing.js",
      exported: "validateCreateThingInput",
      input: { Name: "a", Config: { Rules: [{ When: [{ Field: "f", Rule: { Children: [{ Limit: "x" }] } }] }] } },
      valid: false,
      error: { instancePath: "/Config/Rules/0/When/0/Rule/Children/0/Limit", schemaPath: "Rule#/properties/Limit/type" },
    },
    {
      file: "create-thing.js",
      exported: "validateCreateThingInput",
      input: { Name: " " },
      valid: false,
      error: { instancePath: "/Name", keyword: "not" },
    },
  ],
};

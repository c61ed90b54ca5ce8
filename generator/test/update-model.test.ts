/**
 * `pnpm update-model` on a temporary repository holding the importer's `demo` fixture, imported and
 * generated: a newer model (one optional parameter more, one parameter made required) replaces the
 * upstream file and its README row and hash, is imported, regenerated, diffed, and gets a major
 * changeset; a model that drops a member an overlay names stops at the overlay's file#pointer and puts
 * the old files back.
 */
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runUpdateModel } from "../src/cli/run-update-model.js";
import { generate } from "../src/generate.js";
import { importModel } from "../src/import/import-model.js";
import { makeTempDir, removeTempDir } from "./helpers/temp-dir.js";

const DEMO_SPECS = fileURLToPath(new URL("./fixtures/import/demo/specs/", import.meta.url));
const UPSTREAM = "specs/upstream/tencentcloud-api";
const INTL = `${UPSTREAM}/demo-2024-01-01.intl-en.api.json`;
const CHINA = `${UPSTREAM}/demo-2024-01-01.cn.api.json`;
const root = makeTempDir("update-model");
afterAll(() => removeTempDir(root));

const file = (relative: string): string => path.join(root, relative);
const read = (relative: string): string => readFileSync(file(relative), "utf8");
const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");
type Model = { objects: Record<string, { members: { name: string; required?: boolean }[] }> };

/** A copy of a model of the repository, changed by `change`, written outside the repository's upstream folder. */
function changedModel(relative: string, name: string, change: (model: Model) => void): string {
  const model = JSON.parse(read(relative)) as Model;
  change(model);
  const target = file(`downloads/${name}`);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, JSON.stringify(model, null, 2));
  return target;
}

function run(...args: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runUpdateModel(args, { out: (line) => out.push(line), err: (line) => err.push(line), cwd: root });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

beforeAll(() => {
  writeFileSync(file("pnpm-workspace.yaml"), "packages:\n  - packages/*\n");
  cpSync(DEMO_SPECS, file("specs"), { recursive: true });
  writeFileSync(
    file(`${UPSTREAM}/README.md`),
    [
      "| file | what | source | count |",
      "|---|---|---|---|",
      "| `demo-2024-01-01.intl-en.api.json` | Demo model | `Tencent/demo` @ `aaaa` | 4 actions, 14 objects |",
      "",
      "```text",
      `${sha256(read(INTL))}  demo-2024-01-01.intl-en.api.json`,
      "```",
      "",
    ].join("\n"),
  );
  mkdirSync(file("packages/demo"), { recursive: true });
  writeFileSync(file("packages/demo/package.json"), JSON.stringify({ name: "@tcsdk/demo", version: "0.1.0" }));
  importModel({ root, service: "demo" });
  generate({ specDir: file("specs/demo/2024-01-01"), outDir: file("packages/demo") });
});

describe("pnpm update-model demo <a newer api.json>", () => {
  it("stops at the overlay that names a member the new model dropped, and puts the old files back", () => {
    const before = {
      intl: read(INTL),
      china: read(CHINA),
      readme: read(`${UPSTREAM}/README.md`),
      spec: read("specs/demo/2024-01-01/actions/CreateThing.json"),
    };
    const dropSize = (model: Model): void => {
      const request = model.objects["CreateThingRequest"];
      if (request !== undefined) request.members = request.members.filter((member) => member.name !== "Size");
    };
    const intl = changedModel(INTL, "without-size.intl.json", dropSize);
    const china = changedModel(CHINA, "without-size.cn.json", dropSize);
    const result = run("demo", intl, "--cn", china, "--source", "`Tencent/demo` @ `bbbb`");
    expect(result.err).toContain(
      "specs/overlays/demo/2024-01-01/actions/CreateThing.json#/input/Size: member Size is in neither model's CreateThingRequest",
    );
    expect(result.code).toBe(1);
    expect(read(INTL)).toBe(before.intl);
    expect(read(CHINA)).toBe(before.china);
    expect(read(`${UPSTREAM}/README.md`)).toBe(before.readme);
    expect(read("specs/demo/2024-01-01/actions/CreateThing.json")).toBe(before.spec);
    expect(readdirSync(root)).not.toContain(".changeset");
  });

  describe("with a model that adds an optional parameter and makes one required", () => {
    const newer = (): string =>
      changedModel(INTL, "api.json", (model) => {
        const request = model.objects["DescribeThingsRequest"];
        if (request === undefined) throw new Error("no DescribeThingsRequest");
        for (const member of request.members) if (member.name === "Limit") member.required = true;
        request.members.push({ name: "Order", type: "string", member: "string", document: "Sort order.", required: false } as never);
      });
    let result: { code: number; out: string; err: string };
    let model: string;
    beforeAll(() => {
      model = newer();
      result = run("demo", model, "--source", "`Tencent/demo` @ `cccc`", "--report", "report.md");
    });

    it("succeeds and copies the model over the old one", () => {
      expect(result.err).toBe("");
      expect(result.code).toBe(0);
      expect(result.out).toContain(`copied ${INTL}`);
      expect(read(INTL)).toBe(readFileSync(model, "utf8"));
    });

    it("updates the README's row and hash of the file", () => {
      const readme = read(`${UPSTREAM}/README.md`);
      expect(readme).toContain("| `demo-2024-01-01.intl-en.api.json` | Demo model | `Tencent/demo` @ `cccc` | 4 actions, 14 objects |");
      expect(readme).toContain(`${sha256(read(INTL))}  demo-2024-01-01.intl-en.api.json`);
    });

    it("re-imports the spec and regenerates the package", () => {
      const spec = JSON.parse(read("specs/demo/2024-01-01/actions/DescribeThings.json")) as {
        input: { name: string; required: boolean }[];
      };
      expect(spec.input.map((member) => [member.name, member.required])).toContainEqual(["Order", false]);
      expect(spec.input.map((member) => [member.name, member.required])).toContainEqual(["Limit", true]);
      expect(read("packages/demo/src/generated/types/describe-things.ts")).toMatch(/readonly Order\?: string/);
    });

    it("prints the diff and writes it to --report", () => {
      expect(result.out).toContain("## @tcsdk/demo: major");
      expect(result.out).toContain("- major: parameter `Limit` is now required (`actions/DescribeThings.json#/input/2/required`)");
      expect(result.out).toContain("- minor: new optional parameter `Order` (`actions/DescribeThings.json#/input/3`)");
      expect(read("report.md")).toContain("## @tcsdk/demo: major");
    });

    it("writes a major changeset for the package that says what changed", () => {
      const [changeset, ...others] = readdirSync(file(".changeset"));
      expect(others).toEqual([]);
      const text = read(`.changeset/${changeset}`);
      expect(text).toMatch(/^---\n"@tcsdk\/demo": major\n---\n/);
      expect(text).toContain("- `DescribeThings`: parameter `Limit` is now required");
      expect(text).toContain("- `DescribeThings`: new optional parameter `Order`");
      expect(result.out).toContain(`wrote .changeset/${changeset}`);
    });

    it("run again with the same model, changes nothing: no changeset, and the README keeps the source of the file", () => {
      const readme = read(`${UPSTREAM}/README.md`);
      const again = run("demo", model, "--source", "`Tencent/demo` @ `dddd`");
      expect(again.code).toBe(0);
      expect(read(`${UPSTREAM}/README.md`)).toBe(readme);
      expect(again.out).toContain("## @tcsdk/demo: no change");
      expect(readdirSync(file(".changeset"))).toHaveLength(1);
      expect(existsSync(file("packages/demo/src/generated/client.ts"))).toBe(true);
    });
  });
});

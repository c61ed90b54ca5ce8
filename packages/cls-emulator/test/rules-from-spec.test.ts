/**
 * The emulator checks requests with the spec's rules: its table (`src/generated/rules.ts`) is generated
 * from the same spec as the client's validators. Changing a rule in a copy of the spec and regenerating
 * changes what the emulator answers.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { readExportRequest, CREATE_EXPORT_PARAMETERS } from "../src/actions/create-export.js";
import type { ActionParameters } from "../src/actions/params.js";
import { ApiError } from "../src/api-error.js";
import { ACTION_RULES } from "../src/generated/rules.js";

const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const GENERATE = path.join(REPO, "generator", "bin", "tcsdk-generate.js");
const VALID = { TopicId: "t1", Query: "*", From: 0, To: 1000 };
const dir = mkdtempSync(path.join(tmpdir(), "tcsdk-emulator-rules-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function refusal(run: () => unknown): ApiError | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  return undefined;
}

describe("the emulator's checks come from the spec", () => {
  it("uses the generated table for every emulated action", () => {
    expect(CREATE_EXPORT_PARAMETERS).toBe(ACTION_RULES.CreateExport);
    expect(ACTION_RULES.CreateExport.Count.rules).toEqual({ minimum: 1, maximum: 50_000_000 });
    expect(refusal(() => readExportRequest({ ...VALID, Count: 50_000_001 }))?.message).toBe(
      "The parameter `Count` must be an integer from 1 to 50000000.",
    );
  });

  it("a lower Count maximum in a copy of the spec, regenerated, is what the emulator enforces", async () => {
    const spec = path.join(dir, "spec");
    cpSync(path.join(REPO, "specs", "cls", "2020-10-16"), spec, { recursive: true });
    const action = path.join(spec, "actions", "CreateExport.json");
    writeFileSync(action, readFileSync(action, "utf8").replace('"maximum": 50000000', '"maximum": 1000'));
    const pkg = path.join(dir, "emulator");
    cpSync(path.join(REPO, "packages", "cls-emulator", "package.json"), path.join(pkg, "package.json"));
    const manifest = JSON.parse(readFileSync(path.join(pkg, "package.json"), "utf8")) as { tcsdk: { rules: { spec: string } } };
    manifest.tcsdk.rules.spec = spec;
    writeFileSync(path.join(pkg, "package.json"), JSON.stringify(manifest));

    execFileSync(process.execPath, [GENERATE, "--rules", "--out", pkg], { encoding: "utf8" });
    const regenerated = (await import(path.join(pkg, "src", "generated", "rules.ts"))) as {
      ACTION_RULES: Record<string, ActionParameters>;
    };
    const parameters = regenerated.ACTION_RULES["CreateExport"] as ActionParameters;

    expect(parameters["Count"]?.rules).toEqual({ minimum: 1, maximum: 1000 });
    expect(refusal(() => readExportRequest({ ...VALID, Count: 1000 }, parameters))).toBeUndefined();
    const refused = refusal(() => readExportRequest({ ...VALID, Count: 1001 }, parameters));
    expect(refused?.code).toBe("InvalidParameter");
    expect(refused?.message).toBe("The parameter `Count` must be an integer from 1 to 1000.");
    // the committed table (the spec as it is) still takes 1001
    expect(refusal(() => readExportRequest({ ...VALID, Count: 1001 }))).toBeUndefined();
  });
});

// @ts-check
/**
 * Validation cost: core's `validateInput` (what `send` runs before anything else) with CLS's
 * generated CreateExport validator, on a valid input and on one that breaks a rule (an empty `Query`,
 * which throws a `TcValidationError` with its message). Both are internal modules, so they are bundled
 * from the sources with esbuild into a temporary file and imported; each figure is the median of
 * `rounds` timed loops, ns per call.
 * @module
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { median } from "./stats.mjs";
import { INPUT } from "./targets.mjs";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

const ENTRY = `
export { validateInput } from "./packages/core/src/internal/input-validation.ts";
export { operation } from "./packages/cls/src/generated/operations/create-export.ts";
`;

/**
 * @param {{ rounds: number, iterations: number }} options
 * @returns {Promise<{ validNs: number, invalidNs: number, invalidMessage: string }>}
 */
export async function validationCost({ rounds, iterations }) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tcsdk-bench-validation-"));
  try {
    const outfile = path.join(dir, "validation.mjs");
    await build({
      stdin: { contents: ENTRY, resolveDir: REPO, loader: "ts" },
      bundle: true,
      format: "esm",
      platform: "node",
      outfile,
      logLevel: "warning",
    });
    /** @type {{ validateInput: (operation: unknown, input: object, service: string) => void, operation: unknown }} */
    const { validateInput, operation } = await import(pathToFileURL(outfile).href);
    const invalid = { ...INPUT, Query: " " };
    let invalidMessage = "";
    const valid = () => validateInput(operation, INPUT, "cls");
    const refused = () => {
      try {
        validateInput(operation, invalid, "cls");
      } catch (error) {
        invalidMessage = error instanceof Error ? error.message : String(error);
        return;
      }
      throw new Error("the invalid input was accepted");
    };
    const time = (/** @type {() => void} */ run) => {
      const started = process.hrtime.bigint();
      for (let i = 0; i < iterations; i++) run();
      return Number(process.hrtime.bigint() - started) / iterations;
    };
    time(valid);
    time(refused);
    /** @type {number[]} */
    const validNs = [];
    /** @type {number[]} */
    const invalidNs = [];
    for (let round = 0; round < rounds; round++) {
      validNs.push(time(valid));
      invalidNs.push(time(refused));
    }
    return { validNs: median(validNs), invalidNs: median(invalidNs), invalidMessage };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

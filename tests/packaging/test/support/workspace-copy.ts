/**
 * A copy of the workspace as a fresh clone would have it: the files git tracks plus the untracked ones
 * it does not ignore (what `.ci/run` copies), without `node_modules`, `dist` or caches, committed in a
 * new git repository (changesets reads the commit that added each changeset and tags what it publishes).
 * @packageDocumentation
 */
import { existsSync } from "node:fs";
import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { runChecked } from "./run-command.js";

/** The workspace's files, relative to `source`, that exist on disk now (a tracked file deleted in the working tree is left out). */
export async function workspaceFiles(source: string): Promise<string[]> {
  const { stdout } = await runChecked("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: source,
    timeoutMs: 60_000,
  });
  const files = [...new Set(stdout.split("\0").filter((file) => file !== ""))];
  return files.filter((file) => existsSync(path.join(source, file)));
}

/** Copies the workspace at `source` into the empty or missing folder `destination` and commits it there. */
export async function copyWorkspace(source: string, destination: string): Promise<void> {
  const files = await workspaceFiles(source);
  const folders = new Set(files.map((file) => path.dirname(path.join(destination, file))));
  for (const folder of folders) await mkdir(folder, { recursive: true });
  const BATCH = 64;
  for (let start = 0; start < files.length; start += BATCH) {
    await Promise.all(
      files.slice(start, start + BATCH).map((file) => copyIfPresent(path.join(source, file), path.join(destination, file))),
    );
  }
  const git = (...args: string[]) => runChecked("git", args, { cwd: destination, timeoutMs: 120_000 });
  await git("init", "--quiet");
  await git("add", "--all");
  await git("-c", "user.name=release-test", "-c", "user.email=release-test@localhost", "commit", "--quiet", "--no-verify", "-m", "copy");
}

/** Copies `from` to `to`, unless `from` was removed since it was listed (a test running beside this one may delete its files). */
async function copyIfPresent(from: string, to: string): Promise<void> {
  try {
    await copyFile(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

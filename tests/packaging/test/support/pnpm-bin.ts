/**
 * Where the pinned pnpm is, for commands that must not go through `npx`: `npx` asks the configured
 * registry for pnpm on every call, and the release test points that at a local registry holding only
 * what it published. `changeset publish` also runs plain `pnpm`, which must then be on the PATH.
 * @packageDocumentation
 */
import path from "node:path";
import { npmEnv } from "./npm-env.js";
import { runChecked } from "./run-command.js";
import { PNPM, REPO_ROOT } from "./workspace.js";

/**
 * The folder holding the `pnpm` executable that `npx` runs for {@link PNPM}: from npx's cache when it is
 * there (`--prefer-offline`: no request), otherwise fetched once through the usual registry.
 */
export async function pnpmBinDir(): Promise<string> {
  const spec = PNPM[1];
  const { stdout } = await runChecked("npx", ["--yes", "--prefer-offline", "--package", spec, "--call", "command -v pnpm"], {
    cwd: REPO_ROOT,
    env: npmEnv(),
    timeoutMs: 180_000,
  });
  const bin = stdout.trim().split("\n").at(-1) ?? "";
  if (!path.isAbsolute(bin)) throw new Error(`npx ${spec}: no pnpm on its PATH (${stdout})`);
  return path.dirname(bin);
}

/** The store the workspace was installed from, so that a copy of it installs offline. */
export async function pnpmStorePath(binDir: string): Promise<string> {
  const { stdout } = await runChecked(path.join(binDir, "pnpm"), ["store", "path"], { cwd: REPO_ROOT, env: npmEnv(), timeoutMs: 60_000 });
  return stdout.trim();
}

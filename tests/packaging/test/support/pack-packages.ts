/**
 * Global setup of the packaging checks: packs every publishable package once with `pnpm pack` (which
 * rewrites `workspace:^` ranges to real versions, as `pnpm publish` does) into a temp folder outside
 * the workspace, hands the tarball paths to the test files, and removes them at the end.
 * @packageDocumentation
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import "./packed.js";
import { runChecked } from "./run-command.js";
import { PNPM, PUBLISHABLE, packageDir } from "./workspace.js";

/** Packs, provides `packed`, and returns the teardown. */
export default async function packPackages(project: TestProject): Promise<() => Promise<void>> {
  for (const pkg of PUBLISHABLE) {
    if (!existsSync(path.join(packageDir(pkg), "dist", "index.js"))) {
      throw new Error(`${pkg.name} is not built (no dist/index.js): run \`pnpm build\` first (\`pnpm test\` does)`);
    }
  }
  const dir = await mkdtemp(path.join(tmpdir(), "tcsdk-packed-"));
  const tarballs: Record<string, string> = {};
  // One destination per package, so each tarball is found without guessing pnpm's file naming.
  await Promise.all(
    PUBLISHABLE.map(async (pkg, index) => {
      const destination = path.join(dir, String(index));
      await mkdir(destination);
      await runChecked("npx", [...PNPM, "pack", "--pack-destination", destination], { cwd: packageDir(pkg), timeoutMs: 180_000 });
      const files = (await readdir(destination)).filter((file) => file.endsWith(".tgz"));
      if (files.length !== 1) throw new Error(`pnpm pack of ${pkg.name} left ${files.length} tarballs`);
      tarballs[pkg.name] = path.join(destination, files[0] as string);
    }),
  );
  project.provide("packed", { dir, tarballs });
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}

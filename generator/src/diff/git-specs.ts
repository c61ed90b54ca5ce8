/**
 * The specs as a git ref has them (`--since main`), extracted into a temporary folder.
 * @packageDocumentation
 */
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";

/** Extracts `specs/` at `ref` of the repository at `root` into `work/<ref-named folder>/specs`; returns that folder's root. */
export function specsAtRef(root: string, ref: string, work: string): string {
  const target = path.join(work, `at-${ref.replace(/[^A-Za-z0-9._-]/g, "_")}`);
  mkdirSync(target, { recursive: true });
  const archive = path.join(work, "specs.tar");
  execFileSync("git", ["archive", "--format=tar", `--output=${archive}`, ref, "--", "specs"], {
    cwd: root,
    stdio: ["ignore", "ignore", "pipe"],
  });
  execFileSync("tar", ["-xf", archive, "-C", target], { stdio: ["ignore", "ignore", "pipe"] });
  return target;
}

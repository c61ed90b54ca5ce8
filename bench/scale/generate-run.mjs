// @ts-check
/**
 * Run in its own process (`node generate-run.mjs <repo> <service> <version>`): generates the service's
 * package from scratch into a temporary copy of its `package.json` and `src/lib/README.md`, and prints
 * one JSON line `{ seconds, maxRssKiB, files }` (time from before the generator is imported to the last
 * file written; peak RSS as the kernel counts it).
 * @module
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [repo, service, version] = process.argv.slice(2);
if (repo === undefined || service === undefined || version === undefined)
  throw new Error("usage: node generate-run.mjs <repo> <service> <version>");
const out = mkdtempSync(path.join(tmpdir(), "tcsdk-generate-"));
try {
  const pkg = path.join(repo, "packages", service);
  cpSync(path.join(pkg, "package.json"), path.join(out, "package.json"));
  const libReadme = path.join(pkg, "src", "lib", "README.md");
  if (existsSync(libReadme)) {
    mkdirSync(path.join(out, "src", "lib"), { recursive: true });
    cpSync(libReadme, path.join(out, "src", "lib", "README.md"));
  }
  const started = performance.now();
  const { generate } = await import(pathToFileURL(path.join(repo, "generator", "dist", "index.js")).href);
  const { files } = generate({ specDir: path.join(repo, "specs", service, version), outDir: out });
  const seconds = (performance.now() - started) / 1000;
  console.log(JSON.stringify({ seconds, maxRssKiB: process.resourceUsage().maxRSS, files: files.length }));
} finally {
  rmSync(out, { recursive: true, force: true });
}

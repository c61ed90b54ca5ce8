/**
 * Formats generated files with the repository's Biome settings, so that generated and handwritten code
 * follow one style and a spec change shows as a small diff. Biome runs once per generation over a
 * staging folder (its native formatter: a few hundred milliseconds for a thousand files).
 * @packageDocumentation
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { GeneratedFile } from "../emit/generated-file.js";

/** The repository's Biome configuration: the formatting rules every file follows. */
export const DEFAULT_FORMAT_CONFIG = fileURLToPath(new URL("../../../biome.json", import.meta.url));

/** Files Biome formats; others (Markdown) are written as emitted. */
const FORMATTED = /\.(ts|json)$/;

/** The files with `.ts` and `.json` content formatted by Biome under the settings of `configFile`. */
export function formatFiles(files: readonly GeneratedFile[], configFile: string = DEFAULT_FORMAT_CONFIG): GeneratedFile[] {
  const stage = mkdtempSync(path.join(tmpdir(), "tcsdk-format-"));
  try {
    writeFileSync(path.join(stage, "biome.json"), JSON.stringify(stagingConfig(configFile)));
    const formatted = files.filter((file) => FORMATTED.test(file.path));
    for (const file of formatted) {
      const target = path.join(stage, file.path);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, file.content);
    }
    // run inside the staging folder: Biome formats only files under the folder of its configuration
    const run = spawnSync(process.execPath, [biomeBin(), "format", "--write", "--config-path=biome.json", "."], {
      cwd: stage,
      encoding: "utf8",
    });
    if (run.status !== 0) throw new Error(`biome format failed (exit ${run.status}):\n${run.stdout}${run.stderr}`);
    return files.map((file) =>
      FORMATTED.test(file.path) ? { path: file.path, content: readFileSync(path.join(stage, file.path), "utf8") } : file,
    );
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

/** The formatting settings of `configFile`, without what ties it to the repository (VCS, file lists). */
function stagingConfig(configFile: string): Record<string, unknown> {
  const {
    vcs: _vcs,
    files: _files,
    $schema: _schema,
    ...settings
  } = JSON.parse(readFileSync(configFile, "utf8")) as Record<string, unknown>;
  return settings;
}

function biomeBin(): string {
  return createRequire(import.meta.url).resolve("@biomejs/biome/bin/biome");
}

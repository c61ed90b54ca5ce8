/**
 * Type-checks a generated package with the repository's strict compiler options, resolving
 * `@tcsdk/core` to core's built declarations (or its sources when it is not built).
 */
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { REPO_ROOT } from "./temp-dir.js";

/** Core's entry point for type-checking. */
export function coreEntry(): string {
  const dist = path.join(REPO_ROOT, "packages/core/dist/index.d.ts");
  return existsSync(dist) ? dist : path.join(REPO_ROOT, "packages/core/src/index.ts");
}

/** Diagnostics of compiling `include` (relative to `dir`) under the strict base tsconfig, formatted. */
export function compileStrict(dir: string, include: readonly string[]): string[] {
  const config = {
    extends: path.join(REPO_ROOT, "tsconfig.base.json"),
    compilerOptions: { noEmit: true, rootDir: ".", paths: { "@tcsdk/core": [coreEntry()] } },
    include,
  };
  const configPath = path.join(dir, "tsconfig.json");
  writeFileSync(configPath, JSON.stringify(config, null, 2));
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
      },
    },
  );
  if (parsed === undefined) throw new Error(`cannot read ${configPath}`);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
    if (diagnostic.file === undefined || diagnostic.start === undefined) return text;
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return `${path.relative(dir, diagnostic.file.fileName)}:${line + 1}: ${text}`;
  });
}

/** Generated files over 1,000 lines or with a line over 200 characters, as `path:line (length)`. */
export function overLimits(files: readonly { readonly path: string; readonly content: string }[]): string[] {
  return files.flatMap((file) => {
    const lines = file.content.split("\n");
    const long = lines.length > 1000 ? [`${file.path}: ${lines.length} lines`] : [];
    const wide = lines.flatMap((line, index) => (line.length > 200 ? [`${file.path}:${index + 1} (${line.length})`] : []));
    return [...long, ...wide];
  });
}

// @ts-check
/**
 * The size of a generated package: files, lines, the longest file and line, the validators' share.
 * @module
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * @param {string} packageDir
 * @returns {{ files: number, lines: number, validatorLines: number, longestFile: { path: string, lines: number }, longestLine: { path: string, length: number } }}
 */
export function generatedSize(packageDir) {
  const files = [...walk(path.join(packageDir, "src", "generated")), path.join(packageDir, "README.md")];
  let lines = 0;
  let validatorLines = 0;
  let longestFile = { path: "", lines: 0 };
  let longestLine = { path: "", length: 0 };
  for (const file of files) {
    const text = readFileSync(file, "utf8").split("\n");
    const relative = path.relative(packageDir, file);
    lines += text.length;
    if (relative.includes(`${path.sep}validators${path.sep}`)) validatorLines += text.length;
    if (text.length > longestFile.lines) longestFile = { path: relative, lines: text.length };
    for (const line of text) if (line.length > longestLine.length) longestLine = { path: relative, length: line.length };
  }
  return { files: files.length, lines, validatorLines, longestFile, longestLine };
}

/** @param {string} dir @returns {string[]} */
function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

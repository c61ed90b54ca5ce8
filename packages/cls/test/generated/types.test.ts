/**
 * Type tests: compiles `type-cases.ts` with the package's strict tsconfig, once as written (every
 * `@ts-expect-error` must be used) and once with the directives removed, where each marked line must
 * fail with the expected error code and nothing else may fail.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const PACKAGE_DIR = fileURLToPath(new URL("../../", import.meta.url));
const CASES = fileURLToPath(new URL("./type-cases.ts", import.meta.url));
const DIRECTIVE = /\/\/ @ts-expect-error (TS\d+) (.*)$/;

function compile(text: string): ts.Diagnostic[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    path.join(PACKAGE_DIR, "tsconfig.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
      },
    },
  );
  if (parsed === undefined) throw new Error("cannot read tsconfig.json");
  const host = ts.createCompilerHost(parsed.options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (file) => (path.resolve(file) === CASES ? text : readFile(file));
  host.getSourceFile = (file, language, onError, create) =>
    path.resolve(file) === CASES ? ts.createSourceFile(file, text, language, true) : getSourceFile(file, language, onError, create);
  const program = ts.createProgram({ rootNames: [CASES], options: parsed.options, host });
  return [...ts.getPreEmitDiagnostics(program)].filter(
    (diagnostic) => diagnostic.file !== undefined && path.resolve(diagnostic.file.fileName) === CASES,
  );
}

function lineOf(diagnostic: ts.Diagnostic): number {
  return diagnostic.file?.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line ?? -1;
}

const source = readFileSync(CASES, "utf8");
const lines = source.split("\n");
const expectations = lines.flatMap((line, index) => {
  const match = DIRECTIVE.exec(line);
  return match === null ? [] : [{ line: index + 1, code: Number(match[1]?.slice(2)), why: match[2] ?? "" }];
});

describe("generated types", () => {
  it("has type cases to check", () => {
    expect(expectations.length).toBeGreaterThanOrEqual(10);
  });

  it("compiles as written: every @ts-expect-error is used", () => {
    const diagnostics = compile(source);
    expect(
      diagnostics.map((diagnostic) => `${lineOf(diagnostic) + 1}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, " ")}`),
    ).toEqual([]);
  });

  const stripped = lines.map((line) => line.replace(DIRECTIVE, "// (expectation removed)")).join("\n");
  const diagnostics = compile(stripped);

  it.each(expectations)("line $line fails with TS$code: $why", ({ line, code }) => {
    const onLine = diagnostics.filter((diagnostic) => lineOf(diagnostic) === line);
    expect(onLine.map((diagnostic) => diagnostic.code)).toContain(code);
  });

  it("nothing else fails", () => {
    const expectedLines = new Set(expectations.map((expectation) => expectation.line));
    const unexpected = diagnostics.filter((diagnostic) => !expectedLines.has(lineOf(diagnostic)));
    expect(unexpected.map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, " "))).toEqual([]);
  });
});

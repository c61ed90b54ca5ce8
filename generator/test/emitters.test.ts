/** Table tests of the small pieces: names, doc text, import planning, rules, the no-SQL pattern. */
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { createPrintProject, TsFile } from "../src/emit/ts-file.js";
import { DOC_LIMIT, DOC_WIDTH, safeDoc, tsLiteral, wrapDoc } from "../src/emit/tsdoc.js";
import { camelCase, kebabCase } from "../src/model/names.js";
import { describeRule, NO_SQL_PATTERN } from "../src/model/rule-text.js";
import { assertSelfContained, MAX_LINE, splitLine } from "../src/schema/standalone-code.js";
import { parseTypeName, typeName } from "../src/model/type-ref.js";

describe("names", () => {
  it.each([
    ["CreateExport", "createExport", "create-export"],
    ["DescribeExports", "describeExports", "describe-exports"],
    ["DescribeDLCDeliver", "describeDlcDeliver", "describe-dlc-deliver"],
    ["CreateCosRecharge", "createCosRecharge", "create-cos-recharge"],
    ["GetAlarmLog", "getAlarmLog", "get-alarm-log"],
    ["ModifyKafkaConsumer2", "modifyKafkaConsumer2", "modify-kafka-consumer-2"],
  ])("%s → %s, %s", (name, method, file) => {
    expect(camelCase(name)).toBe(method);
    expect(kebabCase(name)).toBe(file);
  });
});

describe("type names", () => {
  it.each(["string", "boolean", "integer", "int64", "uint64", "float", "ExportInfo", "string[]", "ExportInfo[]"])(
    "%s round-trips",
    (name) => {
      expect(typeName(parseTypeName(name))).toBe(name);
    },
  );
  it("marks 64-bit integers", () => {
    expect(parseTypeName("uint64")).toEqual({ kind: "integer", width: "uint64" });
    expect(parseTypeName("integer")).toEqual({ kind: "integer", width: undefined });
  });
});

describe("doc text", () => {
  it("escapes comment terminators and tag-like @", () => {
    expect(safeDoc("a */ b @param c foo@bar")).toBe("a *\\/ b \\@param c foo@bar");
  });
  it("wraps prose at 100; leaves short code, tags and tables as they are", () => {
    const long = Array.from({ length: 40 }, (_, index) => `word${index}`).join(" ");
    const short = "| a | b |\n| --- | --- |\n| 1 | 2 |";
    const wrapped = wrapDoc([long, "```ts", "const x = 1;", "```", "@example short", short].join("\n")).split("\n");
    expect(wrapped.slice(0, -7).every((line) => line.length <= DOC_WIDTH)).toBe(true);
    expect(wrapped.slice(-7)).toEqual(["```ts", "const x = 1;", "```", "@example short", ...short.split("\n")]);
  });
  it("keeps every line within the limit: long code at its spaces, a wide table as a list of rows", () => {
    const code = Array.from({ length: 60 }, (_, index) => `"GMT+${index}"`).join(" ");
    const cell = "a long description ".repeat(12).trim();
    const table = `| Field | Description |\n| --- | --- |\n| logs | ${cell} |\n| source | machine IP |`;
    const wrapped = wrapDoc(["```text", code, "```", table].join("\n")).split("\n");
    expect(wrapped.every((line) => line.length <= DOC_LIMIT)).toBe(true);
    expect(wrapped.join(" ").replace(/\s+/g, " ")).toContain(code);
    expect(wrapped).toContain("- Field · Description");
    expect(wrapped).toContain("- source · machine IP");
    expect(wrapped.some((line) => line.startsWith("- logs · a long description"))).toBe(true);
  });
  it("escapes braces and tags outside code, not inside", () => {
    expect(safeDoc("Format: {context ID}-{LogGroupID} `{x}` @see")).toBe("Format: \\{context ID\\}-\\{LogGroupID\\} `{x}` \\@see");
  });
  it("writes a long string of an example as a concatenation", () => {
    const text = "x".repeat(200);
    const literal = tsLiteral({ Data: text });
    expect(literal.split("\n").every((line) => line.length <= 100)).toBe(true);
    expect(runInNewContext(`(${literal})`)).toEqual({ Data: text });
  });
  it("renders examples as TypeScript literals", () => {
    expect(tsLiteral({ TopicId: "x", "Weird-Key": 1 })).toBe('{\n  TopicId: "x",\n  "Weird-Key": 1\n}');
  });
  it.each([
    [{ kind: "maximum", value: 100 } as const, "at most 100"],
    [{ kind: "enum", values: ["asc", "desc"] } as const, 'one of `"asc"`, `"desc"`'],
    [{ kind: "notAfter", other: "To" } as const, "not after `To`"],
  ])("describes %j", (rule, text) => {
    expect(describeRule(rule, { kind: "string" })).toBe(text);
  });
  it("describes nonEmpty by type: blank strings are empty too", () => {
    expect(describeRule({ kind: "nonEmpty" }, { kind: "string" })).toBe("not empty or blank (at least one non-whitespace character)");
    expect(describeRule({ kind: "nonEmpty" }, { kind: "list", items: { kind: "string" } })).toBe("not empty");
  });
});

describe("import planning", () => {
  it("derives sorted imports from used symbols, merging type and value uses", () => {
    const file = new TsFile("src/generated/errors/x.ts");
    file.use({ name: "TcServiceError", from: "@tcsdk/core", typeOnly: false });
    file.use({ name: "Int64", from: "@tcsdk/core", typeOnly: true });
    file.use({ name: "B", from: "src/generated/shapes/b.ts", typeOnly: true });
    file.use({ name: "A", from: "src/generated/errors/a.ts", typeOnly: true });
    file.use({ name: "Self", from: "src/generated/errors/x.ts", typeOnly: false });
    const { content } = file.render(createPrintProject(), "// header");
    expect(content).toBe(
      [
        "// header",
        "",
        'import { TcServiceError, type Int64 } from "@tcsdk/core";',
        'import type { B } from "../shapes/b.js";',
        'import type { A } from "./a.js";',
        "",
      ].join("\n"),
    );
  });
});

describe("validator self-containment check", () => {
  it.each([['const f = require("ajv/dist/runtime/ucs2length").default;'], ['import x from "y";'], ["export const validate = validate10;"]])(
    "rejects %s",
    (code) => {
      expect(() => assertSelfContained("X", `const a = 1;\n${code}\n`)).toThrow(/not self-contained/);
    },
  );
  it("accepts plain code", () => {
    expect(() => assertSelfContained("X", "function validate10(data) { return true; }\n")).not.toThrow();
  });
});

describe("long lines of AJV's code", () => {
  it("breaks after a comma or an operator, never inside a string", () => {
    const line = `if(${Array.from({ length: 12 }, (_, index) => `(key0 === "Parameter${index}")`).join(" || ")}){`;
    const pieces = splitLine(line, MAX_LINE);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.every((piece) => piece.length <= MAX_LINE)).toBe(true);
    expect(pieces.slice(0, -1).every((piece) => /(\|\||,)$/.test(piece))).toBe(true);
    expect(pieces.join(" ")).toBe(line);
  });
  it("cuts a string longer than the line into a concatenation, keeping escapes whole", () => {
    const text = `${"a".repeat(90)}\\u00e9${"b".repeat(150)}\\"`;
    const pieces = splitLine(`const x = "${text}";`, MAX_LINE);
    expect(pieces.every((piece) => piece.length <= MAX_LINE)).toBe(true);
    expect(
      runInNewContext(
        `(${pieces
          .join("\n")
          .replace(/^const x = /, "")
          .replace(/;$/, "")})`,
      ),
    ).toBe(JSON.parse(`"${text}"`));
  });
  it("leaves a short line alone", () => {
    expect(splitLine("return false;", MAX_LINE)).toEqual(["return false;"]);
  });
});

describe("no-SQL pattern", () => {
  const noSql = new RegExp(NO_SQL_PATTERN, "u");
  it.each([
    ["status:200", true],
    ['message:"a | b"', true],
    ["path:a\\|b", true],
    ["status:200 | select count(*)", false],
    ["*|select 1", false],
    ['"unterminated | x', false],
    ['"abc', false],
    ["abc\\", false],
    ["abc\\\\", true],
    ["", true],
  ])("%s → %s", (query, allowed) => {
    expect(noSql.test(query)).toBe(allowed);
  });
});

/**
 * AJV's standalone code for one validator, made into the body of a module a person can review: the
 * exports AJV adds removed, AJV's instance-wide names (`validate27`, `schema31`, `func4`, `pattern2`)
 * renumbered from 0 in each module (so a change in one schema renumbers nothing elsewhere), the schema
 * constants laid out as the spec files are (`jsonText`), and every line at most {@link MAX_LINE}
 * characters. The code is left as AJV prints it otherwise (no indentation), so that adding a parameter
 * adds its own lines only.
 * @packageDocumentation
 */
import type { Ajv, ValidateFunction } from "ajv";
import standaloneModule from "ajv/dist/standalone/index.js";
import { jsonText } from "../output/json-text.js";

/** Longest line of the printed code. */
export const MAX_LINE = 160;

/** What to print, and how. */
export interface StandaloneOptions {
  /** Names the validator in error messages, e.g. `CreateExport`. */
  readonly label: string;
  /** Name given to the validating function, e.g. `validateCreateExportInput`. */
  readonly functionName: string;
  /** With a shape's `Item#`: the schema paths of its errors start with it instead of `#`, as its in-process stand-in reports them. */
  readonly schemaRoot?: string;
}

/** AJV's names that number from a counter shared by the whole instance. */
const INSTANCE_NAME = /^(validate|schema|func|pattern|wrapper|root|formats)(\d+)$/;

/**
 * The standalone code of `validate`, compiled by `ajv`: declarations (schema constants, the shape
 * validators it calls taken in as `const func0 = validateItemShape;`, functions), the validating function
 * named `options.functionName`.
 */
export function standaloneCode(ajv: Ajv, validate: ValidateFunction, options: StandaloneOptions): string {
  const { label } = options;
  const raw = standaloneModule.default(ajv, validate);
  const exported = /^export const validate = (validate\d+);$/m.exec(raw);
  const main = exported?.[1];
  if (main === undefined) throw new Error(`${label}: unexpected AJV standalone output (no \`export const validate\`)`);
  let code = raw
    .replace(/^"use strict";\n/, "")
    .replace(`export const validate = ${main};\n`, "")
    .replace(`export default ${main};\n`, "");
  assertSelfContained(label, code);
  if (options.schemaRoot !== undefined) code = prefixSchemaPaths(label, code, options.schemaRoot);
  return pruneSchemaConstants(renumber(code, main, options.functionName))
    .replace(
      /^const (schema\d+) = (\{.*\});$/gm,
      (_line, name: string, json: string) => `const ${name} = ${jsonText(JSON.parse(json)).trimEnd()};`,
    )
    .split("\n")
    .flatMap((line) => splitLine(line, MAX_LINE))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** A reference to part of a schema constant: `schema0.properties.Order.enum`, `schema0.required`. */
const SCHEMA_REFERENCE = /\b(schema\d+)((?:\.[A-Za-z_$][\w$]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\])*)/g;

/**
 * Keeps of each schema constant AJV prints (the whole schema, as JSON) only what the code reads: the
 * arrays of `required` and `enum` it loops over or reports, and the property names it checks with
 * `hasOwnProperty` (the values under those names become `{}` unless read deeper). The rest repeats the
 * spec and only made each validator longer. A constant read any other way is kept whole.
 */
function pruneSchemaConstants(code: string): string {
  const constants = new Map<string, unknown>();
  for (const match of code.matchAll(/^const (schema\d+) = (\{.*\});$/gm)) constants.set(match[1] ?? "", JSON.parse(match[2] ?? "{}"));
  if (constants.size === 0) return code;
  const reads = new Map<string, { path: (string | number)[]; keysOnly: boolean }[]>();
  const whole = new Set<string>();
  mapOutsideStrings(code, (text) => {
    for (const match of text.matchAll(SCHEMA_REFERENCE)) {
      const name = match[1] ?? "";
      const accessors = match[2] ?? "";
      const index = match.index;
      if (!constants.has(name) || text.slice(index - 6, index) === "const ") continue;
      if (accessors === "") whole.add(name);
      const path = [...accessors.matchAll(/\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g)].map(
        (part) => part[1] ?? (part[2] !== undefined ? Number(part[2]) : (JSON.parse(part[3] ?? '""') as string)),
      );
      const keysOnly = /\.call\($/.test(text.slice(0, index)) && /^, key\d+\)/.test(text.slice(index + match[0].length));
      reads.set(name, [...(reads.get(name) ?? []), { path, keysOnly }]);
    }
    return text;
  });
  return code.replace(/^const (schema\d+) = (\{.*\});$/gm, (line, name: string) => {
    const value = constants.get(name);
    if (whole.has(name) || value === undefined) return line;
    const kept: Record<string, unknown> = {};
    for (const { path, keysOnly } of reads.get(name) ?? []) keep(kept, value, path, keysOnly);
    return `const ${name} = ${JSON.stringify(kept)};`;
  });
}

/** Copies into `target` what `source` holds at `path`: all of it, or (`keysOnly`) its keys with `{}` values. */
function keep(target: Record<string, unknown>, source: unknown, path: readonly (string | number)[], keysOnly: boolean): void {
  const [head, ...rest] = path;
  const value = (source as Record<string | number, unknown>)[head ?? ""];
  if (head === undefined) return;
  if (rest.length === 0) {
    if (!keysOnly) target[head] = value;
    else {
      const names = (target[head] ??= {}) as Record<string, unknown>;
      for (const key of Object.keys(value as object)) names[key] ??= {};
    }
    return;
  }
  const next = (target[head] ??= Array.isArray(value) ? [] : {}) as Record<string, unknown>;
  keep(next, value, rest, keysOnly);
}

/** Fails when the standalone code would import or export anything. */
export function assertSelfContained(label: string, code: string): void {
  const found = /\brequire\s*\(|^\s*import[\s{*]|^\s*export\s/m.exec(code);
  if (found !== null) {
    throw new Error(
      `${label}: the compiled validator is not self-contained (found ${JSON.stringify(found[0].trim())}); check the AJV options`,
    );
  }
}

/** Replaces the `#` that starts each error's schema path with `root`. */
function prefixSchemaPaths(label: string, code: string, root: string): string {
  const all = code.match(/schemaPath:/g)?.length ?? 0;
  let replaced = 0;
  const result = code.replace(/schemaPath:"#/g, () => {
    replaced++;
    return `schemaPath:${JSON.stringify(root).slice(0, -1)}`;
  });
  if (replaced !== all) throw new Error(`${label}: ${all - replaced} error schema path(s) not in the expected form`);
  return result;
}

/**
 * Renames AJV's instance-wide names outside string literals: `main` to `functionName`, the others in order
 * of first appearance, from 0 per prefix.
 */
function renumber(code: string, main: string, functionName: string): string {
  const names = new Map<string, string>([[main, functionName]]);
  const counters = new Map<string, number>();
  return mapOutsideStrings(code, (text) =>
    text.replace(/[A-Za-z_$][\w$]*/g, (word) => {
      const match = INSTANCE_NAME.exec(word);
      if (match === null) return word;
      let name = names.get(word);
      if (name === undefined) {
        const prefix = match[1] ?? "";
        const next = counters.get(prefix) ?? 0;
        counters.set(prefix, next + 1);
        name = `${prefix}${next}`;
        names.set(word, name);
      }
      return name;
    }),
  );
}

/** Applies `transform` to the stretches of `code` outside double-quoted string literals. */
function mapOutsideStrings(code: string, transform: (text: string) => string): string {
  let out = "";
  for (const token of tokens(code)) out += token.string ? token.text : transform(token.text);
  return out;
}

interface Token {
  readonly text: string;
  readonly string: boolean;
}

/** Splits code into double-quoted string literals (with their quotes) and the text between them. */
function tokens(code: string): Token[] {
  const result: Token[] = [];
  let start = 0;
  let index = 0;
  while (index < code.length) {
    const char = code[index];
    if (char === "'" || char === "`") throw new Error(`unexpected ${char} quote in AJV's code`);
    if (char !== '"') {
      index++;
      continue;
    }
    if (index > start) result.push({ text: code.slice(start, index), string: false });
    let end = index + 1;
    while (end < code.length && code[end] !== '"') end += code[end] === "\\" ? 2 : 1;
    result.push({ text: code.slice(index, end + 1), string: true });
    index = end + 1;
    start = index;
  }
  if (start < code.length) result.push({ text: code.slice(start), string: false });
  return result;
}

/**
 * Breaks a line longer than `max` after a `,`, `||` or `&&` outside strings (where JavaScript never
 * inserts a semicolon); a string literal longer than the line allows becomes a `+` concatenation of parts.
 */
export function splitLine(line: string, max: number): string[] {
  if (line.length <= max) return [line];
  const pieces: string[] = [];
  let current = "";
  /** Length of `current` up to its last break point (after a `,`, `||`, `&&` or `+`), or 0. */
  let breakAt = 0;
  for (const token of tokens(line).flatMap((item) => (item.string ? splitString(item.text, max) : breakable(item.text)))) {
    if (current.length + token.length > max && breakAt > 0) {
      pieces.push(current.slice(0, breakAt).trimEnd());
      current = current.slice(breakAt).trimStart();
      breakAt = 0;
    }
    current += token;
    if (/(,|\|\||&&|\+) ?$/.test(token)) breakAt = current.length;
  }
  pieces.push(current);
  if (pieces.some((piece) => piece.length > max))
    throw new Error(`cannot break a line of AJV's code under ${max} characters: ${line.slice(0, 120)}…`);
  return pieces;
}

/** Text between strings, cut after each `,`, `||` and `&&`. */
function breakable(text: string): string[] {
  return text.split(/(?<=,|\|\||&&)/);
}

/** A long string literal as `"part" + ` pieces, each cut where no escape sequence is split. */
function splitString(literal: string, max: number): string[] {
  const limit = Math.floor(max / 2);
  if (literal.length <= limit) return [literal];
  const body = literal.slice(1, -1);
  const parts: string[] = [];
  let start = 0;
  while (start < body.length) {
    let end = Math.min(start + limit, body.length);
    // Neither an escape sequence nor a surrogate pair (an emoji) may be cut in two.
    while (end < body.length && (escapeEndsAfter(body, start, end) || isHighSurrogate(body.charCodeAt(end - 1)))) end++;
    parts.push(`"${body.slice(start, end)}"`);
    start = end;
  }
  return parts.map((part, index) => (index < parts.length - 1 ? `${part} + ` : part));
}

/** Whether a UTF-16 code unit is the first half of a surrogate pair. */
export function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Whether cutting `body` at `end` would split an escape sequence that starts at or after `start`. */
function escapeEndsAfter(body: string, start: number, end: number): boolean {
  let index = start;
  while (index < end) {
    if (body[index] !== "\\") {
      index++;
      continue;
    }
    const length = body[index + 1] === "u" ? 6 : 2;
    if (index + length > end) return true;
    index += length;
  }
  return false;
}

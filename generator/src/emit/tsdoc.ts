/**
 * TSDoc text taken from the spec: descriptions, rules, defaults, units and examples.
 * @packageDocumentation
 */
import { describeRule } from "../model/rule-text.js";
import type { ErrorCode, Member, Operation, Service, Site } from "../model/types.js";

/**
 * Makes spec text safe inside a `/** … *\/` comment: no comment terminator, and outside code no
 * accidental tag (`@x`), inline-tag brace (`{`, `}`, which TypeDoc would read as the start of one),
 * link definition (`[ip]:[port]` at the start of a wrapped line would define a link `ip`) or link to
 * an anchor of Tencent's page the text was taken from (`[Error codes](#6.-…)`: only its text is kept).
 */
export function safeDoc(text: string): string {
  return text
    .replaceAll("*/", "*\\/")
    .split(/(```[\s\S]*?```|(?<!\\)`[^`\n]*`)/)
    .map((part, index) =>
      index % 2 === 1
        ? part
        : part
            .replace(/\[([^\]\n]+)\]\(#[^)\s]*\)/g, "$1")
            .replace(/(^|\s)@(?=[A-Za-z])/g, "$1\\@")
            .replace(/(?<!\\)([{}])/g, "\\$1")
            .replace(/\]:/g, "]\\:")
            .replaceAll("[]", "\\[\\]"),
    )
    .join("")
    .trim();
}

/** An example's title for the `@example` tag, whose first line TypeDoc takes as plain text (no code spans). */
function exampleTitle(title: string): string {
  return safeDoc(title.replaceAll("`", ""));
}

/**
 * A JSON value as TypeScript literal text: JSON with identifier keys unquoted, 2-space indented, and a
 * string longer than {@link LITERAL_PART} characters written as a `+` concatenation of parts on their own
 * lines, so that no line of an example grows past the line limit.
 */
export function tsLiteral(value: unknown, indent = ""): string {
  if (typeof value === "string") return stringLiteral(value, `${indent}  `);
  if (typeof value !== "object" || value === null) return JSON.stringify(value) ?? "undefined";
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    return value.length === 0 ? "[]" : `[\n${value.map((item) => `${inner}${tsLiteral(item, inner)}`).join(",\n")}\n${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return "{}";
  const key = (name: string): string => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name));
  return `{\n${entries.map(([name, item]) => `${inner}${key(name)}: ${tsLiteral(item, inner)}`).join(",\n")}\n${indent}}`;
}

/** Longest part of a string literal in an example. */
export const LITERAL_PART = 80;

function stringLiteral(text: string, continuation: string): string {
  if (text.length <= LITERAL_PART) return JSON.stringify(text);
  const parts: string[] = [];
  for (let start = 0; start < text.length; ) {
    let end = Math.min(start + LITERAL_PART, text.length);
    // Keep a surrogate pair whole.
    if (end < text.length && /[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end++;
    parts.push(JSON.stringify(text.slice(start, end)));
    start = end;
  }
  return parts.join(` +\n${continuation}`);
}

/** How each string format reads. */
const FORMATS: Readonly<Record<NonNullable<Member["format"]>, string>> = {
  datetime: "`datetime`, `YYYY-MM-DD hh:mm:ss`",
  date: "`date`, `YYYY-MM-DD`",
  datetime_iso: "`datetime_iso`, ISO 8601 such as `2024-01-31T08:00:00+08:00`",
};

/** TSDoc of a member: description, rules, wire type, unit, default, example. */
export function memberDoc(member: Member, checked: boolean): string {
  const lines: string[] = [safeDoc(member.docs)];
  const notes: string[] = [];
  const rules = member.rules.map((rule) => describeRule(rule, member.type));
  if (member.type.kind === "list" && member.itemRules.length > 0) {
    const items = member.type.items;
    rules.push(`each item ${member.itemRules.map((rule) => describeRule(rule, items)).join(" and ")}`);
  }
  if (rules.length > 0 && checked) notes.push(`Rules: ${rules.join("; ")}.`);
  if (member.type.kind === "integer" && member.type.width !== undefined) {
    notes.push(`Wire type \`${member.type.width}\`: a \`bigint\` holds values beyond \`Number.MAX_SAFE_INTEGER\`.`);
  }
  if (member.format !== undefined) notes.push(`Format: ${FORMATS[member.format]}.`);
  if (member.unit !== undefined) notes.push(`Unit: ${safeDoc(member.unit)}.`);
  const site = siteText(member.sites, undefined);
  if (site !== undefined) notes.push(site);
  if (member.nullable) notes.push("The service may send `null`.");
  if (notes.length > 0) lines.push("", ...notes);
  if (member.defaultValue !== undefined) lines.push(`@defaultValue \`${JSON.stringify(member.defaultValue)}\` (applied by the service)`);
  if (member.hasExample) lines.push(`@example ${exampleValue(member.example)}`);
  if (member.deprecated !== undefined) lines.push(`@deprecated ${safeDoc(member.deprecated)}`);
  return lines.join("\n");
}

/** TSDoc of an operation's request type; `commonErrorCode` is the name `CommonErrorCode` has in its file. */
export function requestDoc(service: Service, operation: Operation, commonErrorCode: string): string {
  const client = service.clientClass;
  const lines = [
    `Input of {@link ${client}.${operation.names.method}} (action \`${operation.action}\`): ${safeDoc(lowerFirst(operation.summary))}`,
    "",
    safeDoc(operation.docs),
    "",
    ...notes(operation),
    `${resendText(operation)} ${rateLimitText(operation)}`,
    "",
    ...errorsDoc(operation, commonErrorCode),
  ];
  for (const example of operation.examples) {
    const call = `const answer = await client.${operation.names.method}(${tsLiteral(example.request)});`;
    lines.push(`@example ${exampleTitle(example.title)}`, fence("ts", call));
  }
  if (operation.docsUrl !== undefined)
    lines.push(`@see {@link ${operation.docsUrl} | ${operation.action} in the Tencent Cloud documentation}`);
  if (operation.deprecated !== undefined) lines.push(`@deprecated ${safeDoc(operation.deprecated)}`);
  return lines.join("\n");
}

/** Whether `operation` may be re-sent, and whether the spec said so or the generator assumed it. */
export function resendText(operation: Operation): string {
  if (operation.idempotentAssumed) {
    return operation.idempotent
      ? "Safe to re-send (assumed from its name, which says it only reads: the spec does not say)."
      : "Not known to be safe to re-send, so never retried once it may have reached the service (the spec does not say).";
  }
  if (operation.absentAfterSuccess !== undefined) {
    return `Safe to re-send; when a re-send follows an attempt that may have been executed, \`${operation.absentAfterSuccess}\` means that attempt did the job, and the call resolves with its RequestId.`;
  }
  return operation.idempotent
    ? "Safe to re-send."
    : "Not safe to re-send: a re-sent request may act twice, so it is never retried once it may have reached the service.";
}

/** The action's rate limit as documentation states it. */
export function rateLimitText(operation: Operation): string {
  return operation.rateLimit === undefined
    ? "Rate limit: not documented (the client limits nothing)."
    : `Rate limit: ${operation.rateLimit} requests per second.`;
}

/** Paragraphs for what sets an action apart: not supported, one site only, documentation in Chinese. */
function notes(operation: Operation): string[] {
  const lines: string[] = [];
  if (operation.unsupported !== undefined) lines.push(`**Not supported by this SDK yet**: ${safeDoc(operation.unsupported)}`, "");
  const site = siteText(operation.sites, operation.docsLanguage);
  if (site !== undefined) lines.push(site, "");
  if (operation.unsigned)
    lines.push("Sent unsigned (`Authorization: SKIP`), as Tencent documents: the client needs no credentials for it.", "");
  return lines;
}

/** "Only on the China site…" for something one site's model has, or `undefined`. */
export function siteText(sites: readonly Site[] | undefined, docsLanguage: "zh-CN" | undefined): string | undefined {
  if (sites === undefined || sites.length !== 1) return undefined;
  const where = sites[0] === "china" ? "the China site (cloud.tencent.com)" : "the international site (tencentcloud.com)";
  return `Only on ${where}${docsLanguage === "zh-CN" ? ": documented in Chinese only" : ""}.`;
}

/**
 * TSDoc of an operation's client method: what it does, then its errors on the page itself: the guard
 * that narrows them, the type of their codes and each code the action documents, linked to the
 * request's page where each code's meaning is; a deprecation. `commonErrorCode` is the name
 * `CommonErrorCode` has in its file.
 */
export function methodDoc(operation: Operation, commonErrorCode: string): string {
  const names = operation.names;
  const codes = operation.errors.map((code) => `\`${code.code}\``);
  const lines = [
    safeDoc(operation.summary),
    "",
    `Errors: {@link ${names.guard}} tells a service error of this action; its \`code\` is a {@link ${names.knownErrorCode}}: any` +
      ` {@link ${commonErrorCode}}${codes.length > 0 ? ` or ${codes.join(", ")} (each explained on {@link ${names.request}})` : ""}.`,
  ];
  if (operation.deprecated !== undefined) lines.push(`@deprecated ${safeDoc(operation.deprecated)}`);
  return lines.join("\n");
}

/** `- \`Code\`: description` lines. */
export function codeList(codes: readonly ErrorCode[]): string[] {
  return codes.map((code) => `- \`${code.code}\`: ${safeDoc(code.description)}${code.chineseOnly ? " (described in Chinese only)" : ""}`);
}

/**
 * The "Errors" paragraph of an action's request page: the guard and the code type, linked, then each
 * code the action documents with its meaning, so that no click stands between an action and its codes.
 */
function errorsDoc(operation: Operation, commonErrorCode: string): string[] {
  const names = operation.names;
  return [
    `**Errors**: {@link ${names.guard}} tells a service error answered by \`${operation.action}\`; its \`code\` is a` +
      ` {@link ${names.knownErrorCode}}: any {@link ${commonErrorCode}}` +
      (operation.errors.length > 0 ? ", or one of these:" : " (the action documents no code of its own)."),
    ...(operation.errors.length > 0 ? ["", ...codeList(operation.errors)] : []),
  ];
}

/** TSDoc of an operation's response type. */
export function responseDoc(service: Service, operation: Operation): string {
  const lines = [`Output of {@link ${service.clientClass}.${operation.names.method}}: the answer's \`Response\` object.`];
  for (const example of operation.examples) {
    lines.push(`@example ${exampleTitle(example.title)}`, fence("ts", tsLiteral(example.response["Response"])));
  }
  return lines.join("\n");
}

/**
 * Wraps a doc comment so that no line passes {@link DOC_LIMIT}, and escapes `*\/` anywhere in it: prose at {@link DOC_WIDTH} characters
 * (list items continue with an indent), a table with a longer row as a list of its rows, a longer line
 * of a code block at its spaces; tags and shorter tables and code are left as they are.
 */
export function wrapDoc(text: string): string {
  const out: string[] = [];
  // No comment terminator, wherever it came from (in a string of an example, `*\/` is still `*/`).
  const lines = text.replaceAll("*/", "*\\/").split("\n");
  let inFence = false;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? "";
    if (line.startsWith("```")) {
      inFence = !inFence;
      out.push(line);
    } else if (inFence) out.push(...breakAtSpaces(line, DOC_LIMIT));
    else if (line.startsWith("|")) {
      const end = lines.findIndex((candidate, at) => at > index && !candidate.startsWith("|"));
      const table = lines.slice(index, end === -1 ? lines.length : end);
      index += table.length - 1;
      out.push(...(table.every((row) => row.length <= DOC_LIMIT) ? table : tableAsList(table).flatMap((item) => wrapLine(item))));
    } else if (line.startsWith("@") && line.length <= DOC_LIMIT) out.push(line);
    else out.push(...wrapLine(line));
  }
  return out.join("\n");
}

/** Width of prose lines in doc comments (the comment adds 3 to 5 characters of indentation). */
export const DOC_WIDTH = 100;

/** Longest line of a doc comment's text, whatever it holds. */
export const DOC_LIMIT = 180;

/** Characters that take two columns and may be broken between (CJK ideographs, kana, full-width forms). */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/** Prose wrapped at {@link DOC_WIDTH} columns: at spaces, and between wide (CJK) characters, which count two. */
function wrapLine(line: string): string[] {
  if (columns(line) <= DOC_WIDTH) return [line];
  const indent = /^\s*(- |\d+\. )/.exec(line)?.[0].replace(/\S/g, " ") ?? "";
  // An inline tag (`{@link Target}`, `{@link url | its text}`) is one word: never broken over two lines.
  const word = `(?:\\{@[A-Za-z]+\\s[^}\\n]*\\}|[^\\s${WIDE.source.slice(1, -1)}])+`;
  const tokens = line.match(new RegExp(`${WIDE.source}|${word}|\\s+`, "g")) ?? [line];
  const out: string[] = [];
  let current = "";
  for (const token of tokens) {
    const space = /^\s+$/.test(token);
    if (!space && current.trim().length > 0 && columns(current) + columns(token) > DOC_WIDTH) {
      out.push(current.trimEnd());
      current = indent;
    }
    if (!(space && current.trim().length === 0 && out.length > 0)) current += token;
  }
  out.push(current.trimEnd());
  return out.flatMap((piece) => breakAtSpaces(piece, DOC_LIMIT)).map((piece, index) => (index === 0 ? piece : literalStart(piece)));
}

/**
 * A continuation line as plain text: a line the wrapping made that starts like a Markdown block (`- `,
 * `1. `, `# `, `>`, a code fence) gets that start escaped, so it stays part of the paragraph.
 */
function literalStart(line: string): string {
  return line
    .replace(/^(\s*)(\d+)([.)])(?=\s|$)/, "$1$2\\$3")
    .replace(/^(\s*)([-+*]|#{1,6})(?=\s|$)/, "$1\\$2")
    .replace(/^(\s*)>/, "$1\\>")
    .replace(/^(\s*)```/, "$1\\`\\`\\`");
}

/** Display columns of `text`: two for a wide character, one otherwise. */
function columns(text: string): number {
  let width = 0;
  for (const char of text) width += WIDE.test(char) ? 2 : 1;
  return width;
}

/** A line longer than `max` cut at its last space before `max` (or at `max` when it has none). */
function breakAtSpaces(line: string, max: number): string[] {
  const out: string[] = [];
  let rest = line;
  while (rest.length > max) {
    out.push(rest.slice(0, cutAt(rest, max)).trimEnd());
    rest = rest.slice(cutAt(rest, max)).trimStart();
  }
  out.push(rest);
  return out;
}

/**
 * Where to cut a line longer than `max`: at its last space in the second half, else after its last
 * `,`, `;` or `:` there (harmless in JSON and prose), else at `max`, never inside a surrogate pair.
 */
function cutAt(line: string, max: number): number {
  const space = line.lastIndexOf(" ", max);
  if (space > max / 2) return space;
  const punctuation = Math.max(line.lastIndexOf(",", max - 1), line.lastIndexOf(";", max - 1), line.lastIndexOf(":", max - 1));
  if (punctuation > max / 2) return punctuation + 1;
  return /[\uD800-\uDBFF]/.test(line.charAt(max - 1)) ? max - 1 : max;
}

/** A Markdown table as one list item per row: `- cell · cell · cell` (the separator row dropped). */
function tableAsList(rows: readonly string[]): string[] {
  const cells = (row: string): string[] =>
    row
      .replace(/^\|/, "")
      .replace(/\|$/, "")
      .split(/(?<!\\)\|/)
      .map((cell) => cell.trim());
  return rows
    .filter((row) => !/^\|?\s*:?-{3,}/.test(row))
    .map(
      (row) =>
        `- ${cells(row)
          .filter((cell) => cell !== "")
          .join(" · ")}`,
    );
}

/** A member's example after `@example`: short values on the tag's line, longer ones as a code block. */
function exampleValue(value: unknown): string {
  const text = tsLiteral(value);
  return text.includes("\n") || text.length > DOC_WIDTH - 10 ? `\n${fence("ts", text)}` : JSON.stringify(value);
}

function fence(language: string, code: string): string {
  return `\`\`\`${language}\n${code}\n\`\`\``;
}

function lowerFirst(text: string): string {
  return text.length > 0 && /^[A-Z][a-z]/.test(text) ? `${text[0]?.toLowerCase() ?? ""}${text.slice(1)}` : text;
}

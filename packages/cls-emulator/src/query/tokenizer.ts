/**
 * Splits a query into tokens. Rejects, with a position, every character the subset does not support.
 * @packageDocumentation
 */
import { QuerySyntaxError } from "./query-error.js";

/** A token of the query language. `pos` is its 0-based offset. */
export type Token =
  | { readonly type: "word"; readonly text: string; readonly wildcard: boolean; readonly bare: boolean; readonly pos: number }
  | { readonly type: "phrase"; readonly text: string; readonly pos: number }
  | { readonly type: "compare"; readonly op: ">" | ">=" | "<" | "<="; readonly pos: number }
  | { readonly type: "(" | ")" | "[" | "]" | "{" | "}" | ":" | "eof"; readonly pos: number };

const PUNCTUATION = new Set(["(", ")", "[", "]", "{", "}", ":"]);
/** Characters that end a word. */
const WORD_END = new Set([...' \t\r\n"()[]{}:<>|&!~^/+']);

const UNSUPPORTED: Record<string, string> = {
  "|": "SQL (the part after `|`) is not supported in export queries",
  "&": "`&&` is not supported; use AND",
  "!": "`!` is not supported; use NOT",
  "~": "fuzzy and proximity searches (`~`) are not supported",
  "^": "boosts (`^`) are not supported",
  "/": "regular expressions (`/…/`) are not supported; escape `/` as `\\/` or quote the value",
  "+": "the `+` prefix is not supported; use AND",
};

/** Tokenizes a query. Wildcard characters keep a marker: `wildcard` says whether an unescaped `*`/`?` occurs. */
export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i] as string;
    if (c === " " || c === "\t" || c === "\r" || c === "\n") {
      i++;
    } else if (c === '"') {
      i = readPhrase(query, i, tokens);
    } else if (PUNCTUATION.has(c)) {
      tokens.push({ type: c as ":", pos: i });
      i++;
    } else if (c === ">" || c === "<") {
      const op = query[i + 1] === "=" ? (`${c}=` as const) : c;
      tokens.push({ type: "compare", op, pos: i });
      i += op.length;
    } else if (c in UNSUPPORTED) {
      throw new QuerySyntaxError(UNSUPPORTED[c] as string, i);
    } else if (c === "-" && !/[0-9.]/.test(query[i + 1] ?? "")) {
      throw new QuerySyntaxError("the `-` prefix is not supported; use NOT", i);
    } else {
      i = readWord(query, i, tokens);
    }
  }
  tokens.push({ type: "eof", pos: query.length });
  return tokens;
}

function readPhrase(query: string, start: number, tokens: Token[]): number {
  let text = "";
  let i = start + 1;
  while (i < query.length) {
    const c = query[i] as string;
    if (c === "\\") {
      if (i + 1 >= query.length) break;
      text += query[i + 1];
      i += 2;
    } else if (c === '"') {
      tokens.push({ type: "phrase", text, pos: start });
      return i + 1;
    } else {
      text += c;
      i++;
    }
  }
  throw new QuerySyntaxError("unterminated quoted phrase", start);
}

/** Reads a word; `\` escapes the next character. Wildcards are kept as `*`/`?`, escaped ones as `\*`/`\?`. */
function readWord(query: string, start: number, tokens: Token[]): number {
  let text = "";
  let wildcard = false;
  let bare = true;
  let i = start;
  while (i < query.length && !WORD_END.has(query[i] as string)) {
    const c = query[i] as string;
    if (c === "\\") {
      const next = query[i + 1];
      if (next === undefined) throw new QuerySyntaxError("dangling escape `\\`", i);
      text += next === "*" || next === "?" || next === "\\" ? `\\${next}` : next;
      bare = false;
      i += 2;
    } else {
      if (c === "*" || c === "?") wildcard = true;
      text += c;
      i++;
    }
  }
  tokens.push({ type: "word", text, wildcard, bare, pos: start });
  return i;
}

/** Removes the escapes `readWord` kept in front of `*`, `?` and `\`. */
export function unescapeWord(text: string): string {
  return text.replace(/\\([*?\\])/g, "$1");
}

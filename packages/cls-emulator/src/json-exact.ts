/**
 * JSON that keeps 64-bit integers exact. `JSON.parse` turns `9223372036854775807` into
 * `9223372036854775808`; API 3.0 has int64/uint64 parameters, so request bodies are parsed here
 * instead: an integer literal beyond ±(2^53−1) becomes a `bigint`, everything else is what
 * `JSON.parse` gives. Answers are written with {@link stringifyJson}, which writes a `bigint` as bare digits.
 * @packageDocumentation
 */

/** A syntax error in a JSON text, with the offset where it was found. */
export class JsonSyntaxError extends Error {
  /**
   * @param message - what is wrong
   * @param position - offset in the text
   */
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message} at position ${position}`);
    this.name = "JsonSyntaxError";
  }
}

/** Deepest nesting accepted by the exact parser (keeps its recursion far from the stack limit). */
const MAX_DEPTH = 1000;
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;

/**
 * Parses RFC 8259 JSON like `JSON.parse` (last duplicate key wins), except that an integer literal
 * outside the safe range becomes a `bigint` with its exact value.
 *
 * Texts without a run of 16 digits (every integer up to 15 digits is safe) go to `JSON.parse` as they are.
 *
 * @throws {@link JsonSyntaxError} for anything `JSON.parse` would refuse, or (with long integers) nesting deeper than 1000
 */
export function parseJsonExact(text: string): unknown {
  if (!/\d{16}/.test(text)) {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new JsonSyntaxError(error instanceof Error ? error.message : "invalid JSON", Number(/position (\d+)/.exec(String(error))?.[1] ?? 0));
    }
  }
  let at = 0;

  const skipWhitespace = (): void => {
    WHITESPACE.lastIndex = at;
    WHITESPACE.test(text);
    at = WHITESPACE.lastIndex;
  };
  const fail = (message: string): never => {
    throw new JsonSyntaxError(message, at);
  };

  const parseString = (): string => {
    const start = at;
    let end = at + 1;
    for (;;) {
      end = text.indexOf('"', end);
      if (end === -1) fail("unterminated string");
      let backslashes = 0;
      while (text.charCodeAt(end - 1 - backslashes) === 0x5c) backslashes++;
      if (backslashes % 2 === 0) break;
      end++;
    }
    at = end + 1;
    try {
      return JSON.parse(text.slice(start, at)) as string;
    } catch {
      at = start;
      return fail("invalid string");
    }
  };

  const parseNumber = (): number | bigint => {
    NUMBER.lastIndex = at;
    const match = NUMBER.exec(text);
    if (match === null) return fail("unexpected character");
    at = NUMBER.lastIndex;
    const literal = match[0];
    const value = Number(literal);
    const integer = match[1] === undefined && match[2] === undefined;
    return integer && !Number.isSafeInteger(value) ? BigInt(literal) : value;
  };

  const parseValue = (depth: number): unknown => {
    if (depth > MAX_DEPTH) fail("nesting too deep");
    skipWhitespace();
    const char = text[at];
    if (char === "{") {
      at++;
      const object: Record<string, unknown> = {};
      skipWhitespace();
      if (text[at] === "}") {
        at++;
        return object;
      }
      for (;;) {
        skipWhitespace();
        if (text[at] !== '"') fail("expected a property name");
        const key = parseString();
        skipWhitespace();
        if (text[at] !== ":") fail("expected ':'");
        at++;
        // defineProperty: a "__proto__" key is data, as with JSON.parse, never the prototype
        Object.defineProperty(object, key, { value: parseValue(depth + 1), enumerable: true, writable: true, configurable: true });
        skipWhitespace();
        if (text[at] === ",") at++;
        else if (text[at] === "}") {
          at++;
          return object;
        } else fail("expected ',' or '}'");
      }
    }
    if (char === "[") {
      at++;
      const array: unknown[] = [];
      skipWhitespace();
      if (text[at] === "]") {
        at++;
        return array;
      }
      for (;;) {
        array.push(parseValue(depth + 1));
        skipWhitespace();
        if (text[at] === ",") at++;
        else if (text[at] === "]") {
          at++;
          return array;
        } else fail("expected ',' or ']'");
      }
    }
    if (char === '"') return parseString();
    for (const [word, value] of [["true", true], ["false", false], ["null", null]] as const) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return value;
      }
    }
    return parseNumber();
  };

  const value = parseValue(0);
  skipWhitespace();
  if (at !== text.length) fail("unexpected text after the value");
  return value;
}

/** `JSON.stringify` for answers, writing a `bigint` as its exact digits (a JSON number). */
export function stringifyJson(value: unknown): string {
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? "null" : stringifyJson(item))).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const members: string[] = [];
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) members.push(`${JSON.stringify(key)}:${stringifyJson(item)}`);
    }
    return `{${members.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

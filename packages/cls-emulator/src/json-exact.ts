/**
 * JSON that keeps 64-bit integers exact. `JSON.parse` turns `9223372036854775807` into
 * `9223372036854775808`; API 3.0 has int64/uint64 parameters, so request bodies holding long
 * integers are parsed with `lossless-json` (the library core uses too): an integer literal beyond
 * ±(2^53−1) becomes a `bigint`, everything else is what `JSON.parse` gives (the last duplicate key
 * wins). Answers are written with {@link stringifyJson}, which writes a `bigint` as bare digits.
 * @packageDocumentation
 */
import { isInteger, parse, stringify } from "lossless-json";

/** A syntax error in a JSON text, with the offset where it was found. */
export class JsonSyntaxError extends Error {
  /**
   * @param message - what is wrong (it names the position)
   * @param position - offset in the text
   */
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = "JsonSyntaxError";
  }
}

/**
 * Parses JSON like `JSON.parse`, except that an integer literal outside the safe range becomes a
 * `bigint` with its exact value. Texts without a run of 16 digits (every integer up to 15 digits is
 * safe) go to `JSON.parse` as they are.
 *
 * @throws {@link JsonSyntaxError} for anything `JSON.parse` would refuse, or nesting too deep to parse
 */
export function parseJsonExact(text: string): unknown {
  try {
    if (!/\d{16}/.test(text)) return JSON.parse(text);
    return parse(text, undefined, { parseNumber: exactNumber, onDuplicateKey: ({ newValue }) => newValue });
  } catch (error) {
    if (error instanceof RangeError) throw new JsonSyntaxError("JSON nesting too deep at position 0", 0);
    const message = error instanceof Error ? error.message : "invalid JSON";
    const position = /position (\d+)/.exec(message)?.[1];
    // JSON.parse does not always say where (e.g. "Unexpected end of JSON input"): then it is the end.
    if (position === undefined) throw new JsonSyntaxError(`${message} at position ${text.length}`, text.length);
    throw new JsonSyntaxError(message, Number(position));
  }
}

/** A number literal as a number, or as a bigint when it is an integer beyond the safe range. */
function exactNumber(literal: string): number | bigint {
  const value = Number(literal);
  return isInteger(literal) && !Number.isSafeInteger(value) ? BigInt(literal) : value;
}

/** `JSON.stringify`, except that a `bigint` is written as bare digits. */
export function stringifyJson(value: unknown): string {
  return stringify(value) ?? "null";
}

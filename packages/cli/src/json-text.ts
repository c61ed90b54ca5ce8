/**
 * JSON in and out of the command line with 64-bit integers intact: an integer past 2^53 is read as a
 * `bigint` (the clients take `number | bigint` for 64-bit parameters) and printed as its digits.
 * @packageDocumentation
 */
import { isInteger, isSafeNumber, parse, stringify } from "lossless-json";

/** Parses JSON; integers that a `number` cannot hold exactly become `bigint`s. */
export function parseJson(text: string): unknown {
  return parse(text, null, (value) => (isInteger(value) && !isSafeNumber(value) ? BigInt(value) : Number(value)));
}

/** JSON with two-space indentation; a `bigint` is written as a bare number. */
export function jsonText(value: unknown): string {
  return stringify(value, undefined, 2) ?? "null";
}

/**
 * JSON for API 3.0 bodies with 64-bit integers intact. The common path is the built-in `JSON`;
 * `lossless-json` is loaded only when a request holds a `bigint` or an answer holds a run of 16 or
 * more digits (the shortest integers that can pass 2^53).
 *
 * @internal
 * @packageDocumentation
 */

type LosslessJson = typeof import("lossless-json");

let losslessJson: Promise<LosslessJson> | undefined;

function loadLosslessJson(): Promise<LosslessJson> {
  losslessJson ??= import("lossless-json");
  return losslessJson;
}

/**
 * Serialises a request body. `JSON.stringify` refuses a `bigint` with a `TypeError`; only then is the
 * lossless serialiser used, which writes a `bigint` as a bare JSON number.
 */
export function stringifyBody(input: object): string | Promise<string> {
  try {
    return JSON.stringify(input);
  } catch (error) {
    if (!(error instanceof TypeError) || !containsBigInt(input)) throw error;
    return loadLosslessJson().then((lib) => lib.stringify(input) ?? "null");
  }
}

const LONG_DIGIT_RUN = /\d{16}/;

/** Parses an answer: integers that are not safe come back as `bigint`, every other number as `number`. */
export function parseBody(text: string): unknown | Promise<unknown> {
  if (!LONG_DIGIT_RUN.test(text)) return JSON.parse(text);
  return loadLosslessJson().then((lib) => lib.parse(text, null, parseNumber));
}

const INTEGER = /^-?\d+$/;

function parseNumber(digits: string): number | bigint {
  const value = Number(digits);
  return INTEGER.test(digits) && !Number.isSafeInteger(value) ? BigInt(digits) : value;
}

/** Whether `value` holds a `bigint` anywhere inside. */
export function containsBigInt(value: unknown): boolean {
  if (typeof value === "bigint") return true;
  if (typeof value !== "object" || value === null) return false;
  for (const item of Array.isArray(value) ? value : Object.values(value)) {
    if (containsBigInt(item)) return true;
  }
  return false;
}

/** A deep copy of `value` with every `bigint` replaced by the nearest `number` (for validators only). */
export function bigIntsAsNumbers(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map(bigIntsAsNumbers);
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = bigIntsAsNumbers(item);
  return copy;
}

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

/** What the built-in serialiser made of an input: its JSON, or why there is none. */
export type FirstPass =
  | { readonly json: string; readonly hasBigInt: false; readonly error?: undefined }
  | { readonly json?: undefined; readonly hasBigInt: boolean; readonly error: unknown };

/**
 * One pass of `JSON.stringify` over `input`, which also tells whether it holds a `bigint` without
 * walking it again: the common input (no `bigint`) is walked once, and only a refused one is searched.
 * The serialiser's error is returned, not thrown, so that the caller may report a validation error first.
 */
export function tryStringify(input: object): FirstPass {
  try {
    // `toJSON` may return undefined, which JSON.stringify passes on: the lossless path writes "null" too
    return { json: JSON.stringify(input) ?? "null", hasBigInt: false };
  } catch (error) {
    return { hasBigInt: error instanceof TypeError && containsBigInt(input), error };
  }
}

/** Serialises an input that holds a `bigint`, with each one written as a bare JSON number. */
export function stringifyLossless(input: object): Promise<string> {
  return loadLosslessJson().then((lib) => lib.stringify(input) ?? "null");
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

/** Whether `value` holds a `bigint` anywhere inside (each object visited once, so a cycle ends the search). */
export function containsBigInt(value: unknown, seen = new WeakSet<object>()): boolean {
  if (typeof value === "bigint") return true;
  if (typeof value !== "object" || value === null || seen.has(value)) return false;
  seen.add(value);
  for (const item of Array.isArray(value) ? value : Object.values(value)) {
    if (containsBigInt(item, seen)) return true;
  }
  return false;
}

/**
 * A deep copy of `value` with every `bigint` replaced by {@link bigIntFloor} of it (for validators only).
 */
export function bigIntsAsNumbers(value: unknown): unknown {
  if (typeof value === "bigint") return bigIntFloor(value);
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map(bigIntsAsNumbers);
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = bigIntsAsNumbers(item);
  return copy;
}

/**
 * The largest double at most `value` (rounding toward negative infinity, not to nearest as `Number`
 * does), so that a validator comparing the result with a bound that is itself a double gets the
 * answer the exact `bigint` would get.
 *
 * Why: let `f` be the result for an integer `x`, `B` a bound that is exactly a double. `f <= x`, and no
 * double lies in `(f, x]`.
 * - `minimum: B` (`x >= B`): if `x >= B`, then `B` is a double `<= x`, so `B <= f` (f is the largest);
 *   if `x < B`, then `f <= x < B`. So `f >= B` exactly when `x >= B`.
 * - `exclusiveMaximum: B` (`x < B`): the same two facts, read the other way: `f < B` exactly when `x < B`.
 * - `maximum: B` (`x <= B`): exact when `B + 1` is a double too (any `B` with `|B| < 2^53`): if `x > B`
 *   then `x >= B + 1`, a double, so `f >= B + 1 > B`; if `x <= B` then `f <= x <= B`.
 * - `integer`: `f` is an integer (doubles from 2^53 up are; below, `f = x`), and in the safe range
 *   `f = x`, so `enum` and the other keywords see the exact value.
 * Rounding to nearest breaks the first two: `2^63 - 1` rounds up to `2^63` (refused by an exclusive
 * maximum of 2^63 although it fits an int64), and `2^63` to itself would pass `maximum: 2^63 - 1`,
 * which as a double is 2^63. The 64-bit types are therefore bounded by `minimum` and `exclusiveMaximum`
 * (`-2^63` and `2^63`; `0` and `2^64`), all exact doubles.
 *
 * Only `x` past ±2^53 can round, and then `Number(x)` is off by less than one step between doubles.
 * A `bigint` of 2^1024 or more becomes `Number.MAX_VALUE`; one of -2^1024 or less, `-Infinity`.
 */
export function bigIntFloor(value: bigint): number {
  const nearest = Number(value);
  if (nearest === Number.POSITIVE_INFINITY) return Number.MAX_VALUE;
  if (nearest === Number.NEGATIVE_INFINITY || BigInt(nearest) <= value) return nearest;
  return previousDouble(nearest);
}

const bits = new DataView(new ArrayBuffer(8));

/** The next double below `x`, for a finite `x` other than 0 (the bit pattern of a double is ordered by magnitude). */
function previousDouble(x: number): number {
  bits.setFloat64(0, x);
  const pattern = bits.getBigUint64(0);
  bits.setBigUint64(0, x > 0 ? pattern - 1n : pattern + 1n);
  return bits.getFloat64(0);
}

/**
 * A `bigint` is handed to the validator as the largest double at most its value, so comparisons with
 * bounds that are exact doubles (`minimum`, `exclusiveMaximum`, and `maximum` below 2^53) agree with
 * the exact comparison, right at the int64 and uint64 limits too.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bigIntFloor, bigIntsAsNumbers } from "../src/internal/json-codec.js";

/** The next double above a finite `x` (for checking that no double lies between the result and the value). */
function nextDouble(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const pattern = view.getBigUint64(0);
  view.setBigUint64(0, x > 0 ? pattern + 1n : pattern - 1n);
  return view.getFloat64(0);
}

const TWO_63 = 2n ** 63n;
const TWO_64 = 2n ** 64n;
/** Where rounding matters (±2^63, 2^64, 2^53) and a small bound like CreateExport's Count maximum. */
const CENTRES = [-TWO_63, TWO_63, TWO_64, 2n ** 53n, -(2n ** 53n), 50_000_000n, 0n];
const nearCentre = fc.constantFrom(...CENTRES).chain((centre) => fc.bigInt({ min: centre - 5000n, max: centre + 5000n }));
const anyBigInt = fc.oneof(nearCentre, fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }));
/** Bounds that are exact doubles: the 64-bit types' own and small spec bounds. */
const BOUNDS = [-(2 ** 63), 2 ** 63, 0, 2 ** 64, 50_000_000, 1, 100, 2 ** 53];
/** Bounds `B` with `B + 1` a double too, for which an inclusive `maximum` is exact. */
const SAFE_MAXIMA = [0, 1, 100, 50_000_000, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER];

describe("bigIntFloor", () => {
  it("is the largest double at most the value", () => {
    fc.assert(
      fc.property(anyBigInt, (value) => {
        const floor = bigIntFloor(value);
        // Relational operators compare a bigint with a number exactly.
        expect(floor <= value).toBe(true);
        expect(nextDouble(floor) > value).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("compares with a minimum or an exclusive maximum that is a double exactly as the bigint does", () => {
    fc.assert(
      fc.property(anyBigInt, fc.constantFrom(...BOUNDS), (value, bound) => {
        const floor = bigIntFloor(value);
        expect(floor >= bound).toBe(value >= BigInt(bound));
        expect(floor < bound).toBe(value < BigInt(bound));
      }),
      { numRuns: 3000 },
    );
  });

  it("compares with an inclusive maximum below 2^53 exactly as the bigint does", () => {
    fc.assert(
      fc.property(anyBigInt, fc.constantFrom(...SAFE_MAXIMA), (value, bound) => {
        expect(bigIntFloor(value) <= bound).toBe(value <= BigInt(bound));
      }),
      { numRuns: 3000 },
    );
  });

  it("keeps 2^63 - 1 below 2^63 and 2^64 - 1 below 2^64, where rounding to nearest does not", () => {
    expect(Number(TWO_63 - 1n)).toBe(2 ** 63);
    expect(bigIntFloor(TWO_63 - 1n)).toBe(2 ** 63 - 1024);
    expect(bigIntFloor(TWO_63)).toBe(2 ** 63);
    expect(bigIntFloor(TWO_64 - 1n)).toBe(2 ** 64 - 2048);
    expect(bigIntFloor(-TWO_63 - 1n)).toBe(-(2 ** 63) - 2048);
    expect(bigIntFloor(-TWO_63)).toBe(-(2 ** 63));
    expect(bigIntFloor(9_007_199_254_740_993n)).toBe(9_007_199_254_740_992);
    expect(bigIntFloor(-9_007_199_254_740_993n)).toBe(-9_007_199_254_740_994);
  });

  it("holds values beyond the doubles' range to the largest finite double or -Infinity", () => {
    expect(bigIntFloor(2n ** 1024n)).toBe(Number.MAX_VALUE);
    expect(bigIntFloor(-(2n ** 1024n))).toBe(Number.NEGATIVE_INFINITY);
  });

  it("bigIntsAsNumbers floors every bigint inside arrays and objects, and copies the rest", () => {
    const input = { To: TWO_63 - 1n, List: [1n, "a", { Deep: TWO_64 - 1n }], Flag: true };
    expect(bigIntsAsNumbers(input)).toEqual({ To: 2 ** 63 - 1024, List: [1, "a", { Deep: 2 ** 64 - 2048 }], Flag: true });
    expect(input.To).toBe(TWO_63 - 1n);
  });
});

/**
 * Reads and checks action parameters, answering the documented error codes: `UnknownParameter`,
 * `MissingParameter`, `InvalidParameter`.
 * @packageDocumentation
 */
import { ApiError } from "../api-error.js";

/** Largest int64: 2^63 − 1. */
export const INT64_MAX = 2n ** 63n - 1n;

/**
 * The parameters of one request, checked one by one. `null` counts as absent. Integers may be a
 * `number` or, beyond 2^53 − 1, a `bigint` (see `parseJsonExact`); ranges are checked exactly.
 */
export class Params {
  /**
   * @param raw - the parsed JSON body
   * @param allowed - every parameter the action takes
   * @throws {@link ApiError} `UnknownParameter` for a parameter the action does not take
   */
  constructor(
    private readonly raw: Record<string, unknown>,
    allowed: readonly string[],
  ) {
    for (const name of Object.keys(raw)) {
      if (!allowed.includes(name)) throw new ApiError("UnknownParameter", `The parameter \`${name}\` is not recognized.`);
    }
  }

  /** A required string that is not empty or blank (an id: a blank one is invalid, not unknown). */
  string(name: string): string {
    const value = this.#required(name);
    if (typeof value !== "string" || value.trim() === "") throw invalid(name, "must be a non-empty, non-blank string");
    return value;
  }

  /** A required integer in [min, max] (bounds within the safe range). */
  integer(name: string, min: number, max: number): number {
    return Number(this.#integer(name, this.#required(name), BigInt(min), BigInt(max)));
  }

  /** An optional integer in [min, max] (bounds within the safe range). */
  optionalInteger(name: string, min: number, max: number, fallback: number): number {
    const value = this.raw[name];
    return value === undefined || value === null ? fallback : Number(this.#integer(name, value, BigInt(min), BigInt(max)));
  }

  /** A required 64-bit integer in [min, max], exact. */
  bigInteger(name: string, min: bigint, max: bigint): bigint {
    return this.#integer(name, this.#required(name), min, max);
  }

  /** An optional 64-bit integer in [min, max], exact. */
  optionalBigInteger(name: string, min: bigint, max: bigint, fallback: bigint): bigint {
    const value = this.raw[name];
    return value === undefined || value === null ? fallback : this.#integer(name, value, min, max);
  }

  /** An optional value out of a list. */
  optionalEnum<T extends string | number>(name: string, values: readonly T[], fallback: T): T {
    const value = this.raw[name];
    if (value === undefined || value === null) return fallback;
    if (!values.includes(value as T)) throw invalid(name, `must be one of ${values.map((v) => JSON.stringify(v)).join(", ")}`);
    return value as T;
  }

  /**
   * A required string with at least one non-whitespace character.
   * @param hint - appended to the message when the string is empty or blank, e.g. " (use `*` for every log)"
   */
  nonBlank(name: string, hint = ""): string {
    const value = this.#required(name);
    if (typeof value !== "string") throw invalid(name, "must be a string");
    if (value.trim() === "") throw invalid(name, `must not be empty or blank${hint}`);
    return value;
  }

  /** An optional array of non-empty strings. */
  optionalStringList(name: string): string[] | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value) || value.some((item) => typeof item !== "string" || item === "")) {
      throw invalid(name, "must be an array of non-empty strings");
    }
    return value as string[];
  }

  #required(name: string): unknown {
    const value = this.raw[name];
    if (value === undefined || value === null) throw new ApiError("MissingParameter", `The parameter \`${name}\` is missing.`);
    return value;
  }

  #integer(name: string, value: unknown, min: bigint, max: bigint): bigint {
    const exact = typeof value === "bigint" ? value : typeof value === "number" && Number.isSafeInteger(value) ? BigInt(value) : undefined;
    if (exact === undefined || exact < min || exact > max) throw invalid(name, `must be an integer from ${min} to ${max}`);
    return exact;
  }
}

/** An `InvalidParameter` error naming the parameter. */
export function invalid(name: string, rule: string): ApiError {
  return new ApiError("InvalidParameter", `The parameter \`${name}\` ${rule}.`);
}

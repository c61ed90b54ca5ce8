/**
 * Reads and checks action parameters, answering the documented error codes: `UnknownParameter`,
 * `MissingParameter`, `InvalidParameter`.
 * @packageDocumentation
 */
import { ApiError } from "../api-error.js";

/** The parameters of one request, checked one by one. `null` counts as absent. */
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

  /** A required non-empty string. */
  string(name: string): string {
    const value = this.#required(name);
    if (typeof value !== "string" || value === "") throw invalid(name, "must be a non-empty string");
    return value;
  }

  /** A required integer in [min, max]. */
  integer(name: string, min: number, max: number): number {
    return this.#integer(name, this.#required(name), min, max);
  }

  /** An optional integer in [min, max]. */
  optionalInteger(name: string, min: number, max: number, fallback: number): number {
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

  #integer(name: string, value: unknown, min: number, max: number): number {
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min || value > max) {
      throw invalid(name, `must be an integer from ${min} to ${max}`);
    }
    return value;
  }
}

/** An `InvalidParameter` error naming the parameter. */
export function invalid(name: string, rule: string): ApiError {
  return new ApiError("InvalidParameter", `The parameter \`${name}\` ${rule}.`);
}

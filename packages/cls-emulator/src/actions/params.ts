/**
 * Reads and checks action parameters against the spec's rules (`src/generated/rules.ts`, generated from
 * the same spec as the client's validators), answering as the service does: `UnknownParameter`,
 * `MissingParameter`, `InvalidParameter`, in the emulator's own words.
 * @packageDocumentation
 */
import { ApiError } from "../api-error.js";

/** Rules of one parameter, as the spec spells them. */
export interface ParameterRules {
  readonly minimum?: number;
  readonly maximum?: number;
  readonly nonEmpty?: boolean;
  readonly noSql?: boolean;
  readonly enum?: readonly (string | number)[];
  readonly notAfter?: string;
}

/** One parameter of an action: wire type (`string`, `int64`, `uint64`, `integer`, `string[]`…), whether required, rules. */
export interface ParameterSpec {
  readonly type: string;
  readonly required: boolean;
  readonly rules?: ParameterRules;
  readonly itemRules?: ParameterRules;
}

/** An action's parameters by name. */
export type ActionParameters = Readonly<Record<string, ParameterSpec>>;

/** Largest int64: 2^63 − 1. */
export const INT64_MAX = 2n ** 63n - 1n;

/** The range of each integer wire type, used where the spec gives no bound. */
const INTEGER_RANGES: Readonly<Record<string, readonly [bigint, bigint]>> = {
  int64: [-(2n ** 63n), INT64_MAX],
  uint64: [0n, 2n ** 64n - 1n],
  integer: [BigInt(Number.MIN_SAFE_INTEGER), BigInt(Number.MAX_SAFE_INTEGER)],
};

/**
 * The parameters of one request, checked against the action's spec as they are read. `null` counts as
 * absent. Integers may be a `number` or, beyond 2^53 − 1, a `bigint` (see `parseJsonExact`); ranges are
 * checked exactly.
 */
export class Params {
  /**
   * @param raw - the parsed JSON body
   * @param spec - every parameter the action takes, with its rules
   * @throws {@link ApiError} `UnknownParameter` for a parameter the action does not take
   */
  constructor(
    private readonly raw: Record<string, unknown>,
    private readonly spec: ActionParameters,
  ) {
    for (const name of Object.keys(raw)) {
      if (!Object.hasOwn(spec, name)) throw new ApiError("UnknownParameter", `The parameter \`${name}\` is not recognized.`);
    }
  }

  /**
   * A string parameter: required or optional as the spec says, non-blank under `nonEmpty`, without an
   * SQL part under `noSql`, one of `enum`.
   * @param hint - appended to the message when the string is empty or blank, e.g. " (use `*` for every log)"
   */
  string(name: string, hint = ""): string | undefined {
    const value = this.#value(name);
    if (value === undefined) return undefined;
    if (typeof value !== "string") throw invalid(name, "must be a string");
    const rules = this.#rules(name);
    if (rules.nonEmpty === true && value.trim() === "") throw invalid(name, `must not be empty or blank${hint}`);
    if (rules.noSql === true && value.includes("|")) throw invalid(name, "must not contain an SQL part ('|')");
    checkEnum(name, value, rules);
    return value;
  }

  /** An integer parameter, exact: within the spec's `minimum`/`maximum` (else its type's range), one of `enum`. */
  integer(name: string): bigint | undefined {
    const value = this.#value(name);
    if (value === undefined) return undefined;
    const rules = this.#rules(name);
    const [typeMin, typeMax] = INTEGER_RANGES[this.#spec(name).type] ?? INTEGER_RANGES["integer"] ?? [0n, 0n];
    const min = rules.minimum === undefined ? typeMin : BigInt(rules.minimum);
    const max = rules.maximum === undefined ? typeMax : BigInt(rules.maximum);
    const exact = typeof value === "bigint" ? value : typeof value === "number" && Number.isSafeInteger(value) ? BigInt(value) : undefined;
    if (exact === undefined || exact < min || exact > max) throw invalid(name, `must be an integer from ${min} to ${max}`);
    checkEnum(name, Number(exact), rules);
    return exact;
  }

  /** A list of strings; each item non-empty under the spec's `itemRules.nonEmpty`. */
  stringList(name: string): string[] | undefined {
    const value = this.#value(name);
    if (value === undefined) return undefined;
    const nonEmpty = this.#spec(name).itemRules?.nonEmpty === true;
    if (!Array.isArray(value) || value.some((item) => typeof item !== "string" || (nonEmpty && item === ""))) {
      throw invalid(name, `must be an array of ${nonEmpty ? "non-empty " : ""}strings`);
    }
    return value as string[];
  }

  /** Checks every `notAfter` rule between two values read (`From` not later than `To`). */
  checkOrder(values: Readonly<Record<string, bigint | number | undefined>>): void {
    for (const [name, parameter] of Object.entries(this.spec)) {
      const other = parameter.rules?.notAfter;
      const value = values[name];
      const limit = other === undefined ? undefined : values[other];
      if (other !== undefined && value !== undefined && limit !== undefined && value > limit) {
        throw invalid(name, `must not be later than \`${other}\``);
      }
    }
  }

  /** The value, or `undefined` when absent and optional. @throws {@link ApiError} `MissingParameter` when absent and required */
  #value(name: string): unknown {
    const value = this.raw[name];
    if (value !== undefined && value !== null) return value;
    if (this.#spec(name).required) throw new ApiError("MissingParameter", `The parameter \`${name}\` is missing.`);
    return undefined;
  }

  #spec(name: string): ParameterSpec {
    const spec = this.spec[name];
    if (spec === undefined) throw new Error(`the emulator reads ${name}, which the spec of this action does not declare`);
    return spec;
  }

  #rules(name: string): ParameterRules {
    return this.#spec(name).rules ?? {};
  }
}

function checkEnum(name: string, value: string | number, rules: ParameterRules): void {
  if (rules.enum !== undefined && !rules.enum.includes(value)) {
    throw invalid(name, `must be one of ${rules.enum.map((v) => JSON.stringify(v)).join(", ")}`);
  }
}

/** An `InvalidParameter` error naming the parameter. */
export function invalid(name: string, rule: string): ApiError {
  return new ApiError("InvalidParameter", `The parameter \`${name}\` ${rule}.`);
}

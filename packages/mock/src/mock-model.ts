/**
 * The mock models: `models/<service>.json`, generated from the specs by `@tcsdk/generator` (one per
 * service: each action's input schema, a valid request and its answer). Read on first use, with 64-bit
 * integers kept exact; each action's validator is compiled by AJV on the action's first request.
 * @packageDocumentation
 */
import { readdirSync, readFileSync } from "node:fs";
import { Ajv, type ValidateFunction } from "ajv";
import { isSafeNumber, parse } from "lossless-json";

/** One action of a mock model. */
export interface MockAction {
  /** The generated client's method, e.g. `describeInstances`. */
  readonly method: string;
  /** Sent unsigned (`Authorization: SKIP`). */
  readonly unsigned?: boolean;
  /** Why the SDK cannot call it yet, when it cannot. */
  readonly unsupported?: string;
  /** A request the spec accepts: the first documented example, or the required parameters. */
  readonly request: Readonly<Record<string, unknown>>;
  /** The answer's `Response` without `RequestId`: the first documented example, or one built from the output. */
  readonly answer: Readonly<Record<string, unknown>>;
  /** The input's JSON Schema (shapes by `$ref: "shape:<Name>"`). */
  readonly input: object;
}

/** A service as the mock serves it. */
export interface MockModel {
  /** Signing name, e.g. `cvm`. */
  readonly service: string;
  /** API version, e.g. `2017-03-12`. */
  readonly version: string;
  /** The generated package, e.g. `@tcsdk/cvm`. */
  readonly packageName: string;
  /** Its client class, e.g. `CvmClient`. */
  readonly clientClass: string;
  /** Every action, by name. */
  readonly actions: Readonly<Record<string, MockAction>>;
  /** Input schemas of the shapes requests use, by name. */
  readonly shapes: Readonly<Record<string, object>>;
}

const MODELS_DIR = new URL("../models/", import.meta.url);

/** The services the mock has a model of, e.g. `["cam", "cls", "cvm", …]`. */
export function mockServices(): string[] {
  return readdirSync(MODELS_DIR)
    .filter((name) => name.endsWith(".json"))
    .map((name) => name.slice(0, -".json".length))
    .sort();
}

/**
 * Reads the model of `service`.
 * @throws Error naming the services there are when there is none for `service`
 */
export function loadMockModel(service: string): MockModel {
  const known = mockServices();
  if (!known.includes(service)) throw new Error(`no mock model for service ${JSON.stringify(service)}; there are: ${known.join(", ")}`);
  const text = readFileSync(new URL(`${service}.json`, MODELS_DIR), "utf8");
  // requests and answers keep 64-bit integers exact; schemas keep their bounds as the doubles AJV compares with
  const exact = parse(text, undefined, (digits) =>
    /^-?\d+$/.test(digits) && !isSafeNumber(digits) ? BigInt(digits) : Number(digits),
  ) as MockModel;
  const plain = JSON.parse(text) as MockModel;
  const actions = Object.fromEntries(
    Object.entries(exact.actions).map(([name, action]) => [name, { ...action, input: plain.actions[name]?.input ?? {} }]),
  );
  return { ...exact, actions, shapes: plain.shapes };
}

/** Compiles each action's input validator on first use; shapes are compiled once, when first reached. */
export class InputValidators {
  readonly #ajv: Ajv;
  readonly #compiled = new Map<string, ValidateFunction>();

  constructor(model: MockModel) {
    // every error (the one answered is chosen by `inputError`), `$data` for cross-field rules, no formats
    this.#ajv = new Ajv({ allErrors: true, $data: true, strict: false, validateFormats: false });
    for (const [name, schema] of Object.entries(model.shapes)) this.#ajv.addSchema(schema, `shape:${name}`);
  }

  /** The validator of `action`'s input. */
  validator(action: string, input: object): ValidateFunction {
    let validate = this.#compiled.get(action);
    if (validate === undefined) {
      validate = this.#ajv.compile(input);
      this.#compiled.set(action, validate);
    }
    return validate;
  }
}

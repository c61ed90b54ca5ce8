/**
 * Tencent's published files, as the importer reads them from `specs/upstream/tencentcloud-api/`:
 * `<service>-<version>.intl-en.api.json` (the model that defines the types), `.intl-en.examples.json`,
 * `.cn.api.json` (the China site's model, for the actions and members only it has) and `.errors.json`
 * (error codes from the Go SDK). Each is checked against the structure the importer relies on, so a
 * model whose format changed fails with its file and JSON pointer instead of importing nonsense.
 * @packageDocumentation
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Ajv, type ErrorObject } from "ajv";
import { SpecError, type SpecIssue } from "../load/spec-issue.js";

/** A member of a model structure. */
export interface ModelMember {
  readonly name: string;
  /** `string`, `int`, `float`, `bool`, `binary`, `list` or `object`. */
  readonly type: string;
  /** The base type (`int64`, `uint64`, `string`, `datetime`…) or, for `list`/`object`, the element or structure. */
  readonly member: string;
  /** Requests: must be sent; in output structures some models use it for "always present" too. */
  readonly required?: boolean;
  /** Responses: always present. */
  readonly output_required?: boolean;
  /** Responses: may be `null`. */
  readonly value_allowed_null?: boolean;
  readonly document: string;
  /** Always a string; `"无"` ("none") for no example. */
  readonly example?: string;
  /** Hidden from the documentation. */
  readonly disabled?: boolean;
}

/** A structure: an action's request or response, or a shape. */
export interface ModelObject {
  readonly document: string;
  readonly members: readonly ModelMember[];
  /** Where a shape is used: `in`, `out` or `both` (absent on request and response structures). */
  readonly usage?: string;
}

/** An action. */
export interface ModelAction {
  /** A one-line title, e.g. "Creates a log download task". */
  readonly name: string;
  readonly document: string;
  readonly input: string;
  readonly output: string;
  /** `online`, or a state such as `offline` or `deprecated`. */
  readonly status: string;
}

/** An `api.json`. */
export interface Model {
  readonly metadata: { readonly apiVersion: string; readonly serviceShortName: string };
  readonly actions: Readonly<Record<string, ModelAction>>;
  readonly objects: Readonly<Record<string, ModelObject>>;
}

/** One example of an `examples.json`. */
export interface ModelExample {
  readonly title: string;
  readonly document?: string;
  /** Raw HTTP text (POST, the JSON body after the blank line) or a GET-style URL. */
  readonly input: string;
  /** The JSON answer. */
  readonly output: string;
}

/** An `examples.json`. */
export interface ModelExamples {
  readonly actions: Readonly<Record<string, readonly ModelExample[]>>;
}

/** An `errors.json` (derived from the Go SDK). */
export interface ModelErrors {
  readonly source: string;
  readonly errorCodes: Readonly<Record<string, string>>;
  readonly actionErrors: Readonly<Record<string, readonly string[]>>;
}

/** A file read, with its repository-relative path and hash. */
export interface UpstreamFile<T> {
  /** Repository-relative path. */
  readonly file: string;
  /** sha256 of the bytes, hex. */
  readonly sha256: string;
  readonly data: T;
}

/** Everything Tencent publishes about one service version. */
export interface Upstream {
  readonly intl: UpstreamFile<Model>;
  readonly examples: UpstreamFile<ModelExamples> | undefined;
  readonly china: UpstreamFile<Model> | undefined;
  readonly errors: UpstreamFile<ModelErrors> | undefined;
}

const MEMBER = {
  type: "object",
  required: ["name", "type", "member", "document"],
  properties: {
    name: { type: "string", pattern: "^[A-Za-z][A-Za-z0-9_]*$" },
    type: { enum: ["string", "int", "float", "bool", "binary", "list", "object"] },
    member: { type: "string", minLength: 1 },
    required: { type: "boolean" },
    output_required: { type: "boolean" },
    value_allowed_null: { type: "boolean" },
    document: { type: "string" },
    example: { type: "string" },
    disabled: { type: "boolean" },
  },
};

const MODEL_SCHEMA = {
  type: "object",
  required: ["metadata", "actions", "objects"],
  properties: {
    metadata: {
      type: "object",
      required: ["apiVersion", "serviceShortName"],
      properties: { apiVersion: { type: "string" }, serviceShortName: { type: "string" } },
    },
    actions: {
      type: "object",
      propertyNames: { pattern: "^[A-Z][A-Za-z0-9]*$" },
      additionalProperties: {
        type: "object",
        required: ["name", "document", "input", "output", "status"],
        properties: {
          name: { type: "string" },
          document: { type: "string" },
          input: { type: "string" },
          output: { type: "string" },
          status: { type: "string" },
        },
      },
    },
    objects: {
      type: "object",
      additionalProperties: {
        type: "object",
        required: ["document", "members"],
        properties: { document: { type: "string" }, members: { type: "array", items: MEMBER }, usage: { type: "string" } },
      },
    },
  },
};

const EXAMPLES_SCHEMA = {
  type: "object",
  required: ["actions"],
  properties: {
    actions: {
      type: "object",
      additionalProperties: {
        type: "array",
        items: {
          type: "object",
          required: ["title", "input", "output"],
          properties: { title: { type: "string" }, document: { type: "string" }, input: { type: "string" }, output: { type: "string" } },
        },
      },
    },
  },
};

const ERRORS_SCHEMA = {
  type: "object",
  required: ["source", "errorCodes", "actionErrors"],
  properties: {
    source: { type: "string" },
    errorCodes: { type: "object", additionalProperties: { type: "string" } },
    actionErrors: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
  },
};

/** The folder of Tencent's files, relative to the repository root. */
export const UPSTREAM_DIR = "specs/upstream/tencentcloud-api";

/**
 * Reads the files of `service` at `version` from `dir`; only the international model is required.
 * `label` names a file in issues (repository-relative).
 */
export function readUpstream(dir: string, service: string, version: string, label: (file: string) => string): Upstream {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const issues: SpecIssue[] = [];
  const read = <T>(suffix: string, schema: object, required: boolean): UpstreamFile<T> | undefined => {
    const absolute = path.join(dir, `${service}-${version}.${suffix}`);
    const file = label(absolute);
    if (!existsSync(absolute)) {
      if (required) issues.push({ file, pointer: "", message: "file is missing" });
      return undefined;
    }
    const bytes = readFileSync(absolute);
    let data: unknown;
    try {
      data = JSON.parse(bytes.toString("utf8"));
    } catch (error) {
      issues.push({ file, pointer: "", message: `not valid JSON: ${(error as Error).message}` });
      return undefined;
    }
    const validate = ajv.compile(schema);
    if (!validate(data)) {
      issues.push(...(validate.errors ?? []).slice(0, 20).map((error) => toIssue(file, error)));
      return undefined;
    }
    return { file, sha256: createHash("sha256").update(bytes).digest("hex"), data: data as T };
  };
  const intl = read<Model>("intl-en.api.json", MODEL_SCHEMA, true);
  const examples = read<ModelExamples>("intl-en.examples.json", EXAMPLES_SCHEMA, false);
  const china = read<Model>("cn.api.json", MODEL_SCHEMA, false);
  const errors = read<ModelErrors>("errors.json", ERRORS_SCHEMA, false);
  for (const model of [intl, china]) {
    if (model === undefined) continue;
    const { apiVersion, serviceShortName } = model.data.metadata;
    if (apiVersion !== version || serviceShortName !== service) {
      issues.push({
        file: model.file,
        pointer: "/metadata",
        message: `describes ${serviceShortName} ${apiVersion}, not ${service} ${version}`,
      });
    }
  }
  if (issues.length > 0 || intl === undefined) throw new SpecError(issues);
  return { intl, examples, china, errors };
}

function toIssue(file: string, error: ErrorObject): SpecIssue {
  return { file, pointer: error.instancePath, message: `not in the format the importer knows: ${error.message ?? error.keyword}` };
}

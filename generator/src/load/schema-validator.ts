/**
 * Validates spec files against the spec format's JSON Schema (`specs/schema/*.schema.json`) with AJV.
 * Schemas are compiled here, at generation time; generated code never compiles a schema.
 * @packageDocumentation
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { pointer as toPointer, type SpecIssue } from "./spec-issue.js";

/** The kinds of spec and overlay file, each with its schema `specs/schema/<kind>.schema.json`. */
export type SpecFileKind =
  | "service"
  | "errors"
  | "action"
  | "shape"
  | "overlay-service"
  | "overlay-errors"
  | "overlay-action"
  | "overlay-shape";

const SCHEMA_BASE = "https://tcsdk.invalid/schema/";

/** Default folder of the spec format's schemas: `specs/schema/` of this repository. */
export const DEFAULT_SCHEMA_DIR = fileURLToPath(new URL("../../../specs/schema/", import.meta.url));

/** Checks parsed JSON documents against the spec format. */
export class SchemaValidator {
  private readonly validators: ReadonlyMap<SpecFileKind, ValidateFunction>;

  /** Loads and compiles every `*.schema.json` in `schemaDir`. */
  constructor(schemaDir: string = DEFAULT_SCHEMA_DIR) {
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
    for (const name of readdirSync(schemaDir)
      .filter((file) => file.endsWith(".schema.json"))
      .sort()) {
      ajv.addSchema(JSON.parse(readFileSync(path.join(schemaDir, name), "utf8")) as object);
    }
    const kinds: SpecFileKind[] = [
      "service",
      "errors",
      "action",
      "shape",
      "overlay-service",
      "overlay-errors",
      "overlay-action",
      "overlay-shape",
    ];
    this.validators = new Map(
      kinds.map((kind) => {
        const validate = ajv.getSchema(`${SCHEMA_BASE}${kind}.schema.json`);
        if (validate === undefined) throw new Error(`${schemaDir}: missing ${kind}.schema.json`);
        return [kind, validate] as const;
      }),
    );
  }

  /**
   * Reads the JSON file `absolute` (named `file` in issues) and validates it as a `kind` file: its text
   * (line endings normalised) and data, or `undefined` after adding its issues to `issues`.
   */
  readFile<T>(
    kind: SpecFileKind,
    absolute: string,
    file: string,
    issues: SpecIssue[],
  ): { readonly text: string; readonly data: T } | undefined {
    const text = readFileSync(absolute, "utf8").replaceAll("\r\n", "\n");
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      issues.push({ file, pointer: "", message: `not valid JSON: ${(error as Error).message}` });
      return undefined;
    }
    const found = this.validate(kind, file, data);
    issues.push(...found);
    return found.length === 0 ? { text, data: data as T } : undefined;
  }

  /** Validates `data` as a `kind` file; returns its issues (empty when valid). */
  validate(kind: SpecFileKind, file: string, data: unknown): SpecIssue[] {
    const validate = this.validators.get(kind);
    if (validate === undefined) throw new Error(`unknown spec file kind ${kind}`);
    if (validate(data)) return [];
    return (validate.errors ?? []).filter(isUseful).map((error) => toIssue(file, error));
  }
}

/** Drops AJV's summary errors that only repeat a nested one (`if`/`then` wrappers). */
function isUseful(error: ErrorObject): boolean {
  return error.keyword !== "if";
}

function toIssue(file: string, error: ErrorObject): SpecIssue {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "additionalProperties":
      return {
        file,
        pointer: `${error.instancePath}${toPointer(String(params["additionalProperty"]))}`,
        message: error.instancePath.endsWith("/rules") ? "unknown rule" : "unknown property",
      };
    case "propertyNames":
      return {
        file,
        pointer: `${error.instancePath}${toPointer(String(params["propertyName"]))}`,
        message: `invalid name: ${error.message ?? "does not match the format"}`,
      };
    case "required":
      return { file, pointer: error.instancePath, message: `must have required property '${String(params["missingProperty"])}'` };
    case "enum":
    case "const":
      return {
        file,
        pointer: error.instancePath,
        message: `${error.message ?? "invalid"}: ${JSON.stringify(params["allowedValues"] ?? params["allowedValue"])}`,
      };
    default:
      return { file, pointer: error.instancePath, message: error.message ?? `fails ${error.keyword}` };
  }
}

/**
 * The spec files as they are on disk, after JSON Schema validation (see `specs/schema/`).
 * Only the loader and the model builder read these types; emitters read the model.
 * @packageDocumentation
 */

/** Validation rules of a member (`specs/schema/common.schema.json#/$defs/rules`). */
export interface RawRules {
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly nonEmpty?: true;
  readonly pattern?: string;
  readonly noSql?: true;
  readonly timestampMs?: true;
  readonly enum?: readonly (string | number)[];
  readonly notAfter?: string;
}

/** A parameter, response field or shape member. */
export interface RawMember {
  readonly name: string;
  readonly type: string;
  readonly required: boolean;
  readonly nullable?: boolean;
  readonly docs: string;
  readonly rules?: RawRules;
  readonly itemRules?: RawRules;
  readonly default?: string | number | boolean;
  readonly unit?: string;
  readonly example?: unknown;
  readonly deprecated?: string;
  readonly format?: StringFormat;
  readonly sites?: readonly Site[];
}

/** A site of Tencent Cloud: `china` (cloud.tencent.com) or `international` (tencentcloud.com). */
export type Site = "china" | "international";

/** Wire format of a string member (documentation only). */
export type StringFormat = "datetime" | "date" | "datetime_iso";

/** `service.json`. */
export interface RawService {
  readonly service: string;
  readonly version: string;
  readonly name: string;
  readonly title: string;
  readonly docs: string;
  readonly docsUrl?: string;
  readonly endpoints: { readonly china: string; readonly international: string; readonly regional?: string };
  readonly regions: readonly string[];
  readonly regionalOnly?: readonly string[];
}

/** One request/response example of an action. */
export interface RawExample {
  readonly title: string;
  readonly docs?: string;
  readonly request: Readonly<Record<string, unknown>>;
  readonly response: { readonly Response: Readonly<Record<string, unknown>> };
}

/** `actions/<Action>.json`. */
export interface RawAction {
  readonly name: string;
  readonly summary: string;
  readonly docs: string;
  readonly docsUrl?: string;
  readonly deprecated?: string;
  readonly unsupported?: string;
  readonly sites?: readonly Site[];
  readonly docsLanguage?: "zh-CN";
  readonly idempotent: boolean | "unknown";
  readonly absentAfterSuccess?: string;
  readonly unsigned?: true;
  readonly rateLimit: number | "unknown";
  readonly input: readonly RawMember[];
  readonly output: readonly RawMember[];
  readonly errors: readonly string[];
  readonly examples: readonly RawExample[];
  readonly skippedExamples?: readonly { readonly title: string; readonly reason: string }[];
}

/** `shapes/<Shape>.json`. */
export interface RawShape {
  readonly name: string;
  readonly docs: string;
  readonly sites?: readonly Site[];
  readonly docsLanguage?: "zh-CN";
  readonly members: readonly RawMember[];
}

/** `errors.json`. */
export interface RawErrors {
  readonly common: Readonly<Record<string, string>>;
  readonly service: Readonly<Record<string, string>>;
  readonly chineseOnly?: readonly string[];
}

/** A parsed spec file and where it came from. */
export interface SpecFile<T> {
  /** Path shown in issues (repository-relative, `/` separators). */
  readonly file: string;
  /** Path relative to the spec folder, e.g. `actions/CreateExport.json`. */
  readonly relativePath: string;
  /** The file's text, line endings normalised to `\n`. */
  readonly text: string;
  /** The parsed, schema-valid document. */
  readonly data: T;
}

/** A whole spec folder, every file schema-valid. */
export interface RawSpec {
  /** The spec folder as shown in headers and issues, e.g. `specs/cls/2020-10-16`. */
  readonly label: string;
  readonly service: SpecFile<RawService>;
  readonly errors: SpecFile<RawErrors>;
  /** Sorted by file name. */
  readonly actions: readonly SpecFile<RawAction>[];
  /** Sorted by file name. */
  readonly shapes: readonly SpecFile<RawShape>[];
}

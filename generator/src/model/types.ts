/**
 * The intermediate model: what the emitters read. Built once from a validated spec by `buildModel`;
 * emitters never read the raw spec. Every list is sorted (operations by action, shapes by name,
 * error codes by code) so that the output is deterministic; members keep their documented order.
 * @packageDocumentation
 */
import type { Site, StringFormat } from "../load/raw-spec.js";
import type { TypeRef } from "./type-ref.js";

export type { Site, StringFormat } from "../load/raw-spec.js";
export type { TypeRef } from "./type-ref.js";

/** A validation rule of a member, as data. */
export type Rule =
  | { readonly kind: "minimum" | "maximum" | "minLength" | "maxLength" | "minItems" | "maxItems"; readonly value: number }
  | { readonly kind: "nonEmpty" | "noSql" | "timestampMs" }
  | { readonly kind: "pattern"; readonly value: string }
  | { readonly kind: "enum"; readonly values: readonly (string | number)[] }
  | { readonly kind: "notAfter"; readonly other: string };

/** A request parameter, response field or shape member. */
export interface Member {
  /** Wire name, PascalCase, e.g. `TopicId`. */
  readonly name: string;
  /** Documentation (Markdown). */
  readonly docs: string;
  /** Wire type. */
  readonly type: TypeRef;
  /** Request: must be sent. Response/shape: always present. */
  readonly required: boolean;
  /** The service may send `null`. */
  readonly nullable: boolean;
  /** Rules, in the spec's order. */
  readonly rules: readonly Rule[];
  /** Rules each item of a list must obey, in the spec's order (empty unless the member is a list). */
  readonly itemRules: readonly Rule[];
  /** The service's default when omitted (documentation only). */
  readonly defaultValue?: string | number | boolean;
  /** Unit of a number, e.g. `ms`. */
  readonly unit?: string;
  /** Whether the spec gives an example (it may be any JSON value, `null` included). */
  readonly hasExample: boolean;
  /** The example, when {@link Member.hasExample}. */
  readonly example?: unknown;
  /** Deprecation note. */
  readonly deprecated?: string;
  /** Wire format of a string (documentation only). */
  readonly format?: StringFormat;
  /** The sites whose models have the member, when not both. */
  readonly sites?: readonly Site[];
}

/** A named object type. */
export interface Shape {
  /** PascalCase type name, e.g. `ExportInfo`. */
  readonly name: string;
  /** kebab-case file name without extension, e.g. `export-info`. */
  readonly fileName: string;
  /** Documentation. */
  readonly docs: string;
  /** The sites whose models have the shape, when not both. */
  readonly sites?: readonly Site[];
  /** Language of the documentation when not English. */
  readonly docsLanguage?: "zh-CN";
  /** Members in documented order. */
  readonly members: readonly Member[];
  /** Whether a request parameter uses the shape (then the input validators check it). */
  readonly usedInInput: boolean;
  /** Name of the shape's input validator, exported by its own module, e.g. `validateItemShape`. */
  readonly validator: string;
  /** Name of the wording of the shape's rules, exported beside its validator, e.g. `itemShapeRuleText`. */
  readonly ruleText: string;
}

/** An API error code and what it means. */
export interface ErrorCode {
  /** e.g. `ResourceNotFound.TopicNotExist`. */
  readonly code: string;
  /** One-sentence meaning. */
  readonly description: string;
  /** Whether it is one of the platform's common codes. */
  readonly common: boolean;
  /** Whether the description exists only in Chinese. */
  readonly chineseOnly: boolean;
}

/** A request/response example. */
export interface Example {
  /** What it shows. */
  readonly title: string;
  /** Longer explanation. */
  readonly docs?: string;
  /** The JSON request body, keys in wire order. */
  readonly request: Readonly<Record<string, unknown>>;
  /** The whole answer, `{ Response: … }`. */
  readonly response: Readonly<Record<string, unknown>>;
}

/** Names of everything generated for one operation. */
export interface OperationNames {
  /** Client method, camelCase, e.g. `createExport`. */
  readonly method: string;
  /** kebab-case file name without extension, e.g. `create-export`. */
  readonly fileName: string;
  /** e.g. `CreateExportRequest`. */
  readonly request: string;
  /** e.g. `CreateExportResponse`. */
  readonly response: string;
  /** Closed union of documented codes, e.g. `CreateExportKnownErrorCode`. */
  readonly knownErrorCode: string;
  /** Open union (known codes or any string), e.g. `CreateExportErrorCode`. */
  readonly errorCode: string;
  /** `TcServiceError<…>` alias, e.g. `CreateExportError`. */
  readonly error: string;
  /** Type guard, e.g. `isCreateExportError`. */
  readonly guard: string;
  /** Interface declaring the client method, which the client's interface extends, e.g. `CreateExportMethod`. */
  readonly methodInterface: string;
  /** Compiled input validator, e.g. `validateCreateExportInput`. */
  readonly validator: string;
}

/** One API action. */
export interface Operation {
  /** Action name, sent as `X-TC-Action`, e.g. `CreateExport`. */
  readonly action: string;
  /** Derived names. */
  readonly names: OperationNames;
  /** One line. */
  readonly summary: string;
  /** Documentation. */
  readonly docs: string;
  /** Documentation page. */
  readonly docsUrl?: string;
  /** Deprecation note. */
  readonly deprecated?: string;
  /** Why this SDK cannot call the action yet; the method throws it before sending. */
  readonly unsupported?: string;
  /** The sites that offer the action, when not both. */
  readonly sites?: readonly Site[];
  /** Language of the documentation when not English. */
  readonly docsLanguage?: "zh-CN";
  /** Safe to re-send after it may have reached the service. */
  readonly idempotent: boolean;
  /**
   * Whether {@link Operation.idempotent} was assumed from the action's name (the spec said `unknown`):
   * read-only verbs are safe to re-send, any other action is not.
   */
  readonly idempotentAssumed: boolean;
  /** The not-found code that, on a re-send after an attempt that may have been executed, means the job is done. */
  readonly absentAfterSuccess?: string;
  /** Sent without a signature or credentials (`Authorization: SKIP`). */
  readonly unsigned: boolean;
  /** Requests per second, when documented; the client limits nothing otherwise. */
  readonly rateLimit: number | undefined;
  /** Request parameters, documented order. */
  readonly input: readonly Member[];
  /** Names of the shapes the request reaches, directly or through other shapes, sorted. */
  readonly inputShapes: readonly string[];
  /** Response fields, documented order, then `RequestId` (every answer has it; specs leave it out). */
  readonly output: readonly Member[];
  /** Codes the action documents, sorted; the common codes apply too. */
  readonly errors: readonly ErrorCode[];
  /** Examples, spec order. */
  readonly examples: readonly Example[];
  /** Examples of the source the importer could not convert, with the reason. */
  readonly skippedExamples: readonly { readonly title: string; readonly reason: string }[];
  /** Spec file the action came from (repository-relative). */
  readonly sourceFile: string;
}

/** The service and everything in it. */
export interface Service {
  /** Spec folder, e.g. `specs/cls/2020-10-16` (used in headers). */
  readonly specLabel: string;
  /** sha256 of every spec file (sorted by path), hex. */
  readonly specHash: string;
  /** sha256 of each spec file, keyed by its path in the spec folder, sorted. */
  readonly specFiles: readonly { readonly path: string; readonly sha256: string }[];
  /** Signing service name, e.g. `cls`. */
  readonly service: string;
  /** API version, e.g. `2020-10-16`. */
  readonly version: string;
  /** PascalCase name, e.g. `Cls`. */
  readonly name: string;
  /** Human name. */
  readonly title: string;
  /** Documentation. */
  readonly docs: string;
  /** Documentation address. */
  readonly docsUrl?: string;
  /** Hosts. */
  readonly endpoints: { readonly china: string; readonly international: string; readonly regional?: string };
  /** Regions, sorted. */
  readonly regions: readonly string[];
  /** Regions needing their regional host, sorted. */
  readonly regionalOnly: readonly string[];
  /** npm package name, from the output package's `package.json`. */
  readonly packageName: string;
  /** npm package version, from the output package's `package.json`. */
  readonly packageVersion: string;
  /** The package's handwritten `src/lib/README.md` (Markdown), appended to the generated README. */
  readonly libReadme?: string;
  /** Client class name, e.g. `ClsClient`. */
  readonly clientClass: string;
  /** `ServiceInfo` constant name, e.g. `clsService`. */
  readonly serviceConst: string;
  /** Operations sorted by action. */
  readonly operations: readonly Operation[];
  /** Shapes sorted by name. */
  readonly shapes: readonly Shape[];
  /** The platform's common error codes, sorted. */
  readonly commonErrors: readonly ErrorCode[];
}

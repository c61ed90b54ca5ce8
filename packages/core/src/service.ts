/**
 * What a generated service package tells core about itself. Core knows no service: the signing
 * service, API version, hosts, actions, rate limits and which actions are safe to re-send all
 * arrive through these descriptors, which the generator emits from the spec.
 *
 * @packageDocumentation
 */

/** Hosts of one service (from the spec's `endpoints`). */
export interface ServiceEndpoints {
  /** Nearest-access host of the China site, e.g. `cls.tencentcloudapi.com`. */
  readonly china: string;
  /** Host of the international site, e.g. `cls.intl.tencentcloudapi.com`. */
  readonly international: string;
  /**
   * Regional host template with a `{region}` placeholder, e.g. `cls.{region}.tencentcloudapi.com`;
   * absent for a global service that has no regional hosts (CAM).
   */
  readonly regional?: string | undefined;
}

/** One Tencent Cloud service at one API version, as a generated package describes it. */
export interface ServiceInfo {
  /** Signing service name, used in the TC3 credential scope, e.g. `cls`. */
  readonly service: string;
  /** API version sent as `X-TC-Version`, e.g. `2020-10-16`. */
  readonly version: string;
  /** Default, international and regional hosts. */
  readonly endpoints: ServiceEndpoints;
  /** Regions the service is offered in (informational; other regions are not refused). */
  readonly regions: readonly string[];
  /** Regions that must be reached through their regional host (finance regions). */
  readonly regionalOnly?: readonly string[];
  /** npm name of the generated package, for the User-Agent, e.g. `@tcsdk/cls`. */
  readonly packageName: string;
  /** Version of the generated package, for the User-Agent. */
  readonly packageVersion: string;
}

/** One error reported by a compiled validator, in the shape AJV's standalone code produces. */
export interface ValidatorError {
  /** JSON pointer to the offending value, e.g. `/Count` (empty for the root object). */
  readonly instancePath: string;
  /** JSON pointer into the schema, e.g. `#/properties/Count/maximum`. */
  readonly schemaPath: string;
  /** The failed JSON Schema keyword, e.g. `maximum`, `required`, `additionalProperties`. */
  readonly keyword: string;
  /** Keyword parameters, e.g. `{ limit: 50000000, comparison: "<=" }` or `{ missingProperty: "TopicId" }`. */
  readonly params: Readonly<Record<string, unknown>>;
  /** AJV's own message, e.g. `must be <= 50000000`. */
  readonly message?: string;
}

/** A validator compiled at generation time (AJV standalone code): returns `true` or sets `errors`. */
export interface InputValidator {
  (data: unknown): boolean;
  /** Errors of the last call that returned `false`. */
  errors?: readonly ValidatorError[] | null;
}

/**
 * The spec's name and wording for a rule whose JSON Schema keyword alone would read poorly,
 * e.g. the `pattern` that forbids SQL in a query → `{ rule: "noSql", message: "must not contain an SQL part ('|')" }`.
 */
export interface RuleText {
  /** Rule name as the spec says it. */
  readonly rule: string;
  /**
   * What the rule demands, completing "<parameter> …". When absent, core words it from the validator's
   * error (an `enum` lists its allowed values: `must be one of "asc", "desc"`).
   */
  readonly message?: string;
}

/** One API action as a generated client calls it. */
export interface OperationInfo {
  /** Action name sent as `X-TC-Action`, e.g. `CreateExport`. */
  readonly action: string;
  /**
   * Whether the request may be sent again after it may have reached the server (a timeout, a 5xx,
   * `InternalError`). `false` for actions such as CreateExport, where a re-send can create a second resource.
   */
  readonly idempotent: boolean;
  /** Documented rate limit of the action, in requests per second; absent when none is documented. */
  readonly rateLimit?: number;
  /**
   * Why this SDK cannot call the action yet (for example a protobuf body): the call throws a
   * `TcError` with this reason before validating or sending anything.
   */
  readonly unsupported?: string;
  /**
   * The action's not-found error code when the action removes something, e.g. `ResourceNotFound.ExportNotExist`
   * for `DeleteExport` (idempotent actions only). When a re-send follows an attempt that may have been
   * executed (its answer was lost, or the service failed), this code means the earlier attempt did the
   * job: the call resolves with the answer's `RequestId` instead of failing.
   */
  readonly absentAfterSuccess?: string;
  /**
   * Sent without a signature (`Authorization: SKIP`) and without credentials, as Tencent documents for
   * actions whose caller proves itself in the request (STS `AssumeRoleWithSAML`, `AssumeRoleWithWebIdentity`).
   * The client then needs no credentials for this action.
   */
  readonly unsigned?: boolean;
  /** Input validator compiled from the spec; when absent the input is sent unchecked. */
  readonly validate?: InputValidator;
  /** Spec wording for rules, keyed by {@link ValidatorError.schemaPath}. */
  readonly ruleText?: Readonly<Record<string, RuleText>>;
}

/**
 * A 64-bit integer parameter or field (`int64`/`uint64` in the spec). Inputs accept a `bigint` for values
 * beyond `Number.MAX_SAFE_INTEGER` (2^53 − 1); answers hold a `bigint` exactly when the value is not a
 * safe integer, so no digit is ever rounded away.
 */
export type Int64 = number | bigint;

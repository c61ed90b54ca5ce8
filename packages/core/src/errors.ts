/**
 * One error hierarchy for every tcsdk client. Every error thrown by a client is a {@link TcError};
 * `instanceof` works even when two copies of `@tcsdk/core` are installed: every error carries, under a
 * key from the global symbol registry, the names of its class and of its ancestors, and each class's
 * `Symbol.hasInstance` looks for its own name there when the prototype check fails.
 *
 * @packageDocumentation
 */

/** Global brand shared by every copy of `@tcsdk/core`: holds the class names of an error, most derived first. */
const BRAND = Symbol.for("@tcsdk/core.error");

/** Where a request was when it failed; shared by every error that concerns one call. */
export interface RequestContext {
  /** Signing service name, e.g. `cls`. */
  readonly service?: string | undefined;
  /** Action, e.g. `CreateExport`. */
  readonly action?: string | undefined;
  /** RequestId from the answer, when the server gave one. */
  readonly requestId?: string | undefined;
  /** HTTP status of the answer, when there was one. */
  readonly status?: number | undefined;
  /** The answer's `Date` header, when its head arrived: when the service handled the request, by its clock. */
  readonly responseDate?: string | undefined;
  /** Number of attempts made, retries included. */
  readonly attempts?: number | undefined;
}

/** Options every {@link TcError} accepts. */
export interface TcErrorOptions extends RequestContext {
  /** The underlying error. */
  readonly cause?: unknown;
}

/**
 * Base class of every error thrown by tcsdk.
 *
 * Its enumerable fields describe the call (service, action, RequestId, HTTP status, attempts); none of
 * them, nor the message, ever holds a SecretKey, a session token or a signature.
 */
export class TcError extends Error {
  /** Signing service name, e.g. `cls`, when the error concerns a call. */
  readonly service: string | undefined;
  /** Action, e.g. `CreateExport`, when the error concerns a call. */
  readonly action: string | undefined;
  /** RequestId of the answer, when there was one. Quote it to Tencent Cloud support. */
  readonly requestId: string | undefined;
  /** HTTP status of the answer, when there was one. */
  readonly status: number | undefined;
  /**
   * The answer's `Date` header, when its head arrived (even if its body was then lost): when the
   * service handled the request, by its clock. With {@link TcError.requestId} it finds the call in the
   * service's records.
   */
  readonly responseDate: string | undefined;
  /** Number of attempts made, retries included. */
  readonly attempts: number | undefined;

  /** Creates an error; `options` describe the call it concerns. */
  constructor(message: string, options: TcErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.service = options.service;
    this.action = options.action;
    this.requestId = options.requestId;
    this.status = options.status;
    this.responseDate = options.responseDate;
    this.attempts = options.attempts;
    Object.defineProperty(this, BRAND, { value: lineageOf(new.target) });
  }

  /** The class name, e.g. `TcServiceError`. */
  override get name(): string {
    return brandOf(this)?.[0] ?? "TcError";
  }

  /** Recognises errors of this class from any copy of `@tcsdk/core` (see the module notes). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (typeof value !== "object" || value === null) return false;
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class `instanceof` asks about, a subclass included
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    // biome-ignore lint/complexity/noThisInStatic: as above
    return brandOf(value)?.includes(this.name) ?? false;
  }
}

/** Class names from `ctor` up to (and including) `TcError`, computed once per class. */
const LINEAGES = new WeakMap<object, readonly string[]>();

function lineageOf(ctor: object): readonly string[] {
  let names = LINEAGES.get(ctor);
  if (names === undefined) {
    const list: string[] = [];
    for (let c: unknown = ctor; typeof c === "function" && c !== Error && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
      list.push((c as { name: string }).name);
    }
    names = Object.freeze(list);
    LINEAGES.set(ctor, names);
  }
  return names;
}

function brandOf(value: object): readonly string[] | undefined {
  const brand = (value as Record<symbol, unknown>)[BRAND];
  return Array.isArray(brand) ? (brand as readonly string[]) : undefined;
}

/**
 * The service answered with `Response.Error`. `code` is the API's error code, e.g.
 * `ResourceNotFound.TopicNotExist`; generated packages narrow it per action.
 */
export class TcServiceError<Code extends string = string> extends TcError {
  /** Error code from the answer, e.g. `LimitExceeded.Export`. */
  readonly code: Code;

  /** Creates a service error from an answer's `Error` object. */
  constructor(code: Code, message: string, options: TcErrorOptions = {}) {
    super(`${options.action ?? "request"} failed: ${code}: ${message}${suffix(options)}`, options);
    this.code = code;
  }
}

/**
 * Whether `error` is a {@link TcServiceError} (from any copy of core) answered by `action`. Each
 * generated `is<Action>Error` guard calls it, narrowing the error to the action's codes.
 *
 * @example
 * ```ts
 * const isCreateExportError = (error: unknown): error is TcServiceError<"LimitExceeded.Export"> =>
 *   isActionError(error, "CreateExport");
 * ```
 */
export function isActionError(error: unknown, action: string): error is TcServiceError {
  return error instanceof TcServiceError && error.action === action;
}

/** The input broke a rule of the spec. Thrown before anything is sent. */
export class TcValidationError extends TcError {
  /** Path of the parameter, e.g. `Count` or `Filters[0].Key`; empty for the input as a whole. */
  readonly parameter: string;
  /** Name of the broken rule, e.g. `maximum`, `enum`, `required`, `noSql`, `unknownParameter`. */
  readonly rule: string;
  /** The offending value (`undefined` for a missing parameter). */
  readonly value: unknown;

  /** Creates a validation error for one parameter. */
  constructor(parameter: string, rule: string, value: unknown, message: string, options: TcErrorOptions = {}) {
    super(message, options);
    this.parameter = parameter;
    this.rule = rule;
    this.value = value;
  }
}

/**
 * The connection failed: DNS, refused, reset, TLS or proxy errors, or an answer cut short after its head
 * arrived (then `status`, `requestId` and `responseDate` are set).
 */
export class TcNetworkError extends TcError {
  /** Whether the request may have reached the server (decides whether a non-idempotent call may be re-sent). */
  readonly maybeSent: boolean;
  /** Low-level error code, e.g. `ECONNRESET`, when known. */
  readonly errorCode: string | undefined;

  /** Creates a network error; the message gets the answer's status and RequestId when known. */
  constructor(message: string, maybeSent: boolean, options: TcErrorOptions & { readonly errorCode?: string | undefined } = {}) {
    super(`${message}${suffix(options)}`, options);
    this.maybeSent = maybeSent;
    this.errorCode = options.errorCode;
  }
}

/** Options of a {@link TcTimeoutError}. */
export interface TcTimeoutErrorOptions extends TcErrorOptions {
  /** Whether the request may have reached the server. @defaultValue `false` */
  readonly maybeSent?: boolean | undefined;
  /** The option that set the limit, named in the message, e.g. `timeoutMs`. */
  readonly option?: string | undefined;
  /** What was going on or what to do next, e.g. `the credentials were still being resolved`; appended to the message. */
  readonly detail?: string | undefined;
}

/**
 * An attempt took longer than its timeout, or the whole call passed its deadline. When the answer's head
 * had arrived before the body stalled, `status`, `requestId` and `responseDate` are set.
 */
export class TcTimeoutError extends TcError {
  /** `attempt` for the per-attempt timeout, `deadline` for the overall one. */
  readonly kind: "attempt" | "deadline";
  /** The limit that was passed, in milliseconds. */
  readonly timeoutMs: number;
  /** Whether the request may have reached the server (and so, for an action that is not idempotent, may have taken effect). */
  readonly maybeSent: boolean;

  /** Creates a timeout error. */
  constructor(kind: "attempt" | "deadline", timeoutMs: number, options: TcTimeoutErrorOptions = {}) {
    const option = options.option ?? (kind === "attempt" ? "timeoutMs" : "deadlineMs");
    const detail = options.detail === undefined ? "" : `; ${options.detail}`;
    super(
      `${options.action ?? "request"} timed out: ${kind} limit of ${timeoutMs} ms passed (${option})${detail}${suffix(options)}`,
      options,
    );
    this.kind = kind;
    this.timeoutMs = timeoutMs;
    this.maybeSent = options.maybeSent ?? false;
  }
}

/** The caller's AbortSignal fired (during a request, a backoff wait or a rate-limit wait). `cause` holds the signal's reason. */
export class TcAbortError extends TcError {
  /** Creates an abort error; the message gets the answer's status and RequestId when known. */
  constructor(message: string, options: TcErrorOptions = {}) {
    super(`${message}${suffix(options)}`, options);
  }
}

/** The answer was not the JSON API 3.0 promises: HTML, truncated, no `Response`, or too large. */
export class TcParseError extends TcError {
  /** `Content-Type` of the answer, when there was one. */
  readonly contentType: string | undefined;
  /** The first bytes of the body (at most 256 characters), for diagnosis. */
  readonly bodySnippet: string;

  /** Creates a parse error. */
  constructor(
    message: string,
    options: TcErrorOptions & { readonly contentType?: string | undefined; readonly bodySnippet?: string | undefined } = {},
  ) {
    super(`${message}${suffix(options)}`, options);
    this.contentType = options.contentType;
    this.bodySnippet = options.bodySnippet ?? "";
  }
}

/** No credentials could be found, or a credential source failed. */
export class TcCredentialsError extends TcError {
  /** What was tried, in order, and why each failed. */
  readonly tried: readonly string[];

  /** Creates a credentials error. */
  constructor(message: string, tried: readonly string[] = [], options: TcErrorOptions = {}) {
    super(tried.length > 0 ? `${message}; tried: ${tried.join("; ")}` : message, options);
    this.tried = tried;
  }
}

function suffix(options: RequestContext): string {
  const parts: string[] = [];
  if (options.status !== undefined) parts.push(`HTTP ${options.status}`);
  if (options.requestId !== undefined) parts.push(`RequestId ${options.requestId}`);
  return parts.length > 0 ? ` (${parts.join(", ")})` : "";
}

/**
 * Options of a client and of one call, hooks and the logger.
 *
 * @packageDocumentation
 */
import type { Readable } from "node:stream";
import type { Dispatcher } from "undici-types";
import type { CredentialProvider, Credentials } from "./credentials/types.js";
import type { TcAbortError, TcError } from "./errors.js";

/** Per-attempt timeout, ms: an API 3.0 call answers in well under a second; 30 s only catches a stuck connection. */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Overall deadline of a call, retries and waits included, ms. */
export const DEFAULT_DEADLINE_MS = 120_000;
/** Attempts per call, the first included: two retries ride out a blip without hammering a struggling service. */
export const DEFAULT_MAX_ATTEMPTS = 3;
/** Largest answer read, bytes (10 MiB, the API's own limit for a request body). */
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/** Fields of a log line: plain data, never a secret. */
export type LogFields = Readonly<Record<string, unknown>>;

/**
 * Where a client writes what it does; any method may be left out. Lines carry the action, attempt, URL,
 * status, RequestId, durations and retry reasons; never a SecretKey, session token or signature.
 * `console` fits.
 */
export interface Logger {
  /** Each request and answer. */
  debug?(message: string, fields: LogFields): void;
  /** Notable events, e.g. a clock-offset correction. */
  info?(message: string, fields: LogFields): void;
  /** Retries and failing hooks. */
  warn?(message: string, fields: LogFields): void;
  /** Calls that failed for good. */
  error?(message: string, fields: LogFields): void;
}

/** What {@link ClientHooks.beforeRequest} learns about an attempt. */
export interface BeforeRequestInfo {
  /** Signing service, e.g. `cls`. */
  readonly service: string;
  /** Action, e.g. `CreateExport`. */
  readonly action: string;
  /** Attempt number, from 1. */
  readonly attempt: number;
  /** URL posted to. */
  readonly url: string;
  /** Request headers (lower-case names) without `authorization` and `x-tc-token`. */
  readonly headers: Readonly<Record<string, string>>;
  /** Size of the body, bytes. */
  readonly bodyBytes: number;
}

/** What {@link ClientHooks.afterResponse} learns about an attempt. */
export interface AfterResponseInfo {
  /** Signing service, e.g. `cls`. */
  readonly service: string;
  /** Action, e.g. `CreateExport`. */
  readonly action: string;
  /** Attempt number, from 1. */
  readonly attempt: number;
  /** URL posted to. */
  readonly url: string;
  /** HTTP status, when an answer arrived. */
  readonly status: number | undefined;
  /** RequestId, when the answer had one. */
  readonly requestId: string | undefined;
  /** Time from sending to the end of the answer (or the failure), ms. */
  readonly durationMs: number;
  /** The attempt's error, when it failed. */
  readonly error: TcError | undefined;
  /** When the call will be retried: the wait before the next attempt, ms. */
  readonly retryDelayMs: number | undefined;
  /**
   * The error code of an answer taken as success: the action's not-found code (`OperationInfo.absentAfterSuccess`)
   * answered to a re-send after an earlier attempt may have done the job. `error` is then `undefined`.
   */
  readonly takenAsSuccess?: string | undefined;
}

/** Callbacks around every attempt, for logging and metrics. A hook that throws is logged and ignored. */
export interface ClientHooks {
  /** Called before each attempt is sent. */
  beforeRequest?(info: BeforeRequestInfo): void;
  /** Called after each attempt, successful or not. */
  afterResponse?(info: AfterResponseInfo): void;
}

/**
 * Client-side rate limiting: requests per second for every action, or per action name. With a limit of
 * `n`, a call of an action starts only once the `n`-th previous call of that action has been answered
 * (or failed) at least a second ago, so no second ever sees more than `n` arrive at the server.
 */
export interface RateLimitOptions {
  /** Overrides the spec's limits: one number for every action, or a limit per action (others keep the spec's). */
  readonly perSecond?: number | Readonly<Record<string, number>> | undefined;
}

/** Options of a client. Every option is optional. */
export interface ClientOptions {
  /**
   * Credentials, or a provider called before each attempt (it caches on its own).
   * @defaultValue the chain environment → `~/.tencentcloud/credentials` → CVM instance role, resolved on the first call
   */
  readonly credentials?: Credentials | CredentialProvider | undefined;
  /**
   * Region sent as `X-TC-Region`, e.g. `ap-guangzhou`; the header is left out when unset. A region the
   * service does not list (`ServiceInfo.regions`) is refused when the client is made, with the closest
   * listed ones ("did you mean ap-guangzhou?"), unless `allowUnknownRegion` is set.
   */
  readonly region?: string | undefined;
  /**
   * Sends a `region` the package does not list: regions are added over time, and a package may be older
   * than the region you use.
   * @defaultValue `false`
   */
  readonly allowUnknownRegion?: boolean | undefined;
  /**
   * Endpoint: a URL with its scheme, such as `https://cls.ap-guangzhou.tencentcloudapi.com` or
   * `http://127.0.0.1:9000`; overrides `site`. A host without a scheme is refused with the fix in the
   * message (a bare `127.0.0.1:9000` would otherwise mean HTTPS to a local plain-HTTP server). Plain
   * `http:` is refused unless the host is loopback (`localhost`, 127.0.0.0/8, `::1`) or
   * `allowInsecureHttp` is set.
   */
  readonly endpoint?: string | undefined;
  /**
   * Lets `endpoint` be plain `http:` to a host that is not loopback, e.g. a test server elsewhere on your
   * network. Signed requests and the session token then cross the network in clear text: anyone on the
   * path can read them, and replay a request within its five-minute window.
   * @defaultValue `false`
   */
  readonly allowInsecureHttp?: boolean | undefined;
  /**
   * Which host to use without `endpoint`: the China site's (`cls.tencentcloudapi.com`), the international
   * site's (`cls.intl.tencentcloudapi.com`), or the region's own (`cls.ap-guangzhou.tencentcloudapi.com`).
   * Regions that must use their own host (finance regions) always do.
   * @defaultValue `"china"`
   */
  readonly site?: "china" | "international" | "regional" | undefined;
  /** Language of error messages, sent as `X-TC-Language` (`zh-CN` or `en-US`); left out when unset. */
  readonly language?: string | undefined;
  /**
   * undici Dispatcher to send through: a `ProxyAgent`, a `MockAgent`, your own `Agent`. Not closed by the client's `close()`.
   * @defaultValue a keep-alive `Agent` of this client's own, or an `EnvHttpProxyAgent` when `HTTPS_PROXY`/`HTTP_PROXY` is set
   */
  readonly dispatcher?: DispatcherLike | undefined;
  /** Timeout of each attempt, ms. @defaultValue {@link DEFAULT_TIMEOUT_MS} */
  readonly timeoutMs?: number | undefined;
  /** Deadline of a whole call, retries and waits included, ms. @defaultValue {@link DEFAULT_DEADLINE_MS} */
  readonly deadlineMs?: number | undefined;
  /** Attempts per call, the first included (`1`: no retries). @defaultValue {@link DEFAULT_MAX_ATTEMPTS} */
  readonly maxAttempts?: number | undefined;
  /** Client-side rate limiting (on by default, from each action's documented limit); `false` turns it off. */
  readonly rateLimit?: false | RateLimitOptions | undefined;
  /** Largest answer body read, bytes; a larger one fails with a {@link TcParseError}. @defaultValue {@link DEFAULT_MAX_RESPONSE_BYTES} */
  readonly maxResponseBytes?: number | undefined;
  /** Callbacks around every attempt. */
  readonly hooks?: ClientHooks | undefined;
  /** Where to log. @defaultValue nowhere */
  readonly logger?: Logger | undefined;
  /**
   * Wall clock for `X-TC-Timestamp` and `Retry-After` dates, ms since the epoch (for tests). Rate limiting
   * always paces by Node's monotonic clock.
   * @defaultValue `Date.now`
   */
  readonly clock?: (() => number) | undefined;
  /** Random numbers in [0, 1) for backoff jitter (for tests). @defaultValue `Math.random` */
  readonly random?: (() => number) | undefined;
  /** Appended to the `User-Agent` header, e.g. `my-app/1.2`. */
  readonly userAgent?: string | undefined;
}

/** Options of one call; they override the client's. */
export interface CallOptions {
  /** Aborts the call: the request in flight, a backoff wait or a rate-limit wait. */
  readonly signal?: AbortSignal | undefined;
  /** Timeout of each attempt, ms. */
  readonly timeoutMs?: number | undefined;
  /** Deadline of the whole call, ms. */
  readonly deadlineMs?: number | undefined;
  /** Attempts, the first included. */
  readonly maxAttempts?: number | undefined;
}

/** Options of a client's `download()`. */
export interface DownloadOptions {
  /** Aborts the download: before the answer arrives ({@link TcAbortError}) or while its body streams (the stream errors). */
  readonly signal?: AbortSignal | undefined;
  /** Resume at this byte: sends `Range: bytes=<offset>-` (a server that ignores it answers 200 with the whole file). */
  readonly offset?: number | undefined;
  /** Longest wait for the answer's head, and for each next piece of the body, ms. @defaultValue the client's `timeoutMs` */
  readonly timeoutMs?: number | undefined;
}

/** The head of a download's answer, and its body as a stream. */
export interface DownloadResponse {
  /** HTTP status: 200, 206 for a range, 403/404 for an expired link… */
  readonly status: number;
  /** Answer headers, lower-case names; a repeated header keeps its first value. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body: read it in full or destroy it, or the connection stays busy. */
  readonly body: Readable;
}

/**
 * What a client needs of an undici Dispatcher given in {@link ClientOptions.dispatcher}: its
 * `dispatch()` method. Every undici Dispatcher has it (`Agent`, `Pool`, `ProxyAgent`, `MockAgent`, your
 * own subclass), from the undici your app installs, 6 or 7: core bundles its own copy of undici's
 * `Agent` and does not need yours to be the same version or the same declarations.
 */
export interface DispatcherLike {
  /** Starts a request and reports its progress to `handler`; `false` when the dispatcher is busy. */
  dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean;
}

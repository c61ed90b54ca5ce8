/**
 * The base class every generated client extends: validation, signing, transport, retries, clock-skew
 * correction, rate limiting, hooks and logging for any Tencent Cloud API 3.0 service.
 *
 * @packageDocumentation
 */
import type { Dispatcher } from "undici-types";
import {
  DEFAULT_DEADLINE_MS,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
  type CallOptions,
  type ClientHooks,
  type DownloadOptions,
  type DownloadResponse,
  type ClientOptions,
  type LogFields,
  type Logger,
  type DispatcherLike,
} from "./client-options.js";
import { defaultCredentialChain } from "./credentials/chain.js";
import type { CredentialProvider, Credentials } from "./credentials/types.js";
import { TcAbortError, TcCredentialsError, TcError, TcServiceError, TcTimeoutError } from "./errors.js";
import { readAnswer, type AnswerContext } from "./internal/api-response.js";
import { describeAnswerError, describeFailure, type FailedAttempt } from "./internal/attempt-errors.js";
import { download } from "./internal/download.js";
import { checkRegion } from "./internal/region-check.js";
import { resolveEndpoint, type Endpoint } from "./internal/endpoint.js";
import { AttemptFailure, AttemptStop, startAttempt } from "./internal/http-attempt.js";
import { validateInput } from "./internal/input-validation.js";
import { stringifyLossless, tryStringify } from "./internal/json-codec.js";
import { RateLimiter, TurnRefused } from "./internal/rate-limiter.js";
import { mayRetry, retryDelay } from "./internal/retry-policy.js";
import { AttemptLimit, limitTimer, monotonicMs } from "./internal/timer.js";
import { loadAgent, loadEnvHttpProxyAgent } from "./internal/undici-modules.js";
import { userAgent } from "./internal/user-agent.js";
import type { OperationInfo, ServiceInfo } from "./service.js";
import { Tc3Signer } from "./signing.js";
import { sleep } from "./sleep.js";

/** The content type sent and signed, byte for byte. */
const CONTENT_TYPE = "application/json";
/** What an unsigned action (`OperationInfo.unsigned`) sends as its `Authorization`, as Tencent documents. */
const UNSIGNED_AUTHORIZATION = "SKIP";
/** Stands for "no credentials" in an unsigned action's attempts: nothing to sign with, nothing to scrub. */
const UNSIGNED: Credentials = Object.freeze({ secretId: "", secretKey: "" });
/** Answer code that asks for a re-signed request with a corrected clock. */
const SIGNATURE_EXPIRE = "AuthFailure.SignatureExpire";

/** What every request of a client sends, fixed when the client is made. */
interface ClientHeaders {
  readonly host: string;
  readonly userAgent: string;
  readonly version: string;
  readonly region: string | undefined;
  readonly language: string | undefined;
}

/**
 * The headers of one attempt before signing, as one object literal: every call's has the same shape.
 * Copying a client-wide object with spread cost about 3 µs more per call at c=32 (`pnpm bench`'s loop,
 * 9 pinned rounds: 56.5 against 53.5 µs, the floor 50.3).
 */
function attemptHeaders(client: ClientHeaders, action: string, timestamp: number): Record<string, string> {
  const headers: Record<string, string> = {
    host: client.host,
    "content-type": CONTENT_TYPE,
    "user-agent": client.userAgent,
    "x-tc-version": client.version,
    "x-tc-action": action,
    "x-tc-timestamp": String(timestamp),
    authorization: UNSIGNED_AUTHORIZATION,
  };
  if (client.region !== undefined) headers["x-tc-region"] = client.region;
  if (client.language !== undefined) headers["x-tc-language"] = client.language;
  return headers;
}

/** One call in progress. */
interface CallState {
  readonly operation: OperationInfo;
  readonly body: Buffer;
  readonly signal: AbortSignal | undefined;
  readonly timeoutMs: number;
  readonly deadlineMs: number;
  readonly deadlineAt: number;
  /** Every signature sent so far, kept out of the server's text (see `secret-scrubber.ts`). */
  readonly signatures: string[];
}

/** How one attempt ended, for the logger and the `afterResponse` hook. */
interface AttemptOutcome {
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  readonly error?: TcError | undefined;
  readonly retryDelayMs?: number | undefined;
  readonly takenAsSuccess?: string | undefined;
}

type AttemptResult =
  | { readonly ok: true; readonly response: Record<string, unknown>; readonly status: number }
  | ({ readonly ok: false } & FailedAttempt);

/**
 * Base class of every generated service client. A generated client passes its {@link ServiceInfo} to
 * the constructor and calls {@link ServiceClient.send} with each action's {@link OperationInfo}.
 *
 * One client keeps one pool of keep-alive connections, one signing-key cache, one rate limiter and
 * one clock offset: create it once and share it.
 */
export class ServiceClient {
  /** The service this client talks to. */
  protected readonly serviceInfo: ServiceInfo;
  readonly #endpoint: Endpoint;
  readonly #url: string;
  readonly #clientHeaders: ClientHeaders;
  readonly #signer = new Tc3Signer();
  readonly #rateLimiter: RateLimiter | undefined;
  readonly #timeoutMs: number;
  readonly #deadlineMs: number;
  readonly #maxAttempts: number;
  readonly #maxResponseBytes: number;
  readonly #hooks: ClientHooks | undefined;
  readonly #logger: Logger | undefined;
  readonly #clock: () => number;
  readonly #random: () => number;
  readonly #userDispatcher: DispatcherLike | undefined;
  #ownDispatcher: Dispatcher | undefined;
  #ownDispatcherLoad: Promise<Dispatcher> | undefined;
  #credentials: Credentials | CredentialProvider | undefined;
  /** Server clock minus local clock, ms, learnt from an `AuthFailure.SignatureExpire` answer. */
  #clockOffsetMs = 0;

  /**
   * Creates a client for `service`.
   *
   * @throws TypeError for an invalid endpoint, a region the service does not list (unless `allowUnknownRegion`),
   *   `site: "regional"` without a region, or a limit that is not a positive number
   */
  constructor(service: ServiceInfo, options: ClientOptions = {}) {
    this.serviceInfo = service;
    checkRegion(service, options.region, options.allowUnknownRegion === true);
    this.#endpoint = resolveEndpoint(service, options.endpoint, options.site, options.region, options.allowInsecureHttp === true);
    this.#url = `${this.#endpoint.origin}/`;
    this.#clientHeaders = {
      host: this.#endpoint.host,
      userAgent: userAgent(service, options.userAgent),
      version: service.version,
      region: options.region === "" ? undefined : options.region,
      language: options.language === "" ? undefined : options.language,
    };
    this.#timeoutMs = positive("timeoutMs", options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    this.#deadlineMs = positive("deadlineMs", options.deadlineMs ?? DEFAULT_DEADLINE_MS);
    this.#maxAttempts = attempts(options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
    this.#maxResponseBytes = positive("maxResponseBytes", options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
    this.#hooks = options.hooks;
    this.#logger = options.logger;
    this.#clock = options.clock ?? Date.now;
    this.#random = options.random ?? Math.random;
    this.#userDispatcher = options.dispatcher;
    this.#credentials = options.credentials;
    // Rate limiting paces real time, so it uses the monotonic clock, never `options.clock`: a wall clock
    // set back (or a test's frozen one) would hold every call until the lost time had passed again.
    this.#rateLimiter = options.rateLimit === false ? undefined : new RateLimiter(monotonicMs, options.rateLimit?.perSecond);
  }

  /** Closes the connections this client opened (a dispatcher passed in options is left open). */
  async close(): Promise<void> {
    const own = this.#ownDispatcherLoad;
    this.#ownDispatcherLoad = undefined;
    this.#ownDispatcher = undefined;
    await (await own)?.close();
  }

  /**
   * GETs a pre-signed URL, such as an export's `CosPath`, through this client's connections (and so its
   * proxy or injected Dispatcher). Nothing is signed or retried, and the URL's query never appears in an
   * error. Resolves when the answer's head arrives, whatever its status.
   *
   * @throws {@link TcNetworkError}, {@link TcTimeoutError}, {@link TcAbortError} when no answer arrives
   */
  async download(url: string, options: DownloadOptions = {}): Promise<DownloadResponse> {
    return download(await this.#dispatcher(), url, options, { timeoutMs: this.#timeoutMs, service: this.serviceInfo.service });
  }

  /**
   * Validates `input`, signs it, sends it, retries as safe, and returns the answer's `Response` object
   * (with its `RequestId`).
   *
   * @throws {@link TcValidationError} before anything is sent; {@link TcServiceError} for `Response.Error`;
   *   {@link TcNetworkError}, {@link TcTimeoutError}, {@link TcAbortError}, {@link TcParseError}, {@link TcCredentialsError}
   */
  protected async send<Output>(operation: OperationInfo, input: object, options: CallOptions = {}): Promise<Output> {
    const service = this.serviceInfo.service;
    if (operation.unsupported !== undefined) {
      throw new TcError(`${operation.action} is not supported by this SDK yet: ${operation.unsupported}`, {
        service,
        action: operation.action,
      });
    }
    // one walk for the common input: JSON.stringify also tells whether it holds a bigint (it refuses one)
    const firstPass = tryStringify(input);
    validateInput(operation, input, service, firstPass.hasBigInt);
    if (firstPass.json === undefined && !firstPass.hasBigInt) throw firstPass.error;
    const signal = options.signal;
    if (signal?.aborted) throw new TcAbortError(`${operation.action} aborted`, { service, action: operation.action, cause: signal.reason });
    const deadlineMs = positive("deadlineMs", options.deadlineMs ?? this.#deadlineMs);
    const call: CallState = {
      operation,
      body: Buffer.from(firstPass.json ?? (await stringifyLossless(input)), "utf8"),
      signal,
      timeoutMs: positive("timeoutMs", options.timeoutMs ?? this.#timeoutMs),
      deadlineMs,
      deadlineAt: monotonicMs() + deadlineMs,
      signatures: [],
    };
    const maxAttempts = attempts(options.maxAttempts ?? this.#maxAttempts);
    let retries = 0;
    let skewCorrected = false;
    /** Whether an attempt so far may have been executed by the service (its answer lost, or the service failed). */
    let mayHaveActed = false;
    for (let attempt = 1; ; attempt++) {
      const started = monotonicMs();
      const result = await this.#attempt(call, attempt);
      const durationMs = monotonicMs() - started;
      if (result.ok) {
        const requestId = typeof result.response["RequestId"] === "string" ? result.response["RequestId"] : undefined;
        this.#afterResponse(call, attempt, durationMs, { status: result.status, requestId });
        return result.response as Output;
      }
      const { error } = result;
      if (mayHaveActed && error instanceof TcServiceError && error.code === operation.absentAfterSuccess) {
        const { requestId, code } = error;
        this.#log("info", "tcsdk already done by an earlier attempt", { action: operation.action, attempts: attempt, code, requestId });
        this.#afterResponse(call, attempt, durationMs, { status: error.status, requestId, takenAsSuccess: code });
        return { RequestId: requestId ?? "" } as Output;
      }
      if (result.retry === "ifIdempotent") mayHaveActed = true;
      let delay: number | undefined;
      const serverNow = Date.parse(result.headers?.["date"] ?? "");
      if (!skewCorrected && error instanceof TcServiceError && error.code === SIGNATURE_EXPIRE && !Number.isNaN(serverNow)) {
        skewCorrected = true;
        this.#clockOffsetMs = serverNow - this.#clock();
        this.#log("info", "tcsdk clock offset corrected", { action: operation.action, clockOffsetMs: this.#clockOffsetMs });
        delay = 0;
      } else if (mayRetry(result.retry, operation.idempotent) && attempt - (skewCorrected ? 1 : 0) < maxAttempts) {
        const wait = retryDelay(result.retry, retries, this.#random, result.headers?.["retry-after"], this.#clock());
        if (monotonicMs() + wait < call.deadlineAt) {
          delay = wait;
          retries++;
        }
      }
      this.#afterResponse(call, attempt, durationMs, { status: error.status, requestId: error.requestId, error, retryDelayMs: delay });
      if (delay === undefined) {
        this.#log("error", "tcsdk call failed", {
          action: operation.action,
          attempts: attempt,
          error: error.name,
          status: error.status,
          requestId: error.requestId,
        });
        throw error;
      }
      this.#log("warn", "tcsdk retry", { action: operation.action, attempt, reason: reasonOf(error), delayMs: delay });
      if (delay > 0) await this.#wait(delay, call, { attempts: attempt, requestId: error.requestId });
    }
  }

  /**
   * One attempt: credentials, a rate-limit turn, then the exchange. The turn is released when the
   * attempt ends, answered or failed: the limiter stamps that time, which is after the request's
   * arrival at the server.
   */
  async #attempt(call: CallState, attempt: number): Promise<AttemptResult> {
    const source = this.#credentials;
    // keys given as an object need no wait (nor a timer for one), and a client without a limit no turn
    const credentials =
      call.operation.unsigned === true
        ? UNSIGNED
        : typeof source === "object" && "secretKey" in source
          ? this.#checked(source, call.operation.action)
          : await this.#credentialsWithin(call, attempt);
    if (!("secretKey" in credentials)) return credentials;
    // `return await`: an async function that returns a promise settles two microtask turns later
    const limiter = this.#rateLimiter;
    const perSecond = limiter?.limitFor(call.operation.action, call.operation.rateLimit);
    if (limiter === undefined || perSecond === undefined) return await this.#exchange(call, attempt, credentials);
    // a turn free now is taken at once; else the attempt queues for one (which refuses an aborted call)
    const free = call.signal?.aborted ? undefined : limiter.tryAcquire(call.operation.action, perSecond);
    const release = free ?? (await this.#turn(limiter, perSecond, call, attempt));
    if (typeof release !== "function") return release;
    try {
      return await this.#exchange(call, attempt, credentials);
    } finally {
      release();
    }
  }

  /**
   * Waits in the action's queue for a rate-limit turn: its release, or a final result when no turn
   * comes before the deadline.
   *
   * @throws {@link TcAbortError} when the call's signal fires while waiting
   */
  async #turn(limiter: RateLimiter, perSecond: number, call: CallState, attempt: number): Promise<(() => void) | AttemptResult> {
    const { operation } = call;
    const service = this.serviceInfo.service;
    try {
      return await limiter.acquire(operation.action, perSecond, {
        signal: call.signal,
        maxWaitMs: call.deadlineAt - monotonicMs(),
        onWait: (waitMs) => this.#log("debug", "tcsdk rate limit wait", { action: operation.action, waitMs }),
      });
    } catch (error) {
      if (!(error instanceof TurnRefused)) throw error;
      if (error.reason === "deadline") {
        return final(new TcTimeoutError("deadline", call.deadlineMs, { service, action: operation.action, attempts: attempt }));
      }
      throw new TcAbortError(`${operation.action} aborted`, {
        service,
        action: operation.action,
        attempts: attempt - 1,
        cause: error.cause,
      });
    }
  }

  /**
   * The credentials for an attempt, within the call: a provider that is slow (a metadata server that
   * does not answer) cannot hold the call past its deadline, and the call's signal aborts the wait. The
   * provider's own work goes on; what it fetches is cached for later calls.
   *
   * @throws {@link TcAbortError} when the call's signal fires while waiting; {@link TcCredentialsError}
   */
  #credentialsWithin(call: CallState, attempt: number): Promise<Credentials | AttemptResult> {
    const source = this.#credentials;
    if (typeof source === "object" && "secretKey" in source) return this.#resolveCredentials(call.operation.action);
    const { operation, signal } = call;
    const service = this.serviceInfo.service;
    const pending = this.#resolveCredentials(operation.action);
    return new Promise((resolve, reject) => {
      const finish = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      };
      const timer = limitTimer(() => {
        finish();
        const context = { service, action: operation.action, attempts: attempt - 1, detail: "the credentials were still being resolved" };
        resolve(final(new TcTimeoutError("deadline", call.deadlineMs, context)));
      }, call.deadlineAt - monotonicMs());
      const onAbort = (): void => {
        finish();
        reject(
          new TcAbortError(`${operation.action} aborted`, {
            service,
            action: operation.action,
            attempts: attempt - 1,
            cause: signal?.reason,
          }),
        );
      };
      if (signal?.aborted) onAbort();
      else signal?.addEventListener("abort", onAbort, { once: true });
      pending.then(
        (credentials) => {
          finish();
          resolve(credentials);
        },
        (error: unknown) => {
          finish();
          reject(error);
        },
      );
    });
  }

  /** Signs and sends one attempt, and reads its answer. */
  async #exchange(call: CallState, attempt: number, credentials: Credentials): Promise<AttemptResult> {
    const { operation } = call;
    const service = this.serviceInfo.service;
    const context: AnswerContext = {
      service,
      action: operation.action,
      attempts: attempt,
      idempotent: operation.idempotent,
      // read only when an error is built: successful answers are never scanned
      secrets: { secretKey: credentials.secretKey, sessionToken: credentials.sessionToken, signatures: call.signatures },
    };
    const remaining = call.deadlineAt - monotonicMs();
    if (remaining <= 0)
      return final(new TcTimeoutError("deadline", call.deadlineMs, { service, action: operation.action, attempts: attempt }));

    const timestamp = Math.floor((this.#clock() + this.#clockOffsetMs) / 1000);
    const signed = attemptHeaders(this.#clientHeaders, operation.action, timestamp);
    if (credentials !== UNSIGNED) {
      const { authorization, signature } = this.#signer.sign({
        secretId: credentials.secretId,
        secretKey: credentials.secretKey,
        service,
        host: this.#endpoint.hostname,
        timestamp,
        contentType: CONTENT_TYPE,
        payload: call.body,
      });
      call.signatures.push(signature);
      signed.authorization = authorization;
      if (credentials.sessionToken) signed["x-tc-token"] = credentials.sessionToken;
    }
    this.#beforeRequest(call, attempt, timestamp);
    const signal = call.signal;
    if (signal?.aborted) {
      return final(
        new TcAbortError(`${operation.action} aborted`, { service, action: operation.action, attempts: attempt, cause: signal.reason }),
      );
    }

    const handle = startAttempt(
      this.#userDispatcher ?? this.#ownDispatcher ?? (await this.#dispatcher()),
      { origin: this.#endpoint.origin, headers: signed, body: call.body, maxResponseBytes: this.#maxResponseBytes },
      // this client's own Agent is undici 7's, which uses the current handler API only
      this.#userDispatcher !== undefined,
    );
    const byDeadline = remaining < call.timeoutMs;
    const limit = new AttemptLimit(
      () => handle.cancel(byDeadline ? new AttemptStop("deadline", call.deadlineMs) : new AttemptStop("attempt", call.timeoutMs)),
      byDeadline ? remaining : call.timeoutMs,
    );
    const onAbort = (): void => handle.cancel(new AttemptStop("abort", 0, signal?.reason));
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      const raw = await handle.response;
      try {
        const answer = readAnswer(raw, context);
        return { ok: true, response: answer instanceof Promise ? await answer : answer, status: raw.status };
      } catch (error) {
        return { ok: false, ...describeAnswerError(error, raw.headers) };
      }
    } catch (failure) {
      if (!(failure instanceof AttemptFailure)) throw failure;
      return { ok: false, ...describeFailure(failure, context, this.#maxResponseBytes) };
    } finally {
      limit.clear();
      signal?.removeEventListener("abort", onAbort);
    }
  }

  /**
   * The dispatcher: the caller's, or this client's own, created on the first call (the chunk of core
   * holding undici's `Agent` loads then).
   */
  #dispatcher(): Promise<DispatcherLike> {
    if (this.#userDispatcher !== undefined) return Promise.resolve(this.#userDispatcher);
    if (this.#ownDispatcherLoad === undefined) {
      const env = process.env;
      const proxied = env["HTTPS_PROXY"] || env["https_proxy"] || env["HTTP_PROXY"] || env["http_proxy"];
      const load: Promise<Dispatcher> = (proxied ? loadEnvHttpProxyAgent() : loadAgent()).then((Dispatcher) => {
        const own = new Dispatcher();
        // a close() while loading closes this one (it awaits `load`) and forgets it
        if (this.#ownDispatcherLoad === load) this.#ownDispatcher = own;
        return own;
      });
      this.#ownDispatcherLoad = load;
    }
    return this.#ownDispatcherLoad;
  }

  /** Credentials for the next attempt, from the option or from the default chain (made on first use). */
  async #resolveCredentials(action: string): Promise<Credentials> {
    this.#credentials ??= defaultCredentialChain();
    const source = this.#credentials;
    let credentials: Credentials;
    if (typeof source === "function") {
      try {
        credentials = await source();
      } catch (error) {
        if (error instanceof TcCredentialsError) throw this.#credentialsContext(error, action);
        const kind = error instanceof Error ? error.name : typeof error;
        throw new TcCredentialsError(`the credential provider failed (${kind})`, [], {
          action,
          service: this.serviceInfo.service,
          cause: error,
        });
      }
    } else {
      credentials = source;
    }
    return this.#checked(credentials, action);
  }

  /**
   * `credentials` when they have a secretId and a secretKey.
   *
   * @throws {@link TcCredentialsError} otherwise
   */
  #checked(credentials: Credentials, action: string): Credentials {
    if (
      typeof credentials?.secretId !== "string" ||
      credentials.secretId === "" ||
      typeof credentials.secretKey !== "string" ||
      credentials.secretKey === ""
    ) {
      throw new TcCredentialsError("the credentials have no secretId or no secretKey", [], {
        action,
        service: this.serviceInfo.service,
      });
    }
    return credentials;
  }

  /**
   * A provider's {@link TcCredentialsError} with the call it failed: the action and service named, and,
   * when a chain found nothing (the default chain, when the client was given no credentials), the
   * options that would have given it credentials.
   */
  #credentialsContext(error: TcCredentialsError, action: string): TcCredentialsError {
    if (error.action !== undefined) return error;
    const service = this.serviceInfo.service;
    const context = { action, service, cause: error };
    if (error.tried.length > 0) {
      return new TcCredentialsError(
        `${action} (${service}) found no credentials: pass \`credentials\` to the client (keys, or a provider such as ` +
          "fromProfileFile, or fromAssumeRole from @tcsdk/credential-providers), or set TENCENTCLOUD_SECRET_ID and " +
          "TENCENTCLOUD_SECRET_KEY, or write a profile to ~/.tencentcloud/credentials",
        error.tried,
        context,
      );
    }
    return new TcCredentialsError(`${action} (${service}): ${error.message}`, [], context);
  }

  /** Waits `ms`, cut short by the call's signal (→ {@link TcAbortError}). */
  async #wait(ms: number, call: CallState, context: { attempts: number; requestId?: string | undefined }): Promise<void> {
    try {
      await sleep(ms, call.signal);
    } catch (error) {
      if (!(error instanceof TcAbortError)) throw error;
      throw new TcAbortError(`${call.operation.action} aborted`, {
        service: this.serviceInfo.service,
        action: call.operation.action,
        ...context,
        cause: error.cause,
      });
    }
  }

  /** Logs and calls the hook with the attempt's headers but `Authorization` and `X-TC-Token`. */
  #beforeRequest(call: CallState, attempt: number, timestamp: number): void {
    const action = call.operation.action;
    if (this.#logger !== undefined) this.#log("debug", "tcsdk request", { action, attempt, url: this.#url });
    const hook = this.#hooks?.beforeRequest;
    if (hook === undefined) return;
    // what is sent, but the signature
    const { authorization: _unsigned, ...headers } = attemptHeaders(this.#clientHeaders, action, timestamp);
    this.#runHook("beforeRequest", () =>
      hook({ service: this.serviceInfo.service, action, attempt, url: this.#url, headers, bodyBytes: call.body.length }),
    );
  }

  #afterResponse(call: CallState, attempt: number, durationMs: number, outcome: AttemptOutcome): void {
    // nothing to build for a client without a logger or this hook (the common case, once per attempt)
    if (this.#logger === undefined && this.#hooks?.afterResponse === undefined) return;
    const action = call.operation.action;
    const { status, requestId, error, retryDelayMs, takenAsSuccess } = outcome;
    this.#log("debug", "tcsdk response", {
      action,
      attempt,
      status,
      requestId,
      durationMs: Math.round(durationMs),
      error: error?.name,
      ...(takenAsSuccess === undefined ? {} : { takenAsSuccess }),
    });
    const hook = this.#hooks?.afterResponse;
    if (hook === undefined) return;
    this.#runHook("afterResponse", () =>
      hook({
        service: this.serviceInfo.service,
        action,
        attempt,
        url: this.#url,
        status,
        requestId,
        durationMs,
        error,
        retryDelayMs,
        ...(takenAsSuccess === undefined ? {} : { takenAsSuccess }),
      }),
    );
  }

  #runHook(name: string, run: () => void): void {
    try {
      run();
    } catch (error) {
      this.#log("warn", "tcsdk hook failed", { hook: name, error: error instanceof Error ? error.name : typeof error });
    }
  }

  #log(level: keyof Logger, message: string, fields: LogFields): void {
    const logger = this.#logger;
    if (logger === undefined) return;
    try {
      logger[level]?.(message, fields);
    } catch {
      // A failing logger must not fail the call.
    }
  }
}

/** A failed attempt that must not be retried (the call ends with `error`). */
function final(error: TcError): AttemptResult {
  return { ok: false, error, retry: "never", headers: undefined };
}

/** A short reason for a retry log line: the error code, or the error class. */
function reasonOf(error: TcError): string {
  if (error instanceof TcServiceError) return error.code;
  const code = (error as { errorCode?: unknown }).errorCode;
  return typeof code === "string" ? code : error.status !== undefined ? `${error.name} HTTP ${error.status}` : error.name;
}

function positive(name: string, value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) throw new TypeError(`${name} must be a positive number, got ${value}`);
  return value;
}

function attempts(value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new TypeError(`maxAttempts must be an integer >= 1, got ${value}`);
  return value;
}

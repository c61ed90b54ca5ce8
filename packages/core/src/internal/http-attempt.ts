/**
 * One HTTP exchange on an undici Dispatcher, through a small handler of its own (rather than undici's
 * `request()`), for two things `request()` hides:
 *
 * - **whether the request may have left**: undici calls `onRequestStart` on a connected socket right
 *   before it writes the request. An error before that point (DNS, refused, connect timeout, TLS, proxy) means
 *   nothing was written, so any action may be re-sent; after it, the server may have seen the request.
 * - **a cap on the answer's size**, enforced on `Content-Length` and again while the body streams.
 *
 * @internal
 * @packageDocumentation
 */
import type { Dispatcher } from "undici-types";
import type { DispatcherLike } from "../client-options.js";

/** What is sent. */
export interface AttemptRequest {
  /** `scheme://host[:port]`. */
  readonly origin: string;
  /** Request headers, lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  /** Exact body bytes. */
  readonly body: Buffer;
  /** Largest answer body accepted, in bytes. */
  readonly maxResponseBytes: number;
}

/** An answer read in full. */
export interface RawResponse {
  /** HTTP status. */
  readonly status: number;
  /** Answer headers, lower-case names; a repeated header keeps its first value. */
  readonly headers: Readonly<Record<string, string>>;
  /** Body bytes. */
  readonly body: Buffer;
}

/** undici's answer headers: lower-case names, a repeated header as an array. */
type UndiciHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** A {@link RawResponse} whose header object is made when first read: a successful call never reads it. */
class Answer implements RawResponse {
  #headers: Record<string, string> | undefined;
  constructor(
    readonly status: number,
    readonly body: Buffer,
    private readonly undiciHeaders: UndiciHeaders,
  ) {}

  get headers(): Readonly<Record<string, string>> {
    this.#headers ??= firstValues(this.undiciHeaders);
    return this.#headers;
  }
}

/** Why the client stopped an attempt itself. */
export class AttemptStop extends Error {
  /**
   * @param kind - the caller's signal, the per-attempt timeout or the call's deadline
   * @param limitMs - the timeout or deadline that passed, ms
   * @param reason - the caller's abort reason
   */
  constructor(
    readonly kind: "abort" | "attempt" | "deadline",
    readonly limitMs = 0,
    readonly reason?: unknown,
  ) {
    super(`stopped: ${kind}`);
  }
}

/** Why an attempt failed, and whether the request may have reached the server. */
export class AttemptFailure {
  /**
   * @param cause - the transport error, or the reason given to {@link AttemptHandle.cancel}
   * @param maybeSent - whether undici had started writing the request
   * @param tooLarge - the answer passed the size cap (`status` and `headers` are set)
   * @param status - status of the answer, when its head had arrived
   * @param headers - headers of the answer, when its head had arrived
   */
  constructor(
    readonly cause: unknown,
    readonly maybeSent: boolean,
    readonly tooLarge = false,
    readonly status?: number,
    readonly headers?: Readonly<Record<string, string>>,
  ) {}
}

/** A running attempt. */
export interface AttemptHandle {
  /** Settles with the answer, or rejects with an {@link AttemptFailure}. */
  readonly response: Promise<RawResponse>;
  /** Stops the attempt: `response` rejects at once with an {@link AttemptFailure} whose cause is `reason`. */
  cancel(reason: unknown): void;
}

/**
 * Starts one POST to `/` on `dispatcher`. `legacyCallbacks` adds the older handler API's callbacks,
 * for a Dispatcher that may not be undici 7's (one the caller injected); undici 7's own ignore them.
 */
export function startAttempt(dispatcher: DispatcherLike, request: AttemptRequest, legacyCallbacks = true): AttemptHandle {
  let resolve!: (response: RawResponse) => void;
  let reject!: (failure: AttemptFailure) => void;
  const response = new Promise<RawResponse>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  let settled = false;
  let maybeSent = false;
  let controller: Dispatcher.DispatchController | undefined;
  let cancelled: unknown;
  let status = 0;
  let headers: UndiciHeaders = {};
  let chunks: Buffer[] = [];
  let size = 0;

  const fail = (failure: AttemptFailure): void => {
    if (settled) return;
    settled = true;
    chunks = [];
    reject(failure);
  };
  // a failure keeps the answer's head when it had come: its status and RequestId say the request arrived
  // (a too large answer was sent, whatever the dispatcher reported)
  const failure = (cause: unknown, answerTooLarge = false): AttemptFailure =>
    status === 0
      ? new AttemptFailure(cause, maybeSent || answerTooLarge, answerTooLarge)
      : new AttemptFailure(cause, maybeSent || answerTooLarge, answerTooLarge, status, firstValues(headers));
  const tooLarge = (): void => {
    fail(failure(new Error("answer too large"), true));
    controller?.abort(new Error("answer too large"));
  };

  const handler: Dispatcher.DispatchHandler = {
    onRequestStart(started) {
      controller = started;
      if (settled) {
        // Cancelled while queued or connecting: stop before anything is written.
        started.abort(cancelled instanceof Error ? cancelled : new Error("cancelled"));
        return;
      }
      maybeSent = true;
    },
    onResponseStart(_controller, statusCode, responseHeaders) {
      if (statusCode < 200) return;
      status = statusCode;
      headers = responseHeaders;
      const length = responseHeaders["content-length"];
      const declared = Number(Array.isArray(length) ? length[0] : length);
      if (declared > request.maxResponseBytes) tooLarge();
    },
    onResponseData(_controller, chunk) {
      if (settled) return;
      size += chunk.length;
      if (size > request.maxResponseBytes) {
        tooLarge();
        return;
      }
      chunks.push(chunk);
    },
    onResponseEnd() {
      if (settled) return;
      settled = true;
      resolve(new Answer(status, chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size), headers));
    },
    onResponseError(_controller, error) {
      fail(failure(error));
    },
  };

  try {
    dispatcher.dispatch(
      { origin: request.origin, path: "/", method: "POST", headers: request.headers, body: request.body },
      legacyCallbacks ? withLegacyCallbacks(handler) : handler,
    );
  } catch (error) {
    fail(new AttemptFailure(error, false));
  }

  return {
    response,
    cancel(reason) {
      if (settled) return;
      cancelled = reason;
      fail(failure(reason));
      controller?.abort(reason instanceof Error ? reason : new Error("cancelled"));
    },
  };
}

/**
 * `handler` (undici's current handler API, which undici 7 dispatchers use) with the callbacks of the
 * older API added, which they ignore: a Dispatcher the caller injects may come from undici 6 (or be
 * Node's built-in one), and those know only `onConnect`, `onHeaders`, `onData`, `onComplete`, `onError`.
 */
function withLegacyCallbacks(handler: Dispatcher.DispatchHandler): Dispatcher.DispatchHandler {
  let controller: Dispatcher.DispatchController | undefined;
  let aborted: Error | undefined;
  const legacy = {
    onConnect(abort: (reason?: Error) => void) {
      controller = {
        get aborted() {
          return aborted !== undefined;
        },
        get paused() {
          return false;
        },
        get reason() {
          return aborted ?? null;
        },
        abort(reason: Error) {
          aborted = reason;
          abort(reason);
        },
        pause() {},
        resume() {},
      };
      handler.onRequestStart?.(controller, undefined);
    },
    onHeaders(statusCode: number, rawHeaders: readonly Buffer[]) {
      handler.onResponseStart?.(controller as Dispatcher.DispatchController, statusCode, headerObject(rawHeaders));
      return aborted === undefined;
    },
    onData(chunk: Buffer) {
      handler.onResponseData?.(controller as Dispatcher.DispatchController, chunk);
      return aborted === undefined;
    },
    onComplete() {
      handler.onResponseEnd?.(controller as Dispatcher.DispatchController, {});
    },
    onError(error: Error) {
      handler.onResponseError?.(controller as Dispatcher.DispatchController, error);
    },
  };
  return Object.assign(legacy, handler) as Dispatcher.DispatchHandler;
}

/** A raw header list (`[name, value, name, value, …]`) as an object with lower-case names; a repeated one keeps its first value. */
function headerObject(raw: readonly Buffer[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) headers[String(raw[i]).toLowerCase()] ??= String(raw[i + 1]);
  return headers;
}

/** undici's answer headers (lower-case names) with the first value of a repeated one. */
function firstValues(raw: UndiciHeaders): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? (value[0] ?? "") : value;
  }
  return headers;
}

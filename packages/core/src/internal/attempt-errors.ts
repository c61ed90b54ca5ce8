/**
 * Names the failure of one attempt: the typed error the caller sees, and how it may be retried.
 *
 * @internal
 * @packageDocumentation
 */
import { TcAbortError, type TcError, TcNetworkError, TcParseError, TcServiceError, TcTimeoutError } from "../errors.js";
import type { AnswerContext } from "./api-response.js";
import { effectNote, requestIdFromHeaders, scrubberFor } from "./answer-errors.js";
import { type AttemptFailure, AttemptStop } from "./http-attempt.js";
import { scrubCause } from "./secret-scrubber.js";
import { classifyServiceCode, classifyStatus, type RetryClass } from "./retry-policy.js";

/** A failed attempt. */
export interface FailedAttempt {
  /** The error to throw if the call ends here. */
  readonly error: TcError;
  /** How it may be retried. */
  readonly retry: RetryClass;
  /** Headers of the answer, when one arrived (`Date`, `Retry-After`). */
  readonly headers: Readonly<Record<string, string>> | undefined;
}

/**
 * Names a transport failure. When the answer's head had arrived before the body was cut or stalled, the
 * error keeps its status, RequestId and `Date`; when an action that is not safe to re-send may have
 * reached the server, the message says it may have taken effect.
 */
export function describeFailure(failure: AttemptFailure, context: AnswerContext, maxResponseBytes: number): FailedAttempt {
  const scrub = scrubberFor(context);
  const headers = failure.headers;
  const requestId = headers === undefined ? undefined : requestIdFromHeaders(headers);
  const base = {
    service: context.service,
    action: context.action,
    attempts: context.attempts,
    status: failure.status,
    requestId: requestId === undefined ? undefined : scrub(requestId),
    responseDate: headers?.["date"] === undefined ? undefined : scrub(headers["date"]),
  };
  const cause = failure.cause;
  const unsent: RetryClass = failure.maybeSent ? "ifIdempotent" : "notSent";
  const note = failure.maybeSent ? effectNote(context) : "";
  if (cause instanceof AttemptStop) {
    if (cause.kind === "abort") {
      return { error: new TcAbortError(`${context.action} aborted${note}`, { ...base, cause: cause.reason }), retry: "never", headers };
    }
    const detail = note === "" ? undefined : note.slice(2);
    const error = new TcTimeoutError(cause.kind, cause.limitMs, { ...base, maybeSent: failure.maybeSent, detail });
    return { error, retry: cause.kind === "attempt" ? unsent : "never", headers };
  }
  if (failure.tooLarge) {
    const error = new TcParseError(`${context.action}: the answer is larger than ${maxResponseBytes} bytes (maxResponseBytes)${note}`, {
      ...base,
      contentType: headers?.["content-type"] === undefined ? undefined : scrub(headers["content-type"]),
    });
    return { error, retry: "never", headers };
  }
  const code = errorCode(cause);
  const detail = scrub(cause instanceof Error ? cause.message : String(cause));
  const when = failure.maybeSent ? "after the request may have been sent" : "before the request was sent";
  const error = new TcNetworkError(`${context.action}: network error ${when}: ${code ?? "error"}: ${detail}${note}`, failure.maybeSent, {
    ...base,
    errorCode: code,
    cause: scrubCause(cause, scrub),
  });
  return { error, retry: unsent, headers };
}

/** Names an answer that {@link readAnswer} refused. */
export function describeAnswerError(error: unknown, headers: Readonly<Record<string, string>>): FailedAttempt {
  if (error instanceof TcServiceError) return { error, retry: classifyServiceCode(error.code), headers };
  if (error instanceof TcParseError) return { error, retry: classifyStatus(error.status ?? 200), headers };
  throw error;
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

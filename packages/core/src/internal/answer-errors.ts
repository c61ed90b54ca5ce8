/**
 * Names an answer that is not a success: a {@link TcServiceError} for `Response.Error`, a
 * {@link TcParseError} for anything else, keeping the status, content type, first bytes and any
 * RequestId, with the server's text scrubbed of the call's secrets. Loaded on the first such answer.
 *
 * @internal
 * @packageDocumentation
 */
import { TcParseError, TcServiceError, type TcErrorOptions } from "../errors.js";
import type { AnswerContext } from "./api-response.js";
import type { RawResponse } from "./http-attempt.js";
import { classifyServiceCode, classifyStatus } from "./retry-policy.js";
import { type Scrub, scrubCause, secretScrubber } from "./secret-scrubber.js";

/** Most characters of a body kept in a {@link TcParseError}. */
export const SNIPPET_LENGTH = 256;
/** Characters of a body scrubbed before its snippet is cut: the snippet plus room for the longest secret. */
const SCRUB_WINDOW = SNIPPET_LENGTH + 16 * 1024;

/** Header names under which gateways and the API may return the request id. */
const REQUEST_ID_HEADERS = ["x-tc-requestid", "x-request-id"] as const;

/**
 * What an error adds when an action that is not safe to re-send may have been executed although the
 * call failed (its answer was lost or unreadable): the caller must check before calling again.
 */
export function effectNote(context: Pick<AnswerContext, "action" | "idempotent">): string {
  return context.idempotent
    ? ""
    : `; ${context.action} may have taken effect, and is not re-sent (not safe to): check before calling it again`;
}

/** The scrubber of the call's secrets. */
export function scrubberFor(context: AnswerContext): Scrub {
  return secretScrubber(context.secrets);
}

/**
 * The error for an answer that is not a success.
 *
 * @param parsed - the parsed body, or `unparsed` with the parser's error when the body is not JSON
 */
export function answerError(
  raw: RawResponse,
  text: string,
  parsed: { readonly body: unknown } | { readonly unparsed: unknown },
  context: AnswerContext,
): TcServiceError | TcParseError {
  const scrub = scrubberFor(context);
  const errorOptions = (requestId: string | undefined): TcErrorOptions & { contentType?: string | undefined; bodySnippet: string } => ({
    service: context.service,
    action: context.action,
    attempts: context.attempts,
    status: raw.status,
    responseDate: optional(raw.headers["date"], scrub),
    requestId: optional(requestId ?? requestIdFromHeaders(raw.headers) ?? requestIdFromText(text), scrub),
    contentType: optional(raw.headers["content-type"], scrub),
    // a secret that starts within the snippet ends well within this window
    bodySnippet: scrub(text.slice(0, SCRUB_WINDOW)).slice(0, SNIPPET_LENGTH),
  });
  // an unreadable 2xx or 5xx may come after the action ran; a 4xx (429, a firewall's 403) was a refusal
  const note = (raw.status >= 200 && raw.status < 300) || classifyStatus(raw.status) === "ifIdempotent" ? effectNote(context) : "";
  if ("unparsed" in parsed) {
    const what = text.length === 0 ? "an empty body" : "a body that is not valid JSON";
    return new TcParseError(`${context.action}: the answer is ${what}${note}`, {
      ...errorOptions(undefined),
      cause: scrubCause(parsed.unparsed, scrub), // V8 quotes the text it could not parse
    });
  }
  const response = isObject(parsed.body) ? parsed.body["Response"] : undefined;
  if (!isObject(response)) return new TcParseError(`${context.action}: the answer has no Response object${note}`, errorOptions(undefined));
  const requestId = typeof response["RequestId"] === "string" ? response["RequestId"] : undefined;
  const error = response["Error"];
  if (error === undefined)
    return new TcParseError(`${context.action}: HTTP ${raw.status} without Response.Error${note}`, errorOptions(requestId));
  if (!isObject(error) || typeof error["Code"] !== "string") {
    return new TcParseError(`${context.action}: the answer's Response.Error has no Code${note}`, errorOptions(requestId));
  }
  const code = scrub(error["Code"]);
  // the service failed while handling it: whether it acted first is unknown
  const failed = classifyServiceCode(code) === "ifIdempotent" ? effectNote(context) : "";
  const message = typeof error["Message"] === "string" ? scrub(error["Message"]) : "";
  const { contentType: _contentType, bodySnippet: _snippet, ...options } = errorOptions(requestId);
  return new TcServiceError(code, `${message}${failed}`, options);
}

function optional(text: string | undefined, scrub: Scrub): string | undefined {
  return text === undefined ? undefined : scrub(text);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The request id from the answer's headers, if a known header carries one. */
export function requestIdFromHeaders(headers: Readonly<Record<string, string>>): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers[name];
    if (value !== undefined && value !== "") return value;
  }
  return undefined;
}

const REQUEST_ID_IN_TEXT = /"RequestId"\s*:\s*"([^"\\]{1,128})"/;

/** The request id from a body that could not be parsed (e.g. JSON cut short after it). */
function requestIdFromText(text: string): string | undefined {
  return REQUEST_ID_IN_TEXT.exec(text)?.[1];
}

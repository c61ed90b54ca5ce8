/**
 * Turns an API 3.0 answer into the `Response` object or a typed error.
 *
 * Failure is read from `Response.Error`, whatever the status (the API answers errors with HTTP 200, and
 * a gateway may wrap one in a 5xx). A body that is not JSON, is cut short, lacks `Response`, or comes
 * with a non-2xx status and no `Response.Error` is a {@link TcParseError} that keeps the status, the
 * content type, the first bytes and any RequestId that could be found.
 *
 * @internal
 * @packageDocumentation
 */
import { TcParseError, TcServiceError, type TcErrorOptions } from "../errors.js";
import type { RawResponse } from "./http-attempt.js";
import { parseBody } from "./json-codec.js";
import { classifyServiceCode, classifyStatus } from "./retry-policy.js";
import { scrubCause, type Scrub } from "./secret-scrubber.js";

/** The call an answer belongs to. */
export interface AnswerContext {
  /** Signing service, e.g. `cls`. */
  readonly service: string;
  /** Action, e.g. `CreateExport`. */
  readonly action: string;
  /** Attempts made so far, this one included. */
  readonly attempts: number;
  /** Whether the action is safe to re-send (if not, an error that leaves its outcome open says so). */
  readonly idempotent: boolean;
  /** Removes this call's secrets from the server's text. */
  readonly scrub: Scrub;
}

/** Most characters of a body kept in a {@link TcParseError}. */
export const SNIPPET_LENGTH = 256;
/** Characters of a body scrubbed before its snippet is cut: the snippet plus room for the longest secret. */
const SCRUB_WINDOW = SNIPPET_LENGTH + 16 * 1024;

/**
 * What an error adds when an action that is not safe to re-send may have been executed although the
 * call failed (its answer was lost or unreadable): the caller must check before calling again.
 */
export function effectNote(context: Pick<AnswerContext, "action" | "idempotent">): string {
  return context.idempotent
    ? ""
    : `; ${context.action} may have taken effect, and is not re-sent (not safe to): check before calling it again`;
}

/** Header names under which gateways and the API may return the request id. */
const REQUEST_ID_HEADERS = ["x-tc-requestid", "x-request-id"] as const;

/** Returns the `Response` object of a successful answer; throws {@link TcServiceError} or {@link TcParseError}. */
export async function readAnswer(raw: RawResponse, context: AnswerContext): Promise<Record<string, unknown>> {
  const text = raw.body.toString("utf8");
  const errorOptions = (requestId: string | undefined): TcErrorOptions & { contentType?: string | undefined; bodySnippet: string } => ({
    service: context.service,
    action: context.action,
    attempts: context.attempts,
    status: raw.status,
    responseDate: optional(raw.headers["date"], context.scrub),
    requestId: optional(requestId ?? requestIdFromHeaders(raw.headers) ?? requestIdFromText(text), context.scrub),
    contentType: optional(raw.headers["content-type"], context.scrub),
    // a secret that starts within the snippet ends well within this window
    bodySnippet: context.scrub(text.slice(0, SCRUB_WINDOW)).slice(0, SNIPPET_LENGTH),
  });
  // an unreadable 2xx or 5xx may come after the action ran; a 4xx (429, a firewall's 403) was a refusal
  const note = (raw.status >= 200 && raw.status < 300) || classifyStatus(raw.status) === "ifIdempotent" ? effectNote(context) : "";
  let parsed: unknown;
  try {
    parsed = await parseBody(text);
  } catch (cause) {
    const what = text.length === 0 ? "an empty body" : "a body that is not valid JSON";
    throw new TcParseError(`${context.action}: the answer is ${what}${note}`, {
      ...errorOptions(undefined),
      cause: scrubCause(cause, context.scrub), // V8 quotes the text it could not parse
    });
  }
  const response = isObject(parsed) ? parsed["Response"] : undefined;
  if (!isObject(response)) {
    throw new TcParseError(`${context.action}: the answer has no Response object${note}`, errorOptions(undefined));
  }
  const requestId = typeof response["RequestId"] === "string" ? response["RequestId"] : undefined;
  const error = response["Error"];
  if (error !== undefined) {
    if (!isObject(error) || typeof error["Code"] !== "string") {
      throw new TcParseError(`${context.action}: the answer's Response.Error has no Code${note}`, errorOptions(requestId));
    }
    const code = context.scrub(error["Code"]);
    // the service failed while handling it: whether it acted first is unknown
    const failed = classifyServiceCode(code) === "ifIdempotent" ? effectNote(context) : "";
    const message = typeof error["Message"] === "string" ? context.scrub(error["Message"]) : "";
    const { contentType: _contentType, bodySnippet: _snippet, ...options } = errorOptions(requestId);
    throw new TcServiceError(code, `${message}${failed}`, options);
  }
  if (raw.status < 200 || raw.status > 299) {
    throw new TcParseError(`${context.action}: HTTP ${raw.status} without Response.Error${note}`, errorOptions(requestId));
  }
  return response;
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

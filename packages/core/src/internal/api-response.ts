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
import type { RawResponse } from "./http-attempt.js";
import { answerError } from "./answer-errors.js";
import { parseBody } from "./json-codec.js";
import type { CallSecrets } from "./secret-scrubber.js";

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
  /** What the server's text must not bring back into an error (see `secret-scrubber.ts`). */
  readonly secrets: CallSecrets;
}

/**
 * The `Response` object of a successful answer, at once when its body parsed at once (the common
 * answer: no turn of the microtask queue for it), else a promise of it. A failure is a rejected
 * promise of a {@link TcServiceError} or {@link TcParseError} (built by `answer-errors.ts`); this
 * function itself never throws.
 */
export function readAnswer(raw: RawResponse, context: AnswerContext): Record<string, unknown> | Promise<Record<string, unknown>> {
  const text = raw.body.toString("utf8");
  let body: unknown;
  try {
    body = parseBody(text);
  } catch (cause) {
    return refuse(raw, text, { unparsed: cause }, context);
  }
  if (body instanceof Promise) {
    return body.then(
      (parsed: unknown) => responseOf(raw, text, parsed, context),
      (cause: unknown) => refuse(raw, text, { unparsed: cause }, context),
    );
  }
  return responseOf(raw, text, body, context);
}

/** The `Response` object of a parsed answer when it is a success, else a rejected promise of its error. */
function responseOf(raw: RawResponse, text: string, parsed: unknown, context: AnswerContext): Record<string, unknown> | Promise<never> {
  const response = isObject(parsed) ? parsed["Response"] : undefined;
  if (isObject(response) && response["Error"] === undefined && raw.status >= 200 && raw.status <= 299) return response;
  return refuse(raw, text, { body: parsed }, context);
}

/** The answer's error (see `answer-errors.ts`), as a rejected promise. */
async function refuse(
  raw: RawResponse,
  text: string,
  read: { readonly body: unknown } | { readonly unparsed: unknown },
  context: AnswerContext,
): Promise<never> {
  throw answerError(raw, text, read, context);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

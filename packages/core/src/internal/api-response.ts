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
 * Returns the `Response` object of a successful answer; throws {@link TcServiceError} or {@link TcParseError}
 * (built by `answer-errors.ts`, loaded on the first answer that is not a success).
 */
export async function readAnswer(raw: RawResponse, context: AnswerContext): Promise<Record<string, unknown>> {
  const text = raw.body.toString("utf8");
  let parsed: unknown;
  try {
    const body = parseBody(text);
    // the common answer parses at once: no turn of the microtask queue for it
    parsed = body instanceof Promise ? await body : body;
  } catch (cause) {
    throw (await import("./answer-errors.js")).answerError(raw, text, { unparsed: cause }, context);
  }
  const response = isObject(parsed) ? parsed["Response"] : undefined;
  if (isObject(response) && response["Error"] === undefined && raw.status >= 200 && raw.status <= 299) return response;
  throw (await import("./answer-errors.js")).answerError(raw, text, { body: parsed }, context);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

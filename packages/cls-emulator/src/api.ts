/**
 * The API 3.0 endpoint at `/`. Three ways in, as the service documents them and the official SDKs send them:
 *
 * - `POST` `application/json`, signed with TC3-HMAC-SHA256, common parameters in `X-TC-*` headers;
 * - `GET` with the parameters in the query, signed with TC3 (headers) or signature v1 (query);
 * - `POST` `application/x-www-form-urlencoded`, signed with signature v1 (or TC3), parameters in the form.
 *
 * Every answer is HTTP 200 with `{"Response": {…, "RequestId"}}`, a `Date` from the emulator clock,
 * and the request's `X-TC-TraceId` echoed when it sent one.
 * @packageDocumentation
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { ACTIONS, API_VERSION, type ActionContext } from "./actions/index.js";
import { formParams } from "./actions/form-params.js";
import { ApiError } from "./api-error.js";
import { authenticate, single, type AuthConfig } from "./auth.js";
import { authenticateV1, firstParam, V1_COMMON_PARAMETERS } from "./auth-v1.js";
import { isClientAbort, readBody, sendJson } from "./http-body.js";
import { parseJsonExact } from "./json-exact.js";
import type { RateLimiter } from "./rate-limit.js";
import { CLS_REGIONS } from "./regions.js";
import type { RequestTarget } from "./request-target.js";
import type { EmulatorKey, RequestLogEntry } from "./options.js";

/** Largest accepted body of a TC3 POST: 10 MB. */
export const MAX_API_BODY_BYTES = 10 * 1024 * 1024;

/** Largest accepted body of a form post (signature v1): 1 MB. */
export const MAX_FORM_BODY_BYTES = 1024 * 1024;

/** Largest accepted GET request (its query): 32 KB. */
export const MAX_GET_QUERY_BYTES = 32 * 1024;

const FORM = "application/x-www-form-urlencoded";

/** What the API endpoint needs. */
export interface ApiEndpoint {
  /** State handed to actions. */
  readonly context: ActionContext;
  /** Signature verification settings. */
  readonly auth: AuthConfig;
  /** Per action + SecretId limit. */
  readonly limiter: RateLimiter;
  /** Fault injection: see {@link EmulatorOptions.resetAfterAction}. */
  readonly resetAfterAction?: ((action: string) => boolean) | undefined;
  /** See {@link EmulatorOptions.requestLog}. */
  readonly requestLog?: ((entry: RequestLogEntry) => void) | undefined;
}

/** Answers one API request; never throws. */
export async function handleApiRequest(
  req: IncomingMessage,
  res: ServerResponse,
  target: RequestTarget,
  endpoint: ApiEndpoint,
): Promise<void> {
  const started = performance.now();
  const requestId = randomUUID();
  const clock = endpoint.context.clock;
  const traceId = req.headers["x-tc-traceid"];
  const headers: Record<string, string> = typeof traceId === "string" ? { "X-TC-TraceId": traceId } : {};
  const seen = { action: "" };
  let body: unknown;
  let errorCode: string | undefined;
  try {
    const result = await answer(req, target, endpoint, seen);
    body = { Response: { ...result, RequestId: requestId } };
  } catch (error) {
    if (isClientAbort(error)) return;
    const apiError =
      error instanceof ApiError
        ? error
        : new ApiError("InternalError", "An internal error occurred in the emulator; see its standard error.");
    if (!(error instanceof ApiError)) console.error(`cls-emulator: request ${requestId} failed:`, error);
    errorCode = apiError.code;
    body = { Response: { Error: { Code: apiError.code, Message: apiError.message }, RequestId: requestId } };
  }
  const reset = endpoint.resetAfterAction?.(seen.action) === true;
  if (reset) res.socket?.resetAndDestroy();
  else sendJson(res, clock, 200, body, headers);
  endpoint.requestLog?.({ action: seen.action, status: reset ? 0 : 200, errorCode, reset, durationMs: performance.now() - started });
}

/** The common parameters of a verified request and its own parameters, however they were sent. */
interface Envelope {
  readonly key: EmulatorKey;
  readonly version: string | undefined;
  readonly action: string | undefined;
  readonly region: string | undefined;
  /** How messages name a common parameter: "header `X-TC-Action`" or "parameter `Action`". */
  readonly label: (name: string) => string;
  /** `json`: the body is a JSON object; `pairs`: `name=value` pairs to rebuild. */
  readonly params: { readonly json: Buffer } | { readonly pairs: readonly (readonly [string, string])[] };
}

/** Handles the request; `seen.action` gets the action's name as soon as it is known. */
async function answer(
  req: IncomingMessage,
  target: RequestTarget,
  endpoint: ApiEndpoint,
  seen: { action: string },
): Promise<Record<string, unknown>> {
  const method = req.method ?? "";
  const mediaType = (single(req.headers["content-type"]) ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const form = method === "POST" && mediaType === FORM;
  const limit = form ? MAX_FORM_BODY_BYTES : MAX_API_BODY_BYTES;
  const body = await readBody(req, limit);
  if (method !== "GET" && method !== "POST") {
    throw new ApiError("UnsupportedProtocol", `API 3.0 takes POST (recommended) or GET; ${method} is not supported.`);
  }
  // the official SDKs send `//` when their endpoint ends with a slash: any path of slashes is the API
  if (!/^\/+$/.test(target.path)) throw new ApiError("InvalidRequest", "API 3.0 requests go to the path /.");
  if (body === undefined) throw new ApiError("RequestSizeLimitExceeded", `The request body exceeds ${limit} bytes.`);
  if (method === "GET" && target.query.length > MAX_GET_QUERY_BYTES) {
    throw new ApiError("RequestSizeLimitExceeded", `A GET request may carry at most ${MAX_GET_QUERY_BYTES} bytes of parameters; use POST.`);
  }
  if (method === "POST" && mediaType !== "application/json" && !form) {
    throw new ApiError(
      "UnsupportedProtocol",
      mediaType === "multipart/form-data"
        ? "multipart/form-data is for the few APIs that upload files; the CLS export actions take application/json."
        : `Content-Type ${mediaType || "(none)"} is not supported: use application/json (TC3-HMAC-SHA256) or ${FORM} (signature v1).`,
    );
  }
  const envelope = verify(req, target, body, form, endpoint.auth);

  const version = envelope.version;
  if (version === undefined || version === "") throw new ApiError("MissingParameter", `The ${envelope.label("Version")} is missing.`);
  if (version !== API_VERSION) throw new ApiError("NoSuchVersion", `The version ${version} does not exist; CLS speaks ${API_VERSION}.`);
  const action = envelope.action;
  if (action === undefined || action === "") throw new ApiError("MissingParameter", `The ${envelope.label("Action")} is missing.`);
  seen.action = action;
  const definition = Object.hasOwn(ACTIONS, action) ? ACTIONS[action] : undefined;
  if (definition === undefined) throw new ApiError("InvalidAction", `The action ${action} is not emulated (or does not exist).`);
  // the official intl SDK sends the text "null" when no region is set; the export actions need none
  const region = envelope.region === "null" ? undefined : envelope.region;
  if (region !== undefined && region !== "" && !CLS_REGIONS.has(region))
    throw new ApiError("UnsupportedRegion", `CLS is not offered in region ${region}.`);
  if (!endpoint.limiter.allow(`${action}\n${envelope.key.secretId}`)) {
    throw new ApiError("RequestLimitExceeded", `Your requests to ${action} exceed the limit of this action; retry after a short delay.`);
  }
  const params = "json" in envelope.params ? jsonParams(envelope.params.json) : formParams(envelope.params.pairs, definition.parameters);
  return definition.handler(params, endpoint.context);
}

/** Checks the signature (TC3 when an Authorization header or a JSON body says so, else v1) and collects the common parameters. */
function verify(req: IncomingMessage, target: RequestTarget, body: Buffer, form: boolean, auth: AuthConfig): Envelope {
  const textual = req.method === "GET" ? target.query : form ? body.toString("utf8") : undefined;
  const pairs = textual === undefined ? [] : [...new URLSearchParams(textual)];
  if (textual === undefined || single(req.headers.authorization) !== undefined) {
    const key = authenticate({ method: req.method ?? "", path: target.path, query: target.query, headers: req.headers, body }, auth);
    return {
      key,
      version: single(req.headers["x-tc-version"]),
      action: single(req.headers["x-tc-action"]),
      region: single(req.headers["x-tc-region"]),
      label: (name) => `header \`X-TC-${name}\``,
      params: textual === undefined ? { json: body } : { pairs },
    };
  }
  const key = authenticateV1({ method: req.method ?? "", host: single(req.headers.host) ?? "", path: target.path, params: pairs }, auth);
  return {
    key,
    version: firstParam(pairs, "Version"),
    action: firstParam(pairs, "Action"),
    region: firstParam(pairs, "Region"),
    label: (name) => `parameter \`${name}\``,
    params: { pairs: pairs.filter(([name]) => !V1_COMMON_PARAMETERS.has(name)) },
  };
}

function jsonParams(body: Buffer): Record<string, unknown> {
  let params: unknown;
  try {
    params = parseJsonExact(body.toString("utf8"));
  } catch {
    throw new ApiError("InvalidParameter", "The request body is not valid JSON.");
  }
  if (typeof params !== "object" || params === null || Array.isArray(params)) {
    throw new ApiError("InvalidParameter", "The request body must be a JSON object.");
  }
  return params as Record<string, unknown>;
}

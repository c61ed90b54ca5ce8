/**
 * The API 3.0 endpoint: `POST /` with `Content-Type: application/json`, signed with TC3-HMAC-SHA256.
 * Every answer is HTTP 200 with `{"Response": {…, "RequestId"}}`, a `Date` from the emulator clock,
 * and the request's `X-TC-TraceId` echoed when it sent one.
 * @packageDocumentation
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { ACTIONS, API_VERSION, type ActionContext } from "./actions/index.js";
import { ApiError } from "./api-error.js";
import { authenticate, type AuthConfig } from "./auth.js";
import { readBody, sendJson } from "./http-body.js";
import type { RateLimiter } from "./rate-limit.js";
import { CLS_REGIONS } from "./regions.js";

/** Largest accepted body (API 3.0 POST with signature v3): 10 MB. */
export const MAX_API_BODY_BYTES = 10 * 1024 * 1024;

/** What the API endpoint needs. */
export interface ApiEndpoint {
  /** State handed to actions. */
  readonly context: ActionContext;
  /** Signature verification settings. */
  readonly auth: AuthConfig;
  /** Per action + SecretId limit. */
  readonly limiter: RateLimiter;
}

/** Answers one API request; never throws. */
export async function handleApiRequest(req: IncomingMessage, res: ServerResponse, url: URL, endpoint: ApiEndpoint): Promise<void> {
  const requestId = randomUUID();
  const clock = endpoint.context.clock;
  const traceId = req.headers["x-tc-traceid"];
  const headers: Record<string, string> = typeof traceId === "string" ? { "X-TC-TraceId": traceId } : {};
  try {
    const result = await answer(req, url, endpoint);
    sendJson(res, clock, 200, { Response: { ...result, RequestId: requestId } }, headers);
  } catch (error) {
    const apiError =
      error instanceof ApiError ? error : new ApiError("InternalError", "An internal error occurred in the emulator; see its standard error.");
    if (!(error instanceof ApiError)) console.error(`cls-emulator: request ${requestId} failed:`, error);
    sendJson(res, clock, 200, { Response: { Error: { Code: apiError.code, Message: apiError.message }, RequestId: requestId } }, headers);
  }
}

async function answer(req: IncomingMessage, url: URL, endpoint: ApiEndpoint): Promise<Record<string, unknown>> {
  const body = await readBody(req, MAX_API_BODY_BYTES);
  if (req.method !== "POST") {
    throw new ApiError(
      "UnsupportedProtocol",
      `The emulator speaks API 3.0 as POST with application/json and TC3-HMAC-SHA256 only; ${req.method} (signature v1) is not supported.`,
    );
  }
  if (url.pathname !== "/") throw new ApiError("InvalidRequest", "API 3.0 requests go to the path /.");
  if (body === undefined) throw new ApiError("RequestSizeLimitExceeded", `The request body exceeds ${MAX_API_BODY_BYTES} bytes.`);
  const mediaType = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "application/json") {
    throw new ApiError("UnsupportedProtocol", "The emulator accepts Content-Type application/json only (form posts use signature v1, which it does not support).");
  }
  const key = authenticate({ method: "POST", query: url.search.slice(1), headers: req.headers, body }, endpoint.auth);

  const version = header(req, "x-tc-version");
  if (version === undefined) throw new ApiError("MissingParameter", "The header `X-TC-Version` is missing.");
  if (version !== API_VERSION) throw new ApiError("NoSuchVersion", `The version ${version} does not exist; CLS speaks ${API_VERSION}.`);
  const action = header(req, "x-tc-action");
  if (action === undefined) throw new ApiError("MissingParameter", "The header `X-TC-Action` is missing.");
  const handler = Object.hasOwn(ACTIONS, action) ? ACTIONS[action] : undefined;
  if (handler === undefined) throw new ApiError("InvalidAction", `The action ${action} is not emulated (or does not exist).`);
  const region = header(req, "x-tc-region");
  if (region !== undefined && !CLS_REGIONS.has(region)) throw new ApiError("UnsupportedRegion", `CLS is not offered in region ${region}.`);
  if (!endpoint.limiter.allow(`${action}\n${key.secretId}`)) {
    throw new ApiError("RequestLimitExceeded", `Your requests to ${action} exceed the limit of this action; retry after a short delay.`);
  }
  let params: unknown;
  try {
    params = JSON.parse(body.toString("utf8"));
  } catch {
    throw new ApiError("InvalidParameter", "The request body is not valid JSON.");
  }
  if (typeof params !== "object" || params === null || Array.isArray(params)) {
    throw new ApiError("InvalidParameter", "The request body must be a JSON object.");
  }
  return handler(params as Record<string, unknown>, endpoint.context);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === "" ? undefined : first;
}

/**
 * Verifies TC3-HMAC-SHA256 signatures the way the service documents, recomputing them with
 * `signTc3` from `@tcsdk/core/signing` over the exact bytes received; and the checks signature v1
 * shares with it (key lookup, clock skew, token, accepted services).
 * @packageDocumentation
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { parseTc3Authorization, signTc3, utcDate } from "@tcsdk/core/signing";
import { ApiError } from "./api-error.js";
import type { Clock } from "./clock.js";
import type { EmulatorKey } from "./options.js";

/** Largest accepted distance between `X-TC-Timestamp` and the emulator clock, in seconds. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

/** The service name the emulator signs for. */
export const SERVICE = "cls";

/** A received request, as far as verification needs it. */
export interface ReceivedRequest {
  /** HTTP method. */
  readonly method: string;
  /** Path as sent (`/`; `//` from an SDK given an endpoint with a trailing slash). @defaultValue `"/"` */
  readonly path?: string;
  /** Query string as sent, without `?` (empty for the usual POST; the parameters of a TC3 GET). */
  readonly query: string;
  /** Received headers (Node lower-cases names). */
  readonly headers: IncomingHttpHeaders;
  /** Exact body bytes. */
  readonly body: Uint8Array;
}

/** What verification needs to know. */
export interface AuthConfig {
  /** Accepted keys by SecretId. */
  readonly keys: ReadonlyMap<string, EmulatorKey>;
  /** Time source. */
  readonly clock: Clock;
  /** Accept only service `cls` (otherwise the Host's first DNS label too, with or without its port). */
  readonly strictService: boolean;
}

/**
 * Authenticates a request and answers the key that signed it.
 *
 * @throws {@link ApiError} `AuthFailure.InvalidAuthorization` (missing or malformed header),
 *   `MissingParameter` / `InvalidParameter` (`X-TC-Timestamp`), `AuthFailure.SecretIdNotFound`,
 *   `AuthFailure.SignatureExpire`, `AuthFailure.SignatureFailure`, `AuthFailure.TokenFailure`
 */
export function authenticate(request: ReceivedRequest, config: AuthConfig): EmulatorKey {
  const header = single(request.headers.authorization);
  if (header === undefined) throw new ApiError("AuthFailure.InvalidAuthorization", "The Authorization header is missing.");
  const auth = parseTc3Authorization(header);
  if (auth === undefined) {
    throw new ApiError(
      "AuthFailure.InvalidAuthorization",
      "The Authorization header is not of the form `TC3-HMAC-SHA256 Credential=<SecretId>/<date>/<service>/tc3_request, SignedHeaders=<headers>, Signature=<hex>`.",
    );
  }
  const timestamp = readTimestamp(single(request.headers["x-tc-timestamp"]), "The header `X-TC-Timestamp`");
  const key = findKey(config, auth.secretId);
  checkSkew(config, timestamp);
  if (auth.date !== utcDate(timestamp)) {
    throw new ApiError(
      "AuthFailure.SignatureFailure",
      `The credential date ${auth.date} is not the UTC date of X-TC-Timestamp ${timestamp}.`,
    );
  }
  const hostHeader = single(request.headers.host) ?? "";
  if (!acceptedServices(hostHeader, config.strictService).includes(auth.service)) {
    throw new ApiError(
      "AuthFailure.SignatureFailure",
      `The credential scope service ${auth.service} is not accepted; sign for service ${SERVICE}.`,
    );
  }
  const signedHeaders = auth.signedHeaders;
  if (!signedHeaders.includes("content-type") || !signedHeaders.includes("host")) {
    throw new ApiError("AuthFailure.InvalidAuthorization", "SignedHeaders must include content-type and host.");
  }
  const extra: Record<string, string> = {};
  for (const name of signedHeaders) {
    if (name === "content-type" || name === "host") continue;
    const value = single(request.headers[name]);
    if (value === undefined) throw new ApiError("AuthFailure.SignatureFailure", `The signed header ${name} is not in the request.`);
    extra[name] = value.trim().toLowerCase();
  }
  const expected = signTc3({
    secretId: key.secretId,
    secretKey: key.secretKey,
    service: auth.service,
    host: hostHeader,
    timestamp,
    contentType: single(request.headers["content-type"]) ?? "",
    payload: request.body,
    method: request.method,
    path: request.path ?? "/",
    query: request.query,
    extraSignedHeaders: extra,
  });
  if (expected.signedHeaders !== signedHeaders.join(";") || !sameHex(expected.signature, auth.signature)) {
    throw new ApiError(
      "AuthFailure.SignatureFailure",
      "The provided credentials could not be validated. Please check your signature is correct.",
    );
  }
  verifyToken(key, single(request.headers["x-tc-token"]));
  return key;
}

/**
 * `cls`, and unless strict, the first DNS label of the host, with and without the port: the official
 * Node SDKs sign `endpoint.split(".")[0]`, so `127` for `127.0.0.1:PORT` but `localhost:PORT` for
 * `localhost:PORT`.
 */
export function acceptedServices(host: string, strict: boolean): string[] {
  if (strict) return [SERVICE];
  const hostname = host.startsWith("[") ? host.slice(1, host.indexOf("]")) : (host.split(":")[0] ?? "");
  return [SERVICE, hostname.split(".")[0] ?? "", host.split(".")[0] ?? ""].filter((service) => service !== "");
}

/**
 * Reads a timestamp in UNIX seconds.
 * @param label - how the message names it, e.g. "The header `X-TC-Timestamp`"
 * @throws {@link ApiError} `MissingParameter` when absent, `InvalidParameter` when not digits
 */
export function readTimestamp(raw: string | undefined, label: string): number {
  if (raw === undefined || raw === "") throw new ApiError("MissingParameter", `${label} is missing.`);
  if (!/^\d{1,12}$/.test(raw)) throw new ApiError("InvalidParameter", `${label} must be UNIX seconds.`);
  return Number(raw);
}

/** The configured key of a SecretId. @throws {@link ApiError} `AuthFailure.SecretIdNotFound` */
export function findKey(config: AuthConfig, secretId: string): EmulatorKey {
  const key = config.keys.get(secretId);
  if (key === undefined)
    throw new ApiError("AuthFailure.SecretIdNotFound", "The SecretId is not found, please ensure that your SecretId is correct.");
  return key;
}

/** @throws {@link ApiError} `AuthFailure.SignatureExpire` when `timestamp` is more than 300 s from the emulator clock */
export function checkSkew(config: AuthConfig, timestamp: number): void {
  const now = Math.floor(config.clock() / 1000);
  if (Math.abs(now - timestamp) > MAX_CLOCK_SKEW_SECONDS) {
    throw new ApiError(
      "AuthFailure.SignatureExpire",
      `Signature expired, the request timestamp ${timestamp} and the server time ${now} differ by more than ${MAX_CLOCK_SKEW_SECONDS} seconds; see the Date header.`,
    );
  }
}

function sameHex(expected: string, given: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(expected, "hex"), Buffer.from(given, "hex"));
}

/**
 * Checks the session token in constant time: required (and equal) for temporary keys, refused for permanent ones.
 * @param name - how the message names it, `X-TC-Token` or `Token`
 * @throws {@link ApiError} `AuthFailure.TokenFailure`
 */
export function verifyToken(key: EmulatorKey, sent: string | undefined, name = "X-TC-Token"): void {
  const given = sent ?? "";
  const wanted = key.token ?? "";
  const digest = (text: string): Buffer => createHash("sha256").update(text).digest();
  if (!timingSafeEqual(digest(given), digest(wanted))) {
    throw new ApiError(
      "AuthFailure.TokenFailure",
      wanted ? `The ${name} is missing or invalid.` : `${name} was sent for permanent credentials.`,
    );
  }
}

/** The first value of a header that may repeat; `undefined` when absent or empty. */
export function single(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === "" ? undefined : first;
}

/**
 * Verifies legacy signatures ("signature v1", `HmacSHA1` / `HmacSHA256`): what GET requests and
 * `application/x-www-form-urlencoded` posts use, and what Tencent's official international Node SDK
 * sends by default. Every parameter, the common ones included, travels in the query or the form:
 *
 * ```
 * StringToSign = METHOD + Host + Path + "?" + k1=v1&k2=v2…   (every parameter but Signature, sorted by
 *                                                          name, values decoded — not URL-encoded)
 * Signature    = base64(HMAC-SHA1 or HMAC-SHA256(SecretKey, StringToSign))
 * ```
 * @packageDocumentation
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { ApiError } from "./api-error.js";
import { checkSkew, findKey, readTimestamp, verifyToken, type AuthConfig } from "./auth.js";
import type { EmulatorKey } from "./options.js";

/** Parameters of signature v1 that are not the action's own. */
export const V1_COMMON_PARAMETERS: ReadonlySet<string> = new Set([
  "Action",
  "Version",
  "Region",
  "Timestamp",
  "Nonce",
  "SecretId",
  "Signature",
  "SignatureMethod",
  "Token",
  "Language",
  "RequestClient",
]);

const HASHES = { HmacSHA1: "sha1", HmacSHA256: "sha256" } as const;

/** A v1-signed request, as far as verification needs it. */
export interface V1Request {
  /** `GET` or `POST`. */
  readonly method: string;
  /** The `Host` header as sent, port included (the SDK signs its endpoint as given). */
  readonly host: string;
  /** The path as sent. */
  readonly path: string;
  /** Every `name=value` pair of the query (GET) or form (POST), decoded, in order. */
  readonly params: readonly (readonly [string, string])[];
}

/** The first value of a parameter. */
export function firstParam(params: readonly (readonly [string, string])[], name: string): string | undefined {
  return params.find(([key]) => key === name)?.[1];
}

/**
 * Authenticates a v1 request and answers the key that signed it.
 *
 * @throws {@link ApiError} `AuthFailure.InvalidAuthorization` (no `Signature`), `MissingParameter` /
 *   `InvalidParameter` (`SecretId`, `Timestamp`, `Nonce`, `SignatureMethod`), `AuthFailure.SecretIdNotFound`,
 *   `AuthFailure.SignatureExpire`, `AuthFailure.SignatureFailure`, `AuthFailure.TokenFailure`
 */
export function authenticateV1(request: V1Request, config: AuthConfig): EmulatorKey {
  const get = (name: string): string | undefined => firstParam(request.params, name);
  const signature = get("Signature");
  if (signature === undefined || signature === "") {
    throw new ApiError(
      "AuthFailure.InvalidAuthorization",
      "The request is not signed: send an Authorization header (TC3-HMAC-SHA256) or, with signature v1, the Signature parameter.",
    );
  }
  const secretId = get("SecretId");
  if (secretId === undefined || secretId === "") throw new ApiError("MissingParameter", "The parameter `SecretId` is missing.");
  const timestamp = readTimestamp(get("Timestamp"), "The parameter `Timestamp`");
  const nonce = get("Nonce");
  if (nonce === undefined || nonce === "") throw new ApiError("MissingParameter", "The parameter `Nonce` is missing.");
  if (!/^\d{1,20}$/.test(nonce)) throw new ApiError("InvalidParameter", "The parameter `Nonce` must be a positive integer.");
  const method = get("SignatureMethod") ?? "HmacSHA1";
  if (method !== "HmacSHA1" && method !== "HmacSHA256") {
    throw new ApiError("InvalidParameter", "The parameter `SignatureMethod` must be HmacSHA1 or HmacSHA256.");
  }
  const key = findKey(config, secretId);
  checkSkew(config, timestamp);

  const expected = createHmac(HASHES[method], key.secretKey).update(stringToSignV1(request), "utf8").digest();
  // base64 has no spaces: a '+' a client forgot to encode arrives as ' ' once form-decoded
  const given = signature.replaceAll(" ", "+");
  const decoded = /^[A-Za-z0-9+/]+={0,2}$/.test(given) ? Buffer.from(given, "base64") : Buffer.alloc(0);
  if (decoded.length !== expected.length || !timingSafeEqual(decoded, expected)) {
    throw new ApiError(
      "AuthFailure.SignatureFailure",
      "The provided credentials could not be validated. Please check your signature is correct.",
    );
  }
  verifyToken(key, get("Token"), "Token");
  return key;
}

/** `METHOD + Host + Path + "?" + sorted k=v pairs` without `Signature`, values raw (decoded). */
export function stringToSignV1(request: V1Request): string {
  const pairs = request.params.filter(([name]) => name !== "Signature");
  // stable sort by name in UTF-16 code unit order, as the SDKs' Array#sort does
  const sorted = [...pairs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${request.method.toUpperCase()}${request.host}${request.path}?${sorted.map(([name, value]) => `${name}=${value}`).join("&")}`;
}

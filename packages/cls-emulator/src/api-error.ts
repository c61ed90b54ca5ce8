/**
 * Errors answered in the API 3.0 error shape: `{"Response":{"Error":{"Code","Message"},"RequestId"}}`.
 * @packageDocumentation
 */

/** Error codes the emulator answers: common API 3.0 codes and the ones the CLS export actions document. */
export type ApiErrorCode =
  | "AuthFailure.InvalidAuthorization"
  | "AuthFailure.SecretIdNotFound"
  | "AuthFailure.SignatureExpire"
  | "AuthFailure.SignatureFailure"
  | "AuthFailure.TokenFailure"
  | "FailedOperation.TopicClosed"
  | "InternalError"
  | "InvalidAction"
  | "InvalidParameter"
  | "InvalidRequest"
  | "LimitExceeded.Export"
  | "MissingParameter"
  | "NoSuchVersion"
  | "RequestLimitExceeded"
  | "RequestSizeLimitExceeded"
  | "ResourceNotFound.ExportNotExist"
  | "ResourceNotFound.TopicNotExist"
  | "UnknownParameter"
  | "UnsupportedProtocol"
  | "UnsupportedRegion";

/** An API 3.0 error: becomes an HTTP 200 answer with `Response.Error`. Messages never carry secrets. */
export class ApiError extends Error {
  /** The error code, e.g. `InvalidParameter`. */
  readonly code: ApiErrorCode;

  /**
   * @param code - the API 3.0 error code
   * @param message - a human-readable reason (no secrets, no signatures)
   */
  constructor(code: ApiErrorCode, message: string) {
    super(message);
    this.name = "ApiError";
    this.code = code;
  }
}

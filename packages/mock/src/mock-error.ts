/**
 * An error the mock answers in the API 3.0 shape, `{"Response":{"Error":{"Code","Message"},"RequestId"}}`.
 * Throw one from an answer you register to make the action fail.
 * @packageDocumentation
 */

/** An API 3.0 error answer (HTTP 200 with `Response.Error`). */
export class MockServiceError extends Error {
  /**
   * @param code - the error code, e.g. `ResourceNotFound.InstanceNotFound`
   * @param message - the message the answer carries
   */
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "MockServiceError";
  }
}

/**
 * `@tcsdk/core`: the runtime shared by every tcsdk client — TC3-HMAC-SHA256 signing, the undici
 * transport, retries, rate limiting, credentials and one error hierarchy. It knows no service: each
 * generated package describes its own with a {@link ServiceInfo} and {@link OperationInfo}s.
 *
 * @packageDocumentation
 */
export * from "./client.js";
export * from "./client-options.js";
export * from "./credentials/index.js";
export * from "./errors.js";
export * from "./operations.js";
export * from "./service.js";
export * from "./signing.js";
export * from "./sleep.js";

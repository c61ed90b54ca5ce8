/**
 * `@tcsdk/core`: the runtime shared by every tcsdk client.
 * @packageDocumentation
 */
export * from "./client.js";
export * from "./errors.js";
export * from "./service.js";
export * from "./signing.js";

/**
 * `@tcsdk/cam`: a typed client for Tencent Cloud CAM, API version 2019-01-16, generated from
 * the spec by tcsdk. Community project, not an official Tencent SDK.
 *
 * @packageDocumentation
 */
export * from "./generated/index.js";

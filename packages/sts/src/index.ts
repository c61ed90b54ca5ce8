/**
 * `@tcsdk/sts`: a typed client for Tencent Cloud STS, API version 2018-08-13, generated from
 * the spec by tcsdk. Community project, not an official Tencent SDK.
 *
 * @packageDocumentation
 */
export * from "./generated/index.js";

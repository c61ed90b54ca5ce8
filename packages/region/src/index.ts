/**
 * `@tcsdk/region`: a typed client for Tencent Cloud REGION, API version 2022-06-27, generated from
 * the spec by tcsdk. Community project, not an official Tencent SDK.
 *
 * @packageDocumentation
 */
export * from "./generated/index.js";

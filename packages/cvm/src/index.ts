/**
 * `@tcsdk/cvm`: a typed client for Tencent Cloud CVM, API version 2017-03-12, generated from
 * the spec by tcsdk. Community project, not an official Tencent SDK.
 *
 * @packageDocumentation
 */
export * from "./generated/index.js";

/**
 * `@tcsdk/mock`: a spec-driven mock of Tencent Cloud API 3.0 for every service tcsdk generates. It
 * checks TC3 signatures, validates each request against the spec's rules (answering `MissingParameter`,
 * `UnknownParameter`, `InvalidParameter`, `InvalidParameterValue` as the service does) and answers with
 * the action's documented example, or with an answer built from its output shape; register your own per
 * action. For offline tests and demos. Community project, not an official Tencent product.
 *
 * @packageDocumentation
 */
export { MockServiceError } from "./mock-error.js";
export { loadMockModel, mockServices, type MockAction, type MockModel } from "./mock-model.js";
export { MOCK_KEY, startMock, type Mock, type MockHandler, type MockKey, type MockOptions, type MockRequest } from "./server.js";

/**
 * `@tcsdk/credential-providers`: credentials that come from Tencent Cloud STS, for the `credentials`
 * option of any tcsdk client: `fromAssumeRole` (a CAM role, assumed with source credentials) and
 * `fromWebIdentity` (a CAM role for an OIDC token, as in TKE pods). Core's own providers (environment,
 * profile file, instance role) need no service and live in `@tcsdk/core`.
 * Community project, not an official Tencent SDK.
 *
 * @packageDocumentation
 */
export { fromAssumeRole, type AssumeRoleOptions } from "./assume-role.js";
export { fromWebIdentity, TKE_ENV, type WebIdentityOptions } from "./web-identity.js";

/**
 * `@tcsdk/core/credentials`: where a client's credentials come from.
 *
 * @packageDocumentation
 */
export { credentialChain, defaultCredentialChain, type DefaultChainOptions } from "./chain.js";
export { ENV_SECRET_ID, ENV_SECRET_KEY, ENV_SESSION_TOKEN, fromEnvironment } from "./environment.js";
export { DEFAULT_METADATA_URL, fromInstanceRole, type InstanceRoleOptions } from "./instance-role.js";
export { refreshingProvider, type RefreshOptions } from "./refreshing.js";
export { ENV_PROFILE, defaultProfilePath, fromProfileFile, profileRegion, type ProfileFileOptions } from "./profile-file.js";
export type { CredentialProvider, Credentials } from "./types.js";

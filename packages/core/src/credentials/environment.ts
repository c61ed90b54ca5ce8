/**
 * Credentials from environment variables.
 *
 * @packageDocumentation
 */
import { TcCredentialsError } from "../errors.js";
import type { CredentialProvider, Credentials } from "./types.js";

/** Variable holding the SecretId. */
export const ENV_SECRET_ID = "TENCENTCLOUD_SECRET_ID";
/** Variable holding the SecretKey. */
export const ENV_SECRET_KEY = "TENCENTCLOUD_SECRET_KEY";
/** Variable holding the session token of temporary credentials (optional). */
export const ENV_SESSION_TOKEN = "TENCENTCLOUD_SESSION_TOKEN";

/**
 * Reads `TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY` and, when set, `TENCENTCLOUD_SESSION_TOKEN`
 * on every call (reading them costs nothing, and a change is picked up).
 *
 * @param env - the variables to read; `process.env` by default
 */
export function fromEnvironment(env: NodeJS.ProcessEnv = process.env): CredentialProvider {
  return () => {
    const secretId = env[ENV_SECRET_ID];
    const secretKey = env[ENV_SECRET_KEY];
    if (!secretId || !secretKey) {
      const missing = [!secretId && ENV_SECRET_ID, !secretKey && ENV_SECRET_KEY].filter(Boolean).join(" and ");
      return Promise.reject(new TcCredentialsError(`environment: ${missing} not set`));
    }
    const sessionToken = env[ENV_SESSION_TOKEN];
    const credentials: Credentials = sessionToken ? { secretId, secretKey, sessionToken } : { secretId, secretKey };
    return Promise.resolve(credentials);
  };
}

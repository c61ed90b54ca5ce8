/**
 * The shape of credentials and of the functions that supply them.
 *
 * @packageDocumentation
 */

/** A SecretId/SecretKey pair, with a session token for temporary (STS or instance-role) credentials. */
export interface Credentials {
  /** SecretId: sent in the `Authorization` header's `Credential=` part. */
  readonly secretId: string;
  /** SecretKey: only ever used to derive the signing key; never sent, logged or put in an error. */
  readonly secretKey: string;
  /** Session token of temporary credentials, sent as `X-TC-Token`; never logged or put in an error. */
  readonly sessionToken?: string | undefined;
  /** When temporary credentials stop working, ms since the epoch. */
  readonly expiresAt?: number | undefined;
}

/**
 * Supplies credentials for each call. A provider caches what it fetched (and refreshes it) itself;
 * it throws a {@link TcCredentialsError} when it has none.
 */
export type CredentialProvider = () => Promise<Credentials>;

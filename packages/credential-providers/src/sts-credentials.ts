/**
 * What the two role providers share: the STS answer as core's `Credentials`, and an STS failure as a
 * `TcCredentialsError` that names the role.
 * @packageDocumentation
 */
import { TcCredentialsError, TcError, type Credentials } from "@tcsdk/core";
import type { Credentials as StsCredentials } from "@tcsdk/sts";

/** The part of an AssumeRole… answer that holds the credentials. */
export interface StsAnswer {
  readonly Credentials: StsCredentials;
  /** When they expire, UNIX seconds. */
  readonly ExpiredTime: number | bigint;
}

/** The answer's temporary credentials, expiring when STS says. */
export function credentialsOf(answer: StsAnswer): Credentials {
  const { TmpSecretId, TmpSecretKey, Token } = answer.Credentials;
  return { secretId: TmpSecretId, secretKey: TmpSecretKey, sessionToken: Token, expiresAt: Number(answer.ExpiredTime) * 1000 };
}

/** `error` (from the STS call for `roleArn`) as a credentials error that names the role and keeps the call's context. */
export function roleError(action: string, roleArn: string, error: unknown): TcCredentialsError {
  const context =
    error instanceof TcError
      ? { service: error.service, action: error.action, requestId: error.requestId, status: error.status, attempts: error.attempts }
      : {};
  const why = error instanceof Error ? error.message : String(error);
  return new TcCredentialsError(`STS ${action} for role ${roleArn} failed: ${why}`, [], { ...context, cause: error });
}

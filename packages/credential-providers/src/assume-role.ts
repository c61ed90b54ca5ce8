/**
 * `fromAssumeRole`: temporary credentials of a CAM role, from STS `AssumeRole` signed with source
 * credentials (a sub-account's keys, another provider, an instance role…).
 * @packageDocumentation
 */
import { refreshingProvider, type ClientOptions, type CredentialProvider, type Credentials, type RefreshOptions } from "@tcsdk/core";
import { StsClient } from "@tcsdk/sts";
import { credentialsOf, roleError } from "./sts-credentials.js";

/** Options of {@link fromAssumeRole}. */
export interface AssumeRoleOptions extends RefreshOptions {
  /** The credentials AssumeRole is signed with: keys, or any provider. */
  readonly source: Credentials | CredentialProvider;
  /** The role, e.g. `qcs::cam::uin/100000000001:roleName/deployer`. */
  readonly roleArn: string;
  /** Names the session in CAM's records (2–128 of `[\w+=,.@-]`). */
  readonly roleSessionName: string;
  /** How long the credentials last, seconds (STS: 7200 by default, at most 43200). */
  readonly durationSeconds?: number;
  /**
   * A policy that narrows what the session may do, as a policy document (object or JSON text);
   * it is URL-encoded here, as STS requires.
   */
  readonly policy?: string | object;
  /** The role's external ID, when its trust policy demands one. */
  readonly externalId?: string;
  /**
   * How the STS client is built: region, endpoint, timeouts, a Dispatcher… (`credentials` is
   * `source`). @defaultValue `{ region: "ap-guangzhou" }`
   */
  readonly sts?: Omit<ClientOptions, "credentials">;
}

/**
 * A provider of the role's temporary credentials, usable as the `credentials` of any client. They are
 * fetched on first use and again `refreshBeforeMs` (5 minutes) before they expire; concurrent calls
 * share one AssumeRole (no refresh storm), and a failed refresh keeps the credentials in hand while they
 * still work. A failure is a `TcCredentialsError` naming the role, with STS's RequestId and error.
 */
export function fromAssumeRole(options: AssumeRoleOptions): CredentialProvider {
  let sts: StsClient | undefined;
  const policy =
    options.policy === undefined ? undefined : typeof options.policy === "string" ? options.policy : JSON.stringify(options.policy);
  return refreshingProvider(async () => {
    sts ??= new StsClient({ region: "ap-guangzhou", ...options.sts, credentials: options.source });
    try {
      const answer = await sts.assumeRole({
        RoleArn: options.roleArn,
        RoleSessionName: options.roleSessionName,
        ...(options.durationSeconds === undefined ? {} : { DurationSeconds: options.durationSeconds }),
        ...(policy === undefined ? {} : { Policy: encodeURIComponent(policy) }),
        ...(options.externalId === undefined ? {} : { ExternalId: options.externalId }),
      });
      return credentialsOf(answer);
    } catch (error) {
      throw roleError("AssumeRole", options.roleArn, error);
    }
  }, options);
}

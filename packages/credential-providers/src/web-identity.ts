/**
 * `fromWebIdentity`: temporary credentials of a CAM role for an OIDC identity, from STS
 * `AssumeRoleWithWebIdentity` (sent unsigned: the token is the proof). In a TKE pod with workload
 * identity, everything comes from the environment Tencent's SDKs read.
 * @packageDocumentation
 */
import { readFile } from "node:fs/promises";
import { TcCredentialsError, refreshingProvider, type ClientOptions, type CredentialProvider, type RefreshOptions } from "@tcsdk/core";
import { StsClient } from "@tcsdk/sts";
import { credentialsOf, roleError } from "./sts-credentials.js";

/** The environment variables TKE sets for a pod's OIDC role, as Tencent's SDKs read them. */
export const TKE_ENV = {
  /** The region STS is called in. */
  region: "TKE_REGION",
  /** The OIDC identity provider's name in CAM. */
  providerId: "TKE_PROVIDER_ID",
  /** The file holding the pod's OIDC token. */
  tokenFile: "TKE_WEB_IDENTITY_TOKEN_FILE",
  /** The role to assume. */
  roleArn: "TKE_ROLE_ARN",
} as const;

/** Options of {@link fromWebIdentity}; each defaults to its {@link TKE_ENV} variable. */
export interface WebIdentityOptions extends RefreshOptions {
  /** The region STS is called in. @defaultValue `$TKE_REGION` */
  readonly region?: string;
  /** The identity provider's name in CAM. @defaultValue `$TKE_PROVIDER_ID` */
  readonly providerId?: string;
  /** The file holding the OIDC token; read again at every refresh, as it rotates. @defaultValue `$TKE_WEB_IDENTITY_TOKEN_FILE` */
  readonly tokenFile?: string;
  /** The role. @defaultValue `$TKE_ROLE_ARN` */
  readonly roleArn?: string;
  /** Names the session in CAM's records. @defaultValue `tcsdk-<ms since the epoch>` */
  readonly roleSessionName?: string;
  /** How long the credentials last, seconds (STS: 7200 by default, at most 43200). */
  readonly durationSeconds?: number;
  /** Where the variables are read. @defaultValue `process.env` */
  readonly env?: NodeJS.ProcessEnv;
  /** How the STS client is built (endpoint, timeouts, a Dispatcher…); it sends no credentials. */
  readonly sts?: Omit<ClientOptions, "credentials" | "region">;
}

/**
 * A provider of the role's temporary credentials for the pod's (or any) OIDC token, usable as the
 * `credentials` of any client; refreshed like {@link fromAssumeRole}'s, single flight. A missing
 * setting is a `TcCredentialsError` naming the option and the variable; a failed call names the role.
 */
export function fromWebIdentity(options: WebIdentityOptions = {}): CredentialProvider {
  const env = options.env ?? process.env;
  const setting = (key: keyof typeof TKE_ENV): string => {
    const value = options[key] ?? env[TKE_ENV[key]];
    if (value === undefined || value === "") {
      throw new TcCredentialsError(`fromWebIdentity: no ${key}; set the option ${key} or the variable ${TKE_ENV[key]}`, [], {
        service: "sts",
        action: "AssumeRoleWithWebIdentity",
      });
    }
    return value;
  };
  let sts: StsClient | undefined;
  return refreshingProvider(async () => {
    const roleArn = setting("roleArn");
    const tokenFile = setting("tokenFile");
    const providerId = setting("providerId");
    const region = setting("region");
    let token: string;
    try {
      token = (await readFile(tokenFile, "utf8")).trim();
    } catch (error) {
      throw new TcCredentialsError(
        `fromWebIdentity: cannot read the token file ${tokenFile} (${(error as NodeJS.ErrnoException).code})`,
        [],
        {
          cause: error,
        },
      );
    }
    sts ??= new StsClient({ ...options.sts, region });
    try {
      const answer = await sts.assumeRoleWithWebIdentity({
        ProviderId: providerId,
        WebIdentityToken: token,
        RoleArn: roleArn,
        RoleSessionName: options.roleSessionName ?? `tcsdk-${Date.now()}`,
        ...(options.durationSeconds === undefined ? {} : { DurationSeconds: options.durationSeconds }),
      });
      return credentialsOf(answer);
    } catch (error) {
      throw roleError("AssumeRoleWithWebIdentity", roleArn, error);
    }
  }, options);
}

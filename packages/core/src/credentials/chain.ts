/**
 * The default credential chain: environment → profile file → instance role.
 *
 * @packageDocumentation
 */
import { TcCredentialsError } from "../errors.js";
import { fromEnvironment } from "./environment.js";
import { fromInstanceRole, type InstanceRoleOptions } from "./instance-role.js";
import { fromProfileFile, type ProfileFileOptions } from "./profile-file.js";
import type { CredentialProvider } from "./types.js";

/**
 * Tries `providers` in order and keeps the first that answers: later calls go straight to it (it
 * caches and refreshes on its own). When none answers, one {@link TcCredentialsError} lists every
 * source tried and why it failed, and the next call tries them all again.
 */
export function credentialChain(...providers: readonly CredentialProvider[]): CredentialProvider {
  let chosen: CredentialProvider | undefined;
  return async () => {
    if (chosen !== undefined) return chosen();
    const tried: string[] = [];
    for (const provider of providers) {
      try {
        const credentials = await provider();
        chosen = provider;
        return credentials;
      } catch (error) {
        tried.push(error instanceof Error ? error.message : String(error));
      }
    }
    throw new TcCredentialsError("no credentials found", tried);
  };
}

/** Options of {@link defaultCredentialChain}. */
export interface DefaultChainOptions {
  /** Environment to read variables from. @defaultValue `process.env` */
  readonly env?: NodeJS.ProcessEnv;
  /** Options of the profile file source. */
  readonly profileFile?: ProfileFileOptions;
  /** Options of the instance role source, or `false` to leave it out. */
  readonly instanceRole?: InstanceRoleOptions | false;
}

/**
 * Environment variables (`TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY`, `TENCENTCLOUD_SESSION_TOKEN`),
 * then `~/.tencentcloud/credentials` (profile from `TENCENTCLOUD_PROFILE`, else `default`), then the CVM
 * instance role. This is what a client uses when given no credentials.
 */
export function defaultCredentialChain(options: DefaultChainOptions = {}): CredentialProvider {
  const env = options.env ?? process.env;
  const providers = [fromEnvironment(env), fromProfileFile({ env, ...options.profileFile })];
  if (options.instanceRole !== false) providers.push(fromInstanceRole(options.instanceRole));
  return credentialChain(...providers);
}

/**
 * The client a command calls, made from the global flags and the environment, the same way an SDK
 * user's client is: credentials from the SDK's default chain (environment, `~/.tencentcloud/credentials`,
 * instance role), or from one profile of that file with `--profile`; the region from `--region`, else
 * `TENCENTCLOUD_REGION`, else the profile's `region`.
 * @packageDocumentation
 */
import { type ClientOptions, defaultCredentialChain, ENV_PROFILE, fromProfileFile, profileRegion } from "@tcsdk/core";
import type { ServiceModel } from "./service-model.js";
import { UsageError } from "./usage-error.js";

/** Variable naming the default region. */
export const ENV_REGION = "TENCENTCLOUD_REGION";

/** The global flags, as commander gives them. */
export interface GlobalFlags {
  /** `--region`. */
  readonly region?: string;
  /** `--profile`: a section of `~/.tencentcloud/credentials`. */
  readonly profile?: string;
  /** `--endpoint-url`, e.g. `http://127.0.0.1:4566`. */
  readonly endpointUrl?: string;
  /** `--site`: `china`, `international` or `regional`. */
  readonly site?: string;
  /** `--timeout-ms`: per attempt. */
  readonly timeoutMs?: string;
  /** `--max-attempts`. */
  readonly maxAttempts?: string;
  /** `--allow-unknown-region`. */
  readonly allowUnknownRegion?: boolean;
}

const SITES = ["china", "international", "regional"] as const;

/** Client options for `service` from the global flags and `env`. */
export async function clientOptions(flags: GlobalFlags, service: ServiceModel, env: NodeJS.ProcessEnv): Promise<ClientOptions> {
  const profile = flags.profile ?? (env[ENV_PROFILE] || undefined);
  const region =
    flags.region ?? (env[ENV_REGION] || undefined) ?? (await profileRegion({ env, ...(profile === undefined ? {} : { profile }) }));
  if (region === undefined && service.regions.length > 0) {
    throw new UsageError(
      `${service.service} needs a region: pass --region (e.g. --region ${service.regions.includes("ap-guangzhou") ? "ap-guangzhou" : service.regions[0]}), set ${ENV_REGION}, or add "region = …" to your profile in ~/.tencentcloud/credentials`,
    );
  }
  if (flags.site !== undefined && !(SITES as readonly string[]).includes(flags.site)) {
    throw new UsageError(`--site takes ${SITES.join(", ")}, not ${JSON.stringify(flags.site)}`);
  }
  return {
    ...(region === undefined ? {} : { region }),
    credentials: flags.profile === undefined ? defaultCredentialChain({ env }) : fromProfileFile({ profile: flags.profile, env }),
    ...(flags.endpointUrl === undefined ? {} : { endpoint: flags.endpointUrl }),
    ...(flags.site === undefined ? {} : { site: flags.site as (typeof SITES)[number] }),
    ...(flags.timeoutMs === undefined ? {} : { timeoutMs: positiveInteger("--timeout-ms", flags.timeoutMs) }),
    ...(flags.maxAttempts === undefined ? {} : { maxAttempts: positiveInteger("--max-attempts", flags.maxAttempts) }),
    ...(flags.allowUnknownRegion === true ? { allowUnknownRegion: true } : {}),
  };
}

/** A client of `service`'s package, made with `options`; refusals of the options (a bad endpoint or region) are usage errors. */
export async function makeClient(service: ServiceModel, options: ClientOptions): Promise<Record<string, unknown>> {
  const exports = (await import(service.packageName)) as Record<string, unknown>;
  const Client = exports[service.clientClass] as new (options: ClientOptions) => Record<string, unknown>;
  try {
    return new Client(options);
  } catch (error) {
    // The SDK's advice names its option; here the same switch is a flag.
    throw new UsageError((error as Error).message.replace("set allowUnknownRegion: true", "pass --allow-unknown-region"));
  }
}

/** `text` as a positive integer, or a usage error naming `flag`. */
export function positiveInteger(flag: string, text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value <= 0)
    throw new UsageError(`${flag} takes a positive integer, not ${JSON.stringify(text)}`);
  return value;
}

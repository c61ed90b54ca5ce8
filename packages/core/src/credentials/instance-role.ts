/**
 * Temporary credentials of a CVM instance role, from the instance metadata service.
 *
 * @packageDocumentation
 */
import { TcCredentialsError } from "../errors.js";
import { refreshingProvider, type RefreshOptions } from "./refreshing.js";
import type { CredentialProvider, Credentials } from "./types.js";

/** Metadata service of CVM instances. */
export const DEFAULT_METADATA_URL = "http://metadata.tencentyun.com/latest/meta-data/";

/** Options of {@link fromInstanceRole}. */
export interface InstanceRoleOptions extends RefreshOptions {
  /** Role name; when absent it is read from `cam/security-credentials/`. */
  readonly roleName?: string;
  /** Base URL of the metadata service, ending in `/latest/meta-data/`. @defaultValue {@link DEFAULT_METADATA_URL} */
  readonly metadataUrl?: string;
  /** Timeout of each metadata request, ms: short, so that a machine without the service fails fast. @defaultValue 1000 */
  readonly timeoutMs?: number;
}

/** The JSON the metadata service answers for a role. */
interface RoleCredentialsAnswer {
  readonly TmpSecretId?: unknown;
  readonly TmpSecretKey?: unknown;
  readonly Token?: unknown;
  readonly ExpiredTime?: unknown;
  readonly Expiration?: unknown;
  readonly Code?: unknown;
}

/**
 * Fetches the instance role's temporary credentials and caches them until 5 minutes before they
 * expire, as `refreshingProvider` does: concurrent callers share one fetch; a failed fetch is not
 * cached, and while credentials that have not yet expired are at hand, a failed refresh returns them.
 */
export function fromInstanceRole(options: InstanceRoleOptions = {}): CredentialProvider {
  const base = options.metadataUrl ?? DEFAULT_METADATA_URL;
  const timeoutMs = options.timeoutMs ?? 1000;
  const listUrl = new URL("cam/security-credentials/", base).href;

  const fetchCredentials = async (): Promise<Credentials> => {
    const role = options.roleName ?? (await fetchText(listUrl, timeoutMs)).split(/\r?\n/)[0]?.trim();
    if (!role) throw new TcCredentialsError(`instance role: ${listUrl} named no role`);
    const roleUrl = new URL(encodeURIComponent(role), listUrl).href;
    const text = await fetchText(roleUrl, timeoutMs);
    let answer: RoleCredentialsAnswer;
    try {
      answer = JSON.parse(text) as RoleCredentialsAnswer;
    } catch {
      throw new TcCredentialsError(`instance role ${role}: the metadata answer is not JSON`);
    }
    const { TmpSecretId, TmpSecretKey, Token, ExpiredTime, Code } = answer;
    if (
      (Code !== undefined && Code !== "Success") ||
      typeof TmpSecretId !== "string" ||
      typeof TmpSecretKey !== "string" ||
      typeof Token !== "string"
    ) {
      const code = typeof Code === "string" ? ` (Code ${Code})` : "";
      throw new TcCredentialsError(`instance role ${role}: the metadata answer holds no credentials${code}`);
    }
    const expiresAt = typeof ExpiredTime === "number" ? ExpiredTime * 1000 : expirationMs(answer.Expiration);
    return { secretId: TmpSecretId, secretKey: TmpSecretKey, sessionToken: Token, expiresAt };
  };

  return refreshingProvider(fetchCredentials, options);
}

function expirationMs(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** GETs `url` with a timeout, answering the body of a 200 or a {@link TcCredentialsError}. */
async function fetchText(url: string, timeoutMs: number): Promise<string> {
  const { get } = await import("node:http");
  return new Promise((resolve, reject) => {
    const failed = (why: string): void => reject(new TcCredentialsError(`instance role: ${url}: ${why}`));
    const request = get(url, { timeout: timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > 64 * 1024) {
          request.destroy();
          failed("answer too large");
        } else chunks.push(chunk);
      });
      response.on("end", () => {
        if (response.statusCode !== 200) failed(`HTTP ${response.statusCode ?? "?"}`);
        else resolve(Buffer.concat(chunks).toString("utf8"));
      });
      response.on("error", (error: NodeJS.ErrnoException) => failed(error.code ?? error.message));
    });
    request.on("timeout", () => {
      request.destroy();
      failed(`no answer within ${timeoutMs} ms`);
    });
    request.on("error", (error: NodeJS.ErrnoException) => failed(error.code ?? error.message));
  });
}

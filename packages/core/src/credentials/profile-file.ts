/**
 * Credentials from the shared file `~/.tencentcloud/credentials`, the INI file Tencent Cloud's SDKs read:
 *
 * ```ini
 * [default]
 * secret_id = AKID…
 * secret_key = …
 * # optional, for temporary credentials:
 * token = …
 * ```
 *
 * @packageDocumentation
 */
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { TcCredentialsError } from "../errors.js";
import type { CredentialProvider, Credentials } from "./types.js";

/** Variable naming the profile (section) to read; `default` when unset. */
export const ENV_PROFILE = "TENCENTCLOUD_PROFILE";

/** Options of {@link fromProfileFile}. */
export interface ProfileFileOptions {
  /** File to read. @defaultValue `~/.tencentcloud/credentials` (home directory from `HOME`) */
  readonly path?: string;
  /** Section to read. @defaultValue `TENCENTCLOUD_PROFILE`, else `default` */
  readonly profile?: string;
  /** Where `TENCENTCLOUD_PROFILE` is read. @defaultValue `process.env` */
  readonly env?: NodeJS.ProcessEnv;
}

/** Default location of the credentials file, under the current home directory. */
export function defaultProfilePath(): string {
  return join(homedir(), ".tencentcloud", "credentials");
}

/**
 * Reads one profile of the credentials file. Keys: `secret_id`, `secret_key`, and an optional
 * `token` (or `session_token`). The file is read once; a failure is not remembered, so a file
 * written later is found on the next call.
 */
export function fromProfileFile(options: ProfileFileOptions = {}): CredentialProvider {
  let cached: Credentials | undefined;
  return async () => {
    if (cached !== undefined) return cached;
    const path = options.path ?? defaultProfilePath();
    const profile = options.profile ?? ((options.env ?? process.env)[ENV_PROFILE] || "default");
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === "ENOENT" ? "not found" : `unreadable (${code ?? "error"})`;
      throw new TcCredentialsError(`profile file ${path}: ${why}`);
    }
    const section = parseIni(text).get(profile);
    if (section === undefined) throw new TcCredentialsError(`profile file ${path}: no [${profile}] profile`);
    const secretId = section.get("secret_id");
    const secretKey = section.get("secret_key");
    if (!secretId || !secretKey) {
      const missing = [!secretId && "secret_id", !secretKey && "secret_key"].filter(Boolean).join(" and ");
      throw new TcCredentialsError(`profile file ${path}: [${profile}] has no ${missing}`);
    }
    const sessionToken = section.get("token") || section.get("session_token");
    cached = sessionToken ? { secretId, secretKey, sessionToken } : { secretId, secretKey };
    return cached;
  };
}

/**
 * The region a profile of the credentials file names (`region = ap-guangzhou`), for tools that take
 * their region from the profile, as the `tcsdk` command line does; `undefined` when the file, the
 * profile or the key is missing. Clients never read it: pass `region` to them.
 */
export async function profileRegion(options: ProfileFileOptions = {}): Promise<string | undefined> {
  const path = options.path ?? defaultProfilePath();
  const profile = options.profile ?? ((options.env ?? process.env)[ENV_PROFILE] || "default");
  const text = await readFile(path, "utf8").catch(() => undefined);
  return text === undefined ? undefined : parseIni(text).get(profile)?.get("region") || undefined;
}

/**
 * Parses INI text into sections of key/value pairs. Lines starting with `#` or `;` are comments;
 * keys are lower-cased; values are trimmed and may be wrapped in double quotes.
 *
 * @internal
 */
export function parseIni(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const header = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (header !== null) {
      const name = header[1] as string;
      current = sections.get(name) ?? new Map<string, string>();
      sections.set(name, current);
      continue;
    }
    const eq = line.indexOf("=");
    if (eq <= 0 || current === undefined) continue;
    const key = line.slice(0, eq).trim().toLowerCase();
    let value = line.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    current.set(key, value);
  }
  return sections;
}

/**
 * Keeps this client's secrets out of text that came from the server. A gateway's error page, a proxy
 * or a misbehaving service may echo the request's `Authorization` and `X-TC-Token` headers; whatever
 * such text reaches (an error message, a body excerpt, a RequestId, a log line, a hook) is scrubbed of
 * the SecretKey, the session token and the signatures the call sent, as written and as JSON, URL or
 * HTML escaping would write them, and of any `Signature=<64 hex digits>` (another call's signature).
 *
 * @internal
 * @packageDocumentation
 */

/** Removes secrets from a text. */
export type Scrub = (text: string) => string;

/** What replaces a secret. */
export const REDACTED = "[redacted]";

/** Any TC3 signature in an `Authorization` header, whoever sent it. */
const SIGNATURE_PARAMETER = /(Signature=)[0-9a-f]{64}/gi;

/** Shortest SecretKey scrubbed: a real one has 32 characters; a short test key (`test`) would cut ordinary words. */
const MIN_SECRET_KEY_LENGTH = 8;
/** Shortest session token scrubbed. */
const MIN_TOKEN_LENGTH = 3;

/** What a call must not let back in from the server. */
export interface CallSecrets {
  /** The SecretKey (never sent, but kept out all the same). */
  readonly secretKey: string;
  /** The session token sent as `X-TC-Token`. */
  readonly sessionToken?: string | undefined;
  /** Every signature the call has sent so far (64 hex digits each). */
  readonly signatures: readonly string[];
}

/** A {@link Scrub} for one call's secrets. */
export function secretScrubber(secrets: CallSecrets): Scrub {
  const values: string[] = [...secrets.signatures];
  if (secrets.secretKey.length >= MIN_SECRET_KEY_LENGTH) values.push(secrets.secretKey);
  if (secrets.sessionToken !== undefined && secrets.sessionToken.length >= MIN_TOKEN_LENGTH) values.push(secrets.sessionToken);
  const forms = [...new Set(values.flatMap(spellings))].sort((a, b) => b.length - a.length);
  return (text) => {
    let clean = text.replace(SIGNATURE_PARAMETER, `$1${REDACTED}`);
    for (const form of forms) if (clean.includes(form)) clean = clean.split(form).join(REDACTED);
    return clean;
  };
}

/** The ways a server may have written `secret` back: as sent, JSON-escaped, URL-encoded, HTML-escaped. */
function spellings(secret: string): string[] {
  return [
    secret,
    JSON.stringify(secret).slice(1, -1),
    JSON.stringify(secret).slice(1, -1).replaceAll("/", "\\/"),
    encodeURIComponent(secret),
    secret.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`),
    secret.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;"),
  ].filter((form) => form.length > 0);
}

/**
 * `cause` when none of its text (nor its own causes') holds a secret; otherwise a plain `Error` with its
 * name, `code` and scrubbed message in its place (a transport error may quote the bytes the server sent, as undici's
 * parser errors do in `data`).
 */
export function scrubCause(cause: unknown, scrub: Scrub): unknown {
  if (!(cause instanceof Error)) return cause;
  const fields = cause as unknown as Record<string, unknown>;
  if (textsOf(cause, 0).every((text) => scrub(text) === text)) return cause;
  const copy = new Error(scrub(cause.message));
  copy.name = cause.name;
  if (typeof fields["code"] === "string") (copy as Error & { code?: string }).code = fields["code"];
  return copy;
}

/** The texts of an error and of its causes (a few levels down): message, stack and string fields. */
function textsOf(error: Error, depth: number): string[] {
  const fields = Object.values(error as unknown as Record<string, unknown>).filter((value): value is string => typeof value === "string");
  const texts = [error.message, error.stack ?? "", ...fields];
  return error.cause instanceof Error && depth < 3 ? [...texts, ...textsOf(error.cause, depth + 1)] : texts;
}

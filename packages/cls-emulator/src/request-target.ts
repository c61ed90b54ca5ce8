/**
 * Reads a request target (`/path?query`, or the absolute form `http://host/path?query`) without ever
 * throwing: the raw path and query are kept byte for byte, because signatures cover them as sent.
 * @packageDocumentation
 */

/** The parts of a request target the emulator routes and verifies on. */
export interface RequestTarget {
  /** Path exactly as sent (percent escapes not decoded), e.g. `/` or `//`. */
  readonly path: string;
  /** Query string exactly as sent, without `?` (empty when none). */
  readonly query: string;
  /** The query decoded as `application/x-www-form-urlencoded` (never throws on bad escapes). */
  readonly searchParams: URLSearchParams;
}

const ABSOLUTE_FORM = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/;

/**
 * Splits a request target into path and query; `undefined` when it is neither origin form (starting
 * with `/`) nor absolute form (e.g. `*`, `host:port`). A fragment, which clients should not send, is dropped.
 */
export function parseRequestTarget(raw: string | undefined): RequestTarget | undefined {
  let rest = raw ?? "/";
  const authority = ABSOLUTE_FORM.exec(rest);
  if (authority !== null) rest = rest.slice(authority[0].length) || "/";
  if (!rest.startsWith("/") && !rest.startsWith("?")) return undefined;
  const hash = rest.indexOf("#");
  if (hash !== -1) rest = rest.slice(0, hash);
  const question = rest.indexOf("?");
  const path = question === -1 ? rest : rest.slice(0, question) || "/";
  const query = question === -1 ? "" : rest.slice(question + 1);
  return { path, query, searchParams: new URLSearchParams(query) };
}

/** `decodeURIComponent` that answers `undefined` instead of throwing on a malformed escape (`%`, `%E0%A4%A`). */
export function decodePathSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

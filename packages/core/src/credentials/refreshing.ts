/**
 * The caching every provider of temporary credentials needs: fetch once, share the fetch between
 * concurrent callers, fetch again a while before expiry, and ride out a failed refresh while the
 * credentials in hand still work.
 *
 * @packageDocumentation
 */
import type { CredentialProvider, Credentials } from "./types.js";

/** Options of {@link refreshingProvider}. */
export interface RefreshOptions {
  /** Credentials are fetched again this long before they expire, ms. @defaultValue 300000 (5 minutes) */
  readonly refreshBeforeMs?: number;
  /** Time source, ms since the epoch. @defaultValue `Date.now` */
  readonly clock?: () => number;
}

/**
 * A provider that calls `fetchCredentials` when it has no credentials or they expire within
 * `refreshBeforeMs`, and otherwise answers the cached ones. Concurrent callers share one fetch (single
 * flight: a hundred calls at expiry make one request); a failed fetch is not cached (the next call
 * tries again), and while credentials that have not yet expired are at hand, a failed refresh returns
 * them. Credentials without `expiresAt` are kept for good.
 */
export function refreshingProvider(fetchCredentials: () => Promise<Credentials>, options: RefreshOptions = {}): CredentialProvider {
  const refreshBeforeMs = options.refreshBeforeMs ?? 300_000;
  const clock = options.clock ?? Date.now;
  let cached: Credentials | undefined;
  let inFlight: Promise<Credentials> | undefined;
  return () => {
    if (cached !== undefined && (cached.expiresAt === undefined || cached.expiresAt - refreshBeforeMs > clock())) {
      return Promise.resolve(cached);
    }
    inFlight ??= fetchCredentials().then(
      (credentials) => {
        inFlight = undefined;
        cached = credentials;
        return credentials;
      },
      (error: unknown) => {
        inFlight = undefined;
        const stale = cached;
        if (stale?.expiresAt !== undefined && stale.expiresAt > clock()) return stale;
        throw error;
      },
    );
    return inFlight;
  };
}

/**
 * When a failed attempt may be sent again, and how long to wait first.
 *
 * | failure | re-sent for | base delay | why |
 * |---|---|---|---|
 * | `RequestLimitExceeded`, `RequestLimitExceeded.*`, HTTP 429 | every action | 1000 ms, equal jitter | refused, not executed; limits are counted per second |
 * | network error before the request was written (refused, DNS, connect timeout, TLS, proxy) | every action | 100 ms | nothing reached the server |
 * | per-attempt timeout before the request was written | every action | 100 ms | same |
 * | network error or timeout after the request may have been written | idempotent actions only | 100 ms | the server may have executed it |
 * | `InternalError`, `InternalError.*`, `ServiceUnavailable`, HTTP 5xx without `Response.Error` | idempotent actions only | 100 ms | the server may have executed it |
 * | anything else (validation, auth, parse errors on 2xx, the deadline, an abort) | never | — | re-sending cannot change the answer |
 *
 * With `cap = min(20 s, base · 2^retry)`, faults wait with "full jitter", `random(0, cap)`, so clients
 * that failed together do not retry together. Throttling waits with "equal jitter",
 * `cap/2 + random(0, cap/2)`: at least half a second for the first retry, since a wait near zero after
 * `RequestLimitExceeded` lands in the same per-second window and collects another refusal. A
 * `Retry-After` header, when present, is used instead (capped at 20 s).
 *
 * @internal
 * @packageDocumentation
 */

/** How a failed attempt may be retried. */
export type RetryClass = "throttled" | "notSent" | "ifIdempotent" | "never";

/** Base delay for throttling answers, ms: rate limits are counted per second. */
export const THROTTLE_BASE_MS = 1000;
/** Base delay for transient faults, ms. */
export const FAULT_BASE_MS = 100;
/** Longest single wait, ms. */
export const MAX_DELAY_MS = 20_000;

/** The retry class of a service error code. */
export function classifyServiceCode(code: string): RetryClass {
  if (code === "RequestLimitExceeded" || code.startsWith("RequestLimitExceeded.")) return "throttled";
  if (code === "InternalError" || code.startsWith("InternalError.") || code === "ServiceUnavailable") return "ifIdempotent";
  return "never";
}

/** The retry class of an answer whose body could not be used, from its status. */
export function classifyStatus(status: number): RetryClass {
  if (status === 429) return "throttled";
  if (status >= 500) return "ifIdempotent";
  return "never";
}

/** Whether a failure of class `retryClass` may be re-sent for an action that is (or is not) idempotent. */
export function mayRetry(retryClass: RetryClass, idempotent: boolean): boolean {
  return retryClass === "throttled" || retryClass === "notSent" || (retryClass === "ifIdempotent" && idempotent);
}

/**
 * Delay before retry number `retry` (0 for the first), in ms.
 *
 * @param random - returns a number in [0, 1)
 * @param retryAfter - the answer's `Retry-After` header, if any
 * @param now - current time in ms since the epoch, for an HTTP-date `Retry-After`
 */
export function retryDelay(
  retryClass: RetryClass,
  retry: number,
  random: () => number,
  retryAfter: string | undefined,
  now: number,
): number {
  const fromHeader = parseRetryAfter(retryAfter, now);
  if (fromHeader !== undefined) return Math.min(fromHeader, MAX_DELAY_MS);
  if (retryClass === "throttled") {
    const half = Math.min(MAX_DELAY_MS, THROTTLE_BASE_MS * 2 ** retry) / 2;
    return Math.floor(half + random() * half);
  }
  return Math.floor(random() * Math.min(MAX_DELAY_MS, FAULT_BASE_MS * 2 ** retry));
}

/** `Retry-After` in ms: delta-seconds or an HTTP date; `undefined` when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

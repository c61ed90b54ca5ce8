/**
 * `setTimeout` for limits the user sets: a limit longer than one timer can hold is never reached.
 *
 * @internal
 * @packageDocumentation
 */

/** The longest delay one `setTimeout` can hold (about 24.8 days); a longer one would fire after 1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Calls `fire` after `ms` (at least 0), or arms nothing when `ms` is longer than a timer can hold, so
 * that `deadlineMs: Number.MAX_SAFE_INTEGER` means "no deadline" rather than "at once".
 */
export function limitTimer(fire: () => void, ms: number): ReturnType<typeof setTimeout> | undefined {
  return ms > MAX_TIMER_MS ? undefined : setTimeout(fire, Math.max(0, ms));
}

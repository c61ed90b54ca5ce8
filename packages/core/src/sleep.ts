/**
 * An abortable timer, the one core waits with (backoff, rate-limit turns) and offers to the
 * packages built on it.
 *
 * @packageDocumentation
 */
import { TcAbortError } from "./errors.js";
import { MAX_TIMER_MS } from "./internal/timer.js";

/**
 * Resolves after `ms` milliseconds, or rejects with a {@link TcAbortError} as soon as `signal` fires
 * (at once if it already has). The error's `cause` is the signal's `reason`, so
 * `AbortSignal.timeout()` and `controller.abort(reason)` can be told apart. The timer is cleared on
 * abort and the listener removed when the time is up, so nothing is left behind either way.
 *
 * A delay longer than `setTimeout` can hold (about 24.8 days) is waited in parts; `Infinity` waits
 * until the signal fires.
 *
 * @param ms - how long to wait, ms (`0` or more)
 * @param signal - ends the wait early
 * @throws RangeError (as a rejection) when `ms` is negative or `NaN`
 *
 * @example
 * ```ts
 * await sleep(5_000, AbortSignal.timeout(60_000));
 * ```
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (!(ms >= 0)) return Promise.reject(new RangeError(`sleep: ms must be 0 or more, got ${ms}`));
  if (signal?.aborted) return Promise.reject(aborted(signal));
  return new Promise((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout>;
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(aborted(signal));
    };
    const wait = (left: number): void => {
      timer = setTimeout(
        () => {
          if (left > MAX_TIMER_MS) return wait(left - MAX_TIMER_MS);
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
        Math.min(left, MAX_TIMER_MS),
      );
    };
    wait(ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function aborted(signal: AbortSignal | undefined): TcAbortError {
  return new TcAbortError("aborted while waiting", { cause: signal?.reason });
}

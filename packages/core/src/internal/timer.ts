/**
 * `setTimeout` for limits the user sets: a limit longer than one timer can hold is never reached; and
 * the monotonic clock that deadlines and durations are measured by.
 *
 * @internal
 * @packageDocumentation
 */

/**
 * Milliseconds on Node's monotonic clock (`process.hrtime()`), for deadlines, durations and rate
 * limiting. As fast as `performance.now()`, which would load `perf_hooks` on a client's first call
 * (about 1 ms of a cold start on Node 20).
 */
export function monotonicMs(): number {
  const [seconds, nanoseconds] = process.hrtime();
  return seconds * 1e3 + nanoseconds / 1e6;
}

/** The longest delay one `setTimeout` can hold (about 24.8 days); a longer one would fire after 1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Calls `fire` after `ms` (at least 0), or arms nothing when `ms` is longer than a timer can hold, so
 * that `deadlineMs: Number.MAX_SAFE_INTEGER` means "no deadline" rather than "at once".
 */
export function limitTimer(fire: () => void, ms: number): ReturnType<typeof setTimeout> | undefined {
  return ms > MAX_TIMER_MS ? undefined : setTimeout(fire, Math.max(0, ms));
}

/** Attempt limits armed now, process-wide. */
let armedLimits = 0;
/** One interval that does nothing, ref'd while {@link armedLimits} is above 0: it keeps the process open for them. */
let keepOpen: ReturnType<typeof setInterval> | undefined;
/**
 * The `setInterval` that made {@link keepOpen}: a test's fake timers replace the global one, and an
 * interval made by them would hold nothing once the real timers are back, so a new one is made then.
 */
let keepOpenMaker: typeof setInterval | undefined;

function noop(): void {}

/**
 * The time limit of one attempt: `fire` runs after `ms` (at least 0) unless {@link AttemptLimit.clear}
 * runs first; a limit longer than a timer can hold is never reached, as with {@link limitTimer}.
 *
 * Node deletes its list of timers of one duration when the last ref'd timer in it is cleared, and
 * makes it again for the next one, so a client making one call at a time made and deleted a list on
 * every call. An unref'd timer leaves the list in place. So this timer is unref'd, and one shared
 * interval, ref'd while any attempt's limit is armed, keeps the process open as the attempt's own ref'd
 * timer did: a call in flight still ends in its answer or its time-out, never in the process exiting.
 */
export class AttemptLimit {
  readonly #timer: ReturnType<typeof setTimeout> | undefined;
  #armed: boolean;

  constructor(fire: () => void, ms: number) {
    this.#armed = ms <= MAX_TIMER_MS;
    if (!this.#armed) return;
    this.#timer = setTimeout(
      () => {
        this.#release();
        fire();
      },
      Math.max(0, ms),
    ).unref();
    if (armedLimits++ > 0) return;
    if (keepOpen !== undefined && keepOpenMaker === setInterval) {
      keepOpen.ref();
    } else {
      keepOpen = setInterval(noop, MAX_TIMER_MS);
      keepOpenMaker = setInterval;
    }
  }

  /** Disarms the limit; a second call does nothing. */
  clear(): void {
    clearTimeout(this.#timer);
    this.#release();
  }

  #release(): void {
    if (!this.#armed) return;
    this.#armed = false;
    if (--armedLimits === 0) keepOpen?.unref();
  }
}

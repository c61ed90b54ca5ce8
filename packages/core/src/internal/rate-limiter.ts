/**
 * Client-side pacing per action, so a client stays under the documented limit instead of
 * collecting `RequestLimitExceeded` answers.
 *
 * Each action gets a sliding window: with a limit of `n` per second, a call may start when fewer
 * than `n` calls started in the past 1000 ms, that is once the oldest of the last `n` starts is at
 * least 1000 ms old. No 1-second window, wherever it is placed, ever holds more than `n` starts — the
 * way Tencent Cloud counts "20 requests per second". The last `n` start times are kept in a ring
 * buffer, so memory per action is constant.
 *
 * A caller reserves its start time at once (now, or 1000 ms after the oldest of the last `n`), so
 * concurrent callers are served in the order they asked, without polling, and then waits for it.
 *
 * @internal
 * @packageDocumentation
 */

/** Length of the window, ms. */
const WINDOW_MS = 1000;
/**
 * Most start times kept per action (80 KB): a higher limit is held to this many per second. No
 * client signs and sends that many requests a second on one event loop, so this only bounds memory.
 */
const MAX_SLOTS = 10_000;

/** The last `size` start times of one action. */
class StartWindow {
  /** Start times, ms on the limiter's clock; `next` is the oldest once the ring is full. */
  readonly #starts: Float64Array;
  #next = 0;
  #count = 0;

  constructor(
    readonly size: number,
    readonly windowMs: number
  ) {
    this.#starts = new Float64Array(size);
  }

  /** The earliest time at or after `now` when one more call may start. */
  earliestStart(now: number): number {
    if (this.#count < this.size) return now;
    return Math.max(now, (this.#starts[this.#next] ?? now) + this.windowMs);
  }

  /** Records a start at `time`, replacing the oldest once `size` are kept. */
  record(time: number): void {
    this.#starts[this.#next] = time;
    this.#next = (this.#next + 1) % this.size;
    if (this.#count < this.size) this.#count++;
  }
}

/** Per-action call pacing for one client. */
export class RateLimiter {
  readonly #clock: () => number;
  readonly #override: number | Readonly<Record<string, number>> | undefined;
  readonly #windows = new Map<string, StartWindow>();

  /**
   * @param clock - the time source, ms (only differences matter; a monotonic clock is best)
   * @param override - requests per second for every action, or per action name; else each action's own limit
   */
  constructor(clock: () => number, override?: number | Readonly<Record<string, number>>) {
    this.#clock = clock;
    this.#override = override;
  }

  /** The limit that applies to `action` (requests per second), or `undefined` for none. */
  limitFor(action: string, specLimit: number | undefined): number | undefined {
    const override = this.#override;
    const limit = typeof override === "number" ? override : override?.[action] ?? specLimit;
    return limit !== undefined && limit > 0 && Number.isFinite(limit) ? limit : undefined;
  }

  /**
   * Reserves the next start time for `action` and returns how long to wait for it in ms (0: go now).
   * When the wait would be `maxWaitMs` or more, nothing is reserved (the caller will not go). A
   * reservation is kept even if the caller gives up waiting later (the slot is then lost, which errs
   * on the safe side).
   *
   * @param perSecond - the limit: at most `floor(perSecond)` starts in any 1000 ms (10 000 at most); a
   *   limit under 1 allows one start per `1000 / perSecond` ms
   */
  reserve(action: string, perSecond: number, maxWaitMs = Number.POSITIVE_INFINITY): number {
    const window = this.#windowFor(action, perSecond);
    const now = this.#clock();
    const start = window.earliestStart(now);
    const wait = start - now;
    if (wait >= maxWaitMs) return wait;
    window.record(start);
    return wait;
  }

  #windowFor(action: string, perSecond: number): StartWindow {
    const size = Math.min(Math.max(1, Math.floor(perSecond)), MAX_SLOTS);
    const windowMs = perSecond < 1 ? WINDOW_MS / perSecond : WINDOW_MS;
    let window = this.#windows.get(action);
    if (window === undefined || window.size !== size || window.windowMs !== windowMs) {
      window = new StartWindow(size, windowMs);
      this.#windows.set(action, window);
    }
    return window;
  }
}

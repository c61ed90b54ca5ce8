/**
 * Client-side pacing per action, so a client stays under the documented limit instead of
 * collecting `RequestLimitExceeded` answers.
 *
 * The server counts requests when they *arrive*, over a sliding second; the client cannot see
 * arrivals, but it knows two times that enclose each one: the attempt's start (before the request is
 * written) and its end (when the answer, or a failure, is in). So each action keeps its last `n` calls
 * (`n` the limit per second), each either in flight or stamped with the time it ended, and a call may
 * start only when the `n`-th previous call has ended at least 1000 ms ago (fewer than `n` calls so far:
 * at once). A call in flight thus blocks the `n`-th call after it until it ends.
 *
 * Why this is exact: number the calls in start order; calls start in that order (FIFO), so for any
 * `i` and `j >= i + n`, `start(j) >= start(i + n) >= end(i) + 1000`. Arrival `a(k)` lies in
 * `[start(k), end(k)]`, so `a(j) - a(i) >= 1000`: of any `n + 1` calls, the first and the last started
 * arrive at least a second apart, and no window shorter than a second (`[t, t + 1000)` or
 * `(t - 1000, t]`) ever sees more than `n` arrivals — whatever the latency, connection setup included.
 * It holds on one client; several clients with the same credentials each count only their own calls.
 * The cost: at most `n` calls of one action are in flight at once.
 *
 * Waiters are served in the order they asked, without polling: a waiter blocked by a call in flight is
 * woken by its release, one blocked by time by a timer. The last `n` end times are kept in a ring
 * buffer, so memory per action is constant.
 *
 * @internal
 * @packageDocumentation
 */
import { limitTimer } from "./timer.js";

/** Length of the window, ms. */
const WINDOW_MS = 1000;
/**
 * Most calls kept per action (80 KB): a higher limit is held to this many per second. No client signs
 * and sends that many requests a second on one event loop, so this only bounds memory.
 */
const MAX_SLOTS = 10_000;

/** Ends a turn: stamps the attempt's end (call it once the answer or the failure is in). Later calls do nothing. */
export type ReleaseTurn = () => void;

/** Why a turn was not given: the caller's deadline, or its abort signal. */
export class TurnRefused extends Error {
  /**
   * @param reason - `deadline`: the turn would come too late; `abort`: the signal fired
   * @param cause - the signal's reason, for `abort`
   */
  constructor(
    readonly reason: "deadline" | "abort",
    cause?: unknown,
  ) {
    super(reason === "deadline" ? "no rate-limit turn before the deadline" : "aborted while waiting for a rate-limit turn", {
      cause,
    });
    this.name = "TurnRefused";
  }
}

/** How a caller waits for its turn. */
export interface TurnOptions {
  /** Ends the wait (the promise rejects with a {@link TurnRefused} `abort`). */
  readonly signal?: AbortSignal | undefined;
  /**
   * Longest wait, ms: a turn known to come at or after it is refused at once, and a wait still going on
   * then (behind calls in flight) is given up. @defaultValue no limit
   */
  readonly maxWaitMs?: number | undefined;
  /** Told each time the caller starts a timed wait, with its length in ms (for logging). */
  readonly onWait?: ((waitMs: number) => void) | undefined;
}

/** A caller in the queue. */
interface Waiter {
  readonly grant: (release: ReleaseTurn) => void;
  readonly refuse: (error: TurnRefused) => void;
  /** Time on the limiter's clock after which the caller will not go. */
  readonly deadline: number;
  readonly options: TurnOptions;
  /** Removes the abort listener and the deadline timer. */
  cleanup: () => void;
}

/** The last `size` calls of one action, and the callers waiting for a turn. */
class ActionWindow {
  /** End times, ms on the limiter's clock; `NaN` while in flight. `next` is the oldest once the ring is full. */
  readonly #ends: Float64Array;
  #next = 0;
  #count = 0;
  readonly #queue: Waiter[] = [];
  /** The timer waiting for the head of the queue's turn, if any. */
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** The caller whose wait was last announced to `onWait` (a remainder after an early timer is not announced again). */
  #announced: Waiter | undefined;

  constructor(
    readonly size: number,
    readonly windowMs: number,
    readonly clock: () => number,
  ) {
    this.#ends = new Float64Array(size);
  }

  /** Queues a caller and serves the queue. */
  acquire(options: TurnOptions): Promise<ReleaseTurn> {
    return new Promise<ReleaseTurn>((resolve, reject) => {
      const { signal, maxWaitMs = Number.POSITIVE_INFINITY } = options;
      if (signal?.aborted) {
        reject(new TurnRefused("abort", signal.reason));
        return;
      }
      const waiter: Waiter = {
        grant: resolve,
        refuse: reject,
        deadline: this.clock() + maxWaitMs,
        options,
        cleanup: () => undefined,
      };
      const onAbort = (): void => this.#leave(waiter, new TurnRefused("abort", signal?.reason));
      signal?.addEventListener("abort", onAbort, { once: true });
      // The deadline also holds while the wait is behind calls in flight (of unknown length).
      const deadlineTimer = limitTimer(() => this.#leave(waiter, new TurnRefused("deadline")), maxWaitMs);
      waiter.cleanup = () => {
        signal?.removeEventListener("abort", onAbort);
        clearTimeout(deadlineTimer);
      };
      this.#queue.push(waiter);
      this.#serve();
    });
  }

  /**
   * A turn at once, when one is free now and nobody waits (the common case: no promise, no timer, no
   * listener), else `undefined`: then the caller queues with {@link ActionWindow.acquire}.
   */
  tryTake(): ReleaseTurn | undefined {
    // a timer only ever waits for the head of a queue, so an empty queue has none
    if (this.#queue.length > 0) return undefined;
    if (this.#count === this.size) {
      const oldestEnd = this.#ends[this.#next] ?? Number.NaN;
      // the n-th previous call in flight, or ended less than a window ago (NaN compares false)
      if (!(this.clock() >= oldestEnd + this.windowMs)) return undefined;
    }
    return this.#take();
  }

  /** Takes `waiter` out of the queue (abort or deadline) and refuses it. */
  #leave(waiter: Waiter, error: TurnRefused): void {
    const index = this.#queue.indexOf(waiter);
    if (index === -1) return;
    this.#queue.splice(index, 1);
    waiter.cleanup();
    if (index === 0) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    waiter.refuse(error);
    this.#serve();
  }

  /** Gives turns to the head of the queue while it may go; arms a timer when it must wait for time. */
  #serve(): void {
    while (this.#timer === undefined) {
      const head = this.#queue[0];
      if (head === undefined) return;
      let ready = Number.NEGATIVE_INFINITY;
      if (this.#count === this.size) {
        const oldestEnd = this.#ends[this.#next] ?? Number.NaN;
        if (Number.isNaN(oldestEnd)) return; // the n-th previous call is in flight: its release serves again
        ready = oldestEnd + this.windowMs;
      }
      const now = this.clock();
      if (now >= ready) {
        this.#queue.shift();
        head.cleanup();
        head.grant(this.#take());
        continue;
      }
      if (ready >= head.deadline) {
        this.#queue.shift();
        head.cleanup();
        head.refuse(new TurnRefused("deadline"));
        continue;
      }
      this.#wait(head, ready, now);
      return;
    }
  }

  /**
   * Arms the timer for `head`'s turn at `ready`. A timer may fire up to a millisecond early (timers
   * count whole milliseconds of a cached loop time), so when it fires the queue is served again, which
   * reads the clock and waits out any remainder.
   */
  #wait(head: Waiter, ready: number, now: number): void {
    const waitMs = ready - now;
    const announce = this.#announced !== head;
    this.#announced = head;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#serve();
    }, waitMs);
    if (announce) {
      try {
        head.options.onWait?.(waitMs);
      } catch {
        // A failing observer must not stall the queue.
      }
    }
  }

  /** Records a call in flight in the oldest place and returns its release. */
  #take(): ReleaseTurn {
    const index = this.#next;
    this.#ends[index] = Number.NaN;
    this.#next = (this.#next + 1) % this.size;
    if (this.#count < this.size) this.#count++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#ends[index] = this.clock();
      this.#serve();
    };
  }
}

/** Per-action call pacing for one client. */
export class RateLimiter {
  readonly #clock: () => number;
  readonly #override: number | Readonly<Record<string, number>> | undefined;
  readonly #windows = new Map<string, ActionWindow>();

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
    const limit = typeof override === "number" ? override : (override?.[action] ?? specLimit);
    return limit !== undefined && limit > 0 && Number.isFinite(limit) ? limit : undefined;
  }

  /**
   * Waits for a turn of `action` (in the order callers asked) and resolves with its release, which the
   * caller must call once the attempt has ended, answered or failed (in a `finally`).
   *
   * Rejects with a {@link TurnRefused}: `deadline` at once when the turn is known to come at or after
   * `maxWaitMs`, or once `maxWaitMs` has passed behind calls still in flight; `abort` when the signal
   * fires. A refused caller takes no turn.
   *
   * @param perSecond - the limit: at most `floor(perSecond)` calls per 1000 ms (10 000 at most); a
   *   limit under 1 allows one call per `1000 / perSecond` ms
   */
  acquire(action: string, perSecond: number, options: TurnOptions = {}): Promise<ReleaseTurn> {
    return this.#windowFor(action, perSecond).acquire(options);
  }

  /**
   * A turn of `action` at once when one is free now and no caller waits for one, else `undefined` (then
   * wait with {@link RateLimiter.acquire}). The release is called as `acquire`'s is.
   */
  tryAcquire(action: string, perSecond: number): ReleaseTurn | undefined {
    return this.#windowFor(action, perSecond).tryTake();
  }

  /** The window of `action`, made on its first call (an action's limit does not change during a client's life). */
  #windowFor(action: string, perSecond: number): ActionWindow {
    let window = this.#windows.get(action);
    if (window === undefined) {
      const size = Math.min(Math.max(1, Math.floor(perSecond)), MAX_SLOTS);
      window = new ActionWindow(size, perSecond < 1 ? WINDOW_MS / perSecond : WINDOW_MS, this.#clock);
      this.#windows.set(action, window);
    }
    return window;
  }
}

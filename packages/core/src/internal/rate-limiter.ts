/**
 * Client-side pacing per action, so a client stays under the documented limit instead of
 * collecting `RequestLimitExceeded` answers.
 *
 * Each action gets a generic cell rate algorithm (GCRA) — a token bucket kept as one timestamp:
 * with a limit of `n` per second, one call may start every `1000/n` ms and up to `n` may start at
 * once after a quiet second. A caller reserves its slot immediately, so concurrent callers are
 * served in order without polling, and then waits for it.
 *
 * @internal
 * @packageDocumentation
 */

/** Per-action call pacing for one client. */
export class RateLimiter {
  readonly #clock: () => number;
  readonly #override: number | Readonly<Record<string, number>> | undefined;
  /** Theoretical arrival time of the next call, per action (ms on {@link RateLimiter.#clock}). */
  readonly #nextSlot = new Map<string, number>();

  /**
   * @param clock - the time source, ms
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
   * Reserves the next slot for `action` and returns how long to wait for it in ms (0: go now).
   * The reservation is kept even if the caller gives up waiting.
   */
  reserve(action: string, perSecond: number): number {
    const now = this.#clock();
    const interval = 1000 / perSecond;
    const burst = Math.max(1, Math.floor(perSecond));
    const slot = Math.max(this.#nextSlot.get(action) ?? now, now);
    const wait = Math.max(0, slot - (burst - 1) * interval - now);
    this.#nextSlot.set(action, slot + interval);
    return wait;
  }
}

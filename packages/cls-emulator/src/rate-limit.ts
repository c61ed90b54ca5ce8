/**
 * A sliding-window rate limit on the emulator clock: at most `limit` requests in any window of
 * `windowMs` per key (the key is action + SecretId).
 * @packageDocumentation
 */
import type { Clock } from "./clock.js";

/** Counts recent requests per key. */
export class RateLimiter {
  readonly #recent = new Map<string, number[]>();

  /**
   * @param limit - requests allowed per window; `0` disables the limit
   * @param windowMs - window length
   * @param clock - time source
   */
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: Clock,
  ) {}

  /** Records a request for `key` and answers whether it is within the limit (refused ones are not counted). */
  allow(key: string): boolean {
    if (this.limit <= 0) return true;
    const now = this.clock();
    const recent = (this.#recent.get(key) ?? []).filter((time) => time > now - this.windowMs && time <= now);
    const allowed = recent.length < this.limit;
    if (allowed) recent.push(now);
    this.#recent.set(key, recent);
    return allowed;
  }
}

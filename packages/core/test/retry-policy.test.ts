/** The backoff formulas, without waiting: equal jitter for throttling, full jitter for faults. */
import { describe, expect, it } from "vitest";
import { FAULT_BASE_MS, MAX_DELAY_MS, THROTTLE_BASE_MS, retryDelay } from "../src/internal/retry-policy.js";

const draws = [0, 0.25, 0.5, 0.999999];

describe("retryDelay", () => {
  it("throttling: equal jitter, half the capped exponential fixed and half random", () => {
    for (let retry = 0; retry < 8; retry++) {
      const cap = Math.min(MAX_DELAY_MS, THROTTLE_BASE_MS * 2 ** retry);
      for (const draw of draws) {
        const delay = retryDelay("throttled", retry, () => draw, undefined, 0);
        expect(delay).toBeGreaterThanOrEqual(cap / 2);
        expect(delay).toBeLessThan(cap);
      }
    }
    // the first retry after RequestLimitExceeded never comes within the same half second
    expect(retryDelay("throttled", 0, () => 0, undefined, 0)).toBe(500);
  });

  it("faults: full jitter from zero", () => {
    expect(retryDelay("ifIdempotent", 0, () => 0, undefined, 0)).toBe(0);
    expect(retryDelay("notSent", 3, () => 0.5, undefined, 0)).toBe((FAULT_BASE_MS * 8) / 2);
    expect(retryDelay("notSent", 30, () => 0.999999, undefined, 0)).toBeLessThan(MAX_DELAY_MS);
  });

  it("Retry-After wins over both, in seconds or as an HTTP date, capped at 20 s", () => {
    expect(retryDelay("throttled", 0, () => 0.5, "0", 0)).toBe(0);
    expect(retryDelay("throttled", 0, () => 0.5, "3", 0)).toBe(3000);
    expect(retryDelay("ifIdempotent", 0, () => 0.5, new Date(5_000).toUTCString(), 1_000)).toBe(4000);
    expect(retryDelay("throttled", 0, () => 0.5, "3600", 0)).toBe(MAX_DELAY_MS);
  });
});

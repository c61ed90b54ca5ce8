import { getEventListeners } from "node:events";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { TcAbortError, sleep } from "../src/index.js";
import { rejectionOf } from "./helpers/test-client.js";

describe("sleep", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Whether `promise` has settled, after letting pending callbacks run. */
  async function settled(promise: Promise<unknown>): Promise<boolean> {
    let done = false;
    promise.then(
      () => (done = true),
      () => (done = true),
    );
    await vi.advanceTimersByTimeAsync(0);
    return done;
  }

  it("resolves after ms, and leaves no listener on the signal", async () => {
    const controller = new AbortController();
    const slept = sleep(1000, controller.signal);
    await vi.advanceTimersByTimeAsync(999);
    expect(await settled(slept)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(slept).resolves.toBeUndefined();
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("rejects with TcAbortError as soon as the signal fires, the reason as cause, and clears its timer", async () => {
    const controller = new AbortController();
    const slept = sleep(60_000, controller.signal);
    await vi.advanceTimersByTimeAsync(10);
    const reason = new Error("stop");
    controller.abort(reason);
    const error = await rejectionOf(slept);
    expect(error).toBeInstanceOf(TcAbortError);
    expect((error as TcAbortError).cause).toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("rejects at once when the signal has already fired", async () => {
    const error = await rejectionOf(sleep(1000, AbortSignal.abort("gone")));
    expect(error).toBeInstanceOf(TcAbortError);
    expect((error as TcAbortError).cause).toBe("gone");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("waits longer than one setTimeout can hold (which would fire after 1 ms) in parts", async () => {
    const max = 2 ** 31 - 1;
    const slept = sleep(max + 5_000);
    await vi.advanceTimersByTimeAsync(max);
    expect(await settled(slept)).toBe(false);
    await vi.advanceTimersByTimeAsync(5_000);
    await expect(slept).resolves.toBeUndefined();
  });

  it("refuses a negative or NaN delay", async () => {
    await expect(sleep(-1)).rejects.toThrow(RangeError);
    await expect(sleep(Number.NaN)).rejects.toThrow(RangeError);
  });
});

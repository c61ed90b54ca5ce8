/**
 * An attempt's time limit (`AttemptLimit`): an unref'd timer of its own, and one shared interval that
 * holds the process open while any limit is armed. Counted with `process.getActiveResourcesInfo()`,
 * which lists one `Timeout` per ref'd timer.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { AttemptLimit, MAX_TIMER_MS } from "../src/internal/timer.js";

const refedTimers = (): number => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;

afterEach(() => {
  vi.useRealTimers();
});

describe("AttemptLimit", () => {
  it("fires after its time unless cleared first", async () => {
    vi.useFakeTimers();
    const fired: string[] = [];
    const kept = new AttemptLimit(() => fired.push("kept"), 100);
    const cleared = new AttemptLimit(() => fired.push("cleared"), 100);
    cleared.clear();
    await vi.advanceTimersByTimeAsync(99);
    expect(fired).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(fired).toEqual(["kept"]);
    kept.clear();
  });

  it("holds the process open with one ref'd timer while any limit is armed, and none after", () => {
    const before = refedTimers();
    const first = new AttemptLimit(() => undefined, 60_000);
    expect(refedTimers()).toBe(before + 1);
    const second = new AttemptLimit(() => undefined, 30_000);
    expect(refedTimers()).toBe(before + 1);
    first.clear();
    expect(refedTimers()).toBe(before + 1);
    second.clear();
    second.clear();
    expect(refedTimers()).toBe(before);
    const third = new AttemptLimit(() => undefined, 60_000);
    expect(refedTimers()).toBe(before + 1);
    third.clear();
    expect(refedTimers()).toBe(before);
  });

  it("lets go of the process when it fires, before its callback runs", async () => {
    const before = refedTimers();
    const seen = await new Promise<number>((resolve) => {
      new AttemptLimit(() => resolve(refedTimers()), 5);
    });
    expect(seen).toBe(before);
  });

  it("holds the process open with real timers after a test's fake ones made the shared interval", () => {
    vi.useFakeTimers();
    new AttemptLimit(() => undefined, 100).clear();
    vi.useRealTimers();
    const before = refedTimers();
    const limit = new AttemptLimit(() => undefined, 60_000);
    expect(refedTimers()).toBe(before + 1);
    limit.clear();
    expect(refedTimers()).toBe(before);
  });

  it("arms nothing for a limit longer than a timer can hold", () => {
    const before = refedTimers();
    const limit = new AttemptLimit(() => undefined, MAX_TIMER_MS + 1);
    expect(refedTimers()).toBe(before);
    limit.clear();
    expect(refedTimers()).toBe(before);
  });
});

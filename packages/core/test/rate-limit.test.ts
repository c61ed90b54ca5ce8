import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { TcAbortError, TcTimeoutError, type LogFields } from "../src/index.js";
import { RateLimiter } from "../src/internal/rate-limiter.js";
import { CreateExport, DescribeExports, TestClient, localOptions, rejectionOf } from "./helpers/test-client.js";
import { apiError, apiSuccess, sendJson, startServer, type TestServer } from "./helpers/test-server.js";

/** Most starts found in any 1000 ms window `[t, t + 1000)` (the busiest windows begin at a start). */
function busiestSecond(starts: readonly number[], windowMs = 1000): number {
  const sorted = [...starts].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (j < sorted.length && (sorted[j] ?? 0) < (sorted[i] ?? 0) + windowMs) j++;
    most = Math.max(most, j - i);
  }
  return most;
}

describe("RateLimiter (sliding window)", () => {
  it("lets n go at once, then each waits until the oldest of the last n is a second old", () => {
    let now = 1_000;
    const limiter = new RateLimiter(() => now);
    expect([1, 2, 3, 4, 5].map(() => limiter.reserve("A", 2))).toEqual([0, 0, 1000, 1000, 2000]);
    expect(limiter.reserve("B", 2)).toBe(0); // each action has its own window
    now += 5_000; // a quiet spell: the window is empty again
    expect([1, 2, 3].map(() => limiter.reserve("A", 2))).toEqual([0, 0, 1000]);
  });

  it("never lets more than 20 start in any second, unlike a token bucket (which let 39 through)", () => {
    let now = 0;
    const limiter = new RateLimiter(() => now);
    const starts: number[] = [];
    const take = (): void => {
      starts.push(now + limiter.reserve("CreateExport", 20));
    };
    for (let i = 0; i < 20; i++) take(); // a burst of 20 at t = 0 goes at once…
    expect(starts.every((start) => start === 0)).toBe(true);
    for (now = 50; now < 1000; now += 50) take(); // …so the 19 asked for within the next 950 ms wait for t = 1000
    expect(starts.slice(20)).toEqual(Array.from({ length: 19 }, () => 1000));
    expect(busiestSecond(starts)).toBe(20);
  });

  it("for 3n calls arriving at any times, no 1-second window holds more than n starts, and none waits needlessly", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 25 }),
        fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 120 }),
        (n, gaps) => {
          let now = 10_000;
          const limiter = new RateLimiter(() => now);
          const arrivals: number[] = [];
          const starts: number[] = [];
          for (let i = 0; i < 3 * n; i++) {
            now += gaps[i % gaps.length] ?? 0;
            arrivals.push(now);
            starts.push(now + limiter.reserve("A", n));
          }
          expect(busiestSecond(starts)).toBeLessThanOrEqual(n);
          starts.forEach((start, i) => {
            // Served in the order asked, and no later than the window allows: at its arrival, or
            // exactly when the start n places earlier turns one second old.
            if (i > 0) expect(start).toBeGreaterThanOrEqual(starts[i - 1] ?? 0);
            const earliest = i >= n ? Math.max(arrivals[i] ?? 0, (starts[i - n] ?? 0) + 1000) : arrivals[i];
            expect(start).toBe(earliest);
          });
        }
      ),
      { numRuns: 300 }
    );
  });

  it("a limit under 1 per second allows one start per 1/limit seconds", () => {
    const limiter = new RateLimiter(() => 0);
    expect([1, 2, 3].map(() => limiter.reserve("A", 0.5))).toEqual([0, 2000, 4000]);
  });

  it("rounds a fractional limit down, and holds a limit over 10 000/s to 10 000/s (bounded memory)", () => {
    let now = 0;
    const limiter = new RateLimiter(() => now);
    expect([1, 2, 3].map(() => limiter.reserve("A", 2.9))).toEqual([0, 0, 1000]);
    const starts: number[] = [];
    for (let i = 0; i < 25_000; i++) {
      starts.push(now + limiter.reserve("B", 1e9));
      if (i % 20 === 19) now += 1; // whole ms, so that start times add up exactly
    }
    expect(busiestSecond(starts)).toBe(10_000);
  });

  it("reserves nothing when the wait would be maxWaitMs or longer", () => {
    const limiter = new RateLimiter(() => 0);
    expect(limiter.reserve("A", 1)).toBe(0);
    expect(limiter.reserve("A", 1, 500)).toBe(1000); // too long: not taken
    expect(limiter.reserve("A", 1)).toBe(1000); // so the next caller gets that turn
  });

  it("takes the limit from the spec unless overridden, per client or per action", () => {
    expect(new RateLimiter(Date.now).limitFor("A", 20)).toBe(20);
    expect(new RateLimiter(Date.now).limitFor("A", undefined)).toBeUndefined();
    expect(new RateLimiter(Date.now, 5).limitFor("A", 20)).toBe(5);
    expect(new RateLimiter(Date.now, { B: 3 }).limitFor("A", 20)).toBe(20);
    expect(new RateLimiter(Date.now, { B: 3 }).limitFor("B", 20)).toBe(3);
  });
});

describe("client-side rate limiting", () => {
  let server: TestServer;
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.close();
    client = undefined;
    await server?.close();
  });

  /** Records the waits the client announces (with a frozen clock they are exact). */
  function waitsLogger(): { waits: number[]; logger: { debug(message: string, fields: LogFields): void } } {
    const waits: number[] = [];
    return {
      waits,
      logger: {
        debug(message, fields) {
          if (message === "tcsdk rate limit wait") waits.push(fields["waitMs"] as number);
        },
      },
    };
  }

  it("with 2/s, the third immediate call waits its turn (until the first is a second old) and is sent last", async () => {
    server = await startServer((req, res) => sendJson(res, apiSuccess({ Order: req.index })));
    const { waits, logger } = waitsLogger();
    client = new TestClient(localOptions(server.url, { rateLimit: { perSecond: 2 }, clock: () => 1_700_000_000_000, logger }));
    const order: string[] = [];
    const calls = ["first", "second", "third"].map((name) =>
      client?.call(DescribeExports, { Name: name }).then(() => order.push(name))
    );
    await Promise.all(calls);
    expect(waits).toEqual([1000]);
    expect(JSON.parse(server.requests[2]?.body.toString() ?? "{}")).toEqual({ Name: "third" });
    expect(order[2]).toBe("third");
  });

  it("is on by default, from the action's documented limit", async () => {
    server = await startServer((_req, res) => sendJson(res, apiSuccess()));
    const { waits, logger } = waitsLogger();
    client = new TestClient(localOptions(server.url, { clock: () => 0, logger }));
    await Promise.all(Array.from({ length: 21 }, () => client?.call(CreateExport, {})));
    expect(waits).toEqual([1000]);
  });

  it("3n concurrent calls start n per second: no 1-second window holds more than n", async () => {
    server = await startServer((_req, res) => sendJson(res, apiSuccess()));
    const { waits, logger } = waitsLogger();
    client = new TestClient(localOptions(server.url, { rateLimit: { perSecond: 5 }, clock: () => 0, logger }));
    await Promise.all(Array.from({ length: 15 }, () => client?.call(DescribeExports, {})));
    // With the clock frozen at 0, a call starts at 0 when it does not wait, else at its announced wait.
    const starts = [...Array.from({ length: 15 - waits.length }, () => 0), ...waits];
    expect(busiestSecond(starts)).toBe(5);
    expect(starts.sort((a, b) => a - b)).toEqual([0, 0, 0, 0, 0, 1000, 1000, 1000, 1000, 1000, 2000, 2000, 2000, 2000, 2000]);
    expect(server.requests.length).toBe(15);
  });

  it("a retry takes a turn too", async () => {
    server = await startServer((req, res) =>
      req.index === 0 ? sendJson(res, apiError("InternalError", "try again")) : sendJson(res, apiSuccess())
    );
    const { waits, logger } = waitsLogger();
    client = new TestClient(localOptions(server.url, { rateLimit: { perSecond: 1 }, clock: () => 0, logger }));
    await client.call(DescribeExports, {});
    expect(waits).toEqual([1000]);
    expect(server.requests.length).toBe(2);
  });

  it("a turn that would pass the deadline is a TcTimeoutError, nothing is sent, and the turn is not used up", async () => {
    server = await startServer((_req, res) => sendJson(res, apiSuccess()));
    const { waits, logger } = waitsLogger();
    client = new TestClient(localOptions(server.url, { rateLimit: { perSecond: 1 }, clock: () => 0, logger }));
    await client.call(DescribeExports, {});
    const error = await rejectionOf(client.call(DescribeExports, {}, { deadlineMs: 500 }));
    expect(error).toBeInstanceOf(TcTimeoutError);
    expect(error).toMatchObject({ kind: "deadline" });
    expect(server.requests.length).toBe(1);
    await client.call(DescribeExports, {});
    expect(waits).toEqual([1000, 1000]); // the third call waits for the second's turn, not a turn after it
    expect(server.requests.length).toBe(2);
  });

  it("can be turned off", async () => {
    server = await startServer((_req, res) => sendJson(res, apiSuccess()));
    const { waits, logger } = waitsLogger();
    client = new TestClient(localOptions(server.url, { clock: () => 0, logger, rateLimit: false }));
    await Promise.all(Array.from({ length: 30 }, () => client?.call(CreateExport, {})));
    expect(waits).toEqual([]);
    expect(server.requests.length).toBe(30);
  });

  it("a wait for a turn is abortable, and the aborted call is never sent", async () => {
    server = await startServer((_req, res) => sendJson(res, apiSuccess()));
    const controller = new AbortController();
    client = new TestClient(
      localOptions(server.url, {
        rateLimit: { perSecond: 1 },
        clock: () => 0,
        logger: { debug: (message) => message === "tcsdk rate limit wait" && controller.abort(new Error("enough")) },
      })
    );
    await client.call(DescribeExports, {});
    const error = await rejectionOf(client.call(DescribeExports, {}, { signal: controller.signal }));
    expect(error).toBeInstanceOf(TcAbortError);
    expect(error).toMatchObject({ action: "DescribeExports", service: "cls", attempts: 0 });
    expect((error as TcAbortError).cause).toEqual(new Error("enough"));
    expect(server.requests.length).toBe(1);
  });
});

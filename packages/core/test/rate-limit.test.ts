import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { TcAbortError, TcTimeoutError, sleep, type LogFields } from "../src/index.js";
import { RateLimiter, TurnRefused, type ReleaseTurn, type TurnOptions } from "../src/internal/rate-limiter.js";
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

/** A limiter on fake timers: `Date.now()` is the fake clock, moved by `vi.advanceTimersByTimeAsync`. */
function fakeLimiter(override?: number | Record<string, number>): RateLimiter {
  vi.useFakeTimers({ now: 0 });
  return new RateLimiter(() => Date.now(), override);
}

/** A turn being waited for: whether (and when) it was given or refused, and its release. */
interface Pending {
  grantedAt: number | undefined;
  refused: TurnRefused | undefined;
  release: ReleaseTurn;
}

function ask(limiter: RateLimiter, action: string, perSecond: number, options?: TurnOptions): Pending {
  const pending: Pending = { grantedAt: undefined, refused: undefined, release: () => undefined };
  limiter.acquire(action, perSecond, options).then(
    (release) => {
      pending.grantedAt = Date.now();
      pending.release = release;
    },
    (error: unknown) => {
      pending.refused = error as TurnRefused;
    },
  );
  return pending;
}

describe("RateLimiter (n calls per second, timed from the ends of the calls)", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("lets n go at once; the next waits until the n-th previous call has ended and a second has passed", async () => {
    const limiter = fakeLimiter();
    const [a, b, c] = [1, 2, 3].map(() => ask(limiter, "A", 2));
    const other = ask(limiter, "B", 2); // each action has its own window
    await vi.advanceTimersByTimeAsync(0);
    expect([a?.grantedAt, b?.grantedAt, c?.grantedAt, other.grantedAt]).toEqual([0, 0, undefined, 0]);
    await vi.advanceTimersByTimeAsync(5000); // a and b still in flight: c waits however long they take
    expect(c?.grantedAt).toBeUndefined();
    a?.release();
    await vi.advanceTimersByTimeAsync(999);
    expect(c?.grantedAt).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(c?.grantedAt).toBe(6000);
  });

  it("a call in flight holds back the n-th call after it, even when later calls have ended", async () => {
    const limiter = fakeLimiter();
    const [a, b, c, d] = [1, 2, 3, 4].map(() => ask(limiter, "A", 2));
    await vi.advanceTimersByTimeAsync(10);
    b?.release(); // ends at 10; a is still in flight
    await vi.advanceTimersByTimeAsync(2000);
    expect(c?.grantedAt).toBeUndefined();
    a?.release(); // ends at 2010
    await vi.advanceTimersByTimeAsync(1000);
    // c goes a second after a ended; d (held by b, ended long ago) right after it, in the order asked.
    expect([c?.grantedAt, d?.grantedAt]).toEqual([3010, 3010]);
  });

  it("tryAcquire takes a turn free now, and none while the window is full or a caller waits (first asked, first served)", async () => {
    const limiter = fakeLimiter();
    const a = limiter.tryAcquire("A", 1);
    expect(a).toBeTypeOf("function");
    expect(limiter.tryAcquire("A", 1)).toBeUndefined(); // a in flight holds the only turn
    const b = ask(limiter, "A", 1);
    await vi.advanceTimersByTimeAsync(100);
    a?.();
    await vi.advanceTimersByTimeAsync(500);
    expect(b.grantedAt).toBeUndefined();
    expect(limiter.tryAcquire("A", 1)).toBeUndefined(); // b waits for time
    vi.setSystemTime(1150); // b's turn has come, but its timer has not run yet: no jumping the queue
    expect(limiter.tryAcquire("A", 1)).toBeUndefined();
    await vi.advanceTimersByTimeAsync(500); // (the fake timers' own schedule did not move with the clock)
    expect(b.grantedAt).toBeGreaterThanOrEqual(1150);
    b.release();
    await vi.advanceTimersByTimeAsync(999);
    expect(limiter.tryAcquire("A", 1)).toBeUndefined(); // b ended less than a second ago
    await vi.advanceTimersByTimeAsync(1);
    expect(limiter.tryAcquire("A", 1)).toBeTypeOf("function");
  });

  it("releasing a turn twice counts once", async () => {
    const limiter = fakeLimiter();
    const a = ask(limiter, "A", 1);
    await vi.advanceTimersByTimeAsync(0);
    a.release();
    const b = ask(limiter, "A", 1);
    await vi.advanceTimersByTimeAsync(500);
    a.release(); // too late to move the end
    await vi.advanceTimersByTimeAsync(500);
    expect(b.grantedAt).toBe(1000);
  });

  it("for 3n calls at any times and of any length, no second sees more than n arrive, in order, none waiting needlessly", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.array(
          fc.record({
            gap: fc.integer({ min: 0, max: 400 }),
            length: fc.integer({ min: 0, max: 1500 }),
            at: fc.double({ min: 0, max: 1, noNaN: true }),
            // as the client asks: a turn free now at once, else in the queue; or the queue alone
            tryFirst: fc.boolean(),
          }),
          {
            minLength: 1,
            maxLength: 18,
          },
        ),
        async (n, shapes) => {
          const limiter = fakeLimiter();
          const calls = Array.from({ length: 3 * n }, (_, i) => shapes[i % shapes.length] ?? { gap: 0, length: 0, at: 0, tryFirst: false });
          const asked: number[] = [];
          const starts: number[] = [];
          const ends: number[] = [];
          const order: number[] = [];
          let askAt = 0;
          calls.forEach((call, i) => {
            askAt += call.gap;
            setTimeout(() => {
              asked[i] = Date.now();
              const now = call.tryFirst ? limiter.tryAcquire("A", n) : undefined;
              void (now === undefined ? limiter.acquire("A", n) : Promise.resolve(now)).then((release) => {
                starts[i] = Date.now();
                order.push(i);
                setTimeout(() => {
                  ends[i] = Date.now();
                  release();
                }, call.length);
              });
            }, askAt);
          });
          await vi.runAllTimersAsync();
          vi.useRealTimers();
          expect(order).toEqual(calls.map((_, i) => i)); // first asked, first served
          // Each request arrives somewhere between its start and its end, as the server sees it.
          const arrivals = calls.map((call, i) => (starts[i] ?? 0) + call.at * ((ends[i] ?? 0) - (starts[i] ?? 0)));
          expect(busiestSecond(arrivals)).toBeLessThanOrEqual(n);
          starts.forEach((start, i) => {
            const earliest = Math.max(asked[i] ?? 0, starts[i - 1] ?? 0, i >= n ? (ends[i - n] ?? 0) + 1000 : 0);
            expect(start).toBe(earliest);
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  it("a limit under 1 per second allows one call per 1/limit seconds after the previous one ended", async () => {
    const limiter = fakeLimiter();
    const a = ask(limiter, "A", 0.5);
    const b = ask(limiter, "A", 0.5);
    await vi.advanceTimersByTimeAsync(100);
    a.release();
    await vi.advanceTimersByTimeAsync(1999);
    expect(b.grantedAt).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(b.grantedAt).toBe(2100);
  });

  it("rounds a fractional limit down, and holds a limit over 10 000/s to 10 000/s (bounded memory)", async () => {
    const limiter = fakeLimiter();
    const fractional = [1, 2, 3].map(() => ask(limiter, "A", 2.9));
    const many = Array.from({ length: 10_001 }, () => ask(limiter, "B", 1e9));
    await vi.advanceTimersByTimeAsync(0);
    expect(fractional.map((turn) => turn.grantedAt)).toEqual([0, 0, undefined]);
    expect(many.filter((turn) => turn.grantedAt === 0).length).toBe(10_000);
    for (const turn of many) turn.release();
    await vi.advanceTimersByTimeAsync(1000);
    expect(many.at(-1)?.grantedAt).toBe(1000);
  });

  it("refuses at once a turn known to come at or after maxWaitMs, and that caller takes no turn", async () => {
    const limiter = fakeLimiter();
    const a = ask(limiter, "A", 1);
    await vi.advanceTimersByTimeAsync(0);
    a.release();
    const late = ask(limiter, "A", 1, { maxWaitMs: 1000 });
    const next = ask(limiter, "A", 1, { maxWaitMs: 1001 });
    await vi.advanceTimersByTimeAsync(0);
    expect(late.refused).toBeInstanceOf(TurnRefused);
    expect(late.refused?.reason).toBe("deadline");
    await vi.advanceTimersByTimeAsync(1000);
    expect(next.grantedAt).toBe(1000); // the refused caller's turn went to the next one
  });

  it("gives up after maxWaitMs behind a call in flight", async () => {
    const limiter = fakeLimiter();
    ask(limiter, "A", 1);
    const waiting = ask(limiter, "A", 1, { maxWaitMs: 300 });
    const after = ask(limiter, "A", 1);
    await vi.advanceTimersByTimeAsync(299);
    expect(waiting.refused).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(waiting.refused?.reason).toBe("deadline");
    expect(after.refused).toBeUndefined(); // still queued, first in line now
  });

  it("an abort ends the wait with the signal's reason; the aborted caller takes no turn", async () => {
    const limiter = fakeLimiter();
    const a = ask(limiter, "A", 1);
    const controller = new AbortController();
    const aborted = ask(limiter, "A", 1, { signal: controller.signal });
    const next = ask(limiter, "A", 1);
    await vi.advanceTimersByTimeAsync(0);
    a.release();
    await vi.advanceTimersByTimeAsync(400);
    controller.abort(new Error("enough"));
    await vi.advanceTimersByTimeAsync(0);
    expect(aborted.refused?.reason).toBe("abort");
    expect(aborted.refused?.cause).toEqual(new Error("enough"));
    await vi.advanceTimersByTimeAsync(600);
    expect(next.grantedAt).toBe(1000);
    const already = ask(limiter, "A", 1, { signal: AbortSignal.abort("before") });
    await vi.advanceTimersByTimeAsync(0);
    expect(already.refused?.reason).toBe("abort");
  });

  it("announces each timed wait, not the turns that go at once", async () => {
    const limiter = fakeLimiter();
    const waits: number[] = [];
    const first = ask(limiter, "A", 1, { onWait: (ms) => waits.push(ms) });
    await vi.advanceTimersByTimeAsync(250);
    first.release();
    ask(limiter, "A", 1, { onWait: (ms) => waits.push(ms) });
    await vi.advanceTimersByTimeAsync(0);
    expect(waits).toEqual([1000]);
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

  /** One announced wait, for the turn a second after an earlier call's end: more than nothing, at most the window. */
  function expectOneWaitOfTheWindow(waits: readonly number[]): void {
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(0);
    expect(waits[0]).toBeLessThanOrEqual(1000);
  }

  /** Records the waits the client announces (on the real clock: each at most the 1 s window). */
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
    client = new TestClient(localOptions(server.url, { rateLimit: { perSecond: 2 }, logger }));
    const order: string[] = [];
    const calls = ["first", "second", "third"].map((name) => client?.call(DescribeExports, { Name: name }).then(() => order.push(name)));
    await Promise.all(calls);
    expectOneWaitOfTheWindow(waits);
    expect(JSON.parse(server.requests[2]?.body.toString() ?? "{}")).toEqual({ Name: "third" });
    expect(order[2]).toBe("third");
  });

  it("is on by default, from the action's documented limit", async () => {
    server = await startServer((_req, res) => sendJson(res, apiSuccess()));
    const { waits, logger } = waitsLogger();
    client = new TestClient(localOptions(server.url, { logger }));
    await Promise.all(Array.from({ length: 21 }, () => client?.call(CreateExport, {})));
    expectOneWaitOfTheWindow(waits);
  });

  it("a call in flight holds back the n-th call after it: a wait that outlasts the deadline is a TcTimeoutError", async () => {
    let answer: (() => void) | undefined;
    server = await startServer((_req, res) => {
      answer = () => sendJson(res, apiSuccess());
    });
    client = new TestClient(localOptions(server.url, { rateLimit: { perSecond: 1 } }));
    const slow = client.call(DescribeExports, {});
    for (let i = 0; i < 200 && server.requests.length === 0; i++) await sleep(10);
    const error = await rejectionOf(client.call(DescribeExports, {}, { deadlineMs: 200 }));
    expect(error).toBeInstanceOf(TcTimeoutError);
    expect(error).toMatchObject({ kind: "deadline", attempts: 1 });
    expect(server.requests.length).toBe(1);
    answer?.();
    await slow;
  });

  it("a retry takes a turn too", async () => {
    server = await startServer((req, res) =>
      req.index === 0 ? sendJson(res, apiError("InternalError", "try again")) : sendJson(res, apiSuccess()),
    );
    const { waits, logger } = waitsLogger();
    client = new TestClient(localOptions(server.url, { rateLimit: { perSecond: 1 }, logger }));
    await client.call(DescribeExports, {});
    expectOneWaitOfTheWindow(waits);
    expect(server.requests.length).toBe(2);
  });

  it("a turn that would pass the deadline is a TcTimeoutError, nothing is sent, and the turn is not used up", async () => {
    server = await startServer((_req, res) => sendJson(res, apiSuccess()));
    const { waits, logger } = waitsLogger();
    client = new TestClient(localOptions(server.url, { rateLimit: { perSecond: 1 }, logger }));
    await client.call(DescribeExports, {});
    const error = await rejectionOf(client.call(DescribeExports, {}, { deadlineMs: 500 }));
    expect(error).toBeInstanceOf(TcTimeoutError);
    expect(error).toMatchObject({ kind: "deadline" });
    expect(server.requests.length).toBe(1);
    await client.call(DescribeExports, {});
    expectOneWaitOfTheWindow(waits); // the refused call announced no wait; the third waits for the turn it left
    expect(server.requests.length).toBe(2);
  });

  it("can be turned off", async () => {
    server = await startServer((_req, res) => sendJson(res, apiSuccess()));
    const { waits, logger } = waitsLogger();
    client = new TestClient(localOptions(server.url, { logger, rateLimit: false }));
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
        logger: { debug: (message) => message === "tcsdk rate limit wait" && controller.abort(new Error("enough")) },
      }),
    );
    await client.call(DescribeExports, {});
    const error = await rejectionOf(client.call(DescribeExports, {}, { signal: controller.signal }));
    expect(error).toBeInstanceOf(TcAbortError);
    expect(error).toMatchObject({ action: "DescribeExports", service: "cls", attempts: 0 });
    expect((error as TcAbortError).cause).toEqual(new Error("enough"));
    expect(server.requests.length).toBe(1);
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { TcAbortError, type LogFields } from "../src/index.js";
import { RateLimiter } from "../src/internal/rate-limiter.js";
import { CreateExport, DescribeExports, TestClient, localOptions, rejectionOf } from "./helpers/test-client.js";
import { apiSuccess, sendJson, startServer, type TestServer } from "./helpers/test-server.js";

describe("RateLimiter (GCRA)", () => {
  it("lets a second's worth through at once, then one every 1/n s", () => {
    let now = 1_000;
    const limiter = new RateLimiter(() => now);
    expect([1, 2, 3, 4].map(() => limiter.reserve("A", 2))).toEqual([0, 0, 500, 1000]);
    expect(limiter.reserve("B", 2)).toBe(0); // each action has its own bucket
    now += 2_000; // a quiet spell refills the bucket, but no further than its size
    expect([1, 2, 3].map(() => limiter.reserve("A", 2))).toEqual([0, 0, 500]);
  });

  it("paces 20/s as the export actions are documented", () => {
    const limiter = new RateLimiter(() => 0);
    const waits = Array.from({ length: 22 }, () => limiter.reserve("CreateExport", 20));
    expect(waits.slice(0, 20).every((w) => w === 0)).toBe(true);
    expect(waits.slice(20)).toEqual([50, 100]);
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

  it("with 2/s, the third immediate call waits its turn (500 ms) and is sent last", async () => {
    server = await startServer((req, res) => sendJson(res, apiSuccess({ Order: req.index })));
    const { waits, logger } = waitsLogger();
    client = new TestClient(localOptions(server.url, { rateLimit: { perSecond: 2 }, clock: () => 1_700_000_000_000, logger }));
    const order: string[] = [];
    const calls = ["first", "second", "third"].map((name) =>
      client?.call(DescribeExports, { Name: name }).then(() => order.push(name))
    );
    await Promise.all(calls);
    expect(waits).toEqual([500]);
    expect(JSON.parse(server.requests[2]?.body.toString() ?? "{}")).toEqual({ Name: "third" });
    expect(order[2]).toBe("third");
  });

  it("is on by default, from the action's documented limit", async () => {
    server = await startServer((_req, res) => sendJson(res, apiSuccess()));
    const { waits, logger } = waitsLogger();
    client = new TestClient(localOptions(server.url, { clock: () => 0, logger }));
    await Promise.all(Array.from({ length: 21 }, () => client?.call(CreateExport, {})));
    expect(waits).toEqual([50]);
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
    expect(server.requests.length).toBe(1);
  });
});

/**
 * The rate limiter against a server that counts as Tencent Cloud does: arrivals per sliding second, on
 * the server's own clock, refusing with `RequestLimitExceeded` past the limit. Calls that open new
 * connections, or are held up behind others, arrive later than they start; the limiter must stay under
 * the limit anyway, without a retry (maxAttempts 1).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { TcServiceError } from "../src/index.js";
import { DescribeExports, TestClient, localOptions } from "./helpers/test-client.js";

/** A server allowing `limit` arrivals in any 1000 ms, `(t - 1000, t]`, that answers after `delayMs(i)`. */
interface CountingServer {
  readonly url: string;
  /** Arrival times, ms (`performance.now()` when the request's head was parsed). */
  readonly arrivals: number[];
  /** How many were refused. */
  refusals(): number;
  close(): Promise<void>;
}

async function startCountingServer(limit: number, delayMs: (index: number) => number): Promise<CountingServer> {
  const arrivals: number[] = [];
  const sockets = new Set<Socket>();
  let refusals = 0;
  const server: Server = createServer((req, res) => {
    const now = performance.now();
    const index = arrivals.length;
    arrivals.push(now);
    const inLastSecond = arrivals.filter((time) => time > now - 1000 && time <= now).length;
    const refused = inLastSecond > limit;
    if (refused) refusals++;
    req.resume();
    req.on("end", () => {
      const body = refused
        ? { Response: { Error: { Code: "RequestLimitExceeded", Message: "too many" }, RequestId: `r${index}` } }
        : { Response: { RequestId: `r${index}` } };
      setTimeout(() => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      }, delayMs(index));
    });
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    arrivals,
    refusals: () => refusals,
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Most arrivals in any `(t - 1000, t]`. */
function busiestSecond(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[j] ?? 0) <= (sorted[i] ?? 0) - 1000) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe("rate limiting against a server counting arrivals per sliding second", () => {
  let server: CountingServer | undefined;
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.close();
    client = undefined;
    await server?.close();
    server = undefined;
  });

  it.each([
    ["answers at once", () => 0],
    ["answers after 0 to 120 ms", (index: number) => (index * 37) % 121],
  ])("3n parallel calls, each on a new connection at first, are never refused (server %s)", async (_name, delayMs) => {
    const n = 5;
    server = await startCountingServer(n, delayMs);
    client = new TestClient(localOptions(server.url, { rateLimit: { perSecond: n }, maxAttempts: 1 }));
    const results = await Promise.allSettled(Array.from({ length: 3 * n }, () => client?.call(DescribeExports, {})));
    const refused = results.filter((result) => result.status === "rejected");
    expect(refused.map((result) => (result.reason as TcServiceError).code)).toEqual([]);
    expect(server.refusals()).toBe(0);
    expect(server.arrivals.length).toBe(3 * n);
    expect(busiestSecond(server.arrivals)).toBeLessThanOrEqual(n);
  });

  it("the counting server does refuse when the limiter is off (the test can fail)", async () => {
    const n = 5;
    server = await startCountingServer(n, () => 0);
    client = new TestClient(localOptions(server.url, { rateLimit: false, maxAttempts: 1 }));
    const results = await Promise.allSettled(Array.from({ length: 3 * n }, () => client?.call(DescribeExports, {})));
    const refused = results.filter((result) => result.status === "rejected");
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((result) => result.reason instanceof TcServiceError && result.reason.code === "RequestLimitExceeded")).toBe(true);
  });
});

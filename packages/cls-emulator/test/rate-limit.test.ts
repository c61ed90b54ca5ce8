import { afterEach, describe, expect, it } from "vitest";
import { RateLimiter } from "../src/rate-limit.js";
import { call, cleanup, codeOf, FakeClock, KEY, start } from "./helpers.js";

afterEach(cleanup);

describe("rate limit", () => {
  it("refuses the 21st request of an action within a second on a frozen clock", async () => {
    const fake = new FakeClock();
    const emulator = await start({ clock: fake.clock, rateLimit: 20 });
    await emulator.createTopic({ id: "t1" });
    const opts = { clock: fake.clock };
    for (let i = 0; i < 20; i++) expect(codeOf(await call(emulator, "DescribeExports", { TopicId: "t1" }, opts))).toBeUndefined();
    const refused = await call(emulator, "DescribeExports", { TopicId: "t1" }, opts);
    expect(codeOf(refused)).toBe("RequestLimitExceeded");
    expect(refused.status).toBe(200);
    // other actions have their own budget
    expect(codeOf(await call(emulator, "DeleteExport", { ExportId: "x" }, opts))).toBe("ResourceNotFound.ExportNotExist");
    fake.advance(1000);
    expect(codeOf(await call(emulator, "DescribeExports", { TopicId: "t1" }, opts))).toBeUndefined();
  });

  it("counts per SecretId and can be turned off", async () => {
    const fake = new FakeClock();
    const other = { secretId: "AKIDother", secretKey: "other" };
    const emulator = await start({ clock: fake.clock, rateLimit: 2, keys: [KEY, other] });
    await emulator.createTopic({ id: "t1" });
    const opts = { clock: fake.clock };
    await call(emulator, "DescribeExports", { TopicId: "t1" }, opts);
    await call(emulator, "DescribeExports", { TopicId: "t1" }, opts);
    expect(codeOf(await call(emulator, "DescribeExports", { TopicId: "t1" }, opts))).toBe("RequestLimitExceeded");
    expect(codeOf(await call(emulator, "DescribeExports", { TopicId: "t1" }, { ...opts, ...other }))).toBeUndefined();

    const unlimited = await start({ clock: fake.clock, rateLimit: false });
    await unlimited.createTopic({ id: "t1" });
    for (let i = 0; i < 30; i++) expect(codeOf(await call(unlimited, "DescribeExports", { TopicId: "t1" }, opts))).toBeUndefined();
  });

  it("slides: a request leaves the window exactly one window later", () => {
    const fake = new FakeClock(10_000);
    const limiter = new RateLimiter(2, 1000, fake.clock);
    expect(limiter.allow("a")).toBe(true);
    fake.advance(500);
    expect(limiter.allow("a")).toBe(true);
    expect(limiter.allow("a")).toBe(false);
    fake.advance(499);
    expect(limiter.allow("a")).toBe(false);
    fake.advance(1);
    expect(limiter.allow("a")).toBe(true);
    expect(limiter.allow("a")).toBe(false);
  });
});

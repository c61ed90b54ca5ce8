import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Emulator } from "../src/index.js";
import { call, cleanup, codeOf, download, exportAndWait, FakeClock, start, waitForStatus } from "./helpers.js";

afterEach(cleanup);

const T0 = 1_700_000_000_000;

/** 20 logs, one per second, with alternating status codes and a few awkward values. */
function sampleLogs(): Record<string, unknown>[] {
  return Array.from({ length: 20 }, (_, i) => ({
    __TIMESTAMP__: T0 + i * 1000,
    status: i % 4 === 0 ? 500 : 200,
    path: `/api/item/${i}`,
    message: i === 3 ? 'says "hi", then\nleaves' : `request ${i} done`,
    ...(i % 5 === 0 ? { user: `u${i}` } : {}),
  }));
}

async function withTopic(options: Parameters<typeof start>[0] = {}): Promise<Emulator> {
  const emulator = await start(options);
  await emulator.createTopic({ id: "t1", name: "sample" });
  // appended in two batches out of time order, so the export must merge
  const logs = sampleLogs();
  await emulator.appendLogs(
    "t1",
    logs.filter((_, i) => i % 2 === 1),
  );
  await emulator.appendLogs(
    "t1",
    logs.filter((_, i) => i % 2 === 0),
  );
  return emulator;
}

const ALL = { TopicId: "t1", Query: "*", Count: 1000, From: T0, To: T0 + 60_000 };

function jsonRows(text: string): Record<string, unknown>[] {
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("export lifecycle", () => {
  it("goes Queuing → Processing → Completed and describes the task fully", async () => {
    const emulator = await withTopic({ delays: { queuedMs: 400, processingMs: 400 } });
    const created = await call(emulator, "CreateExport", { ...ALL, Query: "status:500", Order: "asc" });
    const exportId = created.response.ExportId as string;
    expect(exportId).toMatch(/^[0-9a-f-]{36}$/);
    const seen: string[] = [];
    let info: Record<string, unknown> | undefined;
    for (let attempt = 0; attempt < 400 && seen.at(-1) !== "Completed"; attempt++) {
      const answer = await call(emulator, "DescribeExports", { TopicId: "t1" });
      info = (answer.response.Exports as Record<string, unknown>[])[0];
      if (info?.Status !== seen.at(-1)) seen.push(info?.Status as string);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(seen).toEqual(["Queuing", "Processing", "Completed"]);
    expect(info).toMatchObject({
      TopicId: "t1",
      ExportId: exportId,
      Query: "status:500",
      Order: "asc",
      Format: "json",
      Count: 1000,
      From: ALL.From,
      To: ALL.To,
      SyntaxRule: 0,
      Status: "Completed",
    });
    expect(info?.FileName).toMatch(/^log_t1_\d{8}_[0-9a-f]{8}_\d+\.json\.gz$/);
    expect(info?.CreateTime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(info?.CosPath).toMatch(new RegExp(`^${emulator.url}/cos/${exportId}/log_.*\\.json\\.gz\\?expires=\\d+&sig=[0-9a-f]{64}$`));
    const res = await fetch(info?.CosPath as string);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(res.headers.get("content-type")).toBe("application/gzip");
    expect(bytes.length).toBe(info?.FileSize);
    expect(Number(res.headers.get("content-length"))).toBe(info?.FileSize);
  });

  it("writes CreateTime in China Standard Time", async () => {
    const fake = new FakeClock(Date.UTC(2024, 0, 31, 20, 30, 15));
    const emulator = await start({ clock: fake.clock });
    await emulator.createTopic({ id: "t1" });
    await call(emulator, "CreateExport", ALL, { clock: fake.clock });
    const answer = await call(emulator, "DescribeExports", { TopicId: "t1" }, { clock: fake.clock });
    const [info] = answer.response.Exports as Record<string, unknown>[];
    expect(info?.CreateTime).toBe("2024-02-01 04:30:15");
    expect(info?.CreateTimestamp).toBe(fake.now);
    expect(info?.FileName).toMatch(/_20240201_/);
  });

  it("marks a task Failed when its data cannot be read", async () => {
    const emulator = await withTopic({ delays: { queuedMs: 300, processingMs: 0 } });
    const created = await call(emulator, "CreateExport", ALL);
    const dir = join(emulator.dataDir, "topics", "t1");
    for (const file of await readdir(dir)) if (file.startsWith("seg-")) await rm(join(dir, file));
    await expect(waitForStatus(emulator, "t1", created.response.ExportId as string, "Completed")).rejects.toThrow(/export failed/);
  });

  it("DeleteExport removes the task and its file", async () => {
    const emulator = await withTopic();
    const info = await exportAndWait(emulator, ALL);
    const files = async (): Promise<string[]> => (await readdir(join(emulator.dataDir, "exports"))).filter((f) => f.endsWith(".gz"));
    expect(await files()).toHaveLength(1);
    expect(codeOf(await call(emulator, "DeleteExport", { ExportId: info.ExportId }))).toBeUndefined();
    expect(await files()).toHaveLength(0);
    expect((await call(emulator, "DescribeExports", { TopicId: "t1" })).response.TotalCount).toBe(0);
    expect((await fetch(info.CosPath as string)).status).toBe(404);
    expect(codeOf(await call(emulator, "DeleteExport", { ExportId: info.ExportId }))).toBe("ResourceNotFound.ExportNotExist");
  });

  it("lists a topic's tasks newest first, paged by Offset and Limit", async () => {
    const emulator = await withTopic({ delays: { queuedMs: 60_000, processingMs: 0 }, maxUnfinishedExports: 50 });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await call(emulator, "CreateExport", { ...ALL, Count: i + 1 })).response.ExportId as string);
    const page = await call(emulator, "DescribeExports", { TopicId: "t1", Offset: 1, Limit: 2 });
    expect(page.response.TotalCount).toBe(5);
    expect((page.response.Exports as { ExportId: string }[]).map((e) => e.ExportId)).toEqual([ids[3], ids[2]]);
    const all = await call(emulator, "DescribeExports", { TopicId: "t1" });
    expect((all.response.Exports as { ExportId: string }[]).map((e) => e.ExportId)).toEqual([...ids].reverse());
    expect((all.response.Exports as { Status: string; CosPath: string }[]).every((e) => e.Status === "Queuing" && e.CosPath === "")).toBe(
      true,
    );
  });
});

describe("export content", () => {
  it("filters by query and time range, sorts by Order, caps at Count", async () => {
    const emulator = await withTopic();
    const asc = jsonRows(await download((await exportAndWait(emulator, { ...ALL, Order: "asc" })).CosPath as string));
    expect(asc.map((row) => row.__TIMESTAMP__)).toEqual(sampleLogs().map((log) => log.__TIMESTAMP__));
    expect(asc).toEqual(sampleLogs());

    const desc = jsonRows(await download((await exportAndWait(emulator, ALL)).CosPath as string));
    expect(desc).toEqual([...sampleLogs()].reverse());

    const errors = jsonRows(
      await download((await exportAndWait(emulator, { ...ALL, Query: "status:500", Order: "asc" })).CosPath as string),
    );
    expect(errors.map((row) => row.path)).toEqual(["/api/item/0", "/api/item/4", "/api/item/8", "/api/item/12", "/api/item/16"]);

    const window = { ...ALL, From: T0 + 5000, To: T0 + 9000, Order: "asc" };
    const ranged = jsonRows(await download((await exportAndWait(emulator, window)).CosPath as string));
    expect(ranged.map((row) => row.__TIMESTAMP__)).toEqual([5, 6, 7, 8, 9].map((i) => T0 + i * 1000));

    const capped = jsonRows(await download((await exportAndWait(emulator, { ...ALL, Count: 3 })).CosPath as string));
    expect(capped.map((row) => row.__TIMESTAMP__)).toEqual([19, 18, 17].map((i) => T0 + i * 1000));

    const complex = { ...ALL, Query: '(user:* OR message:"hi") AND NOT path:"/api/item/0"', Order: "asc" };
    const picked = jsonRows(await download((await exportAndWait(emulator, complex)).CosPath as string));
    expect(picked.map((row) => row.path)).toEqual(["/api/item/3", "/api/item/5", "/api/item/10", "/api/item/15"]);

    const none = await download((await exportAndWait(emulator, { ...ALL, Query: "nothing-matches-this" })).CosPath as string);
    expect(none).toBe("");
  });

  it("writes CSV with a header row and RFC 4180 quoting, names the file .csv.gz", async () => {
    const emulator = await withTopic();
    const info = await exportAndWait(emulator, { ...ALL, Format: "csv", Order: "asc", Count: 6 });
    expect(info.FileName).toMatch(/\.csv\.gz$/);
    const text = await download(info.CosPath as string);
    const lines = text.split("\n");
    expect(lines[0]).toBe("__TIMESTAMP__,message,path,status,user");
    expect(lines[1]).toBe(`${T0},request 0 done,/api/item/0,500,u0`);
    expect(lines[2]).toBe(`${T0 + 1000},request 1 done,/api/item/1,200,`);
    expect(lines[4]).toBe(`${T0 + 3000},"says ""hi"", then`);
    expect(lines[5]).toBe(`leaves",/api/item/3,200,`);
    expect(text.endsWith("\n")).toBe(true);
  });

  it("exports only DerivedFields (plus __TIMESTAMP__) when given", async () => {
    const emulator = await withTopic();
    const json = jsonRows(
      await download((await exportAndWait(emulator, { ...ALL, Count: 2, DerivedFields: ["status"] })).CosPath as string),
    );
    expect(json).toEqual([
      { __TIMESTAMP__: T0 + 19_000, status: 200 },
      { __TIMESTAMP__: T0 + 18_000, status: 200 },
    ]);
    const csv = await download(
      (await exportAndWait(emulator, { ...ALL, Count: 1, Format: "csv", DerivedFields: ["path", "status"] })).CosPath as string,
    );
    expect(csv).toBe(`__TIMESTAMP__,path,status\n${T0 + 19_000},/api/item/19,200\n`);
  });

  it("merges many segments exactly in both orders", async () => {
    const emulator = await start({ segmentBytes: 300 });
    await emulator.createTopic({ id: "t1" });
    const expected: number[] = [];
    for (let batch = 0; batch < 6; batch++) {
      const logs = Array.from({ length: 40 }, (_, i) => ({ __TIMESTAMP__: T0 + ((i * 7 + batch * 13) % 97) * 10, batch, i }));
      await emulator.appendLogs("t1", logs);
      expected.push(...logs.map((log) => log.__TIMESTAMP__));
    }
    expect(emulator.listTopics()[0]?.segmentCount).toBeGreaterThan(12);
    expected.sort((a, b) => a - b);
    const asc = jsonRows(await download((await exportAndWait(emulator, { ...ALL, Order: "asc" })).CosPath as string));
    const desc = jsonRows(await download((await exportAndWait(emulator, ALL)).CosPath as string));
    expect(asc.map((row) => row.__TIMESTAMP__)).toEqual(expected);
    expect(desc).toEqual([...asc].reverse());
  });
});

describe("download links", () => {
  it("serve byte ranges for resumable downloads", async () => {
    const emulator = await withTopic();
    const info = await exportAndWait(emulator, ALL);
    const url = info.CosPath as string;
    const whole = Buffer.from(await (await fetch(url)).arrayBuffer());
    const head = await fetch(url, { headers: { Range: "bytes=0-9" } });
    expect(head.status).toBe(206);
    expect(head.headers.get("content-range")).toBe(`bytes 0-9/${whole.length}`);
    const first = Buffer.from(await head.arrayBuffer());
    const rest = Buffer.from(await (await fetch(url, { headers: { Range: "bytes=10-" } })).arrayBuffer());
    expect(Buffer.concat([first, rest])).toEqual(whole);
    const tail = Buffer.from(await (await fetch(url, { headers: { Range: "bytes=-5" } })).arrayBuffer());
    expect(tail).toEqual(whole.subarray(whole.length - 5));
    const beyond = await fetch(url, { headers: { Range: `bytes=${whole.length}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get("content-range")).toBe(`bytes */${whole.length}`);
  });

  it("stop working after one hour; DescribeExports hands out a fresh one", async () => {
    const fake = new FakeClock();
    const emulator = await withTopic({ clock: fake.clock });
    const info = await exportAndWait(emulator, ALL, { clock: fake.clock });
    const link = info.CosPath as string;
    fake.advance(3599_000);
    expect((await fetch(link)).status).toBe(200);
    fake.advance(2_000);
    const expired = await fetch(link);
    expect(expired.status).toBe(403);
    expect(expired.headers.get("content-type")).toBe("application/xml");
    const xml = await expired.text();
    expect(xml).toContain("<Code>AccessDenied</Code>");
    expect(xml).toContain("<Message>Request has expired</Message>");
    const fresh = await call(emulator, "DescribeExports", { TopicId: "t1" }, { clock: fake.clock });
    const freshLink = (fresh.response.Exports as { CosPath: string }[])[0]?.CosPath as string;
    expect(freshLink).not.toBe(link);
    expect((await fetch(freshLink)).status).toBe(200);
  });

  it("refuse tampered links", async () => {
    const emulator = await withTopic();
    const link = new URL((await exportAndWait(emulator, ALL)).CosPath as string);
    const later = new URL(link);
    later.searchParams.set("expires", String(Number(link.searchParams.get("expires")) + 86_400));
    const forged = new URL(link);
    forged.searchParams.set("sig", "0".repeat(64));
    const unsigned = new URL(link);
    unsigned.search = "";
    for (const url of [later, forged, unsigned]) {
      const res = await fetch(url);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain("<Code>SignatureDoesNotMatch</Code>");
    }
    expect((await fetch(link)).status).toBe(200);
  });
});

describe("task expiry", () => {
  it("reports Expired three days after creation and no longer serves the file", async () => {
    const fake = new FakeClock();
    const emulator = await withTopic({ clock: fake.clock });
    const info = await exportAndWait(emulator, ALL, { clock: fake.clock });
    fake.advance(3 * 24 * 3600_000 - 600_000);
    const beforeExpiry = await call(emulator, "DescribeExports", { TopicId: "t1" }, { clock: fake.clock });
    const [before] = beforeExpiry.response.Exports as { Status: string; CosPath: string }[];
    expect(before?.Status).toBe("Completed");
    expect((await fetch(before?.CosPath as string)).status).toBe(200);
    fake.advance(600_000);
    const afterExpiry = await call(emulator, "DescribeExports", { TopicId: "t1" }, { clock: fake.clock });
    const [after] = afterExpiry.response.Exports as { Status: string; CosPath: string; FileSize: number; ExportId: string }[];
    expect(after).toMatchObject({ ExportId: info.ExportId, Status: "Expired", CosPath: "", FileSize: 0 });
    expect((await fetch(before?.CosPath as string)).status).toBe(404);
    expect((await readdir(join(emulator.dataDir, "exports"))).filter((f) => f.endsWith(".gz"))).toEqual([]);
  });
});

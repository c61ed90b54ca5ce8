import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, download, exportAndWait, FakeClock, start, tempDir } from "./helpers.js";

afterEach(cleanup);

async function admin(url: string, method: string, path: string, body?: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${url}/_emulator/${path}`, { method, ...(body !== undefined ? { body } : {}) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe("admin API", () => {
  it("creates, lists, closes and opens topics", async () => {
    const emulator = await start();
    expect((await admin(emulator.url, "GET", "health")).json).toEqual({ status: "ok" });
    const created = await admin(emulator.url, "POST", "topics", JSON.stringify({ id: "web", name: "Web logs" }));
    expect(created.status).toBe(201);
    expect(created.json.topic).toMatchObject({ id: "web", name: "Web logs", status: "open", logCount: 0 });
    const generated = await admin(emulator.url, "POST", "topics", "");
    expect((generated.json.topic as { id: string }).id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await admin(emulator.url, "POST", "topics", JSON.stringify({ id: "web" }))).status).toBe(409);
    expect((await admin(emulator.url, "POST", "topics", JSON.stringify({ id: "../etc" }))).status).toBe(400);
    expect((await admin(emulator.url, "POST", "topics", JSON.stringify({ status: "paused" }))).status).toBe(400);
    expect((await admin(emulator.url, "POST", "topics/web/close")).json.topic).toMatchObject({ status: "closed" });
    expect((await admin(emulator.url, "GET", "topics/web")).json.topic).toMatchObject({ status: "closed" });
    expect((await admin(emulator.url, "POST", "topics/web/open")).json.topic).toMatchObject({ status: "open" });
    expect((await admin(emulator.url, "GET", "topics")).json.topics).toHaveLength(2);
    expect((await admin(emulator.url, "GET", "topics/missing")).status).toBe(404);
    expect((await admin(emulator.url, "POST", "topics/missing/logs", "{}\n")).status).toBe(404);
    expect((await admin(emulator.url, "GET", "nothing")).status).toBe(404);
  });

  it("appends NDJSON all-or-nothing, giving lines without __TIMESTAMP__ the clock's time", async () => {
    const fake = new FakeClock(1_700_000_123_000);
    const emulator = await start({ clock: fake.clock });
    await emulator.createTopic({ id: "t" });
    const good = '{"__TIMESTAMP__":5,"a":"x"}\r\n\n{"a":"now","n":null,"o":{"k":1}}\n{"__TIMESTAMP__":"7","a":"s"}';
    const appended = await admin(emulator.url, "POST", "topics/t/logs", good);
    expect(appended.json).toMatchObject({ appended: 3, topic: { logCount: 3, fields: ["a", "o"] } });
    const bad = await admin(emulator.url, "POST", "topics/t/logs", '{"a":1}\n[1]\n');
    expect(bad.status).toBe(400);
    expect((bad.json.error as { message: string }).message).toMatch(/line 2/);
    for (const line of ['{"__TIMESTAMP__":-1}', '{"__TIMESTAMP__":"soon"}', "not json"]) {
      expect((await admin(emulator.url, "POST", "topics/t/logs", line)).status).toBe(400);
    }
    expect(emulator.listTopics()[0]?.logCount).toBe(3);
    const info = await exportAndWait(
      emulator,
      { TopicId: "t", Query: "*", Count: 10, From: 0, To: fake.now, Order: "asc" },
      { clock: fake.clock },
    );
    expect(await download(info.CosPath as string)).toBe(
      `{"__TIMESTAMP__":5,"a":"x"}\n{"__TIMESTAMP__":7,"a":"s"}\n{"__TIMESTAMP__":${fake.now},"a":"now","o":"{\\"k\\":1}"}\n`,
    );
  });

  it("loads NDJSON files and streams of any chunking", async () => {
    const emulator = await start();
    await emulator.createTopic({ id: "t" });
    const file = join(await tempDir(), "logs.ndjson");
    await writeFile(file, Array.from({ length: 100 }, (_, i) => JSON.stringify({ __TIMESTAMP__: i, text: `é${i}` })).join("\n"));
    expect(await emulator.loadNdjsonFile("t", file)).toBe(100);
    // a multi-byte character split across chunks
    const bytes = Buffer.from('{"__TIMESTAMP__":500,"text":"\u00e9\u4e2d"}\n');
    const chunks = [bytes.subarray(0, 30), bytes.subarray(30, 31), bytes.subarray(31)];
    expect(await emulator.appendLogs("t", Readable.from(chunks))).toBe(1);
    expect(await emulator.appendLogs("t", '{"__TIMESTAMP__":501}\n')).toBe(1);
    const info = await exportAndWait(emulator, { TopicId: "t", Query: "text:\u00e9\u4e2d", Count: 10, From: 0, To: 1000 });
    expect(await download(info.CosPath as string)).toBe('{"__TIMESTAMP__":500,"text":"\u00e9\u4e2d"}\n');
  });
});

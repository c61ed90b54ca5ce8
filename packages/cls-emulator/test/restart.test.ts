import { afterEach, describe, expect, it } from "vitest";
import { call, cleanup, download, exportAndWait, start, tempDir, waitForStatus } from "./helpers.js";

afterEach(cleanup);

describe("restart", () => {
  it("keeps topics, logs, finished tasks and their links, and resumes unfinished tasks", async () => {
    const dataDir = await tempDir();
    const first = await start({ dataDir });
    const firstUrl = first.url;
    await first.createTopic({ id: "kept", name: "Kept topic", status: "open" });
    await first.createTopic({ id: "shut", status: "closed" });
    await first.appendLogs("kept", [
      { __TIMESTAMP__: 1000, msg: "a" },
      { __TIMESTAMP__: 2000, msg: "b" },
    ]);
    const params = { TopicId: "kept", Query: "*", Count: 10, From: 0, To: 10_000, Order: "asc" };
    const done = await exportAndWait(first, params);
    await first.stop();

    // an emulator whose tasks never leave Queuing before it stops
    const second = await start({ dataDir, delays: { queuedMs: 60_000, processingMs: 0 } });
    const pending = (await call(second, "CreateExport", { ...params, Query: "msg:b" })).response.ExportId as string;
    await second.stop();

    const third = await start({ dataDir });
    expect(third.listTopics().map(({ id, name, status, logCount }) => ({ id, name, status, logCount }))).toEqual([
      { id: "kept", name: "Kept topic", status: "open", logCount: 2 },
      { id: "shut", name: "shut", status: "closed", logCount: 0 },
    ]);
    const resumed = await waitForStatus(third, "kept", pending, "Completed");
    expect(await download(resumed.CosPath as string)).toBe('{"__TIMESTAMP__":2000,"msg":"b"}\n');
    const listed = await call(third, "DescribeExports", { TopicId: "kept" });
    const exports = listed.response.Exports as Record<string, unknown>[];
    expect(exports.map((e) => e.ExportId)).toEqual([pending, done.ExportId]);
    const old = exports[1] as Record<string, unknown>;
    expect(old).toMatchObject({ Status: "Completed", FileSize: done.FileSize, CreateTime: done.CreateTime });
    expect(await download(old.CosPath as string)).toBe('{"__TIMESTAMP__":1000,"msg":"a"}\n{"__TIMESTAMP__":2000,"msg":"b"}\n');
    // the old link was signed before the restart (on another random port) with the persisted secret
    const oldLink = new URL(done.CosPath as string);
    expect(oldLink.origin).toBe(firstUrl);
    expect(await download(`${third.url}${oldLink.pathname}${oldLink.search}`)).toContain('"msg":"a"');
  });

  it("runs a task again that was Processing when the emulator stopped", async () => {
    const dataDir = await tempDir();
    const first = await start({ dataDir, delays: { queuedMs: 0, processingMs: 60_000 } });
    await first.createTopic({ id: "t" });
    await first.appendLogs("t", [{ __TIMESTAMP__: 1, v: "x" }]);
    const exportId = (await call(first, "CreateExport", { TopicId: "t", Query: "v:x", Count: 1, From: 0, To: 10 })).response
      .ExportId as string;
    await waitForStatus(first, "t", exportId, "Processing");
    await first.stop();
    const second = await start({ dataDir });
    const info = await waitForStatus(second, "t", exportId, "Completed");
    expect(await download(info.CosPath as string)).toBe('{"__TIMESTAMP__":1,"v":"x"}\n');
  });
});

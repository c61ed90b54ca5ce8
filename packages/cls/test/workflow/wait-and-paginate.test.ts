import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { TcAbortError, TcTimeoutError } from "@tcsdk/core";
import { afterEach, describe, expect, it } from "vitest";
import { ClsClient, ExportTaskError, paginateExports, waitForExport, type ExportInfo } from "../../src/index.js";
import { accessLogs, FAST_POLL, KEY, startHarness, type Harness } from "./fixtures.js";

const START = Date.UTC(2026, 0, 1);
let harness: Harness | undefined;
let fake: Server | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  await new Promise((resolve) => (fake ? fake.close(resolve) : resolve(undefined)));
  fake = undefined;
});

/** A server answering every DescribeExports with the next task of `script` (the last one repeats). */
async function scriptedService(script: readonly Partial<ExportInfo>[]): Promise<{ client: ClsClient; calls: () => number }> {
  let calls = 0;
  fake = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const task = script[Math.min(calls, script.length - 1)];
      calls++;
      const info = { TopicId: "t", ExportId: "e", CosPath: "http://127.0.0.1:1/x", FileSize: 0, ...task };
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ Response: { Exports: [info], TotalCount: 1, RequestId: `req-${calls}` } }));
    });
  });
  await new Promise<void>((resolve) => fake?.listen(0, "127.0.0.1", resolve));
  const { port } = fake.address() as AddressInfo;
  return { client: new ClsClient({ endpoint: `http://127.0.0.1:${port}`, credentials: KEY }), calls: () => calls };
}

describe("waitForExport", () => {
  it("polls until Completed, reporting each status once", async () => {
    const { client, calls } = await scriptedService([
      { Status: "Queuing" },
      { Status: "Queuing" },
      { Status: "Processing" },
      { Status: "Completed" },
    ]);
    const seen: string[] = [];
    const task = await waitForExport(client, { TopicId: "t", ExportId: "e" }, { ...FAST_POLL, onStatus: (t) => seen.push(t.Status) });
    expect(task.Status).toBe("Completed");
    expect(seen).toEqual(["Queuing", "Processing", "Completed"]);
    expect(calls()).toBe(4);
  });

  it.each(["Failed", "Expired"] as const)("turns %s into an ExportTaskError", async (status) => {
    const { client } = await scriptedService([{ Status: "Processing" }, { Status: status }]);
    const error = await waitForExport(client, { TopicId: "t", ExportId: "e" }, FAST_POLL).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportTaskError);
    expect(error).toMatchObject({ failure: status, exportId: "e", topicId: "t" });
  });

  it("reports a task that is not listed as NotFound", async () => {
    const { client } = await scriptedService([{ ExportId: "other", Status: "Completed" }]);
    await expect(waitForExport(client, { TopicId: "t", ExportId: "e" }, FAST_POLL)).rejects.toMatchObject({ failure: "NotFound" });
  });

  it("gives up after maxWaitMs with a TcTimeoutError", async () => {
    const { client, calls } = await scriptedService([{ Status: "Processing" }]);
    await expect(
      waitForExport(client, { TopicId: "t", ExportId: "e" }, { minDelayMs: 5, maxDelayMs: 5, maxWaitMs: 60 }),
    ).rejects.toBeInstanceOf(TcTimeoutError);
    expect(calls()).toBeGreaterThan(1);
  });

  it("stops at once when aborted during a pause", async () => {
    const { client, calls } = await scriptedService([{ Status: "Queuing" }]);
    const controller = new AbortController();
    const waiting = waitForExport(
      client,
      { TopicId: "t", ExportId: "e" },
      { minDelayMs: 60_000, signal: controller.signal, onStatus: () => setTimeout(() => controller.abort(), 10) },
    );
    await expect(waiting).rejects.toBeInstanceOf(TcAbortError);
    expect(calls()).toBe(1);
  });

  it("reports Expired for a real task three days later on the emulator's clock", async () => {
    let now = Date.now();
    harness = await startHarness({ clock: () => now }, { clock: () => now });
    await harness.emulator.createTopic({ id: "web" });
    await harness.emulator.appendLogs("web", accessLogs(5, START));
    const { ExportId } = await harness.client.createExport({ TopicId: "web", Query: "*", Count: 5, From: START, To: START + 5000 });
    await waitForExport(harness.client, { TopicId: "web", ExportId }, FAST_POLL);
    now += 3 * 24 * 3600 * 1000 + 1000;
    await expect(waitForExport(harness.client, { TopicId: "web", ExportId }, FAST_POLL)).rejects.toMatchObject({ failure: "Expired" });
  });
});

describe("paginateExports", () => {
  it("walks every page of a topic's tasks, newest first", async () => {
    harness = await startHarness({ maxUnfinishedExports: 100 });
    await harness.emulator.createTopic({ id: "web" });
    await harness.emulator.appendLogs("web", accessLogs(5, START));
    const created: string[] = [];
    for (let i = 0; i < 7; i++) {
      const { ExportId } = await harness.client.createExport({
        TopicId: "web",
        Query: `seq:${i}`,
        Count: 5,
        From: START,
        To: START + 5000,
      });
      created.push(ExportId);
    }
    const seen: string[] = [];
    for await (const task of paginateExports(harness.client, { TopicId: "web", pageSize: 3 })) seen.push(task.ExportId);
    expect(seen).toHaveLength(7);
    expect(new Set(seen)).toEqual(new Set(created));
    expect(seen[0]).toBe(created[6]);
  });
});

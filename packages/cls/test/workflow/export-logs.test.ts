import { createHash } from "node:crypto";
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { Writable } from "node:stream";
import { gunzipSync } from "node:zlib";
import { TcAbortError, TcError, TcTimeoutError, TcValidationError } from "@tcsdk/core";
import { afterEach, describe, expect, it } from "vitest";
import { exportIdOf, exportLogs, findExport, waitForExport, type ExportProgress } from "../../src/index.js";
import { accessLogs, FAST_POLL, startHarness, type Harness } from "./fixtures.js";

const START = Date.UTC(2026, 0, 1);
let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function topicWith(h: Harness, count: number): Promise<string> {
  const topic = await h.emulator.createTopic({ id: "web" });
  await h.emulator.appendLogs(topic.id, accessLogs(count, START));
  return topic.id;
}

describe("exportLogs through the emulator", () => {
  it("creates, waits and downloads a decompressed NDJSON file, reporting each phase", async () => {
    harness = await startHarness();
    const topicId = await topicWith(harness, 500);
    const destination = join(harness.dir, "out.ndjson");
    const events: ExportProgress[] = [];
    const result = await exportLogs(
      harness.client,
      { TopicId: topicId, Query: "status:500", Count: 1000, From: START, To: START + 499_000, Order: "asc", Format: "json" },
      { destination, onProgress: (event) => events.push(event), ...FAST_POLL },
    );
    const lines = (await readFile(destination, "utf8"))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(50);
    expect(lines.every((row) => row["status"] === "500")).toBe(true);
    expect(lines.map((row) => Number(row["seq"]))).toEqual(Array.from({ length: 50 }, (_, i) => i * 10 + 9));
    expect(result.task.Status).toBe("Completed");
    expect(result.compressedBytes).toBe(Number(result.task.FileSize));
    expect(result.bytesWritten).toBe((await readFile(destination)).length);
    const phases = events.map((event) => (event.phase === "status" ? `status:${event.task.Status}` : event.phase));
    expect(phases[0]).toBe("created");
    expect(phases).toContain("status:Completed");
    expect(phases.at(-2)).toBe("downloading");
    expect(events.at(-1)).toEqual({
      phase: "done",
      exportId: result.exportId,
      compressedBytes: result.compressedBytes,
      bytesWritten: result.bytesWritten,
    });
    // the signed link stays out of every event (a user logs them), though the result's task keeps it
    expect(JSON.stringify(events)).not.toContain("CosPath");
    expect(result.task.CosPath).toMatch(/^http/);
    expect((await readdir(harness.dir)).filter((name) => name.endsWith(".partial"))).toEqual([]);
  });

  it("keeps the gzip file as served when decompress is false, writes CSV, caps at Count and sorts desc", async () => {
    harness = await startHarness();
    const topicId = await topicWith(harness, 100);
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    await exportLogs(
      harness.client,
      { TopicId: topicId, Query: "*", Count: 7, From: START, To: START + 99_000, Order: "desc", Format: "csv" },
      { destination: sink, decompress: false, ...FAST_POLL },
    );
    const text = gunzipSync(Buffer.concat(chunks)).toString("utf8").trim().split("\n");
    expect(text).toHaveLength(8); // header + 7 rows
    expect(text[0]).toContain("seq");
    expect(text[1]).toContain("/item/99");
    expect(text[7]).toContain("/item/93");
  });

  it("deletes the task after download when asked", async () => {
    harness = await startHarness();
    const topicId = await topicWith(harness, 10);
    const result = await exportLogs(
      harness.client,
      { TopicId: topicId, Query: "*", Count: 10, From: START, To: START + 10_000 },
      { destination: join(harness.dir, "x.ndjson"), deleteAfterDownload: true, ...FAST_POLL },
    );
    expect(await findExport(harness.client, topicId, result.exportId)).toBeUndefined();
  });

  it("deleteAfterDownload succeeds when the delete's answer is lost and its re-send finds the task gone", async () => {
    const log: string[] = [];
    let resets = 0;
    harness = await startHarness({
      // the first DeleteExport runs, then its answer is lost: the client re-sends and hears ExportNotExist
      resetAfterAction: (action) => action === "DeleteExport" && resets++ === 0,
      requestLog: (entry) => log.push(`${entry.action} ${entry.reset ? "reset" : (entry.errorCode ?? "OK")}`),
    });
    const topicId = await topicWith(harness, 20);
    const result = await exportLogs(
      harness.client,
      { TopicId: topicId, Query: "*", Count: 20, From: START, To: START + 20_000 },
      { destination: join(harness.dir, "lost.ndjson"), deleteAfterDownload: true, ...FAST_POLL },
    );
    expect(result.bytesWritten).toBeGreaterThan(0);
    expect(log.filter((line) => line.startsWith("DeleteExport"))).toEqual([
      "DeleteExport reset",
      "DeleteExport ResourceNotFound.ExportNotExist",
    ]);
    expect(await findExport(harness.client, topicId, result.exportId)).toBeUndefined();
  });

  it("rejects a bad request before anything is created", async () => {
    harness = await startHarness();
    const topicId = await topicWith(harness, 10);
    await expect(
      exportLogs(
        harness.client,
        { TopicId: topicId, Query: "status:200 | select count(*)", Count: 10, From: START, To: START + 10_000 },
        { destination: join(harness.dir, "bad.ndjson"), ...FAST_POLL },
      ),
    ).rejects.toBeInstanceOf(TcValidationError);
    const page = await harness.client.describeExports({ TopicId: topicId });
    expect(page.Exports).toHaveLength(0);
    expect((await readdir(harness.dir)).filter((name) => name.startsWith("bad"))).toEqual([]);
  });

  it("can be aborted while waiting for the task", async () => {
    harness = await startHarness({ delays: { queuedMs: 60_000, processingMs: 60_000 } });
    const topicId = await topicWith(harness, 10);
    const controller = new AbortController();
    const statuses: string[] = [];
    const running = exportLogs(
      harness.client,
      { TopicId: topicId, Query: "*", Count: 10, From: START, To: START + 10_000 },
      {
        destination: join(harness.dir, "never.ndjson"),
        signal: controller.signal,
        minDelayMs: 30_000,
        onProgress: (event) => {
          if (event.phase === "status") {
            statuses.push(event.task.Status);
            controller.abort(new Error("user gave up"));
          }
        },
      },
    );
    await expect(running).rejects.toBeInstanceOf(TcAbortError);
    expect(statuses).toEqual(["Queuing"]);
  });

  it("refuses a destination in a folder that does not exist before creating anything", async () => {
    harness = await startHarness();
    const topicId = await topicWith(harness, 10);
    const destination = join(harness.dir, "missing-folder", "x.ndjson");
    const error = await exportLogs(
      harness.client,
      { TopicId: topicId, Query: "*", Count: 10, From: START, To: START + 10_000 },
      { destination, ...FAST_POLL },
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TcError);
    expect((error as Error).message).toContain(`exportLogs cannot write ${destination} (ENOENT: the folder`);
    expect((error as Error).message).toContain("nothing was created");
    expect((await harness.client.describeExports({ TopicId: topicId })).Exports).toHaveLength(0);
  });

  it("once the task exists, a timeout keeps its class and carries the ExportId; resumeExportId then finishes that task", async () => {
    harness = await startHarness({ delays: { queuedMs: 300, processingMs: 100 } });
    const topicId = await topicWith(harness, 20);
    const request = { TopicId: topicId, Query: "*", Count: 20, From: START, To: START + 20_000 };
    const destination = join(harness.dir, "late.ndjson");
    const error = await exportLogs(harness.client, request, { destination, maxWaitMs: 50, minDelayMs: 10, maxDelayMs: 20 }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(TcTimeoutError);
    const exportId = exportIdOf(error) ?? "";
    expect(exportId).toMatch(/\S/);
    expect(error).toMatchObject({ exportId, topicId });
    expect((error as Error).message).toContain("maxWaitMs");
    expect((error as Error).message).toContain(`export task ${exportId} of topic ${topicId} exists: resume with`);
    expect((error as Error).message).toContain(`client.deleteExport({ ExportId: "${exportId}" })`);

    const events: ExportProgress[] = [];
    const result = await exportLogs(harness.client, request, {
      destination,
      resumeExportId: exportId,
      onProgress: (event) => events.push(event),
      ...FAST_POLL,
    });
    expect(result.exportId).toBe(exportId);
    expect(events.map((event) => event.phase)).not.toContain("created");
    expect((await readFile(destination, "utf8")).trim().split("\n")).toHaveLength(20);
    expect((await harness.client.describeExports({ TopicId: topicId })).Exports).toHaveLength(1);
  });

  it("gives the same bytes as a direct download of CosPath", async () => {
    harness = await startHarness();
    const topicId = await topicWith(harness, 300);
    const { ExportId } = await harness.client.createExport({ TopicId: topicId, Query: "*", Count: 300, From: START, To: START + 300_000 });
    const task = await waitForExport(harness.client, { TopicId: topicId, ExportId }, FAST_POLL);
    const direct = Buffer.from(await (await fetch(task.CosPath)).arrayBuffer());
    const chunks: Buffer[] = [];
    await exportLogs(
      harness.client,
      { TopicId: topicId, Query: "*", Count: 300, From: START, To: START + 300_000 },
      {
        destination: new Writable({
          write(chunk: Buffer, _e, done) {
            chunks.push(chunk);
            done();
          },
        }),
        ...FAST_POLL,
      },
    );
    const digest = (data: Buffer): string => createHash("sha256").update(data).digest("hex");
    expect(digest(Buffer.concat(chunks))).toBe(digest(gunzipSync(direct)));
  });
});

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { gzipSync } from "node:zlib";
import { TcNetworkError } from "@tcsdk/core";
import { afterEach, describe, expect, it } from "vitest";
import { downloadExport, waitForExport, type ExportInfo, type ExportProgress } from "../../src/index.js";
import { accessLogs, FAST_POLL, startHarness, type Harness } from "./fixtures.js";

const START = Date.UTC(2026, 0, 1);
let harness: Harness | undefined;
let cos: Server | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  await new Promise((resolve) => (cos ? cos.close(resolve) : resolve(undefined)));
  cos = undefined;
});

function collector(): { sink: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _e, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { sink, text: () => Buffer.concat(chunks).toString("utf8") };
}

/**
 * A COS stand-in serving `file`: it cuts the first `breaks` answers after `cutAt` bytes, and honours
 * `Range` unless `ignoreRange`. Records each request's Range header.
 */
async function flakyCos(
  file: Buffer,
  options: { breaks: number; cutAt: number; ignoreRange?: boolean },
): Promise<{ url: string; ranges: (string | undefined)[] }> {
  const ranges: (string | undefined)[] = [];
  let broken = 0;
  cos = createServer((req, res) => {
    ranges.push(req.headers.range);
    const match = /^bytes=(\d+)-$/.exec(req.headers.range ?? "");
    const from = match && !options.ignoreRange ? Number(match[1]) : 0;
    const body = file.subarray(from);
    res.writeHead(from > 0 ? 206 : 200, { "content-length": body.length, "content-type": "application/gzip" });
    if (broken < options.breaks) {
      broken++;
      res.write(body.subarray(0, options.cutAt), () => res.destroy());
      return;
    }
    res.end(body);
  });
  await new Promise<void>((resolve) => cos?.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(cos.address() as AddressInfo).port}/file.json.gz`, ranges };
}

const lines = `${Array.from({ length: 20_000 }, (_, i) => JSON.stringify({ seq: i, msg: `line ${i} ${"x".repeat(i % 50)}` })).join("\n")}\n`;
const gz = gzipSync(lines, { level: 0 });

function taskAt(url: string): ExportInfo {
  return { TopicId: "t", ExportId: "e", CosPath: url, FileSize: gz.length, Status: "Completed" } as unknown as ExportInfo;
}

describe("downloadExport resumes", () => {
  it("continues with a Range request where a connection broke", async () => {
    harness = await startHarness();
    const server = await flakyCos(gz, { breaks: 2, cutAt: 100_000 });
    const out = collector();
    const events: ExportProgress[] = [];
    const counted = await downloadExport(harness.client, taskAt(server.url), { destination: out.sink, onProgress: (e) => events.push(e) });
    expect(out.text()).toBe(lines);
    expect(counted.compressedBytes).toBe(gz.length);
    expect(server.ranges[0]).toBeUndefined();
    // Each resume asks for the rest from where the bytes stopped (the kernel may drop some of the cut answer).
    const starts = server.ranges.slice(1).map((range) => Number(/^bytes=(\d+)-$/.exec(range ?? "")?.[1]));
    expect(starts).toHaveLength(2);
    expect(starts[0]).toBeGreaterThan(0);
    expect(starts[0]).toBeLessThanOrEqual(100_000);
    expect(starts[1]).toBeGreaterThan(starts[0] ?? 0);
    expect(events.filter((e) => e.phase === "resuming")).toHaveLength(2);
  });

  it("skips what it has when the server ignores Range", async () => {
    harness = await startHarness();
    const server = await flakyCos(gz, { breaks: 1, cutAt: 150_000, ignoreRange: true });
    const out = collector();
    await downloadExport(harness.client, taskAt(server.url), { destination: out.sink });
    expect(out.text()).toBe(lines);
    expect(server.ranges).toHaveLength(2);
    expect(server.ranges[1]).toMatch(/^bytes=[1-9]\d*-$/);
  });

  it("gives up after maxResumes with a network error", async () => {
    harness = await startHarness();
    const server = await flakyCos(gz, { breaks: 10, cutAt: 1000 });
    await expect(
      downloadExport(harness.client, taskAt(server.url), { destination: collector().sink, maxResumes: 2 }),
    ).rejects.toBeInstanceOf(Error);
    expect(server.ranges).toHaveLength(3);
  });

  it("lists the task again for a fresh CosPath when the link has expired", async () => {
    let now = Date.now();
    harness = await startHarness({ clock: () => now }, { clock: () => now });
    await harness.emulator.createTopic({ id: "web" });
    await harness.emulator.appendLogs("web", accessLogs(50, START));
    const { ExportId } = await harness.client.createExport({
      TopicId: "web",
      Query: "*",
      Count: 50,
      From: START,
      To: START + 50_000,
      Order: "asc",
    });
    const task = await waitForExport(harness.client, { TopicId: "web", ExportId }, FAST_POLL);
    now += 2 * 3600 * 1000; // the CosPath in `task` is valid one hour
    expect((await fetch(task.CosPath)).status).toBe(403);
    const out = collector();
    const events: ExportProgress[] = [];
    await downloadExport(harness.client, task, { destination: out.sink, onProgress: (e) => events.push(e) });
    const rows = out.text().trim().split("\n");
    expect(rows).toHaveLength(50);
    expect(events.find((e) => e.phase === "resuming")).toMatchObject({ reason: expect.stringContaining("403") });
  });

  it("does not resume a link that keeps failing with 5xx beyond maxResumes", async () => {
    harness = await startHarness();
    cos = createServer((_req, res) => res.writeHead(503).end("busy"));
    await new Promise<void>((resolve) => cos?.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(cos.address() as AddressInfo).port}/f.gz`;
    const error = await downloadExport(harness.client, taskAt(url), { destination: collector().sink, maxResumes: 1 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TcNetworkError);
    expect(error).toMatchObject({ status: 503 });
  });
});

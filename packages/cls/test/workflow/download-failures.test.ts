import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { Writable } from "node:stream";
import { gzipSync } from "node:zlib";
import { TcAbortError, TcTimeoutError } from "@tcsdk/core";
import { afterEach, describe, expect, it } from "vitest";
import { ClsClient, downloadExport, exportLogs, waitForExport, type ExportInfo } from "../../src/index.js";
import { KEY, startHarness, type Harness } from "./fixtures.js";
import { tarArchive } from "./tar-archive.js";

let harness: Harness | undefined;
let server: Server | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

/** Serves `body` for every GET; `slow` sends it in 1 KiB pieces 20 ms apart. Answers POSTs with `api`. */
async function serve(body: Buffer, options: { slow?: boolean; api?: (action: string) => unknown } = {}): Promise<string> {
  server = createServer((req, res) => {
    if (req.method === "POST") {
      req.resume();
      const answer = options.api?.(String(req.headers["x-tc-action"]));
      if (answer === undefined) return; // never answers
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(answer));
      return;
    }
    res.writeHead(200, { "content-length": body.length, "content-type": "application/gzip" });
    if (!options.slow) {
      res.end(body);
      return;
    }
    let offset = 0;
    const timer = setInterval(() => {
      if (res.destroyed || offset >= body.length) {
        clearInterval(timer);
        res.end();
        return;
      }
      res.write(body.subarray(offset, offset + 1024));
      offset += 1024;
    }, 20);
    res.on("close", () => clearInterval(timer));
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function taskAt(url: string, size: number): ExportInfo {
  return { TopicId: "t", ExportId: "e", CosPath: `${url}/file.gz`, FileSize: size, Status: "Completed" } as unknown as ExportInfo;
}

const text = `${Array.from({ length: 5000 }, (_, i) => JSON.stringify({ seq: i })).join("\n")}\n`;

describe("downloadExport when the writing side fails", () => {
  it("rejects with the destination's error for a missing directory, and leaves no file", async () => {
    harness = await startHarness();
    const gz = gzipSync(text);
    const url = await serve(gz, { slow: true });
    const destination = join(harness.dir, "missing-dir", "out.ndjson");
    const error = await downloadExport(harness.client, taskAt(url, gz.length), { destination }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "ENOENT" });
    expect(existsSync(join(harness.dir, "missing-dir"))).toBe(false);
  });

  it("rejects with zlib's error when the body is not gzip, even while it still streams, and removes the .partial file", async () => {
    harness = await startHarness();
    const notGzip = Buffer.from(`<html>${"x".repeat(50_000)}</html>`);
    const url = await serve(notGzip, { slow: true });
    const destination = join(harness.dir, "out.ndjson");
    const error = await downloadExport(harness.client, taskAt(url, notGzip.length), { destination }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "Z_DATA_ERROR" });
    expect(await readdir(harness.dir)).not.toContain("out.ndjson.partial");
    expect(await readdir(harness.dir)).not.toContain("out.ndjson");
  });

  it("rejects with the error of a destination stream that fails", async () => {
    harness = await startHarness();
    const gz = gzipSync(text.repeat(20));
    const url = await serve(gz, { slow: true });
    let writes = 0;
    const failing = new Writable({
      write(_chunk, _encoding, done) {
        writes++;
        done(writes === 2 ? new Error("disk on fire") : null);
      },
    });
    await expect(downloadExport(harness.client, taskAt(url, gz.length), { destination: failing })).rejects.toThrow("disk on fire");
  });

  it("aborts while the body streams", async () => {
    harness = await startHarness();
    const gz = gzipSync(text.repeat(20), { level: 0 });
    const url = await serve(gz, { slow: true });
    const controller = new AbortController();
    const running = downloadExport(harness.client, taskAt(url, gz.length), {
      destination: join(harness.dir, "aborted.ndjson"),
      onProgress: (event) => {
        if (event.phase === "downloading" && event.compressedBytesReceived > 4096) controller.abort(new Error("enough"));
      },
      signal: controller.signal,
    });
    await expect(running).rejects.toBeInstanceOf(TcAbortError);
    expect(await readdir(harness.dir)).not.toContain("aborted.ndjson.partial");
  });

  it("writes the files inside a tar.gz (the real service's file name) as plain text", async () => {
    harness = await startHarness();
    const gz = gzipSync(
      tarArchive([
        { name: "a.json", content: text.slice(0, 9000) },
        { name: "b.json", content: text.slice(9000) },
      ]),
    );
    const url = await serve(gz);
    const destination = join(harness.dir, "from-tar.ndjson");
    await downloadExport(harness.client, taskAt(url, gz.length), { destination });
    expect(await readFile(destination, "utf8")).toBe(text);
  });
});

describe("the workflow's time limits and call options", () => {
  it("maxWaitMs cuts a DescribeExports poll that never answers", async () => {
    const url = await serve(Buffer.alloc(0), { api: () => undefined });
    const client = new ClsClient({ endpoint: url, credentials: KEY });
    const error = await waitForExport(client, { TopicId: "t", ExportId: "e" }, { maxWaitMs: 200 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TcTimeoutError);
    expect(error).toMatchObject({ kind: "deadline", timeoutMs: 200 });
    await client.close();
  });

  it("exportLogs gives its timeoutMs to CreateExport too", async () => {
    const url = await serve(Buffer.alloc(0), {
      api: (action) => (action === "CreateExport" ? undefined : { Response: { RequestId: "r" } }),
    });
    const client = new ClsClient({ endpoint: url, credentials: KEY });
    const error = await exportLogs(
      client,
      { TopicId: "t", Query: "*", Count: 1, From: 1_700_000_000_000, To: 1_700_000_001_000 },
      { destination: new Writable(), timeoutMs: 150 },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TcTimeoutError);
    expect(error).toMatchObject({ action: "CreateExport", kind: "attempt", timeoutMs: 150, attempts: 1 });
    await client.close();
  });
});

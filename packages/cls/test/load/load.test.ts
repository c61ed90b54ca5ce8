/**
 * Load with faults: 5,000 calls at concurrency 64 through the generated client against the emulator
 * (its CLI, in its own process, rate limit off), mixing CreateExport, DescribeExports and DeleteExport,
 * while the emulator resets the connection instead of answering for 2 % of requests (after the action
 * ran). Every call must settle; CreateExports executed by the emulator must equal those the client saw
 * succeed plus those that failed as maybe sent (never a duplicate from a retry); and nothing may leak:
 * the heap after a forced GC returns to within 10 % of where it started, no timer is left, and the
 * shared AbortSignal has no listener left.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { getEventListeners, setMaxListeners } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { TcNetworkError, TcTimeoutError } from "@tcsdk/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClsClient } from "../../src/index.js";

const KEY = { secretId: "AKIDloadtest", secretKey: "load-test-secret-key" } as const;
const CALLS = 5_000;
const CONCURRENCY = 64;
const RESET_RATE = "0.02";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

let emulator: ChildProcess;
let url = "";
let dir = "";
/**
 * The emulator's `--verbose` lines (`<action> <status> <outcome> <n> ms`, `<action> reset (after <outcome>) <n> ms`),
 * counted as they arrive (kept, they would grow the heap this test measures).
 */
const served = { requests: 0, resets: 0, exportsCreated: 0, markers: 0 };
function countLine(line: string): void {
  served.requests++;
  if (/ResourceNotFound\.TopicNotExist/.test(line)) served.markers++;
  if (/ reset \(/.test(line)) served.resets++;
  if (/^CreateExport (200 OK|reset \(after OK\)) /.test(line)) served.exportsCreated++;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tcsdk-load-"));
  const packageJson = fileURLToPath(import.meta.resolve("@tcsdk/cls-emulator/package.json"));
  const bin = join(dirname(packageJson), "bin/cls-emulator.js");
  const args = ["--port", "0", "--data-dir", join(dir, "data"), "--key", `${KEY.secretId}:${KEY.secretKey}`, "--topic", "load"];
  args.push("--rate-limit", "0", "--reset-rate", RESET_RATE, "--verbose", "--max-unfinished-exports", "1000000");
  args.push("--queued-ms", "0", "--processing-ms", "0");
  emulator = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  createInterface({ input: emulator.stderr as NodeJS.ReadableStream }).on("line", countLine);
  url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the emulator printed nothing within 15 s")), 15_000);
    createInterface({ input: emulator.stdout as NodeJS.ReadableStream }).once("line", (line) => {
      clearTimeout(timer);
      resolve(line.replace(/^listening /, ""));
    });
    emulator.once("exit", (code) => reject(new Error(`the emulator exited with ${code}`)));
  });
}, 30_000);

afterAll(async () => {
  if (emulator.exitCode === null) {
    const exited = new Promise((resolve) => emulator.once("exit", resolve));
    emulator.kill("SIGTERM");
    await exited;
  }
  await rm(dir, { recursive: true, force: true });
});

/** What the client saw, counted (nothing per call is kept, so the heap measures the client alone). */
interface Tally {
  createOk: number;
  createMaybeSent: number;
  createOther: number;
  otherOk: number;
  otherFailed: number;
  failures: Map<string, number>;
}

/** Runs `calls` calls at `CONCURRENCY`, cycling CreateExport → DescribeExports → DeleteExport of a created task. */
async function drive(client: ClsClient, calls: number, signal: AbortSignal): Promise<Tally> {
  const tally: Tally = { createOk: 0, createMaybeSent: 0, createOther: 0, otherOk: 0, otherFailed: 0, failures: new Map() };
  const created: string[] = [];
  const now = Date.now();
  let next = 0;
  const failed = (error: unknown): void => {
    const name = error instanceof Error ? `${error.name}: ${error.message.slice(0, 120)}` : String(error);
    tally.failures.set(name, (tally.failures.get(name) ?? 0) + 1);
  };
  const one = async (index: number): Promise<void> => {
    const kind = index % 3;
    if (kind === 0) {
      try {
        const { ExportId } = await client.createExport({ TopicId: "load", Query: "*", Count: 10, From: now - 60_000, To: now }, { signal });
        created.push(ExportId);
        tally.createOk++;
      } catch (error) {
        const maybeSent = (error instanceof TcNetworkError || error instanceof TcTimeoutError) && error.maybeSent;
        if (maybeSent) tally.createMaybeSent++;
        else {
          tally.createOther++;
          failed(error);
        }
      }
      return;
    }
    const exportId = kind === 2 ? created.shift() : undefined;
    try {
      if (exportId === undefined) await client.describeExports({ TopicId: "load", Limit: 1 }, { signal });
      else await client.deleteExport({ ExportId: exportId }, { signal });
      tally.otherOk++;
    } catch (error) {
      tally.otherFailed++;
      failed(error);
    }
  };
  const worker = async (): Promise<void> => {
    while (next < calls) await one(next++);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return tally;
}

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

const timers = (): number => process.getActiveResourcesInfo().filter((name) => name === "Timeout").length;

describe("load with connection resets", () => {
  it(`${CALLS} calls at concurrency ${CONCURRENCY}: all settle, no CreateExport is duplicated, nothing leaks`, async () => {
    // the rate limit is off on both sides; a few more attempts make a call whose every attempt is reset (0.02^5) unlikely
    const client = new ClsClient({ endpoint: url, credentials: KEY, region: "ap-guangzhou", rateLimit: false, maxAttempts: 5 });
    const controller = new AbortController();
    setMaxListeners(2 * CONCURRENCY, controller.signal); // one listener per call in flight
    try {
      const warmUp = await drive(client, 600, controller.signal); // loads the actions, opens the pool
      const heapBefore = heapAfterGc();
      const timersBefore = timers();

      const tally = await drive(client, CALLS, controller.signal);

      const heapAfter = heapAfterGc();
      // the emulator logs each request after answering it, and the lines come through a pipe: once the
      // line of a request sent after every call settled has come, every earlier line has too
      await client.describeExports({ TopicId: "no-such-topic" }).catch(() => undefined);
      for (let waited = 0; served.markers === 0 && waited < 5_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(served.markers).toBeGreaterThan(0);
      const { requests, resets, exportsCreated: createdByEmulator } = served;
      const seen = warmUp.createOk + warmUp.createMaybeSent + tally.createOk + tally.createMaybeSent;
      console.log(
        `load: ${CALLS} calls, ${tally.createOk} CreateExport ok, ${tally.createMaybeSent} maybe sent, ${tally.otherOk} other ok; ` +
          `emulator: ${requests} requests, ${resets} reset, ${createdByEmulator} exports created (warm-up included); ` +
          `heap ${(heapBefore / 2 ** 20).toFixed(1)} → ${(heapAfter / 2 ** 20).toFixed(1)} MiB`,
      );
      expect(Object.fromEntries(tally.failures)).toEqual({});
      expect(tally.createOk + tally.createMaybeSent + tally.createOther + tally.otherOk + tally.otherFailed).toBe(CALLS);
      expect(resets).toBeGreaterThan(0); // the faults did happen
      expect(tally.createMaybeSent).toBeGreaterThan(0);
      expect(createdByEmulator).toBe(seen);
      expect(heapAfter).toBeLessThanOrEqual(heapBefore * 1.1);
      expect(timers()).toBeLessThanOrEqual(timersBefore);
      expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    } finally {
      await client.close();
    }
  }, 120_000);
});

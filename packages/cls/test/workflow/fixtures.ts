import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type Emulator, type EmulatorOptions } from "@tcsdk/cls-emulator";
import type { ClientOptions } from "@tcsdk/core";
import { ClsClient } from "../../src/index.js";

/** Key pair the test emulators accept. */
export const KEY = { secretId: "AKIDworkflowtest", secretKey: "workflow-secret-key" } as const;

/** A running emulator with its temp directory, and a client pointed at it. */
export interface Harness {
  readonly emulator: Emulator;
  readonly client: ClsClient;
  readonly dir: string;
  /** Makes another client for the same emulator. */
  clientWith(options: ClientOptions): ClsClient;
  close(): Promise<void>;
}

/** Starts an emulator on a temp data dir (fast task delays, no rate limit unless asked) and a client for it. */
export async function startHarness(options: Partial<EmulatorOptions> = {}, client: ClientOptions = {}): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), "tcsdk-workflow-"));
  const emulator = await startEmulator({
    dataDir: join(dir, "data"),
    keys: [KEY],
    rateLimit: false,
    delays: { queuedMs: 20, processingMs: 20 },
    ...options,
  });
  const clientWith = (more: ClientOptions): ClsClient =>
    new ClsClient({ endpoint: emulator.url, credentials: KEY, region: "ap-guangzhou", ...client, ...more });
  const built = clientWith({});
  return {
    emulator,
    client: built,
    dir,
    clientWith,
    async close() {
      await built.close();
      await emulator.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** `count` access-log lines, one second apart from `start`, status 200 except every 10th (500). */
export function accessLogs(count: number, start: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => ({
    __TIMESTAMP__: start + i * 1000,
    status: i % 10 === 9 ? "500" : "200",
    path: `/item/${i}`,
    seq: String(i),
  }));
}

/** Fast polling for tests. */
export const FAST_POLL = { minDelayMs: 10, maxDelayMs: 50 } as const;

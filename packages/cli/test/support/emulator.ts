/**
 * A CLS emulator on 127.0.0.1 for the CLI's tests, with one topic of `lines` access-log lines over the
 * last hour (one in ten with status 500), fast export state changes, and its rate limit off.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator } from "@tcsdk/cls-emulator";

/** A running emulator and its topic. */
export interface TestEmulator {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** The topic holding the sample lines. */
  readonly topicId: string;
  /** A folder for the tests' files, removed by `stop`. */
  readonly workDir: string;
  /** Stops the emulator and removes its folders. */
  readonly stop: () => Promise<void>;
}

/** Starts an emulator holding `lines` lines of the hour before now; its export tasks queue for `queuedMs`. */
export async function startTestEmulator(lines: number, queuedMs = 150): Promise<TestEmulator> {
  const now = Date.now();
  const workDir = mkdtempSync(join(tmpdir(), "tcsdk-cli-"));
  const emulator = await startEmulator({ dataDir: join(workDir, "emulator"), rateLimit: false, delays: { queuedMs, processingMs: 300 } });
  const topic = await emulator.createTopic({ id: "cli-test-topic", name: "cli test" });
  const logs = Array.from({ length: lines }, (_, i) => ({
    __TIMESTAMP__: now - 3_600_000 + Math.floor((i * 3_500_000) / lines),
    status: i % 10 === 0 ? 500 : 200,
    path: `/item/${i}`,
  }));
  await emulator.appendLogs(topic.id, logs);
  return {
    url: emulator.url,
    topicId: topic.id,
    workDir,
    stop: async () => {
      await emulator.stop();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

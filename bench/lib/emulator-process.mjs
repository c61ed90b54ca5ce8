// @ts-check
/**
 * Runs the `tcsdk-cls-emulator` CLI in a process of its own, so the process being measured holds
 * only the client.
 * @module
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";

const require = createRequire(import.meta.url);

/**
 * A running emulator process.
 * @typedef {object} EmulatorProcess
 * @property {string} url Base URL, e.g. `http://127.0.0.1:43117`.
 * @property {number} pid Process id.
 * @property {() => string} stderrTail The last lines the emulator wrote to standard error.
 * @property {() => Promise<void>} stop SIGTERM, then SIGKILL if it has not exited within 10 s.
 */

/** Path of the emulator's CLI script, resolved through this package's dependency. */
export function emulatorBin() {
  return join(dirname(require.resolve("@tcsdk/cls-emulator/package.json")), "bin", "cls-emulator.js");
}

/**
 * Starts the CLI on a free port and resolves once it printed `listening <url>`.
 *
 * @param {{ dataDir: string, key: string, verbose?: boolean, startTimeoutMs?: number, rateLimit?: number }} options
 *   `key` is `ID:KEY`; `verbose` forwards the emulator's standard error; `rateLimit` is the emulator's
 *   requests per second per action (default 0: off).
 * @returns {Promise<EmulatorProcess>}
 */
export async function startEmulatorProcess(options) {
  const { dataDir, key, verbose = false, startTimeoutMs = 30_000, rateLimit = 0 } = options;
  const args = [
    emulatorBin(),
    "--port",
    "0",
    "--data-dir",
    dataDir,
    "--key",
    key,
    "--rate-limit",
    String(rateLimit),
    "--queued-ms",
    "0",
    "--processing-ms",
    "0",
  ];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  /** @type {string[]} */
  const tail = [];
  createInterface({ input: /** @type {import("node:stream").Readable} */ (child.stderr) }).on("line", (line) => {
    tail.push(line);
    if (tail.length > 20) tail.shift();
    if (verbose) process.stderr.write(`[emulator] ${line}\n`);
  });
  const exited = once(child, "exit");
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const stdout = createInterface({ input: /** @type {import("node:stream").Readable} */ (child.stdout) });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`emulator did not print "listening <url>" within ${startTimeoutMs} ms`)),
      startTimeoutMs,
    );
    stdout.on("line", (line) => {
      const match = /^listening (http:\/\/\S+)$/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`emulator exited (${signal ?? code}) before listening: ${tail.join(" | ")}`));
    });
  }).catch(async (error) => {
    await stop();
    throw error;
  });
  return { url, pid: /** @type {number} */ (child.pid), stderrTail: () => tail.join("\n"), stop };
}

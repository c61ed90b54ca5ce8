/**
 * Runs the `tcsdk` bin as a user would: a child process with a clean environment (the emulator's test
 * key, no proxies, a home of its own), bounded in time; or under a pseudo-terminal (util-linux
 * `script`), so that its stderr is a TTY.
 */
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The bin a user runs. */
export const TCSDK_BIN = fileURLToPath(new URL("../../bin/tcsdk.js", import.meta.url));

/** What a run printed and how it ended. */
export interface TcsdkRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number | null;
}

/** An environment with the emulator's key and nothing from the developer's own (proxies, credentials, profile). */
export function cleanEnv(overrides: Readonly<Record<string, string | undefined>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env["PATH"], HOME: mkdtempSync(join(tmpdir(), "tcsdk-cli-home-")), NO_COLOR: "1" };
  Object.assign(env, { TENCENTCLOUD_SECRET_ID: "test", TENCENTCLOUD_SECRET_KEY: "test" }, overrides);
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  return env;
}

/** Runs `tcsdk <args>` to its end (killed after `timeoutMs`). */
export function runTcsdk(args: readonly string[], env: NodeJS.ProcessEnv = cleanEnv(), timeoutMs = 30_000): Promise<TcsdkRun> {
  return collect(spawn(process.execPath, [TCSDK_BIN, ...args], { env, stdio: ["ignore", "pipe", "pipe"] }), timeoutMs);
}

/** Runs `tcsdk <args>` under a pseudo-terminal 100 columns wide; everything it wrote to the terminal is `stdout`. */
export function runTcsdkInTerminal(args: readonly string[], env: NodeJS.ProcessEnv = cleanEnv(), timeoutMs = 30_000): Promise<TcsdkRun> {
  const command = [process.execPath, TCSDK_BIN, ...args].map(shellQuote).join(" ");
  const child = spawn("script", ["--quiet", "--return", "--flush", "--command", `stty cols 100; ${command}`, "/dev/null"], {
    env: { ...env, TERM: "xterm-256color" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return collect(child, timeoutMs);
}

function collect(child: ReturnType<typeof spawn>, timeoutMs: number): Promise<TcsdkRun> {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (exitCode) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, exitCode });
    });
  });
}

function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

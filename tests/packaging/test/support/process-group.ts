/**
 * Commands that start their own children (pnpm → turbo → tsc, changeset → npm…), run in a process group
 * of their own so that a timeout, or a test's teardown, ends all of them and not only the first; and at a
 * lower scheduling priority (which their children inherit), so that a build leaves the CPU to the tests
 * running beside it first.
 * @packageDocumentation
 */
import { spawn } from "node:child_process";
import { setPriority } from "node:os";
import type { CommandResult, RunOptions } from "./run-command.js";

/** Output kept per stream: the end of it, where failures are told. */
const KEEP_CHARS = 256 * 1024;

/** The nice value the commands run at (0 is normal, 19 the lowest). */
const LOWER_PRIORITY = 5;

const running = new Set<number>();

/** Runs `file args…` as the leader of a new process group; throws with its output unless it exits 0 within `timeoutMs`. */
export function runGroupChecked(file: string, args: readonly string[], options: RunOptions): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout = (stdout + chunk).slice(-KEEP_CHARS);
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-KEEP_CHARS);
    });
    const pid = child.pid;
    if (pid !== undefined) {
      running.add(pid);
      try {
        setPriority(pid, LOWER_PRIORITY);
      } catch {
        // it has already exited: its close event tells how
      }
    }
    const timer = setTimeout(() => killGroup(pid), options.timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      killGroup(pid); // what the leader left behind
      if (code === 0) resolve({ code, stdout, stderr });
      else {
        const how = code === null ? `was killed (${String(signal)}; time limit ${options.timeoutMs} ms)` : `exited ${code}`;
        reject(new Error(`${file} ${args.join(" ")} ${how} in ${options.cwd}\n${stdout}\n${stderr}`));
      }
    });
  });
}

/** Kills every group {@link runGroupChecked} started that may still run (for a teardown after a timed-out hook). */
export function killRunningGroups(): void {
  for (const pid of running) killGroup(pid);
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  running.delete(pid);
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // the group has already ended
  }
}

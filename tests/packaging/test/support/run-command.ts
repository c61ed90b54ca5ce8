/**
 * Runs a command to completion with a bounded time, collecting its output.
 * @packageDocumentation
 */
import { execFile } from "node:child_process";

/** What a finished command left. */
export interface CommandResult {
  /** Exit code; `null` when killed by a signal (e.g. the timeout). */
  readonly code: number | null;
  /** Standard output. */
  readonly stdout: string;
  /** Standard error. */
  readonly stderr: string;
}

/** Options of {@link runCommand}. */
export interface RunOptions {
  /** Working directory. */
  readonly cwd: string;
  /** Environment; the current one when absent. */
  readonly env?: NodeJS.ProcessEnv;
  /** Killed after this many ms. */
  readonly timeoutMs: number;
}

/** Runs `file args…` and resolves with its exit code and output, whatever the exit code. */
export function runCommand(file: string, args: readonly string[], options: RunOptions): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { cwd: options.cwd, env: options.env ?? process.env, timeout: options.timeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: "utf8" },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== "number" && error.signal == null) {
          reject(error); // could not start (ENOENT…)
          return;
        }
        resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : null, stdout, stderr });
      },
    );
  });
}

/** Runs a command that must succeed; throws with its output otherwise. */
export async function runChecked(file: string, args: readonly string[], options: RunOptions): Promise<CommandResult> {
  const result = await runCommand(file, args, options);
  if (result.code !== 0) {
    throw new Error(`${file} ${args.join(" ")} exited ${String(result.code)} in ${options.cwd}\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

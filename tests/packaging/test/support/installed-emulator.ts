/**
 * The CLS emulator a user installed from the registry, started through its `tcsdk-cls-emulator` bin in
 * their project, as the quick start's reader would run it.
 * @packageDocumentation
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { createInterface } from "node:readline";

/** A running emulator process. */
export interface EmulatorProcess {
  /** Its base URL (`http://127.0.0.1:<port>`). */
  readonly url: string;
  /** Stops it (SIGTERM, then SIGKILL if it has not exited within 10 s). */
  stop(): Promise<void>;
}

/** Options of {@link startInstalledEmulator}. */
export interface InstalledEmulatorOptions {
  /** The credentials it accepts. */
  readonly key: { readonly secretId: string; readonly secretKey: string };
  /** A topic to create at start. */
  readonly topicId: string;
  /** Where it keeps its data. */
  readonly dataDir: string;
  /** Environment of the process. */
  readonly env: NodeJS.ProcessEnv;
}

/** Starts `node_modules/.bin/tcsdk-cls-emulator` of `project` on a free port of 127.0.0.1 and waits (30 s at most) for its URL. */
export async function startInstalledEmulator(project: string, options: InstalledEmulatorOptions): Promise<EmulatorProcess> {
  const bin = path.join(project, "node_modules", ".bin", "tcsdk-cls-emulator");
  const args = ["--port", "0", "--data-dir", options.dataDir, "--key", `${options.key.secretId}:${options.key.secretKey}`];
  const child = spawn(bin, [...args, "--topic", options.topicId, "--rate-limit", "0"], {
    cwd: project,
    env: options.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const exited = once(child, "exit");
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const lines = createInterface({ input: child.stdout });
  const ready = new Promise<string>((resolve, reject) => {
    lines.once("line", (line) => {
      const url = /^listening (http:\/\/\S+)$/.exec(line)?.[1];
      if (url === undefined) reject(new Error(`tcsdk-cls-emulator printed ${JSON.stringify(line)} first`));
      else resolve(url);
    });
    exited.then(([code]) => reject(new Error(`tcsdk-cls-emulator exited ${String(code)}: ${stderr}`)), reject);
    setTimeout(() => reject(new Error(`tcsdk-cls-emulator printed no URL within 30 s: ${stderr}`)), 30_000).unref();
  });
  try {
    return { url: await ready, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

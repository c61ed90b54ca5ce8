// @ts-check
/**
 * Child processes of the comparison bench: the fixed server, and scripts that print one JSON line.
 * @module
 */
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));

/**
 * Whether the per-call rows pin their processes to CPUs with util-linux's `taskset`: the fixed server
 * on CPU 0, the measured client on CPU 1. Left to the scheduler, a client landed beside the server or
 * not from one sample to the next, and its CPU per call moved by up to 70 µs; pinned, by a few µs. Only
 * where `taskset` exists and there are at least 2 CPUs.
 */
export const PINNED = os.availableParallelism() >= 2 && spawnSync("taskset", ["-c", "0", "true"]).status === 0;

/** `[command, args]` that runs `node <args>` on `cpu` when {@link PINNED}, else on any CPU. */
function nodeOn(/** @type {number | undefined} */ cpu, /** @type {string[]} */ args) {
  return PINNED && cpu !== undefined
    ? /** @type {const} */ (["taskset", ["-c", String(cpu), process.execPath, ...args]])
    : /** @type {const} */ ([process.execPath, args]);
}

/**
 * Starts `fixed-server.mjs` (on CPU 0 when {@link PINNED}) and resolves with its URL and a stop function.
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
export async function startFixedServer() {
  const [command, args] = nodeOn(0, [path.join(HERE, "fixed-server.mjs")]);
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "inherit"] });
  const exited = once(child, "exit");
  const lines = createInterface({ input: /** @type {import("node:stream").Readable} */ (child.stdout) });
  const url = await new Promise((resolve, reject) => {
    lines.on("line", (line) => {
      const match = /^listening (\S+)$/.exec(line);
      if (match) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`the fixed server exited (${code}) before listening`)));
  });
  return {
    url,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/**
 * Runs `node <script> <args>` (cwd: the bench package) and parses the last line it prints as JSON.
 * @param {string} script path from the bench package
 * @param {readonly string[]} args
 * @param {NodeJS.ProcessEnv} [env]
 * @param {number} [cpu] the CPU to run on, when {@link PINNED}
 * @returns {Promise<any>}
 */
export async function runJson(script, args, env = process.env, cpu = undefined) {
  const [command, commandArgs] = nodeOn(cpu, [path.join(HERE, "..", script), ...args]);
  const child = spawn(command, commandArgs, {
    cwd: path.join(HERE, ".."),
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk) => {
    out += chunk;
  });
  child.stderr.on("data", (chunk) => {
    err += chunk;
  });
  const [code] = await once(child, "exit");
  const last = out.trim().split("\n").pop() ?? "";
  if (!last.startsWith("{")) throw new Error(`${script} ${args.join(" ")} exited ${code}: ${err.trim().slice(-800)}`);
  return { ...JSON.parse(last), exitCode: code };
}

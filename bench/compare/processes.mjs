// @ts-check
/**
 * Child processes of the comparison bench: the fixed server, and scripts that print one JSON line.
 * @module
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));

/**
 * Starts `fixed-server.mjs` and resolves with its URL and a stop function.
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
export async function startFixedServer() {
  const child = spawn(process.execPath, [path.join(HERE, "fixed-server.mjs")], { stdio: ["ignore", "pipe", "inherit"] });
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
 * @returns {Promise<any>}
 */
export async function runJson(script, args, env = process.env) {
  const child = spawn(process.execPath, [path.join(HERE, "..", script), ...args], {
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

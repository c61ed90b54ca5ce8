import { execFile, spawn, type ChildProcess } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../src/index.js";
import { parseCliArgs } from "../src/cli-args.js";
import { call, cleanup, codeOf, download, exportAndWait, tempDir } from "./helpers.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const children: ChildProcess[] = [];

beforeAll(async () => {
  // the bin runs the built CLI: build it from the current sources
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  await promisify(execFile)(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: packageDir, timeout: 60_000 });
}, 90_000);

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  await cleanup();
});

/** Starts the CLI and resolves with its first stdout line (and what it wrote to stderr, from the start). */
function launch(args: string[]): Promise<{ child: ChildProcess; firstLine: string; stderr: () => string }> {
  const child = spawn(process.execPath, [join(packageDir, "bin/cls-emulator.js"), ...args], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the CLI printed nothing within 15 s")), 15_000);
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once("line", (firstLine) => {
      clearTimeout(timer);
      resolve({ child, firstLine, stderr: () => stderr });
    });
    child.once("exit", (code) => reject(new Error(`the CLI exited with ${code}`)));
  });
}

function exitCode(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", resolve)));
}

describe("tcsdk-cls-emulator CLI", () => {
  it("prints its URL first, serves signed calls with the given key and topic, and stops on SIGTERM", async () => {
    const dir = await tempDir();
    const logs = join(dir, "logs.ndjson");
    await writeFile(logs, '{"__TIMESTAMP__":1000,"level":"INFO"}\n{"__TIMESTAMP__":2000,"level":"ERROR"}\n');
    const args = [
      "--port",
      "0",
      "--data-dir",
      join(dir, "data"),
      "--key",
      "AKIDcli:cli-secret",
      "--topic",
      `web:${logs}`,
      "--queued-ms",
      "10",
    ];
    const { child, firstLine } = await launch(args);
    const match = /^listening (http:\/\/127\.0\.0\.1:(\d+))$/.exec(firstLine);
    expect(match).not.toBeNull();
    const port = Number(match?.[2]);
    const emulator = { url: match?.[1], endpoint: `127.0.0.1:${port}`, port } as Emulator;
    const key = { secretId: "AKIDcli", secretKey: "cli-secret" };
    const info = await exportAndWait(emulator, { TopicId: "web", Query: "level:error", Count: 5, From: 0, To: 5000 }, key);
    expect(await download(info.CosPath as string)).toBe('{"__TIMESTAMP__":2000,"level":"ERROR"}\n');
    expect(codeOf(await call(emulator, "DescribeExports", { TopicId: "web" }))).toBe("AuthFailure.SecretIdNotFound");
    child.kill("SIGTERM");
    expect(await exitCode(child)).toBe(0);

    // started again on the same data dir: the topic is kept and the file is not loaded twice
    const again = await launch(args);
    const port2 = Number(/:(\d+)$/.exec(again.firstLine)?.[1]);
    const topics = (await (await fetch(`http://127.0.0.1:${port2}/_emulator/topics`)).json()) as { topics: { logCount: number }[] };
    expect(topics.topics[0]?.logCount).toBe(2);
    again.child.kill("SIGINT");
    expect(await exitCode(again.child)).toBe(0);
  });

  it("creates nothing when a --topic file cannot be read, and exits 2 naming it", async () => {
    const dir = await tempDir();
    const dataDir = join(dir, "data");
    const child = spawn(
      process.execPath,
      [join(packageDir, "bin/cls-emulator.js"), "--port", "0", "--data-dir", dataDir, "--topic", `web:${join(dir, "missing.ndjson")}`],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    children.push(child);
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    expect(await exitCode(child)).toBe(2);
    expect(stderr).toContain(`--topic web:${join(dir, "missing.ndjson")}: cannot read the file (ENOENT); nothing was created`);
    // the next run with the right file creates and loads the topic
    const logs = join(dir, "logs.ndjson");
    await writeFile(logs, '{"__TIMESTAMP__":1000,"level":"INFO"}\n');
    const second = await launch(["--port", "0", "--data-dir", dataDir, "--topic", `web:${logs}`]);
    const closed = new Promise((resolve) => second.child.once("close", resolve));
    second.child.kill("SIGTERM");
    await closed; // stdio drained
    expect(second.stderr()).toContain(`topic web: created, 1 lines loaded from ${logs}`);
  });

  it("parses keys with tokens, numbers and flags; rejects bad values", () => {
    const config = parseCliArgs(["--key", "A:B:tok:en", "--rate-limit", "0", "--strict-service", "--topic", "x", "--processing-ms", "5"]);
    expect(config.options.keys).toEqual([{ secretId: "A", secretKey: "B", token: "tok:en" }]);
    expect(config.options).toMatchObject({ rateLimit: 0, strictService: true, delays: { processingMs: 5 }, dataDir: ".cls-emulator" });
    expect(config.topics).toEqual([{ id: "x" }]);
    expect(() => parseCliArgs(["--port", "abc"])).toThrow(/--port/);
    expect(() => parseCliArgs(["--key", "only-id"])).toThrow(/--key/);
    expect(() => parseCliArgs(["--bogus"])).toThrow();
    const faulty = parseCliArgs(["--verbose", "--reset-rate", "1"]).options;
    expect(faulty.resetAfterAction?.("CreateExport")).toBe(true);
    expect(typeof faulty.requestLog).toBe("function");
    expect(parseCliArgs(["--reset-rate", "0"]).options.resetAfterAction).toBeUndefined();
    expect(() => parseCliArgs(["--reset-rate", "2"])).toThrow(/--reset-rate wants a number from 0 to 1/);
    expect(() => parseCliArgs(["--reset-rate", "x"])).toThrow(/--reset-rate/);
  });
});

/**
 * The `tcsdk-mock` command (`bin/tcsdk-mock.js` runs the built `cli.js`): its arguments checked before anything starts (a one-line message, exit
 * code 2), the first line it prints, a request served, a port in use (exit code 1, no stack trace),
 * and SIGTERM stopping it with exit code 0.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseMockArgs } from "../src/cli-args.js";
import { mockServices } from "../src/mock-model.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
// the CLI built from the current sources into a folder of its own (the package's dist is left alone:
// other tests pack it meanwhile), beside a link to the models, where the built code looks for them
const build = join(packageDir, ".tmp", "cli");
const bin = join(build, "dist", "cli.js");
const children: ChildProcess[] = [];
const servers: Server[] = [];

beforeAll(async () => {
  rmSync(build, { recursive: true, force: true });
  mkdirSync(build, { recursive: true });
  symlinkSync(join(packageDir, "models"), join(build, "models"), "dir");
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const args = [tsc, "-p", "tsconfig.build.json", "--outDir", join(build, "dist")];
  await promisify(execFile)(process.execPath, args, { cwd: packageDir, timeout: 60_000 });
}, 90_000);

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

afterAll(() => rmSync(build, { recursive: true, force: true }));

/** Runs the bin to its end; resolves with its exit code and output. */
async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], { timeout: 15_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("parseMockArgs", () => {
  const services = ["cls", "cvm"];

  it("reads the service and the port", () => {
    expect(parseMockArgs(["cvm"], services)).toEqual({ help: false, service: "cvm", port: 0 });
    expect(parseMockArgs(["cls", "--port", "4566"], services)).toEqual({ help: false, service: "cls", port: 4566 });
    expect(parseMockArgs(["--port=65535", "cls"], services)).toEqual({ help: false, service: "cls", port: 65535 });
    expect(parseMockArgs(["-h"], services)).toEqual({ help: true });
  });

  it.each([
    [[], "name the service to mock"],
    [["ecs"], 'no mock for service "ecs"; there are: cls, cvm'],
    [["cls", "cvm"], 'one service at a time: "cvm" is one too many'],
    [["cls", "--port", "65536"], '--port must be an integer from 0 to 65535, not "65536"'],
    [["cls", "--port", "80a"], '--port must be an integer from 0 to 65535, not "80a"'],
    [["cls", "--port", "-1"], "--port"],
    [["cls", "--bogus"], "Unknown option '--bogus'"],
  ])("refuses %j: %s", (args, message) => {
    expect(() => parseMockArgs(args, services)).toThrow(message);
  });
});

describe("tcsdk-mock", () => {
  it("prints usage with every service for --help", async () => {
    const { code, stdout } = await run(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain(`one of: ${mockServices().join(", ")}`);
  });

  it("refuses a wrong argument with one line and exit code 2, starting nothing", async () => {
    const { code, stdout, stderr } = await run(["nosuch", "--port", "4566"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.split("\n")[0]).toBe(`tcsdk-mock: no mock for service "nosuch"; there are: ${mockServices().join(", ")}`);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("says why when its port is taken, with exit code 1 and no stack trace", async () => {
    const taken = createServer();
    servers.push(taken);
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as { port: number }).port;
    const { code, stderr } = await run(["cvm", "--port", String(port)]);
    expect(code).toBe(1);
    expect(stderr).toBe(`tcsdk-mock: listen EADDRINUSE: address already in use 127.0.0.1:${port}\n`);
  });

  it("prints its URL first, answers a request, and stops on SIGTERM with exit code 0", async () => {
    const child = spawn(process.execPath, [bin, "cvm"], { stdio: ["ignore", "pipe", "inherit"] });
    children.push(child);
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    const firstLine = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the mock printed nothing within 15 s")), 15_000);
      createInterface({ input: child.stdout as NodeJS.ReadableStream }).once("line", (line) => {
        clearTimeout(timer);
        resolve(line);
      });
      void exited.then((code) => reject(new Error(`the mock exited with ${code}`)));
    });
    const url = /^cvm mock at (http:\/\/127\.0\.0\.1:\d+) \(SecretId AKID\w+, SecretKey [\w-]+\)$/.exec(firstLine)?.[1];
    expect(url, firstLine).toBeDefined();
    const answer = await fetch(String(url), {
      method: "POST",
      headers: { "content-type": "application/json", "x-tc-action": "DescribeInstances", "x-tc-version": "2017-03-12" },
      body: "{}",
    });
    const body = (await answer.json()) as { Response: { Error?: { Code: string }; RequestId: string } };
    expect(body.Response.Error?.Code).toMatch(/^AuthFailure\./);
    expect(body.Response.RequestId).toMatch(/^[0-9a-f-]{36}$/);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});

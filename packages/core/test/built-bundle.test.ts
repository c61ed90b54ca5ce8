/**
 * The built core (`dist`, as published) carries the undici and lossless-json code it runs in its own
 * chunks. These tests copy `dist` and package.json into a folder with no node_modules at all and drive
 * it from a child process: its own Agent, the proxy path (`EnvHttpProxyAgent`), a `bigint` sent and a
 * long integer read (lossless-json), and a download (undici's `request()`).
 */
import { spawn } from "node:child_process";
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startConnectProxy, type TestProxy } from "./helpers/connect-proxy.js";
import { apiSuccess, sendJson, startServer, type TestServer } from "./helpers/test-server.js";

const packageRoot = path.resolve(import.meta.dirname, "..");

/** The start of each child script: a client for a made-up service, as a generated package declares one. */
const PREAMBLE = `
import { ServiceClient } from "@tcsdk/core";
const service = {
  service: "cls", version: "2020-10-16", packageName: "@tcsdk/test-service", packageVersion: "1.0.0",
  endpoints: { china: "cls.tencentcloudapi.com", international: "cls.intl.tencentcloudapi.com", regional: "cls.{region}.tencentcloudapi.com" },
  regions: ["ap-guangzhou"], regionalOnly: [],
};
class Client extends ServiceClient {
  call(action, input) { return this.send({ action, idempotent: true, rateLimit: 0 }, input); }
}
`;

/** Runs in the child: one call per way through the transport, printing what came back as JSON. */
const SCRIPT = `${PREAMBLE}const client = new Client(service, { endpoint: process.env.ENDPOINT, region: "ap-guangzhou", rateLimit: false, credentials: { secretId: "AKIDbundle", secretKey: "bundle-secret" } });
const plain = await client.call("DescribeThings", { Limit: 1 });
const big = await client.call("EchoBig", { Count: 9007199254740993n });
const download = await client.download(process.env.ENDPOINT + "/file");
const body = await download.body.text();
await client.close();
// undici's HTTP/2 client has a stand-in for node:http2 that loads the real one only for an HTTP/2 connection
const http2Loaded = process.moduleLoadList.includes("NativeModule http2");
// deadlines use process.hrtime(): performance.now() would load perf_hooks on the first call
const perfHooksLoaded = process.moduleLoadList.includes("NativeModule perf_hooks");
// the HTTP parser without SIMD is a file of its own, required only where the SIMD one cannot be used
const { createRequire } = await import("node:module");
const parserWithoutSimd = Object.keys(createRequire(import.meta.url).cache).some((file) => file.endsWith("llhttp-wasm.cjs"));
console.log(JSON.stringify({ plain, big: { ...big, Total: String(big.Total), type: typeof big.Total }, status: download.status, body, http2Loaded, perfHooksLoaded, parserWithoutSimd }));
`;

/**
 * Runs in the child: a call through a dispatcher that never answers and holds nothing open. The
 * attempt's limit must keep the process alive until it ends the call.
 */
const SILENT_DISPATCHER_SCRIPT = `${PREAMBLE}const silent = { dispatch: () => true };
const client = new Client(service, { region: "ap-guangzhou", rateLimit: false, dispatcher: silent, timeoutMs: 200, maxAttempts: 1, credentials: { secretId: "AKIDbundle", secretKey: "bundle-secret" } });
const error = await client.call("DescribeThings", {}).catch((caught) => caught);
console.log(JSON.stringify({ name: error.name, kind: error.kind }));
`;

let folder: string;
let server: TestServer;
let proxy: TestProxy;

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "tcsdk-core-built-"));
  const copy = path.join(folder, "node_modules", "@tcsdk", "core");
  await cp(path.join(packageRoot, "dist"), path.join(copy, "dist"), { recursive: true });
  await cp(path.join(packageRoot, "package.json"), path.join(copy, "package.json"));
  await writeFile(path.join(folder, "main.mjs"), SCRIPT);
  await writeFile(path.join(folder, "silent-dispatcher.mjs"), SILENT_DISPATCHER_SCRIPT);
  server = await startServer((request, response) => {
    if (request.url === "/file") {
      response.writeHead(200, { "content-type": "text/plain" }).end("file body");
      return;
    }
    const action = request.headers["x-tc-action"];
    // the answer's integer is past 2^53, written as JSON numbers are: only lossless-json keeps it exact
    if (action === "EchoBig") {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(`{"Response":{"Sent":${JSON.stringify(request.body.toString())},"Total":9007199254740993,"RequestId":"req-big"}}`);
      return;
    }
    sendJson(response, apiSuccess({ Action: action, Body: request.body.toString(), UserAgent: request.headers["user-agent"] }));
  });
  proxy = await startConnectProxy();
}, 60_000);

afterAll(async () => {
  await server?.close();
  await proxy?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

/** Runs the script with a bare environment plus `env`; resolves with what it printed. */
function runScript(env: Record<string, string>, script = "main.mjs"): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { cwd: folder, env: { PATH: process.env["PATH"] ?? "", HOME: folder, ...env } });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk));
    const timer = setTimeout(() => child.kill(), 30_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(JSON.parse(out) as Record<string, unknown>);
      else reject(new Error(`exit ${code}: ${err}`));
    });
  });
}

describe("the built core, installed alone (no undici, no lossless-json)", () => {
  it("imports no third-party package: the published JavaScript names none", async () => {
    const files = (await readdir(path.join(packageRoot, "dist"), { recursive: true })).filter((file) => file.endsWith(".js"));
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const text = await readFile(path.join(packageRoot, "dist", file), "utf8");
      const imported = [...text.matchAll(/(?:from\s*|import\(\s*|require\(\s*)"([^"]+)"/g)].map((match) => match[1] ?? "");
      expect(
        imported.filter((name) => !name.startsWith(".") && !name.startsWith("node:")),
        file,
      ).toEqual([]);
    }
    const manifest = JSON.parse(await readFile(path.join(packageRoot, "package.json"), "utf8")) as { dependencies: object };
    const code = await Promise.all(files.map((file) => readFile(path.join(packageRoot, "dist", file), "utf8")));
    expect(code.filter((text) => text.includes("TCSDK_CORE_VERSION"))).toEqual([]);
    expect(Object.keys(manifest.dependencies)).toEqual(["undici-types"]);
  });

  it("calls through its own Agent, sends a bigint and reads a long integer exactly, and downloads", async () => {
    const result = await runScript({ ENDPOINT: server.url });
    expect(result["plain"]).toMatchObject({ Action: "DescribeThings", Body: '{"Limit":1}', RequestId: "req-ok" });
    // the version is written into the built code: a bundled app has no package.json of core's to read
    const { version } = JSON.parse(await readFile(path.join(packageRoot, "package.json"), "utf8")) as { version: string };
    expect((result["plain"] as { UserAgent: string }).UserAgent).toContain(` tcsdk-core/${version} `);
    expect(result["big"]).toMatchObject({ Sent: '{"Count":9007199254740993}', Total: "9007199254740993", type: "bigint" });
    expect(result).toMatchObject({ status: 200, body: "file body" });
    expect(proxy.tunnels).toEqual([]);
    expect(result["http2Loaded"]).toBe(false);
    expect(result["parserWithoutSimd"]).toBe(false);
    expect(result["perfHooksLoaded"]).toBe(false);
  });

  it("parses answers without WebAssembly SIMD too, with the parser kept in a file of its own (scripts/undici-trim.mjs)", async () => {
    // undici's switch for machines whose WebAssembly has no SIMD
    const result = await runScript({ ENDPOINT: server.url, UNDICI_NO_WASM_SIMD: "1" });
    expect(result["plain"]).toMatchObject({ Action: "DescribeThings", RequestId: "req-ok" });
    expect(result).toMatchObject({ status: 200, body: "file body", parserWithoutSimd: true });
  });

  it("keeps the process open for a call in flight that holds nothing else open, until its attempt times out", async () => {
    const result = await runScript({}, "silent-dispatcher.mjs");
    expect(result).toEqual({ name: "TcTimeoutError", kind: "attempt" });
  });

  it("gives undici's HTTP/2 client node:http2's own constants, without loading node:http2 (scripts/lazy-http2.mjs)", async () => {
    const files = (await readdir(path.join(packageRoot, "dist", "chunks"))).filter((file) => file.endsWith(".js"));
    const texts = await Promise.all(files.map((file) => readFile(path.join(packageRoot, "dist", "chunks", file), "utf8")));
    const standIns = texts.flatMap((text) =>
      [...text.matchAll(/"lazy:node-http2"\(\w+\)\{\w+\.constants=(\{[^}]*\})/g)].map((match) => match[1] ?? ""),
    );
    expect(standIns).toHaveLength(1);
    // the chunk is minified: an object literal of strings and numbers, read as JavaScript
    const constants = new Function(`return ${standIns[0]}`)() as Record<string, unknown>;
    // the names undici's client-h2.js destructures, as this Node defines them
    expect(Object.keys(constants)).toEqual(expect.arrayContaining(["HTTP2_HEADER_AUTHORITY", "HTTP2_HEADER_STATUS", "NGHTTP2_CANCEL"]));
    const { constants: real } = await import("node:http2");
    for (const [name, value] of Object.entries(constants)) expect(value, name).toBe(real[name as keyof typeof real]);
  });

  it("goes through the proxy named by HTTP_PROXY (the bundled EnvHttpProxyAgent)", async () => {
    const before = proxy.tunnels.length;
    const result = await runScript({ ENDPOINT: server.url, HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url });
    expect(result["plain"]).toMatchObject({ Action: "DescribeThings", RequestId: "req-ok" });
    expect(proxy.tunnels.slice(before)).toContain(`127.0.0.1:${server.port}`);
    expect(result["http2Loaded"]).toBe(false);
  });

  it("is one file of core's own code: index.js imports no chunk, and the other entry points re-export its classes", async () => {
    const index = await readFile(path.join(packageRoot, "dist", "index.js"), "utf8");
    expect([...index.matchAll(/\bfrom\s*"(\.[^"]+)"/g)].map((match) => match[1])).toEqual([]);
    // only undici's and lossless-json's chunks, loaded when first needed
    expect([...index.matchAll(/\bimport\(\s*"(\.[^"]+)"/g)]).toHaveLength(2);
    await writeFile(
      path.join(folder, "entries.mjs"),
      `import * as core from "@tcsdk/core";
import * as errors from "@tcsdk/core/errors";
import * as signing from "@tcsdk/core/signing";
import * as credentials from "@tcsdk/core/credentials";
const same = (entry) => Object.keys(entry).length > 0 && Object.entries(entry).every(([name, value]) => core[name] === value);
console.log(JSON.stringify({ errors: same(errors), signing: same(signing), credentials: same(credentials), names: Object.keys(errors) }));`,
    );
    const result = await runScript({}, "entries.mjs");
    expect(result).toMatchObject({ errors: true, signing: true, credentials: true });
    expect(result["names"]).toEqual(expect.arrayContaining(["TcError", "TcServiceError", "TcValidationError"]));
  });

  it("ships the licences of the code it bundles", async () => {
    const licences = await readFile(path.join(packageRoot, "dist", "THIRD-PARTY-LICENSES.md"), "utf8");
    const pinned = (
      JSON.parse(await readFile(path.join(packageRoot, "package.json"), "utf8")) as { devDependencies: Record<string, string> }
    ).devDependencies["undici"];
    expect(licences).toContain(`## undici@${pinned}`);
    expect(licences).toMatch(/## lossless-json@\d+\.\d+\.\d+/);
    expect(licences.match(/Permission is hereby granted, free of charge/g)?.length).toBe(2);
  });
});

/**
 * Core bundles files from inside undici (see src/internal/undici-parts.cjs); they are not public
 * API, which is why the undici that core builds from is pinned. These tests fail loudly when an undici
 * upgrade moves or changes them: each must be the very object undici's public index exports.
 */
import { createRequire } from "node:module";
import { afterEach, describe, expect, it } from "vitest";
import { loadAgent, loadEnvHttpProxyAgent, loadRequest } from "../src/internal/undici-modules.js";
import { apiSuccess, sendJson, startServer, type TestServer } from "./helpers/test-server.js";

const require = createRequire(import.meta.url);
const undici = require("undici") as typeof import("undici");

describe("undici files loaded by path", () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("the installed undici is the exact version package.json pins, and undici-types the same", () => {
    const manifest = require("../package.json") as Record<"dependencies" | "devDependencies", Record<string, string>>;
    const pinned = manifest.devDependencies["undici"];
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/); // exact, no range
    expect((require("undici/package.json") as { version: string }).version).toBe(pinned);
    // the types users see are those of the code bundled
    expect(manifest.dependencies["undici-types"]).toBe(pinned);
    expect((require("undici-types/package.json") as { version: string }).version).toBe(pinned);
  });

  it("lib/dispatcher/agent.js is undici's Agent", async () => {
    expect(await loadAgent()).toBe(undici.Agent);
  });

  it("lib/dispatcher/env-http-proxy-agent.js is undici's EnvHttpProxyAgent", async () => {
    expect(await loadEnvHttpProxyAgent()).toBe(undici.EnvHttpProxyAgent);
  });

  it("lib/dispatcher/dispatcher.js is undici's Dispatcher, and lib/api/index.js the methods its index gives it", async () => {
    const [dispatcher, api] = await Promise.all([import("undici/lib/dispatcher/dispatcher.js"), import("undici/lib/api/index.js")]);
    expect(dispatcher.default).toBe(undici.Dispatcher);
    for (const [name, method] of Object.entries(api.default)) {
      expect(undici.Dispatcher.prototype[name as keyof typeof api.default], name).toBe(method);
    }
    expect(Object.keys(api.default)).toContain("connect");
  });

  it("lib/api/api-request.js is undici's dispatcher.request(), and works on an Agent loaded alone", async () => {
    const request = await loadRequest();
    expect(request).toBe(undici.Dispatcher.prototype.request);
    server = await startServer((_req, res) => sendJson(res, apiSuccess({ Ok: true })));
    const agent = new (await loadAgent())();
    try {
      const answer = await request.call(agent, { origin: server.url, path: "/", method: "POST", body: "{}" });
      expect(answer.statusCode).toBe(200);
      expect(await answer.body.json()).toMatchObject({ Response: { Ok: true } });
    } finally {
      await agent.close();
    }
  });
});

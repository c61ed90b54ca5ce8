import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  TcCredentialsError,
  credentialChain,
  defaultCredentialChain,
  defaultProfilePath,
  fromEnvironment,
  fromInstanceRole,
  fromProfileFile,
  profileRegion,
} from "../src/index.js";
import { parseIni } from "../src/credentials/profile-file.js";
import { DescribeExports, TestClient, rejectionOf } from "./helpers/test-client.js";
import { apiSuccess, sendJson, startServer, type Handler, type TestServer } from "./helpers/test-server.js";

let home: string;
const savedHome = process.env["HOME"];
let metadata: TestServer | undefined;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), "tcsdk-home-"));
  process.env["HOME"] = home;
});
afterEach(async () => {
  process.env["HOME"] = savedHome;
  delete process.env["TENCENTCLOUD_PROFILE"];
  rmSync(home, { recursive: true, force: true });
  await metadata?.close();
  metadata = undefined;
});

function writeProfileFile(text: string): string {
  mkdirSync(join(home, ".tencentcloud"), { recursive: true });
  const path = join(home, ".tencentcloud", "credentials");
  writeFileSync(path, text);
  return path;
}

/** A fake CVM metadata service on 127.0.0.1 with role `cls-role`; `answer` makes the credentials JSON. */
async function startMetadata(
  answer: (index: number) => unknown,
  delayMs = 0,
): Promise<{ server: TestServer; base: string; credentialFetches: () => number }> {
  let fetches = 0;
  const handler: Handler = (req, res) => {
    if (req.url === "/latest/meta-data/cam/security-credentials/") {
      res.writeHead(200, { "content-type": "text/plain" }).end("cls-role\n");
    } else if (req.url === "/latest/meta-data/cam/security-credentials/cls-role") {
      const body = answer(fetches++);
      setTimeout(() => (typeof body === "number" ? res.writeHead(body).end() : sendJson(res, body)), delayMs);
    } else res.writeHead(404).end();
  };
  const server = await startServer(handler);
  metadata = server;
  return { server, base: `${server.url}/latest/meta-data/`, credentialFetches: () => fetches };
}

const roleAnswer = (n: number, expiresInS: number, now = Date.now()) => ({
  TmpSecretId: `AKIDtmp${n}`,
  TmpSecretKey: `tmpkey${n}`,
  Token: `token${n}`,
  ExpiredTime: Math.floor(now / 1000) + expiresInS,
  Expiration: new Date(now + expiresInS * 1000).toISOString(),
  Code: "Success",
});

describe("environment", () => {
  it("reads the three variables", async () => {
    const env = { TENCENTCLOUD_SECRET_ID: "id", TENCENTCLOUD_SECRET_KEY: "key", TENCENTCLOUD_SESSION_TOKEN: "tok" };
    await expect(fromEnvironment(env)()).resolves.toEqual({ secretId: "id", secretKey: "key", sessionToken: "tok" });
    await expect(fromEnvironment({ TENCENTCLOUD_SECRET_ID: "id", TENCENTCLOUD_SECRET_KEY: "key" })()).resolves.toEqual({
      secretId: "id",
      secretKey: "key",
    });
  });

  it("says which variable is missing", async () => {
    const error = await rejectionOf(fromEnvironment({ TENCENTCLOUD_SECRET_ID: "id" })());
    expect(error).toBeInstanceOf(TcCredentialsError);
    expect((error as Error).message).toBe("environment: TENCENTCLOUD_SECRET_KEY not set");
  });
});

describe("profile file", () => {
  it("reads [default] from ~/.tencentcloud/credentials under HOME", async () => {
    const path = writeProfileFile(
      '# mine\n[default]\nsecret_id = AKIDfile\nsecret_key = "filekey"\n\n[other]\nsecret_id=o\nsecret_key=ok\ntoken=otok\n',
    );
    expect(defaultProfilePath()).toBe(path);
    await expect(fromProfileFile()()).resolves.toEqual({ secretId: "AKIDfile", secretKey: "filekey" });
  });

  it("reads the profile named by TENCENTCLOUD_PROFILE, with its token", async () => {
    writeProfileFile("[default]\nsecret_id=d\nsecret_key=dk\n[other]\nsecret_id=o\nsecret_key=ok\ntoken=otok\n");
    process.env["TENCENTCLOUD_PROFILE"] = "other";
    await expect(fromProfileFile()()).resolves.toEqual({ secretId: "o", secretKey: "ok", sessionToken: "otok" });
  });

  it("explains a missing file, profile or key, and finds a file written later", async () => {
    const provider = fromProfileFile();
    expect(((await rejectionOf(provider())) as Error).message).toMatch(/profile file .*credentials: not found$/);
    writeProfileFile("[default]\nsecret_id=d\n");
    expect(((await rejectionOf(provider())) as Error).message).toMatch(/\[default\] has no secret_key$/);
    expect(((await rejectionOf(fromProfileFile({ profile: "nope" })())) as Error).message).toMatch(/no \[nope\] profile$/);
    writeProfileFile("[default]\nsecret_id=d\nsecret_key=dk\n");
    await expect(provider()).resolves.toEqual({ secretId: "d", secretKey: "dk" });
  });

  it("gives a profile's region, and undefined for a missing file, profile or key", async () => {
    await expect(profileRegion()).resolves.toBeUndefined();
    writeProfileFile("[default]\nsecret_id=d\nsecret_key=dk\nregion = ap-guangzhou\n[other]\nsecret_id=o\nsecret_key=ok\n");
    await expect(profileRegion()).resolves.toBe("ap-guangzhou");
    await expect(profileRegion({ profile: "other" })).resolves.toBeUndefined();
    await expect(profileRegion({ profile: "nope" })).resolves.toBeUndefined();
  });

  it("parses INI comments, spacing and CRLF", () => {
    const sections = parseIni('; c\r\n[ a ]\r\nKey = v \r\n# x\r\nbad line\r\n[b]\r\nk="q"\r\n');
    expect(sections.get("a")?.get("key")).toBe("v");
    expect(sections.get("b")?.get("k")).toBe("q");
  });
});

describe("CVM instance role (fake metadata server on 127.0.0.1)", () => {
  it("reads the role name, then its credentials", async () => {
    const { base } = await startMetadata((n) => roleAnswer(n, 3600));
    const credentials = await fromInstanceRole({ metadataUrl: base })();
    expect(credentials).toMatchObject({ secretId: "AKIDtmp0", secretKey: "tmpkey0", sessionToken: "token0" });
    expect(metadata?.requests.map((r) => r.url)).toEqual([
      "/latest/meta-data/cam/security-credentials/",
      "/latest/meta-data/cam/security-credentials/cls-role",
    ]);
  });

  it("caches, refreshes 5 minutes before expiry, and shares one fetch between concurrent callers", async () => {
    const { base, credentialFetches } = await startMetadata((n) => roleAnswer(n, 3600, 0), 20);
    let now = 0;
    const provider = fromInstanceRole({ metadataUrl: base, roleName: "cls-role", clock: () => now });
    const first = await Promise.all([provider(), provider(), provider()]);
    expect(credentialFetches()).toBe(1);
    expect(first.map((c) => c.secretId)).toEqual(["AKIDtmp0", "AKIDtmp0", "AKIDtmp0"]);
    now = 3600_000 - 300_001; // just outside the refresh window: cached
    expect((await provider()).secretId).toBe("AKIDtmp0");
    expect(credentialFetches()).toBe(1);
    now = 3600_000 - 299_000; // inside it: fetched again
    expect((await provider()).secretId).toBe("AKIDtmp1");
    expect(credentialFetches()).toBe(2);
  });

  it("does not cache failures, and keeps unexpired credentials when a refresh fails", async () => {
    const answers: unknown[] = [500, { Code: "Failure" }, roleAnswer(2, 600, 0), 500];
    const { base, credentialFetches } = await startMetadata((n) => answers[n]);
    let now = 0;
    const provider = fromInstanceRole({ metadataUrl: base, roleName: "cls-role", clock: () => now });
    expect(((await rejectionOf(provider())) as Error).message).toContain("HTTP 500");
    expect(((await rejectionOf(provider())) as Error).message).toContain("holds no credentials (Code Failure)");
    expect((await provider()).secretId).toBe("AKIDtmp2");
    now = 400_000; // inside the refresh window, refresh fails (HTTP 500), still valid
    expect((await provider()).secretId).toBe("AKIDtmp2");
    expect(credentialFetches()).toBe(4);
  });

  it("fails fast when the metadata service does not answer", async () => {
    const silent = await startServer(() => undefined);
    metadata = silent;
    const error = await rejectionOf(fromInstanceRole({ metadataUrl: `${silent.url}/latest/meta-data/`, timeoutMs: 100 })());
    expect(error).toBeInstanceOf(TcCredentialsError);
    expect((error as Error).message).toContain("no answer within 100 ms");
  });
});

describe("the chain", () => {
  it("takes the first source that answers, and sticks to it", async () => {
    let envCalls = 0;
    const chain = credentialChain(
      () => {
        envCalls++;
        return Promise.reject(new TcCredentialsError("environment: nothing"));
      },
      () => Promise.resolve({ secretId: "second", secretKey: "k" }),
    );
    expect((await chain()).secretId).toBe("second");
    expect((await chain()).secretId).toBe("second");
    expect(envCalls).toBe(1);
  });

  it("environment → profile file → instance role, and one error listing everything tried", async () => {
    const closed = await startServer((_req, res) => res.writeHead(404).end());
    metadata = closed;
    const chain = defaultCredentialChain({ env: {}, instanceRole: { metadataUrl: `${closed.url}/latest/meta-data/` } });
    const error = await rejectionOf(chain());
    expect(error).toBeInstanceOf(TcCredentialsError);
    const tried = (error as TcCredentialsError).tried;
    expect(tried).toHaveLength(3);
    expect(tried[0]).toBe("environment: TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY not set");
    expect(tried[1]).toMatch(/^profile file .*\.tencentcloud\/credentials: not found$/);
    expect(tried[2]).toMatch(/^instance role: http:\/\/127\.0\.0\.1:\d+\/latest\/meta-data\/cam\/security-credentials\/: HTTP 404$/);
    expect((error as Error).message).toContain("no credentials found; tried: environment:");
  });

  it("a client without credentials uses the chain (here: the environment)", async () => {
    const server = await startServer((_req, res) => sendJson(res, apiSuccess()));
    process.env["TENCENTCLOUD_SECRET_ID"] = "AKIDenv";
    process.env["TENCENTCLOUD_SECRET_KEY"] = "envkey";
    try {
      const client = new TestClient({ endpoint: server.url });
      await client.call(DescribeExports, {});
      await client.close();
      expect(String(server.requests[0]?.headers["authorization"])).toContain("Credential=AKIDenv/");
    } finally {
      delete process.env["TENCENTCLOUD_SECRET_ID"];
      delete process.env["TENCENTCLOUD_SECRET_KEY"];
      await server.close();
    }
  });

  it("a call that finds no credentials names its action and service, what was tried, and how to give some", async () => {
    const server = await startServer((_req, res) => sendJson(res, apiSuccess()));
    const nothing = credentialChain(
      () => Promise.reject(new TcCredentialsError("environment: TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY not set")),
      () => Promise.reject(new TcCredentialsError("profile file ~/.tencentcloud/credentials: not found")),
    );
    const client = new TestClient({ endpoint: server.url, credentials: nothing });
    const error = (await rejectionOf(client.call(DescribeExports, {}))) as TcCredentialsError;
    expect(error).toBeInstanceOf(TcCredentialsError);
    expect(error).toMatchObject({ action: "DescribeExports", service: "cls" });
    expect(error.tried).toHaveLength(2);
    expect(error.message).toMatch(/^DescribeExports \(cls\) found no credentials: pass `credentials` to the client/);
    expect(error.message).toContain("or set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY");
    expect(error.message).toContain("; tried: environment: TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY not set; profile file");

    const single = new TestClient({
      endpoint: server.url,
      credentials: () => Promise.reject(new TcCredentialsError("token file unreadable")),
    });
    await expect(single.call(DescribeExports, {})).rejects.toThrow("DescribeExports (cls): token file unreadable");
    expect(server.requests.length).toBe(0);
    await client.close();
    await single.close();
    await server.close();
  });

  it("a client whose credentials are incomplete fails before sending", async () => {
    const server = await startServer((_req, res) => sendJson(res, apiSuccess()));
    const client = new TestClient({ endpoint: server.url, credentials: { secretId: "id", secretKey: "" } });
    await expect(client.call(DescribeExports, {})).rejects.toBeInstanceOf(TcCredentialsError);
    expect(server.requests.length).toBe(0);
    await server.close();
  });
});

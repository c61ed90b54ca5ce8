/**
 * `fromWebIdentity` against a local STS stand-in: settings from the TKE variables, AssumeRoleWithWebIdentity
 * sent unsigned with the token file's content, the token read again at each refresh, single flight,
 * and errors that name what is missing.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { TcCredentialsError } from "@tcsdk/core";
import { startMock, type Mock } from "@tcsdk/mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fromWebIdentity, TKE_ENV } from "../src/index.js";

const ROLE = "qcs::cam::uin/100000000001:roleName/pod-reader";
let dir: string;
let sts: Mock;
let now = Date.parse("2026-11-30T00:00:00Z");
const clock = (): number => now;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "tcsdk-oidc-"));
  await writeFile(path.join(dir, "token"), "token-one\n");
  sts = await startMock({
    service: "sts",
    clock,
    answers: {
      AssumeRoleWithWebIdentity: (params) => ({
        Credentials: { TmpSecretId: `AKID-${String(params["WebIdentityToken"])}`, TmpSecretKey: "temporary-key", Token: "session-token" },
        ExpiredTime: Math.floor(now / 1000) + 7200,
        Expiration: new Date(now + 7_200_000).toISOString(),
      }),
    },
  });
});
afterEach(async () => {
  await sts.close();
  await rm(dir, { recursive: true, force: true });
});

function tkeEnv(): NodeJS.ProcessEnv {
  return {
    [TKE_ENV.region]: "ap-guangzhou",
    [TKE_ENV.providerId]: "tke-oidc",
    [TKE_ENV.tokenFile]: path.join(dir, "token"),
    [TKE_ENV.roleArn]: ROLE,
  };
}

describe("fromWebIdentity", () => {
  it("reads its settings from the TKE variables and sends AssumeRoleWithWebIdentity unsigned, with the token", async () => {
    const credentials = fromWebIdentity({ env: tkeEnv(), roleSessionName: "pod-1", sts: { endpoint: sts.url } });
    await expect(credentials()).resolves.toMatchObject({ secretId: "AKID-token-one", sessionToken: "session-token" });
    expect(sts.requests).toEqual([
      {
        action: "AssumeRoleWithWebIdentity",
        unsigned: true,
        params: { ProviderId: "tke-oidc", WebIdentityToken: "token-one", RoleArn: ROLE, RoleSessionName: "pod-1" },
      },
    ]);
  });

  it("makes one call for 100 concurrent ones, and reads the rotated token at the refresh", async () => {
    const credentials = fromWebIdentity({ env: tkeEnv(), clock, sts: { endpoint: sts.url, clock } });
    const burst = await Promise.all(Array.from({ length: 100 }, () => credentials()));
    expect(new Set(burst).size).toBe(1);
    expect(sts.requests).toHaveLength(1);

    await writeFile(path.join(dir, "token"), "token-two\n");
    now += 7_200_000 - 299_000; // within 5 minutes of expiry
    const refreshed = await Promise.all(Array.from({ length: 100 }, () => credentials()));
    expect(sts.requests).toHaveLength(2);
    expect(refreshed[0]?.secretId).toBe("AKID-token-two");
  });

  it("names the option and the variable that are missing, and the token file it cannot read", async () => {
    const { [TKE_ENV.roleArn]: _role, ...withoutRole } = tkeEnv();
    const missing = await fromWebIdentity({ env: withoutRole, sts: { endpoint: sts.url } })().catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(TcCredentialsError);
    expect((missing as Error).message).toBe("fromWebIdentity: no roleArn; set the option roleArn or the variable TKE_ROLE_ARN");

    const unreadable = fromWebIdentity({ env: { ...tkeEnv(), [TKE_ENV.tokenFile]: path.join(dir, "nope") }, sts: { endpoint: sts.url } });
    await expect(unreadable()).rejects.toThrow(/cannot read the token file .*nope \(ENOENT\)/);
    expect(sts.requests).toEqual([]);
  });

  it("names the role when STS refuses the token", async () => {
    sts.answer("AssumeRoleWithWebIdentity", () => {
      throw new Error("unexpected");
    });
    const credentials = fromWebIdentity({ env: tkeEnv(), sts: { endpoint: sts.url, maxAttempts: 1 } });
    await expect(credentials()).rejects.toThrow(`STS AssumeRoleWithWebIdentity for role ${ROLE} failed`);
  });
});

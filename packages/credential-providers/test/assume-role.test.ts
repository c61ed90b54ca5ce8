/**
 * `fromAssumeRole` against a local STS stand-in (the STS mock, counting calls): AssumeRole signed with
 * the source keys, the credentials it answers used by another client (token and all), refreshed before
 * expiry and not before, one call for a hundred concurrent ones, and failures that name the role.
 */
import { TcCredentialsError } from "@tcsdk/core";
import { CvmClient } from "@tcsdk/cvm";
import { MOCK_KEY, MockServiceError, startMock, type Mock } from "@tcsdk/mock";
import { afterEach, describe, expect, it } from "vitest";
import { fromAssumeRole } from "../src/index.js";

const ROLE = "qcs::cam::uin/100000000001:roleName/deployer";
const TEMP = {
  secretId: "AKIDtemporarytemporarytemporary1",
  secretKey: "temporary-secret-key-0123456789",
  token: "temporary-session-token-abcdef",
};

const mocks: Mock[] = [];
afterEach(async () => {
  await Promise.all(mocks.splice(0).map((mock) => mock.close()));
});

/** An STS stand-in whose credentials expire `lifetimeS` seconds after the (fake) clock's now. */
async function stsStandIn(now: () => number, lifetimeS = 7200): Promise<Mock> {
  const sts = await startMock({
    service: "sts",
    clock: now,
    answers: {
      AssumeRole: () => ({
        Credentials: { TmpSecretId: TEMP.secretId, TmpSecretKey: TEMP.secretKey, Token: TEMP.token },
        ExpiredTime: Math.floor(now() / 1000) + lifetimeS,
        Expiration: new Date(now() + lifetimeS * 1000).toISOString(),
      }),
    },
  });
  mocks.push(sts);
  return sts;
}

const assumeRoleCalls = (sts: Mock): number => sts.requests.filter((request) => request.action === "AssumeRole").length;

describe("fromAssumeRole", () => {
  it("assumes the role with the source keys, and its credentials (with their token) sign another service's calls", async () => {
    const sts = await stsStandIn(Date.now);
    const cvm = await startMock({ service: "cvm", keys: [TEMP] });
    mocks.push(cvm);
    const credentials = fromAssumeRole({
      source: MOCK_KEY,
      roleArn: ROLE,
      roleSessionName: "ci-deploy",
      durationSeconds: 1800,
      policy: { version: "2.0", statement: [{ effect: "allow", action: ["cvm:Describe*"], resource: ["*"] }] },
      sts: { endpoint: sts.url },
    });
    const client = new CvmClient({ endpoint: cvm.url, credentials, region: "ap-guangzhou" });
    try {
      await client.describeRegions({});
    } finally {
      await client.close();
    }
    expect(cvm.requests).toEqual([{ action: "DescribeRegions", params: {}, unsigned: false }]);
    expect(sts.requests).toHaveLength(1);
    const params = sts.requests[0]?.params as Record<string, unknown>;
    expect(params).toMatchObject({ RoleArn: ROLE, RoleSessionName: "ci-deploy", DurationSeconds: 1800 });
    expect(decodeURIComponent(String(params["Policy"]))).toBe(
      '{"version":"2.0","statement":[{"effect":"allow","action":["cvm:Describe*"],"resource":["*"]}]}',
    );
    expect(sts.requests[0]?.unsigned).toBe(false);
  });

  it("makes one AssumeRole for 100 concurrent calls", async () => {
    const sts = await stsStandIn(Date.now);
    const credentials = fromAssumeRole({ source: MOCK_KEY, roleArn: ROLE, roleSessionName: "burst", sts: { endpoint: sts.url } });
    const all = await Promise.all(Array.from({ length: 100 }, () => credentials()));
    expect(new Set(all).size).toBe(1);
    expect(all[0]).toMatchObject({ secretId: TEMP.secretId, sessionToken: TEMP.token });
    expect(assumeRoleCalls(sts)).toBe(1);
  });

  it("refreshes 5 minutes before expiry, not earlier, and once for concurrent callers then", async () => {
    let now = Date.parse("2026-11-30T00:00:00Z");
    const clock = (): number => now;
    const sts = await stsStandIn(clock, 3600);
    const credentials = fromAssumeRole({
      source: MOCK_KEY,
      roleArn: ROLE,
      roleSessionName: "long",
      clock,
      sts: { endpoint: sts.url, clock },
    });
    const first = await credentials();
    expect(first.expiresAt).toBe(now + 3_600_000);
    now += 3_600_000 - 301_000; // 5 min 1 s before expiry: still fresh
    await Promise.all(Array.from({ length: 20 }, () => credentials()));
    expect(assumeRoleCalls(sts)).toBe(1);
    now += 2_000; // 4 min 59 s before expiry: refreshed, once
    const refreshed = await Promise.all(Array.from({ length: 100 }, () => credentials()));
    expect(assumeRoleCalls(sts)).toBe(2);
    expect(refreshed[0]?.expiresAt).toBe(now + 3_600_000);
  });

  it("fails with a TcCredentialsError that names the role and keeps STS's code context and RequestId", async () => {
    const sts = await stsStandIn(Date.now);
    sts.answer("AssumeRole", () => {
      throw new MockServiceError("ResourceNotFound.RoleNotExist", "The role does not exist.");
    });
    const credentials = fromAssumeRole({ source: MOCK_KEY, roleArn: ROLE, roleSessionName: "missing", sts: { endpoint: sts.url } });
    const error = await credentials().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TcCredentialsError);
    expect((error as TcCredentialsError).message).toContain(`STS AssumeRole for role ${ROLE} failed`);
    expect((error as TcCredentialsError).message).toContain("ResourceNotFound.RoleNotExist");
    expect(error).toMatchObject({ service: "sts", action: "AssumeRole", requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(JSON.stringify(error)).not.toContain(MOCK_KEY.secretKey);
  });

  it("fails when the source keys are wrong, naming the role", async () => {
    const sts = await stsStandIn(Date.now);
    const credentials = fromAssumeRole({
      source: { secretId: MOCK_KEY.secretId, secretKey: "not-the-key" },
      roleArn: ROLE,
      roleSessionName: "bad-keys",
      sts: { endpoint: sts.url },
    });
    await expect(credentials()).rejects.toThrow(
      new RegExp(`role ${ROLE.replaceAll(/[.*+?^${}()|[\]\\]/g, "\\$&")} failed.*AuthFailure.SignatureFailure`),
    );
  });
});

/**
 * Actions sent unsigned (`OperationInfo.unsigned`, from the spec's `unsigned` flag): STS
 * AssumeRoleWithWebIdentity and AssumeRoleWithSAML carry their proof in the request, and Tencent
 * documents `Authorization: SKIP` for them.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { CredentialProvider, OperationInfo } from "../src/index.js";
import { DescribeExports, TestClient, localOptions, testCredentials } from "./helpers/test-client.js";
import { apiSuccess, sendJson, startServer, type TestServer } from "./helpers/test-server.js";

const AssumeRoleWithWebIdentity: OperationInfo = { action: "AssumeRoleWithWebIdentity", idempotent: false, unsigned: true };

let server: TestServer | undefined;
let client: TestClient | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

describe("an unsigned action", () => {
  it("sends Authorization: SKIP, no X-TC-Token, and never asks for credentials", async () => {
    server = await startServer((_req, res) => sendJson(res, apiSuccess({ Credentials: {} })));
    let asked = 0;
    const credentials: CredentialProvider = async () => {
      asked++;
      return { ...testCredentials, sessionToken: "a-session-token-that-must-not-travel" };
    };
    client = new TestClient(localOptions(server.url, { credentials }));
    await client.call(AssumeRoleWithWebIdentity, { RoleArn: "qcs::cam::uin/1:roleName/r" });
    const headers = server.requests[0]?.headers ?? {};
    expect(headers.authorization).toBe("SKIP");
    expect(headers["x-tc-token"]).toBeUndefined();
    expect(headers["x-tc-action"]).toBe("AssumeRoleWithWebIdentity");
    expect(headers["x-tc-timestamp"]).toMatch(/^\d+$/);
    expect(asked).toBe(0);

    await client.call(DescribeExports, {});
    expect(server.requests[1]?.headers.authorization).toMatch(/^TC3-HMAC-SHA256 Credential=/);
    expect(asked).toBe(1);
  });

  it("works on a client that has no credentials at all", async () => {
    server = await startServer((_req, res) => sendJson(res, apiSuccess({ Credentials: {} })));
    const failing: CredentialProvider = async () => {
      throw new Error("no credentials here");
    };
    client = new TestClient(localOptions(server.url, { credentials: failing }));
    await expect(client.call(AssumeRoleWithWebIdentity, {})).resolves.toMatchObject({ RequestId: expect.any(String) });
    expect(server.requests[0]?.headers.authorization).toBe("SKIP");
  });
});

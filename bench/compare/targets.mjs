// @ts-check
/**
 * The three clients compared, each making the same CreateExport call against a loopback URL:
 *
 * - `tcsdk`: `@tcsdk/cls`'s `ClsClient.createExport` (validation, signing, the undici transport; the
 *   client's own rate limit off, since the point is the cost of a call);
 * - `official`: Tencent's `tencentcloud-sdk-nodejs-common` `CommonClient.request("CreateExport", …)`;
 * - `floor`: an undici `Pool` and `request()`, with TC3-HMAC-SHA256 signed inline (the day's key
 *   derived once) and the answer parsed with `JSON.parse`: the least any undici-based SDK must do.
 * @module
 */
import { createHash, createHmac } from "node:crypto";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** The credentials every target signs with (the server does not check them). */
export const CREDENTIALS = { secretId: "AKIDbenchbenchbenchbenchbenchbench", secretKey: "benchbenchbenchbenchbenchbenchbe" };

/** The CreateExport input every target sends. */
export const INPUT = /** @type {const} */ ({
  TopicId: "ee20bb16-3025-4048-b81a-dd436373062e",
  Query: "status:500",
  Count: 1000,
  From: 1_700_000_000_000,
  To: 1_700_000_600_000,
  Order: "desc",
  Format: "json",
});

/** Names of the targets, in the order the tables show them. */
export const TARGETS = /** @type {const} */ (["floor", "tcsdk", "official"]);

/**
 * @typedef {object} Caller
 * @property {() => Promise<{ ExportId?: unknown }>} call One CreateExport; resolves with the `Response` object.
 * @property {() => Promise<void>} close Closes the target's connections.
 */

/**
 * @param {string} target one of {@link TARGETS}
 * @param {string} url `http://127.0.0.1:<port>`
 * @returns {Promise<Caller>}
 */
export async function makeCaller(target, url) {
  if (target === "tcsdk") return tcsdkCaller(url);
  if (target === "official") return officialCaller(url);
  if (target === "floor") return floorCaller(url);
  throw new Error(`unknown target ${target}`);
}

/** @param {string} url @returns {Promise<Caller>} */
async function tcsdkCaller(url) {
  const { ClsClient } = await import("@tcsdk/cls");
  const client = new ClsClient({
    endpoint: url,
    allowInsecureHttp: true,
    region: "ap-guangzhou",
    credentials: CREDENTIALS,
    rateLimit: false,
  });
  return { call: () => client.createExport(INPUT), close: () => client.close() };
}

/** @param {string} url @returns {Promise<Caller>} */
async function officialCaller(url) {
  const { CommonClient } = require("tencentcloud-sdk-nodejs-common");
  const client = new CommonClient("cls.tencentcloudapi.com", "2020-10-16", {
    credential: CREDENTIALS,
    region: "ap-guangzhou",
    profile: { httpProfile: { endpoint: new URL(url).host, protocol: "http://", reqMethod: "POST", reqTimeout: 60 } },
  });
  return { call: () => client.request("CreateExport", INPUT), close: async () => undefined };
}

/** @param {string} url @returns {Promise<Caller>} */
async function floorCaller(url) {
  const { Pool } = require("undici");
  const pool = new Pool(url);
  const host = "cls.tencentcloudapi.com";
  /** @type {{ date: string, key: Buffer } | undefined} */
  let dayKey;
  const call = async () => {
    const body = JSON.stringify(INPUT);
    const timestamp = Math.floor(Date.now() / 1000);
    const date = new Date(timestamp * 1000).toISOString().slice(0, 10);
    if (dayKey?.date !== date) {
      const kDate = createHmac("sha256", `TC3${CREDENTIALS.secretKey}`).update(date).digest();
      const kService = createHmac("sha256", kDate).update("cls").digest();
      dayKey = { date, key: createHmac("sha256", kService).update("tc3_request").digest() };
    }
    const canonical = `POST\n/\n\ncontent-type:application/json\nhost:${host}\n\ncontent-type;host\n${createHash("sha256").update(body).digest("hex")}`;
    const scope = `${date}/cls/tc3_request`;
    const toSign = `TC3-HMAC-SHA256\n${timestamp}\n${scope}\n${createHash("sha256").update(canonical).digest("hex")}`;
    const signature = createHmac("sha256", dayKey.key).update(toSign).digest("hex");
    const answer = await pool.request({
      path: "/",
      method: "POST",
      headers: {
        host,
        "content-type": "application/json",
        "x-tc-action": "CreateExport",
        "x-tc-version": "2020-10-16",
        "x-tc-region": "ap-guangzhou",
        "x-tc-timestamp": String(timestamp),
        authorization: `TC3-HMAC-SHA256 Credential=${CREDENTIALS.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`,
      },
      body,
    });
    return JSON.parse(await answer.body.text()).Response;
  };
  return { call, close: () => pool.close() };
}

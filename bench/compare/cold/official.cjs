// @ts-check
/**
 * Cold start of Tencent's official SDK (`tencentcloud-sdk-nodejs-common`, CommonJS, as its README
 * loads it): require it, make one CreateExport call against the URL in argv, print `ok …` and exit.
 */
/** ms on Node's monotonic clock (`performance.now()` would load perf_hooks, which the code measured here does not need). */
const now = () => Number(process.hrtime.bigint()) / 1e6;
const started = now();
const { CommonClient } = require("tencentcloud-sdk-nodejs-common");
const imported = now();
const client = new CommonClient("cls.tencentcloudapi.com", "2020-10-16", {
  credential: { secretId: "AKIDbenchbenchbenchbenchbenchbench", secretKey: "benchbenchbenchbenchbenchbenchbe" },
  region: "ap-guangzhou",
  profile: { httpProfile: { endpoint: new URL(String(process.argv[2])).host, protocol: "http://", reqMethod: "POST" } },
});
client
  .request("CreateExport", {
    TopicId: "ee20bb16-3025-4048-b81a-dd436373062e",
    Query: "status:500",
    Count: 1000,
    From: 1_700_000_000_000,
    To: 1_700_000_600_000,
  })
  .then((/** @type {{ ExportId?: unknown }} */ answer) => {
    if (typeof answer.ExportId !== "string") throw new Error("no ExportId");
    const answered = now();
    process.stdout.write(`ok ${(imported - started).toFixed(2)} ${(answered - imported).toFixed(2)}\n`);
    process.exit(0);
  });

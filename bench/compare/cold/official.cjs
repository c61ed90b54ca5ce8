// @ts-check
/**
 * Cold start of Tencent's official SDK (`tencentcloud-sdk-nodejs-common`, CommonJS, as its README
 * loads it): require it, make one CreateExport call against the URL in argv, print `ok …` and exit.
 */
const started = performance.now();
const { CommonClient } = require("tencentcloud-sdk-nodejs-common");
const imported = performance.now();
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
    const answered = performance.now();
    process.stdout.write(`ok ${(imported - started).toFixed(2)} ${(answered - imported).toFixed(2)}\n`);
    process.exit(0);
  });

// @ts-check
/**
 * Cold start of tcsdk: import `@tcsdk/cls` (the whole client, every action), make one CreateExport call
 * against the URL in argv, print `ok <import ms> <call ms>` and exit.
 * @module
 */
/** ms on Node's monotonic clock (`performance.now()` would load perf_hooks, which the code measured here does not need). */
const now = () => Number(process.hrtime.bigint()) / 1e6;
const started = now();
const { ClsClient } = await import("@tcsdk/cls");
const imported = now();
const client = new ClsClient({
  endpoint: String(process.argv[2]),
  allowInsecureHttp: true,
  region: "ap-guangzhou",
  credentials: { secretId: "AKIDbenchbenchbenchbenchbenchbench", secretKey: "benchbenchbenchbenchbenchbenchbe" },
  rateLimit: false,
});
const answer = await client.createExport({
  TopicId: "ee20bb16-3025-4048-b81a-dd436373062e",
  Query: "status:500",
  Count: 1000,
  From: 1_700_000_000_000,
  To: 1_700_000_600_000,
});
if (typeof answer.ExportId !== "string") throw new Error("no ExportId");
const answered = now();
process.stdout.write(`ok ${(imported - started).toFixed(2)} ${(answered - imported).toFixed(2)}\n`);
process.exit(0);

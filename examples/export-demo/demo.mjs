// The main job: a CLS log export from query to file through the generated client.
//
// Without credentials in the environment it starts the local CLS emulator, loads a topic with sample
// access logs and exports from it. With TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY and
// CLS_TOPIC_ID set, the same flow runs against the real service (region TENCENTCLOUD_REGION,
// default ap-guangzhou; query CLS_QUERY, default "status:500"; the last hour of logs).
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ClsClient, TcError, TcValidationError, exportLogs } from "@tcsdk/cls";
import { startEmulator } from "@tcsdk/cls-emulator";

const started = performance.now();
const log = (message) => console.log(`[${((performance.now() - started) / 1000).toFixed(2).padStart(6)}s] ${message}`);

/** Sample access logs: one every 100 ms over the hour before `end`, a 5xx about every 25th. */
function* sampleLogs(count, end) {
  const paths = ["/", "/login", "/api/orders", "/api/items", "/static/app.js", "/health"];
  for (let i = 0; i < count; i++) {
    const status = i % 25 === 7 ? "500" : i % 40 === 3 ? "404" : "200";
    yield {
      __TIMESTAMP__: end - (count - i) * 100,
      method: i % 7 === 0 ? "POST" : "GET",
      path: paths[i % paths.length],
      status,
      latency_ms: String(5 + ((i * 37) % 400)),
      client_ip: `10.0.${(i >> 8) & 255}.${i & 255}`,
    };
  }
}

async function localSetup(workDir) {
  const missing = ["TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY", "CLS_TOPIC_ID"].filter((name) => !process.env[name]);
  log(`${missing.join(", ")} not set: starting the local CLS emulator instead of the real service`);
  const emulator = await startEmulator({ dataDir: join(workDir, "emulator-data") });
  log(`emulator listening at ${emulator.url} (accepts SecretId "test", SecretKey "test")`);
  const now = Date.now();
  const topic = await emulator.createTopic({ id: "demo-access-logs", name: "demo access logs" });
  const loaded = await emulator.appendLogs(topic.id, sampleLogs(20_000, now));
  log(`topic ${topic.id}: loaded ${loaded} sample access-log lines covering the last ${Math.round((20_000 * 100) / 60_000)} minutes`);
  const client = new ClsClient({ endpoint: emulator.url, credentials: { secretId: "test", secretKey: "test" }, region: "ap-guangzhou" });
  return { client, topicId: topic.id, query: "status:500", from: now - 3_600_000, to: now, stop: () => emulator.stop() };
}

function realSetup() {
  const region = process.env.TENCENTCLOUD_REGION ?? "ap-guangzhou";
  log(`credentials found: running against the real CLS service in ${region}`);
  const now = Date.now();
  const client = new ClsClient({ region }); // credentials from the environment
  return {
    client,
    topicId: process.env.CLS_TOPIC_ID,
    query: process.env.CLS_QUERY ?? "status:500",
    from: now - 3_600_000,
    to: now,
    stop: async () => {},
  };
}

const workDir = await mkdtemp(join(tmpdir(), "tcsdk-demo-"));
const real = Boolean(process.env.TENCENTCLOUD_SECRET_ID && process.env.TENCENTCLOUD_SECRET_KEY && process.env.CLS_TOPIC_ID);
const setup = real ? realSetup() : await localSetup(workDir);
const { client, topicId, query, from, to } = setup;

try {
  // 1. Bad input never leaves the process: the spec's rules are checked before sending.
  try {
    await client.createExport({ TopicId: topicId, Query: `${query} | select count(*)`, Count: 100, From: from, To: to });
  } catch (error) {
    if (!(error instanceof TcValidationError)) throw error;
    log(`validation works: ${error.message}`);
  }

  // 2. The whole export: CreateExport → DescribeExports until Completed → streamed download, gunzipped.
  const destination = join(workDir, "status-500.ndjson");
  log(`exporting "${query}" from topic ${topicId}, ${new Date(from).toISOString()} … ${new Date(to).toISOString()}`);
  let lastPercent = -1;
  const result = await exportLogs(
    client,
    { TopicId: topicId, Query: query, Count: 1_000_000, From: from, To: to, Order: "asc", Format: "json", SyntaxRule: 0 },
    {
      destination,
      minDelayMs: 200,
      maxDelayMs: 2000,
      maxWaitMs: 15 * 60_000,
      onProgress(event) {
        if (event.phase === "created") log(`CreateExport → ExportId ${event.exportId}`);
        else if (event.phase === "status")
          log(
            `DescribeExports → Status ${event.task.Status}${event.task.Status === "Completed" ? ` (${event.task.FileSize} bytes, ${event.task.FileName})` : ""}`,
          );
        else if (event.phase === "resuming")
          log(`download interrupted (${event.reason}); resuming at byte ${event.compressedBytesReceived}`);
        else if (event.phase === "downloading" && event.compressedTotalBytes) {
          const percent = Math.floor((event.compressedBytesReceived / event.compressedTotalBytes) * 100);
          if (percent >= lastPercent + 25 || percent === 100) {
            lastPercent = percent;
            log(`downloading … ${percent}% (${event.compressedBytesReceived} of ${event.compressedTotalBytes} compressed bytes)`);
          }
        }
      },
    },
  );
  log(`saved ${result.bytesWritten} bytes (${result.compressedBytes} compressed) to ${destination}`);

  // 3. Read the file back (one JSON object per line; the real service's layout is not documented,
  // so against it lines that are not JSON are counted, not parsed).
  const lines = (await readFile(destination, "utf8")).split("\n").filter(Boolean);
  const rows = lines.flatMap((line) => {
    try {
      return [JSON.parse(line)];
    } catch {
      if (!real) throw new Error(`not a JSON line: ${line.slice(0, 80)}`);
      return [];
    }
  });
  const byPath = new Map();
  for (const row of rows) byPath.set(row.path, (byPath.get(row.path) ?? 0) + 1);
  log(`${lines.length} lines exported, ${rows.length} of them JSON; by path: ${[...byPath].map(([path, n]) => `${path} ${n}`).join(", ")}`);
  if (rows.length > 0) log(`first line: ${lines[0]}`);
  if (!real && (rows.length === 0 || rows.some((row) => row.status !== "500")))
    throw new Error("the export does not hold exactly the status:500 lines");

  // 4. Clean up the task.
  await client.deleteExport({ ExportId: result.exportId });
  log(`DeleteExport → task ${result.exportId} deleted`);
  log("done");
} catch (error) {
  if (error instanceof TcError) console.error(`${error.name}: ${error.message}`);
  else console.error(error);
  process.exitCode = 1;
} finally {
  await client.close();
  await setup.stop();
  await rm(workDir, { recursive: true, force: true });
}

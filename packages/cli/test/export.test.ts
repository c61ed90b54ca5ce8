import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ClsClient } from "@tcsdk/cls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "./support/emulator.js";
import { runTcsdk, runTcsdkInTerminal } from "./support/run-tcsdk.js";

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator(2000);
});
afterAll(() => emulator?.stop());

const at = () => ["--endpoint-url", emulator.url, "--region", "ap-guangzhou"];
const exportArgs = (out: string, ...more: string[]) => [
  "cls",
  "export",
  ...at(),
  "--topic",
  emulator.topicId,
  "--query",
  "status:500",
  ...more,
  "--out",
  out,
];

async function exportCount(): Promise<number> {
  const client = new ClsClient({ endpoint: emulator.url, region: "ap-guangzhou", credentials: { secretId: "test", secretKey: "test" } });
  return Number((await client.describeExports({ TopicId: emulator.topicId })).TotalCount);
}

function ndjsonLines(file: string): Record<string, unknown>[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("tcsdk cls export", () => {
  it("exports the last two hours to a file, printing plain progress lines when stderr is not a terminal", async () => {
    const out = join(emulator.workDir, "errors.ndjson");
    const run = await runTcsdk(exportArgs(out, "--last", "2h"));
    expect(run.stderr).toMatch(/^created export task [0-9a-f-]{36}$/m);
    expect(run.stderr).toMatch(/^task [0-9a-f-]{36}: Completed$/m);
    expect(run.stderr).toMatch(/^downloading: .*\/s$/m);
    expect(run.stderr).toMatch(/^done: .* written \(.* compressed\)$/m);
    expect(run.stderr).not.toContain("\u001b[");
    expect(run.exitCode).toBe(0);
    const lines = ndjsonLines(out);
    expect(lines).toHaveLength(200);
    expect(lines.every((line) => String(line["status"]) === "500")).toBe(true);
    expect(run.stdout).toMatch(
      new RegExp(`^${out.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: \\d+ bytes from export task [0-9a-f-]{36}\\n$`),
    );
  });

  it("draws a progress bar under a pseudo-terminal: the task's status while waiting, then bytes, percentage and rate", async () => {
    const out = join(emulator.workDir, "bar.csv");
    const run = await runTcsdkInTerminal(
      exportArgs(out, "--from", new Date(Date.now() - 7_200_000).toISOString(), "--to", "now", "--format", "csv"),
    );
    const screen = run.stdout;
    expect(run.exitCode, screen).toBe(0);
    expect(screen).toContain("\u001b[?25l");
    expect(screen).toMatch(/Waiting +[░█]{30} task (Queuing|Processing|[0-9a-f-]{36} created)/);
    expect(screen).toMatch(/Downloading +█{30} 100% \| [\d.]+ (B|KiB) \/ [\d.]+ (B|KiB) \| [\d.]+ (B|KiB|MiB)\/s/);
    expect(screen).not.toMatch(/^created export task/m);
    expect(
      readFileSync(out, "utf8")
        .split("\n")
        .filter((line) => line !== ""),
    ).toHaveLength(201);
  });

  it("with --json prints the result for scripts, without the signed link, and no progress", async () => {
    const out = join(emulator.workDir, "all.ndjson");
    const run = await runTcsdk(exportArgs(out, "--last", "2h", "--json", "--delete-after-download"));
    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(0);
    const result = JSON.parse(run.stdout) as { exportId: string; destination: string; bytesWritten: number; task: Record<string, unknown> };
    expect(result.destination).toBe(out);
    expect(result.bytesWritten).toBe(readFileSync(out).length);
    expect(result.task["Status"]).toBe("Completed");
    expect(result.task).not.toHaveProperty("CosPath");
  });

  it("refuses a --from in seconds with the hint, exits 2, and creates no task", async () => {
    const before = await exportCount();
    const run = await runTcsdk(exportArgs(join(emulator.workDir, "s.ndjson"), "--from", "1700000000", "--to", "1700003600"));
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/^tcsdk: CreateExport: parameter From .*looks like seconds, not milliseconds: multiply by 1000/);
    expect(await exportCount()).toBe(before);
  });

  it("refuses a destination folder that does not exist, exits 5, and creates no task", async () => {
    const before = await exportCount();
    const run = await runTcsdk(exportArgs(join(emulator.workDir, "missing", "x.ndjson"), "--last", "1h"));
    expect(run.exitCode).toBe(5);
    expect(run.stderr).toMatch(/cannot write .*missing\/x\.ndjson \(ENOENT: the folder .*missing does not exist\): nothing was created/);
    expect(await exportCount()).toBe(before);
  });

  it("reports a time flag it cannot read, and --last with --from, as usage errors (exit 2)", async () => {
    const out = join(emulator.workDir, "u.ndjson");
    const bad = await runTcsdk(exportArgs(out, "--from", "yesterday"));
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain(
      '--from takes an ISO 8601 time with its zone (2026-11-29T10:00:00Z or …+08:00), a Unix timestamp in milliseconds, or now; not "yesterday"',
    );
    const both = await runTcsdk(exportArgs(out, "--last", "1h", "--from", "now"));
    expect(both.exitCode).toBe(2);
    expect(both.stderr).toContain("--last cannot be combined with --from or --to");
    expect(existsSync(out)).toBe(false);
  });
});

describe("tcsdk cls export when the task outlives the wait", () => {
  let slow: TestEmulator;
  beforeAll(async () => {
    slow = await startTestEmulator(100, 3000);
  });
  afterAll(() => slow?.stop());

  it("names the task and --resume when --max-wait passes (exit 4); --resume then finishes it without a second task", async () => {
    const out = join(slow.workDir, "slow.ndjson");
    const args = [
      "cls",
      "export",
      "--endpoint-url",
      slow.url,
      "--region",
      "ap-guangzhou",
      "--topic",
      slow.topicId,
      "--query",
      "*",
      "--last",
      "2h",
      "--out",
      out,
    ];
    const first = await runTcsdk([...args, "--max-wait", "1s", "--syntax-rule", "0"]);
    expect(first.exitCode, first.stderr).toBe(4);
    const exportId = /--resume ([0-9a-f-]{36})/.exec(first.stderr)?.[1];
    expect(first.stderr).toMatch(/timed out: .*\(maxWaitMs\)/);
    expect(first.stderr).toContain(`tcsdk cls DeleteExport --export-id ${exportId}`);
    expect(exportId).toBeDefined();
    const second = await runTcsdk([...args, "--resume", exportId as string]);
    expect(second.stderr, second.stderr).not.toMatch(/^created export task/m);
    expect(second.exitCode, second.stderr).toBe(0);
    expect(ndjsonLines(out)).toHaveLength(100);
  });
});

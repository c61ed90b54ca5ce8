import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const demo = fileURLToPath(new URL("../demo.mjs", import.meta.url));

it("runs the whole export against the emulator and exits 0", () => {
  const env = { ...process.env };
  for (const name of [
    "TENCENTCLOUD_SECRET_ID",
    "TENCENTCLOUD_SECRET_KEY",
    "CLS_TOPIC_ID",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "http_proxy",
    "https_proxy",
  ]) {
    delete env[name];
  }
  const run = spawnSync(process.execPath, [demo], { env, encoding: "utf8", timeout: 55_000 });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  const out = run.stdout;
  expect(out).toMatch(/validation works: CreateExport: parameter Query .*noSql/);
  expect(out).toMatch(/CreateExport → ExportId [0-9a-f-]{36}/);
  expect(out).toContain("Status Completed");
  expect(out).toMatch(/800 lines exported, 800 of them JSON/);
  expect(out).toContain("DeleteExport → task");
  expect(out.trim().endsWith("done")).toBe(true);
});

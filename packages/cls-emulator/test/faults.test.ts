/** Fault injection (`resetAfterAction`) and the request log (`requestLog`, the CLI's `--verbose`). */
import { afterEach, describe, expect, it } from "vitest";
import { formatRequestLog, type RequestLogEntry } from "../src/index.js";
import { call, cleanup, codeOf, start } from "./helpers.js";

afterEach(cleanup);

describe("resetAfterAction and requestLog", () => {
  it("runs the action, then resets the connection instead of answering, and logs every request", async () => {
    const entries: RequestLogEntry[] = [];
    let resetNext = true;
    const emulator = await start({
      resetAfterAction: (action) => action === "CreateExport" && resetNext,
      requestLog: (entry) => entries.push(entry),
    });
    await emulator.createTopic({ id: "web" });
    const params = { TopicId: "web", Query: "*", Count: 5, From: 0, To: 5000 };
    await expect(call(emulator, "CreateExport", params)).rejects.toThrow(); // fetch: the connection was reset
    resetNext = false;
    const page = await call(emulator, "DescribeExports", { TopicId: "web" });
    expect(page.response["TotalCount"]).toBe(1); // the lost answer's export exists
    expect(codeOf(await call(emulator, "DeleteExport", { ExportId: "missing" }))).toBe("ResourceNotFound.ExportNotExist");
    expect(entries.map(({ action, status, errorCode, reset }) => ({ action, status, errorCode, reset }))).toEqual([
      { action: "CreateExport", status: 0, errorCode: undefined, reset: true },
      { action: "DescribeExports", status: 200, errorCode: undefined, reset: false },
      { action: "DeleteExport", status: 200, errorCode: "ResourceNotFound.ExportNotExist", reset: false },
    ]);
    expect(entries.every((entry) => entry.durationMs >= 0)).toBe(true);
  });

  it("formats one line per request for --verbose", () => {
    const entry = { action: "CreateExport", status: 200, errorCode: undefined, reset: false, durationMs: 2.6 };
    expect(formatRequestLog(entry)).toBe("CreateExport 200 OK 3 ms");
    expect(formatRequestLog({ ...entry, errorCode: "InvalidParameter" })).toBe("CreateExport 200 InvalidParameter 3 ms");
    expect(formatRequestLog({ ...entry, status: 0, reset: true })).toBe("CreateExport reset (after OK) 3 ms");
    expect(formatRequestLog({ ...entry, action: "" })).toBe("- 200 OK 3 ms");
  });
});

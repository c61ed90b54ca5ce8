import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import * as errors from "../src/errors.js";

const { TcError, TcServiceError, TcValidationError, TcNetworkError, TcTimeoutError, TcAbortError, TcParseError, TcCredentialsError } =
  errors;

/** A second, independent copy of the errors module, as a second install of @tcsdk/core would load it. */
const copyDir = mkdtempSync(join(tmpdir(), "tcsdk-core-copy-"));
afterAll(() => rmSync(copyDir, { recursive: true, force: true }));

async function loadSecondCopy(): Promise<typeof errors> {
  const source = readFileSync(new URL("../src/errors.ts", import.meta.url), "utf8");
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  const file = join(copyDir, "errors.js");
  writeFileSync(file, outputText);
  return (await import(pathToFileURL(file).href)) as typeof errors;
}

describe("the error hierarchy", () => {
  it("every class is a TcError and an Error, with its own name", () => {
    const samples = [
      new TcServiceError("InternalError", "oops", { action: "A", requestId: "r" }),
      new TcValidationError("Count", "maximum", 5, "bad"),
      new TcNetworkError("down", false, { errorCode: "ECONNREFUSED" }),
      new TcTimeoutError("attempt", 100),
      new TcAbortError("aborted"),
      new TcParseError("not json", { status: 502, contentType: "text/html", bodySnippet: "<html>" }),
      new TcCredentialsError("none", ["environment: not set"]),
    ];
    for (const error of samples) {
      expect(error).toBeInstanceOf(TcError);
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe(error.constructor.name);
      expect(String(error)).toContain(error.name);
    }
    expect(new TcServiceError("X", "y")).not.toBeInstanceOf(TcParseError);
    expect({}).not.toBeInstanceOf(TcError);
    expect(new Error("plain")).not.toBeInstanceOf(TcError);
  });

  it("keeps the RequestId and status in the message and fields", () => {
    const error = new TcParseError("CreateExport: the answer is not JSON", { status: 502, requestId: "rid-1" });
    expect(error.message).toBe("CreateExport: the answer is not JSON (HTTP 502, RequestId rid-1)");
    expect(error).toMatchObject({ status: 502, requestId: "rid-1" });
  });

  it("instanceof works across two copies of core, for every class and for subclasses of them", async () => {
    const other = await loadSecondCopy();
    expect(other.TcServiceError).not.toBe(TcServiceError);

    const foreign = new other.TcServiceError("LimitExceeded.Export", "too many", { requestId: "r" });
    expect(foreign).toBeInstanceOf(TcServiceError);
    expect(foreign).toBeInstanceOf(TcError);
    expect(foreign).not.toBeInstanceOf(TcParseError);
    expect(foreign.name).toBe("TcServiceError");

    const local = new TcTimeoutError("deadline", 5);
    expect(local).toBeInstanceOf(other.TcTimeoutError);
    expect(local).toBeInstanceOf(other.TcError);
    expect(local).not.toBeInstanceOf(other.TcNetworkError);

    // A generated package's own subclass, built on the other copy, is still a TcServiceError here.
    class ClsServiceError extends other.TcServiceError<"FailedOperation.TopicClosed"> {}
    const generated = new ClsServiceError("FailedOperation.TopicClosed", "closed");
    expect(generated).toBeInstanceOf(TcServiceError);
    expect(generated).toBeInstanceOf(TcError);
    expect(generated.name).toBe("ClsServiceError");
  });
});

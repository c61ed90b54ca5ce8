/**
 * A user who installs only `@tcsdk/cls` gets what they need from core through it: the very same
 * error classes (so `instanceof` works whichever package they import from) and credential helpers.
 * The type re-exports are checked by the compiler in `packed-install.test.ts`.
 */
import * as cls from "@tcsdk/cls";
import * as core from "@tcsdk/core";
import { describe, expect, it } from "vitest";

/** Runtime values of core a caller of the CLS client needs. */
const NEEDED = [
  "TcAbortError",
  "TcCredentialsError",
  "TcError",
  "TcNetworkError",
  "TcParseError",
  "TcServiceError",
  "TcTimeoutError",
  "TcValidationError",
  "credentialChain",
  "defaultCredentialChain",
  "fromEnvironment",
  "fromInstanceRole",
  "fromProfileFile",
] as const;

describe("@tcsdk/cls re-exports from @tcsdk/core", () => {
  it.each(NEEDED.map((name) => [name] as const))("%s is core's own", (name) => {
    expect((cls as Record<string, unknown>)[name]).toBeDefined();
    expect((cls as Record<string, unknown>)[name]).toBe((core as Record<string, unknown>)[name]);
  });

  it("keeps the runtime plumbing in core", () => {
    for (const name of ["ServiceClient", "Tc3Signer", "signTc3"]) {
      expect(name in core, name).toBe(true);
      expect(name in cls, name).toBe(false);
    }
  });

  it("keeps internals internal", () => {
    for (const name of ["parseIni", "RateLimiter", "startAttempt", "readAnswer"]) {
      expect(name in core, name).toBe(false);
    }
  });

  it("throws a validation error that is an instance of the re-exported classes", async () => {
    const client = new cls.ClsClient({ endpoint: "http://127.0.0.1:9", credentials: { secretId: "id", secretKey: "key" } });
    try {
      const call = client.createExport({ TopicId: "t", Query: "*", Count: 60_000_000, From: 0, To: 1 });
      await expect(call).rejects.toBeInstanceOf(cls.TcValidationError);
      await expect(call).rejects.toBeInstanceOf(cls.TcError);
      await expect(call).rejects.toMatchObject({ parameter: "Count" });
    } finally {
      await client.close();
    }
  });
});

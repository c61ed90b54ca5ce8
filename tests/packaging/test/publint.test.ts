/**
 * publint on the tarballs `pnpm pack` made: the files a user gets must match what `package.json`
 * promises (exports, types, module format, `files`, `engines`…).
 */
import { readFile } from "node:fs/promises";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { describe, expect, it } from "vitest";
import { tarballOf } from "./support/packed.js";
import { PUBLISHABLE } from "./support/workspace.js";

describe.each(PUBLISHABLE.map((pkg) => [pkg.name] as const))("publint %s", (name) => {
  it("reports no errors and no warnings on the packed tarball", async () => {
    const bytes = await readFile(tarballOf(name));
    const tarball = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const { messages, pkg } = await publint({ pack: { tarball }, level: "suggestion", strict: false });

    expect(pkg["name"]).toBe(name);
    const describe = (type: string): string[] =>
      messages
        .filter((message) => message.type === type)
        .map((message) => `${message.code}: ${formatMessage(message, pkg, { color: false }) ?? ""}`);
    const suggestions = describe("suggestion");
    if (suggestions.length > 0) console.info(`publint suggestions for ${name}:\n${suggestions.join("\n")}`);
    expect(describe("error")).toEqual([]);
    expect(describe("warning")).toEqual([]);
  });
});

describe("publint harness", () => {
  it("does report a broken package (exports pointing at a file that is not packed), so a pass means something", async () => {
    const manifest = {
      name: "broken",
      version: "1.0.0",
      type: "module",
      exports: { ".": { types: "./dist/index.d.ts", default: "./dist/index.js" } },
    };
    const files = [{ name: "package/package.json", data: JSON.stringify(manifest) }];
    const { messages } = await publint({ pack: { files }, pkgDir: "package", level: "suggestion", strict: false });
    expect(messages.filter((message) => message.type === "error").map((message) => message.code)).toContain("FILE_DOES_NOT_EXIST");
  });
});

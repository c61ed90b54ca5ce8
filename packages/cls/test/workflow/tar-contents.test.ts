import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { describe, expect, it } from "vitest";
import { TarContents } from "../../src/lib/tar-contents.js";
import { tarArchive } from "./tar-archive.js";

/** Pushes `data` through a TarContents in pieces of `piece` bytes. */
async function through(data: Buffer, piece: number): Promise<string> {
  const pieces: Buffer[] = [];
  for (let i = 0; i < data.length; i += piece) pieces.push(data.subarray(i, i + piece));
  return (await buffer(Readable.from(pieces).pipe(new TarContents()))).toString("utf8");
}

const ndjson = `${Array.from({ length: 300 }, (_, i) => JSON.stringify({ seq: i, msg: "x".repeat(i % 40) })).join("\n")}\n`;

describe("TarContents", () => {
  it.each([1, 7, 511, 512, 513, 4096, 1 << 20])("passes plain text through unchanged (pieces of %i bytes)", async (piece) => {
    expect(await through(Buffer.from(ndjson), piece)).toBe(ndjson);
  });

  it.each(["", "a", "{}\n", "x".repeat(511), "y".repeat(512)])("passes short plain data through: %#", async (text) => {
    expect(await through(Buffer.from(text), 3)).toBe(text);
  });

  it.each([1, 100, 512, 1000, 65_536])(
    "emits the files of a tar archive in order, without headers or padding (pieces of %i)",
    async (piece) => {
      const archive = tarArchive([
        { name: "pax", type: "x", content: "27 path=some/long/name.json\n" },
        { name: "logs/", type: "5", content: "" },
        { name: "logs/part-1.json", content: ndjson.slice(0, 1000) },
        { name: "logs/part-2.json", content: ndjson.slice(1000) },
      ]);
      expect(await through(archive, piece)).toBe(ndjson);
    },
  );

  it("does not mistake text that holds 'ustar' at offset 257 for an archive", async () => {
    const text = `${"a".repeat(257)}ustar${"b".repeat(400)}\n`;
    expect(await through(Buffer.from(text), 64)).toBe(text);
  });

  it("fails on an archive cut inside an entry", async () => {
    const archive = tarArchive([{ name: "a.json", content: ndjson }]);
    await expect(through(archive.subarray(0, 512 + 100), 50)).rejects.toThrow(/truncated/);
  });
});

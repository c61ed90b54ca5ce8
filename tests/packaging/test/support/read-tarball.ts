/**
 * Reads the files of an npm tarball (gzipped ustar) into memory: enough for the manifest checks,
 * without extracting to disk or depending on a tar library.
 * @packageDocumentation
 */
import { readFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";

const BLOCK = 512;

/** The regular files of the tarball at `file`, by path without npm's leading `package/`. */
export async function readTarball(file: string): Promise<Map<string, Buffer>> {
  const tar = gunzipSync(await readFile(file));
  const files = new Map<string, Buffer>();
  let longName: string | undefined;
  for (let offset = 0; offset + BLOCK <= tar.length; ) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break; // end of archive
    const size = Number.parseInt(text(header, 124, 12).trim() || "0", 8);
    const type = String.fromCharCode(header[156] ?? 0);
    const prefix = text(header, 345, 155);
    const name = longName ?? (prefix === "" ? text(header, 0, 100) : `${prefix}/${text(header, 0, 100)}`);
    const body = tar.subarray(offset + BLOCK, offset + BLOCK + size);
    longName = undefined;
    if (type === "L") longName = body.toString("utf8").replace(/\0+$/, "");
    else if (type === "0" || type === "\0") files.set(name.replace(/^package\//, ""), Buffer.from(body));
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
  }
  return files;
}

function text(header: Buffer, start: number, length: number): string {
  const raw = header.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? raw.length : end).toString("utf8");
}

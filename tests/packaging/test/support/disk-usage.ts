/**
 * Bytes on disk of a folder tree (apparent file sizes, symlinks not followed).
 * @packageDocumentation
 */
import { lstat, readdir } from "node:fs/promises";
import path from "node:path";

/** Sum of the sizes of the regular files under `dir`. */
export async function diskUsage(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += await diskUsage(full);
    else if (entry.isFile()) total += (await lstat(full)).size;
  }
  return total;
}

/** `1234567` → `"1.18 MiB"`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}

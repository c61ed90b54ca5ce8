// @ts-check
/**
 * Free-space check before writing gigabytes (the `statfs` call behind `df`).
 * @module
 */
import { statfs } from "node:fs/promises";

/**
 * Throws a clear error when `dir`'s file system has fewer than `neededBytes` available to this user.
 *
 * @param {string} dir
 * @param {number} neededBytes
 * @param {string} why What the space is for, for the message.
 * @returns {Promise<number>} The bytes available.
 */
export async function requireFreeSpace(dir, neededBytes, why) {
  const stats = await statfs(dir);
  const available = stats.bavail * stats.bsize;
  if (available < neededBytes) {
    throw new Error(
      `not enough disk space in ${dir}: ${(available / 1e9).toFixed(2)} GB available, about ${(neededBytes / 1e9).toFixed(2)} GB needed (${why}); ` +
        `free some space, pass --tmp DIR on a larger disk, or a smaller --size`,
    );
  }
  return available;
}

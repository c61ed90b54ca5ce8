// @ts-check
/**
 * Checks the downloaded NDJSON file after the measured process has exited: its size, its line count,
 * and that its first and last lines are the topic's first and last logs.
 * @module
 */
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";

/**
 * What the file holds.
 * @typedef {object} OutputCheck
 * @property {number} bytes File size.
 * @property {number} lines Newline-terminated lines.
 * @property {number | undefined} firstTimestamp `__TIMESTAMP__` of the first line.
 * @property {number | undefined} lastTimestamp `__TIMESTAMP__` of the last line.
 */

/**
 * @param {string} path
 * @returns {Promise<OutputCheck>}
 */
export async function inspectOutput(path) {
  const { size } = await stat(path);
  let lines = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const buffer = /** @type {Buffer} */ (chunk);
    for (let at = buffer.indexOf(10); at !== -1; at = buffer.indexOf(10, at + 1)) lines++;
  }
  const handle = await open(path, "r");
  try {
    const headLength = Math.min(size, 4096);
    const head = Buffer.alloc(headLength);
    await handle.read(head, 0, headLength, 0);
    const tail = Buffer.alloc(headLength);
    await handle.read(tail, 0, headLength, size - headLength);
    const first = head.toString("latin1").split("\n")[0] ?? "";
    const tailLines = tail.toString("latin1").trimEnd().split("\n");
    const last = tailLines[tailLines.length - 1] ?? "";
    return { bytes: size, lines, firstTimestamp: timestampOf(first), lastTimestamp: timestampOf(last) };
  } finally {
    await handle.close();
  }
}

/** @param {string} line */
function timestampOf(line) {
  try {
    const value = JSON.parse(line).__TIMESTAMP__;
    return typeof value === "number" ? value : Number(value);
  } catch {
    return undefined;
  }
}

/**
 * Splits a byte stream into text lines with bounded memory.
 * @packageDocumentation
 */
import { StringDecoder } from "node:string_decoder";

/** Longest accepted line, in characters: a guard that keeps ingest memory bounded. */
export const MAX_LINE_LENGTH = 1024 * 1024;

/** A line longer than {@link MAX_LINE_LENGTH}. */
export class LineTooLongError extends Error {
  /** 1-based number of the line. */
  readonly lineNumber: number;

  /** @param lineNumber - 1-based number of the line */
  constructor(lineNumber: number) {
    super(`line ${lineNumber}: longer than ${MAX_LINE_LENGTH} characters`);
    this.name = "LineTooLongError";
    this.lineNumber = lineNumber;
  }
}

/** Yields the lines of a UTF-8 stream (`\n` or `\r\n`), the last one even without a final newline. */
export async function* splitLines(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder("utf8");
  let carry = "";
  let lineNumber = 0;
  for await (const chunk of source) {
    const text = carry + (typeof chunk === "string" ? chunk : decoder.write(chunk as Buffer));
    const parts = text.split("\n");
    carry = parts.pop() ?? "";
    for (const part of parts) {
      lineNumber++;
      yield part.endsWith("\r") ? part.slice(0, -1) : part;
    }
    if (carry.length > MAX_LINE_LENGTH) throw new LineTooLongError(lineNumber + 1);
  }
  carry += decoder.end();
  if (carry !== "") yield carry.endsWith("\r") ? carry.slice(0, -1) : carry;
}

/**
 * The stored form of a log line: a flat JSON object whose first key is `__TIMESTAMP__` (ms),
 * so the time can be read from the line without parsing it.
 * @packageDocumentation
 */

/** The reserved field holding a log's time in milliseconds. */
export const TIMESTAMP_KEY = "__TIMESTAMP__";
const PREFIX = `{"${TIMESTAMP_KEY}":`;

/** A log line rejected on ingest; `lineNumber` is 1-based within the appended body or file. */
export class LogLineError extends Error {
  /** 1-based number of the offending line. */
  readonly lineNumber: number;

  /**
   * @param lineNumber - 1-based number of the offending line
   * @param reason - what is wrong with it
   */
  constructor(lineNumber: number, reason: string) {
    super(`line ${lineNumber}: ${reason}`);
    this.name = "LogLineError";
    this.lineNumber = lineNumber;
  }
}

/** A normalized log line ready to be stored. */
export interface StoredLine {
  /** Time in ms. */
  readonly ts: number;
  /** The stored JSON text (no newline). */
  readonly text: string;
  /** Field names, `__TIMESTAMP__` excluded. */
  readonly fields: readonly string[];
}

/**
 * Normalizes one NDJSON line. `__TIMESTAMP__` may be an integer or a string of digits (ms); when
 * absent the line gets `now`. `null` values are dropped; nested objects and arrays are kept as their
 * JSON text (CLS fields are flat).
 *
 * @throws {@link LogLineError} for invalid JSON, a non-object, or a bad `__TIMESTAMP__`
 */
export function normalizeLogLine(text: string, lineNumber: number, now: number): StoredLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new LogLineError(lineNumber, "not valid JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new LogLineError(lineNumber, "a log line must be a JSON object");
  }
  const source = value as Record<string, unknown>;
  const ts = parseTimestamp(source[TIMESTAMP_KEY], lineNumber, now);
  const fast = canonicalAsIs(text, source, ts);
  if (fast !== undefined) return { ts, text: fast, fields: Object.keys(source).filter((key) => key !== TIMESTAMP_KEY) };
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  out[TIMESTAMP_KEY] = ts;
  const fields: string[] = [];
  for (const [key, field] of Object.entries(source)) {
    if (key === TIMESTAMP_KEY || field === null) continue;
    out[key] = typeof field === "object" ? JSON.stringify(field) : field;
    fields.push(key);
  }
  return { ts, text: JSON.stringify(out), fields };
}

/**
 * The line itself when it is already in stored form (starts with `{"__TIMESTAMP__":<ts>`, flat
 * values, no nulls; a repeated `__TIMESTAMP__` makes the prefix disagree with the parsed value): most generated logs are, and re-serialising them is the costly part
 * of ingest.
 */
function canonicalAsIs(text: string, source: Record<string, unknown>, ts: number): string | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith(PREFIX) || storedLineTime(trimmed) !== ts) return undefined;
  for (const key in source) {
    const field = source[key];
    if (field === null || typeof field === "object") return undefined;
  }
  return trimmed;
}

function parseTimestamp(raw: unknown, lineNumber: number, now: number): number {
  if (raw === undefined || raw === null) return now;
  const ts = typeof raw === "number" ? Math.trunc(raw) : typeof raw === "string" && /^\d{1,16}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(ts) || ts < 0) {
    throw new LogLineError(lineNumber, `${TIMESTAMP_KEY} must be a non-negative integer of milliseconds`);
  }
  return ts;
}

/** Reads the time of a stored line without parsing the JSON. */
export function storedLineTime(text: string): number {
  if (!text.startsWith(PREFIX)) return Number.NaN;
  let value = 0;
  let i = PREFIX.length;
  for (; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
  }
  const end = text.charCodeAt(i);
  if (i > PREFIX.length && (end === 44 || end === 125)) return value; // "," or "}"
  let stop = text.indexOf(",", PREFIX.length);
  if (stop === -1) stop = text.length - 1;
  return Number(text.slice(PREFIX.length, stop));
}

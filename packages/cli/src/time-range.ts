/**
 * The time flags of `tcsdk cls export`: `--last 1h` (or `90m`, `1h30m`, `7d`), or `--from`/`--to` as
 * ISO 8601 (`2026-11-29T10:00:00Z`), a millisecond timestamp, or `now`.
 * @packageDocumentation
 */
import { UsageError } from "./usage-error.js";

/** A time range in Unix milliseconds. */
export interface TimeRange {
  /** Start, inclusive. */
  readonly from: number;
  /** End. */
  readonly to: number;
}

const UNIT_MS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `1h30m` → 5,400,000; a usage error for anything else. */
export function parseDuration(flag: string, text: string): number {
  const parts = [...text.matchAll(/(\d+)([smhdw])/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join("") !== text) {
    throw new UsageError(`${flag} takes a duration such as 15m, 1h, 1h30m or 7d (units s, m, h, d, w), not ${JSON.stringify(text)}`);
  }
  return parts.reduce((total, [, count, unit]) => total + Number(count) * (UNIT_MS[unit as string] as number), 0);
}

/** An instant: `now`, a millisecond timestamp, or an ISO 8601 date with its zone. */
export function parseInstant(flag: string, text: string, now: number): number {
  if (text === "now") return now;
  if (/^\d+$/.test(text)) return Number(text);
  const value = Date.parse(text);
  if (!Number.isNaN(value) && /T.*(Z|[+-]\d\d:?\d\d)$/.test(text)) return value;
  throw new UsageError(
    `${flag} takes an ISO 8601 time with its zone (2026-11-29T10:00:00Z or …+08:00), a Unix timestamp in milliseconds, or now; not ${JSON.stringify(text)}`,
  );
}

/** The range the flags describe: `--last`, or `--from` with `--to` (default now). */
export function timeRange(flags: { readonly last?: string; readonly from?: string; readonly to?: string }, now: number): TimeRange {
  if (flags.last !== undefined) {
    if (flags.from !== undefined || flags.to !== undefined) throw new UsageError("--last cannot be combined with --from or --to");
    return { from: now - parseDuration("--last", flags.last), to: now };
  }
  if (flags.from === undefined) throw new UsageError("give the time range: --last 1h, or --from <time> [--to <time>]");
  return { from: parseInstant("--from", flags.from, now), to: flags.to === undefined ? now : parseInstant("--to", flags.to, now) };
}

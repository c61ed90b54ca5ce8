/**
 * Time for the whole emulator comes from one injectable clock, so tests can jump an hour or three days.
 * @packageDocumentation
 */

/** Returns the current time in milliseconds since the UNIX epoch. */
export type Clock = () => number;

/** The real wall clock. */
export const systemClock: Clock = () => Date.now();

/** Offset of China Standard Time (UTC+08:00, no daylight saving), the zone of `CreateTime`. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Formats ms as `yyyy-MM-dd HH:mm:ss` in China Standard Time (UTC+08:00), the service's home zone. */
export function formatChinaTime(ms: number): string {
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}

/** Formats ms as `yyyyMMdd` in China Standard Time, for file names. */
export function formatChinaDay(ms: number): string {
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10).replaceAll("-", "");
}

/** Formats ms as an HTTP `Date` header value (IMF-fixdate). */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

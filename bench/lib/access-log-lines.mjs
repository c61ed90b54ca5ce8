// @ts-check
/**
 * Realistic web access-log lines in the emulator's stored form (`{"__TIMESTAMP__":…,…}`, flat
 * string fields), generated deterministically from a seed and yielded in batches, so any size can
 * be produced in constant memory.
 * @module
 */

const METHODS = ["GET", "GET", "GET", "GET", "POST", "POST", "PUT", "DELETE"];
const HOSTS = ["shop.example.com", "api.example.com", "static.example.com", "m.example.com"];
const PATHS = [
  "/",
  "/cart",
  "/checkout",
  "/login",
  "/search",
  "/api/v1/items/",
  "/api/v1/orders/",
  "/api/v1/users/",
  "/static/js/app.",
  "/img/p/",
];
const STATUSES = ["200", "200", "200", "200", "200", "200", "200", "200", "200", "304", "301", "404", "404", "500", "502", "503"];
const REFERERS = [
  "-",
  "https://www.google.com/",
  "https://shop.example.com/",
  "https://shop.example.com/cart",
  "https://m.example.com/search?q=shoes",
];
const AGENTS = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
  "curl/8.5.0",
  "okhttp/4.12.0",
];

/**
 * mulberry32: a small, fast, seeded PRNG returning uint32 values.
 * @param {number} seed
 * @returns {() => number}
 */
function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/**
 * @template T
 * @param {readonly T[]} list
 * @param {number} random
 * @returns {T}
 */
function pick(list, random) {
  return /** @type {T} */ (list[random % list.length]);
}

/**
 * What {@link accessLogBatches} produced once it finished.
 * @typedef {object} GeneratedLogs
 * @property {number} lines Lines generated.
 * @property {number} bytes Bytes generated, newlines included.
 * @property {number} firstTimestamp `__TIMESTAMP__` of the first line, ms.
 * @property {number} lastTimestamp `__TIMESTAMP__` of the last line, ms (timestamps never decrease).
 */

/**
 * Yields NDJSON batches (whole lines, about `batchBytes` each) until at least `targetBytes` have been
 * produced. Timestamps start at `start` and grow by 0–1 ms a line. `summary` is filled in as it goes.
 *
 * @param {{ targetBytes: number, start: number, seed?: number, batchBytes?: number }} options
 * @param {GeneratedLogs} summary Updated in place; final once the generator is done.
 * @returns {Generator<Buffer>}
 */
export function* accessLogBatches(options, summary) {
  const { targetBytes, start, seed = 20260101, batchBytes = 1 << 20 } = options;
  const next = prng(seed);
  let ts = start;
  summary.lines = 0;
  summary.bytes = 0;
  summary.firstTimestamp = start;
  summary.lastTimestamp = start;
  while (summary.bytes < targetBytes) {
    let batch = "";
    while (batch.length < batchBytes && summary.bytes + batch.length < targetBytes) {
      ts += next() & 1;
      const r = next();
      const status = pick(STATUSES, r);
      const path = pick(PATHS, r >>> 4);
      const id =
        path.endsWith("/") && path.length > 1 ? String(next() % 100000) : path.endsWith(".") ? `${(next() % 0xffff).toString(16)}.js` : "";
      const slow = status >= "500" ? 1000 + (next() % 29000) : next() % 900;
      batch +=
        `{"__TIMESTAMP__":${ts},"remote_addr":"10.${r & 255}.${(r >>> 8) & 255}.${next() & 255}","method":"${pick(METHODS, r >>> 12)}",` +
        `"host":"${pick(HOSTS, r >>> 16)}","path":"${path}${id}","status":"${status}","bytes_sent":"${next() % 250000}",` +
        `"request_time":"${(slow / 1000).toFixed(3)}","upstream_addr":"10.0.${(r >>> 20) & 15}.${(r >>> 24) & 63}:8080",` +
        `"referer":"${pick(REFERERS, r >>> 19)}","user_agent":"${pick(AGENTS, r >>> 22)}","request_id":"${next().toString(16).padStart(8, "0")}${next().toString(16).padStart(8, "0")}"}\n`;
      summary.lines++;
    }
    summary.lastTimestamp = ts;
    // The lines are ASCII: string length equals byte length.
    summary.bytes += batch.length;
    yield Buffer.from(batch, "latin1");
  }
}

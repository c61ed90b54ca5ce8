// @ts-check
/**
 * Fills an emulator topic through its unsigned admin API (`POST /_emulator/topics`, then one NDJSON
 * append streamed with backpressure), so memory stays constant whatever the size.
 * @module
 */
import { request } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { accessLogBatches } from "./access-log-lines.mjs";

/**
 * What was loaded.
 * @typedef {object} LoadedTopic
 * @property {string} topicId Topic id.
 * @property {number} lines Lines the emulator stored (its `logCount`).
 * @property {number} bytes NDJSON bytes sent.
 * @property {number} from First `__TIMESTAMP__`, ms.
 * @property {number} to Last `__TIMESTAMP__`, ms.
 * @property {number} seconds Time the load took.
 */

/**
 * Sends one admin request and parses its JSON answer.
 *
 * @param {string} url
 * @param {Readable | string} body
 * @param {AbortSignal} signal
 * @returns {Promise<{ status: number, json: any }>}
 */
async function adminPost(url, body, signal) {
  const req = request(url, {
    method: "POST",
    signal,
    headers: { "content-type": typeof body === "string" ? "application/json" : "application/x-ndjson" },
  });
  const answered = new Promise((resolve, reject) => {
    req.once("response", resolve);
    req.once("error", reject);
  });
  answered.catch(() => undefined); // a failed upload rejects `pipeline` first; this one is awaited below
  if (typeof body === "string") req.end(body);
  else await pipeline(body, req);
  /** @type {import("node:http").IncomingMessage} */
  const res = await answered;
  let text = "";
  for await (const chunk of res) text += chunk;
  return { status: res.statusCode ?? 0, json: JSON.parse(text) };
}

/**
 * Creates topic `topicId` and streams generated access logs of at least `targetBytes` into it.
 *
 * @param {{ url: string, topicId: string, targetBytes: number, start: number, timeoutMs: number, log: (line: string) => void }} options
 * @returns {Promise<LoadedTopic>}
 */
export async function loadTopic(options) {
  const { url, topicId, targetBytes, start, timeoutMs, log } = options;
  const signal = AbortSignal.timeout(timeoutMs);
  const created = await adminPost(`${url}/_emulator/topics`, JSON.stringify({ id: topicId, name: "bench access logs" }), signal);
  if (created.status !== 201) throw new Error(`creating topic ${topicId} answered ${created.status}: ${JSON.stringify(created.json)}`);

  /** @type {import("./access-log-lines.mjs").GeneratedLogs} */
  const summary = { lines: 0, bytes: 0, firstTimestamp: start, lastTimestamp: start };
  const began = performance.now();
  let reported = 0;
  function* withProgress() {
    for (const batch of accessLogBatches({ targetBytes, start }, summary)) {
      yield batch;
      const tenth = Math.floor((summary.bytes / targetBytes) * 10);
      if (tenth > reported) {
        reported = tenth;
        const seconds = (performance.now() - began) / 1000;
        log(
          `loading: ${(summary.bytes / 1e6).toFixed(0)} MB sent (${Math.min(tenth * 10, 100)} %), ${(summary.bytes / 1e6 / seconds).toFixed(1)} MB/s`,
        );
      }
    }
  }
  const appended = await adminPost(`${url}/_emulator/topics/${encodeURIComponent(topicId)}/logs`, Readable.from(withProgress()), signal);
  if (appended.status !== 200) throw new Error(`appending logs answered ${appended.status}: ${JSON.stringify(appended.json)}`);
  if (appended.json.appended !== summary.lines)
    throw new Error(`the emulator stored ${appended.json.appended} lines, ${summary.lines} were sent`);
  return {
    topicId,
    lines: appended.json.topic.logCount,
    bytes: summary.bytes,
    from: summary.firstTimestamp,
    to: summary.lastTimestamp,
    seconds: (performance.now() - began) / 1000,
  };
}

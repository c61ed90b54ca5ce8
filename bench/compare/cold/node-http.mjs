// @ts-check
/**
 * Cold start of a bare `node:http` POST to the URL in argv (no signing, no SDK): the least a Node
 * process can do to get an answer. Prints `ok …` and exits.
 * @module
 */
import { request } from "node:http";

/** ms on Node's monotonic clock (`performance.now()` would load perf_hooks, which the code measured here does not need). */
const now = () => Number(process.hrtime.bigint()) / 1e6;
const started = now();
const outgoing = request(String(process.argv[2]), { method: "POST", headers: { "content-type": "application/json" } }, (answer) => {
  /** @type {Buffer[]} */
  const chunks = [];
  answer.on("data", (chunk) => chunks.push(chunk));
  answer.on("end", () => {
    if (typeof JSON.parse(Buffer.concat(chunks).toString()).Response?.ExportId !== "string") throw new Error("no ExportId");
    process.stdout.write(`ok 0 ${(now() - started).toFixed(2)}\n`);
    process.exit(0);
  });
});
outgoing.end("{}");

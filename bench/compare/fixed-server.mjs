// @ts-check
/**
 * A loopback HTTP server with one fixed CreateExport answer, run in its own process so that the
 * processes being measured hold only their client. Prints `listening <url>`; stops on SIGTERM.
 *
 *   node bench/compare/fixed-server.mjs
 * @module
 */
import { createServer } from "node:http";

/** The answer to every request: a CreateExport success, as the service words it. */
const ANSWER = Buffer.from(
  JSON.stringify({ Response: { ExportId: "e0c5e47d-4c1a-4b3c-9b7f-1f2d3c4b5a69", RequestId: "9f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c" } }),
);

const server = createServer((request, response) => {
  request.resume();
  request.on("end", () => {
    response.writeHead(200, { "content-type": "application/json", "content-length": ANSWER.length });
    response.end(ANSWER);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no TCP address");
  process.stdout.write(`listening http://127.0.0.1:${address.port}\n`);
});
process.on("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});

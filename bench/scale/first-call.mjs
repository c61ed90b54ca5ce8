// @ts-check
/**
 * Run in its own process (`node first-call.mjs <package dir>`): records the modules Node loads to
 * import `@tcsdk/cls` from `<package dir>` and then to make one CreateExport call to a local server;
 * prints one JSON line `{ atImport: [urls], forCall: [urls] }`.
 * @module
 */
import { createServer } from "node:http";
import { register } from "node:module";
import { MessageChannel } from "node:worker_threads";
import { pathToFileURL } from "node:url";

const [packageDir] = process.argv.slice(2);
if (packageDir === undefined) throw new Error("usage: node first-call.mjs <package dir>");
const { port1, port2 } = new MessageChannel();
/** @type {string[]} */
const loaded = [];
port1.on("message", (url) => loaded.push(String(url)));
port1.unref();
register(new URL("./record-loads.mjs", import.meta.url), { data: { port: port2 }, transferList: [port2] });

/** Lets the hooks thread's messages arrive. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

const server = createServer((request, response) => {
  request.resume();
  request.on("end", () => {
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify({ Response: { ExportId: "57196a6a-7622-47be-bc92-d2ebea959a0f", RequestId: "bench" } }));
  });
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
const address = server.address();
if (address === null || typeof address === "string") throw new Error("no port");

await settle();
const before = loaded.length;
const cls = await import(pathToFileURL(`${packageDir}/dist/index.js`).href);
await settle();
const atImport = loaded.slice(before);
const client = new cls.ClsClient({
  endpoint: `http://127.0.0.1:${address.port}`,
  credentials: { secretId: "id", secretKey: "key" },
  rateLimit: false,
});
await client.createExport({ TopicId: "t", Query: "status:500", Count: 1, From: 0, To: 1 });
await settle();
const forCall = loaded.slice(before + atImport.length);
await client.close();
server.close();
console.log(JSON.stringify({ atImport, forCall }));

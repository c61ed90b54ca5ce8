/**
 * `tcsdk-mock <service> [--port <n>]`: serves the mock of one service on 127.0.0.1 until stopped.
 * @packageDocumentation
 */
import { parseArgs } from "node:util";
import { mockServices } from "./mock-model.js";
import { MOCK_KEY, startMock } from "./server.js";

const { values, positionals } = parseArgs({ options: { port: { type: "string" } }, allowPositionals: true });
const service = positionals[0];
if (service === undefined || positionals.length !== 1) {
  console.error(`usage: tcsdk-mock <service> [--port <n>]   services: ${mockServices().join(", ")}`);
  process.exit(2);
}
const mock = await startMock({ service, port: Number(values.port ?? 0) });
console.log(`${service} mock at ${mock.url} (SecretId ${MOCK_KEY.secretId}, SecretKey ${MOCK_KEY.secretKey})`);
process.once("SIGINT", () => void mock.close());
process.once("SIGTERM", () => void mock.close());

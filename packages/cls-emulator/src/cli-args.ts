/**
 * Command-line arguments of `tcsdk-cls-emulator`.
 * @packageDocumentation
 */
import { parseArgs } from "node:util";
import type { EmulatorKey, EmulatorOptions } from "./options.js";
import { formatRequestLog } from "./request-log.js";

/** Usage text printed by `--help`. */
export const USAGE = `Usage: tcsdk-cls-emulator [options]

A local emulator of the Tencent Cloud CLS export API (CreateExport, DescribeExports, DeleteExport).
Prints "listening <url>" as the first line of standard output once ready; stops on SIGINT/SIGTERM.

Options:
  --port N                    port to listen on (default 0: a free port)
  --host ADDR                 interface (default 127.0.0.1)
  --data-dir DIR              where topics, logs and exports live (default ./.cls-emulator)
  --key ID:KEY[:TOKEN]        accepted credentials, repeatable (default the test pair test:test)
  --topic ID[:FILE.ndjson]    create topic ID if missing and, when created, load FILE into it; repeatable
  --rate-limit N              requests per second per action and SecretId, 0 = off (default 20)
  --max-unfinished-exports N  Queuing/Processing tasks per topic before LimitExceeded.Export (default 10)
  --queued-ms N               minimum time a task stays Queuing (default 100)
  --processing-ms N           minimum time a task stays Processing (default 200)
  --strict-service            accept only the signing service "cls" (not the Host's first label)
  --verbose                   log each API request to standard error: action, status, error code, duration
  --reset-rate R              fault injection: reset the connection instead of answering for a random
                              share R (0-1) of API requests, after the action ran (default 0)
  --help                      show this text
`;

/** A topic to prepare at start. */
export interface TopicSeed {
  /** Topic id. */
  readonly id: string;
  /** NDJSON file loaded when the topic is created. */
  readonly file?: string;
}

/** Parsed command line. */
export interface CliConfig {
  /** Emulator options. */
  readonly options: EmulatorOptions;
  /** Topics to prepare. */
  readonly topics: readonly TopicSeed[];
  /** Whether `--help` was given. */
  readonly help: boolean;
}

/** Parses the arguments. @throws Error with a message for the user */
export function parseCliArgs(argv: readonly string[]): CliConfig {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "data-dir": { type: "string" },
      key: { type: "string", multiple: true },
      topic: { type: "string", multiple: true },
      "rate-limit": { type: "string" },
      "max-unfinished-exports": { type: "string" },
      "queued-ms": { type: "string" },
      "processing-ms": { type: "string" },
      "strict-service": { type: "boolean" },
      verbose: { type: "boolean" },
      "reset-rate": { type: "string" },
      help: { type: "boolean" },
    },
  });
  const keys = (values.key ?? []).map(parseKey);
  const queuedMs = integer(values["queued-ms"], "--queued-ms");
  const processingMs = integer(values["processing-ms"], "--processing-ms");
  const port = integer(values.port, "--port");
  const rateLimit = integer(values["rate-limit"], "--rate-limit");
  const maxUnfinishedExports = integer(values["max-unfinished-exports"], "--max-unfinished-exports");
  const resetRate = fraction(values["reset-rate"], "--reset-rate");
  const options: EmulatorOptions = {
    dataDir: values["data-dir"] ?? ".cls-emulator",
    keys,
    delays: { ...(queuedMs !== undefined ? { queuedMs } : {}), ...(processingMs !== undefined ? { processingMs } : {}) },
    ...(port !== undefined ? { port } : {}),
    ...(values.host !== undefined ? { host: values.host } : {}),
    ...(rateLimit !== undefined ? { rateLimit } : {}),
    ...(maxUnfinishedExports !== undefined ? { maxUnfinishedExports } : {}),
    ...(values["strict-service"] ? { strictService: true } : {}),
    ...(values.verbose ? { requestLog: (entry) => void process.stderr.write(`${formatRequestLog(entry)}\n`) } : {}),
    ...(resetRate ? { resetAfterAction: () => Math.random() < resetRate } : {}),
  };
  const topics = (values.topic ?? []).map((spec): TopicSeed => {
    const colon = spec.indexOf(":");
    return colon === -1 ? { id: spec } : { id: spec.slice(0, colon), file: spec.slice(colon + 1) };
  });
  return { options, topics, help: values.help ?? false };
}

function parseKey(spec: string): EmulatorKey {
  const [secretId, secretKey, ...token] = spec.split(":");
  if (!secretId || !secretKey) throw new Error(`--key wants ID:KEY or ID:KEY:TOKEN`);
  return token.length > 0 ? { secretId, secretKey, token: token.join(":") } : { secretId, secretKey };
}

function integer(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new Error(`${flag} wants a non-negative integer`);
  return Number(text);
}

function fraction(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === "" || !(value >= 0 && value <= 1)) throw new Error(`${flag} wants a number from 0 to 1`);
  return value;
}

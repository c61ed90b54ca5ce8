/**
 * The arguments of `tcsdk-mock`, checked before anything starts: a wrong one is a one-line message
 * and exit code 2.
 * @packageDocumentation
 */
import { parseArgs } from "node:util";

/** What `tcsdk-mock` was asked to do. */
export type MockCommand = { readonly help: true } | { readonly help: false; readonly service: string; readonly port: number };

/** The usage text, naming the services there are. */
export function mockUsage(services: readonly string[]): string {
  return `usage: tcsdk-mock <service> [--port <n>]

Serves the mock of one service on 127.0.0.1 until stopped (Ctrl-C): TC3 signatures checked, input
validated with the spec's rules, answered with the documented example. The first line of standard
output is "<service> mock at http://127.0.0.1:<port>", with the key it accepts.

  <service>     one of: ${services.join(", ")}
  --port <n>    the port, 0 to 65535 (default 0: any free port)
  -h, --help    this text
`;
}

/**
 * Reads the command line (without node and the script).
 * @throws Error with a one-line message naming what is wrong
 */
export function parseMockArgs(argv: readonly string[], services: readonly string[]): MockCommand {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: { port: { type: "string" }, help: { type: "boolean", short: "h" } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help === true) return { help: true };
  const [service, ...extra] = positionals;
  if (service === undefined) throw new Error("name the service to mock");
  if (extra.length > 0) throw new Error(`one service at a time: ${JSON.stringify(extra[0])} is one too many`);
  if (!services.includes(service)) throw new Error(`no mock for service ${JSON.stringify(service)}; there are: ${services.join(", ")}`);
  const port = values.port === undefined ? 0 : Number(values.port);
  if (values.port !== undefined && (!/^\d+$/.test(values.port) || port > 65535)) {
    throw new Error(`--port must be an integer from 0 to 65535, not ${JSON.stringify(values.port)}`);
  }
  return { help: false, service, port };
}

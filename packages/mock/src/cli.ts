/**
 * `tcsdk-mock <service> [--port <n>]`: serves the mock of one service on 127.0.0.1 until stopped.
 * Exit codes: 0 stopped by SIGINT or SIGTERM, 1 the server could not start, 2 a wrong argument.
 * @packageDocumentation
 */
import { mockUsage, parseMockArgs, type MockCommand } from "./cli-args.js";
import { mockServices } from "./mock-model.js";
import { MOCK_KEY, startMock } from "./server.js";

async function main(): Promise<void> {
  const services = mockServices();
  let command: MockCommand;
  try {
    command = parseMockArgs(process.argv.slice(2), services);
  } catch (error) {
    process.stderr.write(`tcsdk-mock: ${(error as Error).message}\n\n${mockUsage(services)}`);
    process.exit(2);
  }
  if (command.help) {
    process.stdout.write(mockUsage(services));
    return;
  }
  const mock = await startMock({ service: command.service, port: command.port });
  process.stdout.write(`${command.service} mock at ${mock.url} (SecretId ${MOCK_KEY.secretId}, SecretKey ${MOCK_KEY.secretKey})\n`);
  const stop = (): void => {
    mock.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`tcsdk-mock: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

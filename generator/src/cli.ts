/**
 * Entry point of the `tcsdk-generate` command (see `cli/run-cli.ts`).
 * @packageDocumentation
 */
import { runCli } from "./cli/run-cli.js";

process.exitCode = runCli(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});

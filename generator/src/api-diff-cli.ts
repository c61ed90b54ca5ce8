/**
 * Entry point of the `tcsdk-api-diff` command (see `cli/run-api-diff.ts`).
 * @packageDocumentation
 */
import { runApiDiff } from "./cli/run-api-diff.js";

process.exitCode = runApiDiff(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});

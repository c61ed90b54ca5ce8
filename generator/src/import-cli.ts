/**
 * Entry point of the `tcsdk-import` command (see `cli/run-import.ts`).
 * @packageDocumentation
 */
import { runImport } from "./cli/run-import.js";

process.exitCode = runImport(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});

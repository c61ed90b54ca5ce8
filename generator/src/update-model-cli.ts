/**
 * Entry point of the `tcsdk-update-model` command (see `cli/run-update-model.ts`).
 * @packageDocumentation
 */
import { runUpdateModel } from "./cli/run-update-model.js";

process.exitCode = runUpdateModel(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});

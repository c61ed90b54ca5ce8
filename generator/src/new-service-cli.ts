/**
 * Entry point of the `tcsdk-new-service` command (see `cli/run-new-service.ts`).
 * @packageDocumentation
 */
import { runNewService } from "./cli/run-new-service.js";

process.exitCode = runNewService(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});

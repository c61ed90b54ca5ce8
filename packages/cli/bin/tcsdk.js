#!/usr/bin/env node
// The tcsdk command: runs the CLI with this process's streams and environment; Ctrl-C aborts the calls.
import { runCli } from "../dist/index.js";

const controller = new AbortController();
process.once("SIGINT", () => controller.abort(new Error("interrupted (Ctrl-C)")));
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  signal: controller.signal,
});

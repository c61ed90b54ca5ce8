/**
 * Runs `runCli` in the test's own process, with streams that collect what it writes: fast enough to
 * call every action of a service.
 */
import { Writable } from "node:stream";
import { runCli } from "../../src/index.js";

/** What a run printed and its exit code. */
export interface InProcessRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/** A writable that keeps the text written to it. */
function collector(): { readonly stream: Writable; readonly text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join("") };
}

/** Runs `tcsdk <args>` in-process with `env`. */
export async function runInProcess(args: readonly string[], env: NodeJS.ProcessEnv): Promise<InProcessRun> {
  const stdout = collector();
  const stderr = collector();
  const exitCode = await runCli(args, { stdout: stdout.stream, stderr: stderr.stream, env });
  return { stdout: stdout.text(), stderr: stderr.text(), exitCode };
}

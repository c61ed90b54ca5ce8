/**
 * What a command runs with: where it writes, the environment it reads, and the signal that Ctrl-C fires.
 * Tests pass their own; `tcsdk` itself passes the process's.
 * @packageDocumentation
 */
import type { Writable } from "node:stream";

/** A stream `tcsdk` writes to; `isTTY` decides between a progress bar and plain lines. */
export interface OutputStream extends Writable {
  /** Whether it is a terminal (then `tcsdk cls export` draws a bar on it). */
  readonly isTTY?: boolean;
  /** The terminal's width, when it is one. */
  readonly columns?: number;
}

/** Where `tcsdk` writes and what it reads. */
export interface CliContext {
  /** Results (JSON). */
  readonly stdout: OutputStream;
  /** Progress and errors. */
  readonly stderr: OutputStream;
  /** Variables: credentials, region, profile. */
  readonly env: NodeJS.ProcessEnv;
  /** Aborts the command's calls (Ctrl-C). */
  readonly signal?: AbortSignal;
}

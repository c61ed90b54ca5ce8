/**
 * What `tcsdk` prints and exits with when a command fails: one message on stderr (as JSON with
 * `--json`), and an {@link ExitCode} a script can branch on.
 * @packageDocumentation
 */
import { TcAbortError, TcCredentialsError, TcError, TcNetworkError, TcServiceError, TcTimeoutError, TcValidationError } from "@tcsdk/core";
import { ExitCode } from "./exit-codes.js";
import { UsageError } from "./usage-error.js";

/** How a failure is reported. */
export interface Failure {
  /** The exit code. */
  readonly exitCode: ExitCode;
  /** One line (or a few) for a person. */
  readonly message: string;
  /** The same for a machine (`--json`). */
  readonly json: Readonly<Record<string, unknown>>;
}

const CREDENTIALS_HINT =
  "tcsdk reads credentials as the SDK does: TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY (and TENCENTCLOUD_SESSION_TOKEN), " +
  "or ~/.tencentcloud/credentials ([default], or the profile named by --profile or TENCENTCLOUD_PROFILE), or the CVM instance role";

/** The failure `error` stands for. */
export function failureOf(error: unknown): Failure {
  const exitCode = exitCodeOf(error);
  const message = error instanceof TcCredentialsError ? credentialsMessage(error) : error instanceof Error ? error.message : String(error);
  return { exitCode, message, json: { error: jsonOf(error, message) } };
}

/** The SDK's message speaks of a client's `credentials` option; on the command line, the sources tried and the ways to give them. */
function credentialsMessage(error: TcCredentialsError): string {
  const what = error.action === undefined ? "tcsdk" : `${error.action} (${error.service ?? "?"})`;
  const found = error.tried.length > 0 ? `${what} found no credentials; tried: ${error.tried.join("; ")}` : error.message;
  return `${found}\n${CREDENTIALS_HINT}`;
}

function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof UsageError || error instanceof TcValidationError) return ExitCode.usage;
  if (error instanceof TcCredentialsError) return ExitCode.credentials;
  if (error instanceof TcServiceError) return ExitCode.serviceError;
  if (error instanceof TcAbortError) return ExitCode.interrupted;
  if (error instanceof TcNetworkError || error instanceof TcTimeoutError) return ExitCode.network;
  if (isFileError(error)) return ExitCode.localFile;
  return ExitCode.serviceError;
}

/** An error of the file system (ours, or one a `TcError` wraps, such as an export destination that cannot be written). */
function isFileError(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === "string" && /^E[A-Z]+$/.test(code) && typeof (error as { syscall?: unknown }).syscall === "string") return true;
  return error instanceof TcError && !(error instanceof TcServiceError) && error.cause !== undefined && isFileError(error.cause);
}

function jsonOf(error: unknown, message: string): Record<string, unknown> {
  const fields: Record<string, unknown> = { type: error instanceof Error ? error.name : "Error", message };
  for (const key of ["code", "action", "service", "requestId", "status", "parameter", "rule", "exportId", "topicId"]) {
    const value = (error as Record<string, unknown> | undefined)?.[key];
    if (typeof value === "string" || typeof value === "number") fields[key] = value;
  }
  return fields;
}

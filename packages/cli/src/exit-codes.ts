/**
 * The exit codes of `tcsdk`, for scripts: 0 success, 1 the service refused (its error code is printed),
 * 2 a usage or validation error (nothing was sent), 3 no credentials, 4 network or timeout after the
 * retries, 5 an error writing a local file, 130 interrupted (Ctrl-C).
 */
export const ExitCode = {
  /** The command did what it was asked. */
  ok: 0,
  /** Tencent Cloud answered with an error (`TcServiceError`); its code and RequestId are printed. */
  serviceError: 1,
  /** Bad flags, bad JSON or a parameter the spec refuses: nothing was sent. */
  usage: 2,
  /** No credentials in the flags, the environment, the profile or the instance role. */
  credentials: 3,
  /** The network failed or a deadline passed, after the SDK's retries. */
  network: 4,
  /** A local file could not be read or written. */
  localFile: 5,
  /** Interrupted by SIGINT. */
  interrupted: 130,
} as const;

/** One of the values of {@link ExitCode}. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

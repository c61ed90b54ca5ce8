/**
 * A timer that an AbortSignal cuts short.
 *
 * @internal
 * @packageDocumentation
 */

/** Thrown by {@link sleep} when the signal fires; carries the signal's reason. */
export class SleepAborted {
  /** Creates the marker for `reason`. */
  constructor(readonly reason: unknown) {}
}

/** Resolves after `ms` milliseconds, or rejects at once with {@link SleepAborted} when `signal` fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(new SleepAborted(signal.reason));
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new SleepAborted(signal?.reason));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

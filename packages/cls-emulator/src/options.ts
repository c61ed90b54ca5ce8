/**
 * Options of {@link startEmulator} and their defaults.
 * @packageDocumentation
 */
import { systemClock, type Clock } from "./clock.js";
import type { ExportDelays } from "./export/runner.js";

/** A key pair the emulator accepts. */
export interface EmulatorKey {
  /** SecretId sent in the `Credential=` part of `Authorization`. */
  readonly secretId: string;
  /** SecretKey used to verify signatures. */
  readonly secretKey: string;
  /** Session token of temporary credentials: requests must then send it in `X-TC-Token`. */
  readonly token?: string;
}

/**
 * The well-known test key pair accepted when no keys are configured (like LocalStack's `test`/`test`):
 * SecretId `test`, SecretKey `test`. Never use it for anything but the emulator.
 */
export const DEFAULT_KEYS: readonly EmulatorKey[] = Object.freeze([{ secretId: "test", secretKey: "test" }]);

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** Directory holding topics, logs and export tasks; created if missing; reused across restarts. */
  readonly dataDir: string;
  /** TCP port; `0` or absent picks a free one. */
  readonly port?: number;
  /** Interface to listen on. @defaultValue `"127.0.0.1"` */
  readonly host?: string;
  /** Accepted keys. @defaultValue {@link DEFAULT_KEYS} */
  readonly keys?: readonly EmulatorKey[];
  /** Time source for signatures, rate limits, link and task expiry, `CreateTime`. @defaultValue `Date.now` */
  readonly clock?: Clock;
  /** Requests per second per action and SecretId; `false` or `0` turns the limit off. @defaultValue `20` */
  readonly rateLimit?: number | false;
  /** Minimum time tasks spend `Queuing` and `Processing` (real ms). @defaultValue `{ queuedMs: 100, processingMs: 200 }` */
  readonly delays?: Partial<ExportDelays>;
  /** Unfinished (`Queuing`/`Processing`) tasks allowed per topic before `LimitExceeded.Export`. @defaultValue `10` */
  readonly maxUnfinishedExports?: number;
  /**
   * Accept only the credential scope service `cls`. By default the first DNS label of the `Host`, with
   * or without its port, is accepted too, because the official Node SDKs sign that (service `127` for
   * `127.0.0.1:PORT`, `localhost:PORT` for `localhost:PORT`).
   * @defaultValue `false`
   */
  readonly strictService?: boolean;
  /** Export tasks processed at the same time. @defaultValue `2` */
  readonly exportConcurrency?: number;
  /** gzip level of exported files, 0-9 (1 is fastest; files stay plain gzip). @defaultValue `1` */
  readonly gzipLevel?: number;
  /** Cut a log segment every this many bytes of an append (bounds ingest memory). @defaultValue 8 MiB */
  readonly segmentBytes?: number;
  /** Base URL put in `CosPath` links. @defaultValue the emulator's own URL */
  readonly publicUrl?: string;
  /**
   * Fault injection, for testing how clients recover: called after each API request has been handled
   * (the action ran, or was refused); `true` resets the connection instead of answering, so the client
   * loses an answer whose action may have taken effect. The CLI's `--reset-rate R` resets a random
   * share `R` of requests.
   */
  readonly resetAfterAction?: (action: string) => boolean;
  /** Called once per API request, answered or reset: see {@link RequestLogEntry}. The CLI's `--verbose` prints them. */
  readonly requestLog?: (entry: RequestLogEntry) => void;
}

/** One API request as the emulator handled it. */
export interface RequestLogEntry {
  /** The action, or `""` when the request named none (or could not be read that far). */
  readonly action: string;
  /** HTTP status answered (always 200 for API 3.0), or 0 when the connection was reset. */
  readonly status: number;
  /** The error code answered, or `undefined` when the action succeeded. */
  readonly errorCode: string | undefined;
  /** Whether the connection was reset instead of answering (see {@link EmulatorOptions.resetAfterAction}). */
  readonly reset: boolean;
  /** Time from the request's arrival to its answer, ms. */
  readonly durationMs: number;
}

/** Options with every default applied. */
export interface ResolvedOptions {
  readonly dataDir: string;
  readonly port: number;
  readonly host: string;
  readonly keys: readonly EmulatorKey[];
  readonly clock: Clock;
  readonly rateLimit: number;
  readonly delays: ExportDelays;
  readonly maxUnfinishedExports: number;
  readonly strictService: boolean;
  readonly exportConcurrency: number;
  readonly gzipLevel: number;
  readonly segmentBytes: number;
  readonly publicUrl: string | undefined;
  readonly resetAfterAction: ((action: string) => boolean) | undefined;
  readonly requestLog: ((entry: RequestLogEntry) => void) | undefined;
}

/** Applies defaults and checks ranges. @throws RangeError for impossible values */
export function resolveOptions(options: EmulatorOptions): ResolvedOptions {
  const keys = options.keys && options.keys.length > 0 ? options.keys : DEFAULT_KEYS;
  const resolved: ResolvedOptions = {
    dataDir: options.dataDir,
    port: options.port ?? 0,
    host: options.host ?? "127.0.0.1",
    keys,
    clock: options.clock ?? systemClock,
    rateLimit: options.rateLimit === false ? 0 : (options.rateLimit ?? 20),
    delays: { queuedMs: options.delays?.queuedMs ?? 100, processingMs: options.delays?.processingMs ?? 200 },
    maxUnfinishedExports: options.maxUnfinishedExports ?? 10,
    strictService: options.strictService ?? false,
    exportConcurrency: options.exportConcurrency ?? 2,
    gzipLevel: options.gzipLevel ?? 1,
    segmentBytes: options.segmentBytes ?? 8 * 1024 * 1024,
    publicUrl: options.publicUrl?.replace(/\/+$/, ""),
    resetAfterAction: options.resetAfterAction,
    requestLog: options.requestLog,
  };
  if (!resolved.dataDir) throw new RangeError("dataDir is required");
  if (!Number.isInteger(resolved.port) || resolved.port < 0 || resolved.port > 65535) throw new RangeError("port must be 0-65535");
  if (!(resolved.rateLimit >= 0)) throw new RangeError("rateLimit must be a non-negative number");
  if (!Number.isInteger(resolved.gzipLevel) || resolved.gzipLevel < 0 || resolved.gzipLevel > 9)
    throw new RangeError("gzipLevel must be 0-9");
  if (!(resolved.exportConcurrency >= 1)) throw new RangeError("exportConcurrency must be at least 1");
  if (!(resolved.maxUnfinishedExports >= 1)) throw new RangeError("maxUnfinishedExports must be at least 1");
  if (!(resolved.segmentBytes >= 1)) throw new RangeError("segmentBytes must be positive");
  for (const key of keys) if (!key.secretId || !key.secretKey) throw new RangeError("every key needs a secretId and a secretKey");
  return resolved;
}

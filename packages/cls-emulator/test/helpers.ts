/**
 * Test helpers: temp data dirs, a fake clock, a signed API caller and download helpers.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { signTc3 } from "@tcsdk/core/signing";
import { startEmulator, type Emulator, type EmulatorOptions } from "../src/index.js";

export const KEY = { secretId: "AKIDtestEmulator", secretKey: "emulator-secret-key" };

/** A clock the test moves by hand. */
export class FakeClock {
  constructor(public now = Date.UTC(2024, 4, 1, 12, 0, 0)) {}
  readonly clock = (): number => this.now;
  advance(ms: number): void {
    this.now += ms;
  }
}

const dirs: string[] = [];

/** A fresh temp directory, removed by {@link cleanup}. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "cls-emulator-test-"));
  dirs.push(dir);
  return dir;
}

const running: Emulator[] = [];

/** Starts an emulator with test defaults (fast delays, the test key, no rate limit), stopped by {@link cleanup}. */
export async function start(options: Partial<EmulatorOptions> = {}): Promise<Emulator> {
  const emulator = await startEmulator({
    dataDir: options.dataDir ?? (await tempDir()),
    keys: [KEY],
    delays: { queuedMs: 20, processingMs: 20 },
    rateLimit: false,
    ...options,
  });
  running.push(emulator);
  return emulator;
}

/** Stops every emulator and removes every temp dir. */
export async function cleanup(): Promise<void> {
  await Promise.all(running.splice(0).map((emulator) => emulator.stop()));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** How to sign (and spoil) one call. */
export interface CallOptions {
  readonly secretId?: string;
  readonly secretKey?: string;
  readonly timestamp?: number;
  readonly service?: string;
  readonly version?: string | null;
  readonly region?: string;
  readonly token?: string;
  readonly body?: string;
  readonly contentType?: string;
  /** Replace headers after signing. */
  readonly headers?: Record<string, string>;
  /** Remove these headers after signing. */
  readonly omit?: readonly string[];
  /** Clock used for the default timestamp. */
  readonly clock?: () => number;
}

/** The parsed answer of an API call. */
export interface ApiAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly response: Record<string, unknown> & { Error?: { Code: string; Message: string }; RequestId: string };
}

/** Makes a TC3-signed API call with plain fetch. */
export async function call(emulator: Emulator, action: string, params: unknown, options: CallOptions = {}): Promise<ApiAnswer> {
  const body = options.body ?? JSON.stringify(params);
  const contentType = options.contentType ?? "application/json";
  const timestamp = options.timestamp ?? Math.floor((options.clock ?? Date.now)() / 1000);
  const signature = signTc3({
    secretId: options.secretId ?? KEY.secretId,
    secretKey: options.secretKey ?? KEY.secretKey,
    service: options.service ?? "cls",
    host: emulator.endpoint,
    timestamp,
    contentType,
    payload: body,
  });
  const headers: Record<string, string> = {
    "Content-Type": contentType,
    Authorization: signature.authorization,
    "X-TC-Action": action,
    "X-TC-Timestamp": String(timestamp),
    "X-TC-Region": options.region ?? "ap-guangzhou",
  };
  if (options.version !== null) headers["X-TC-Version"] = options.version ?? "2020-10-16";
  if (options.token !== undefined) headers["X-TC-Token"] = options.token;
  Object.assign(headers, options.headers);
  for (const name of options.omit ?? []) delete headers[name];
  const res = await fetch(`${emulator.url}/`, { method: "POST", headers, body });
  const json = (await res.json()) as { Response: ApiAnswer["response"] };
  return { status: res.status, headers: res.headers, response: json.Response };
}

/** The error code of an answer (undefined on success). */
export function codeOf(answer: ApiAnswer): string | undefined {
  return answer.response.Error?.Code;
}

/** Polls DescribeExports (bounded) until the task reaches `status`. */
export async function waitForStatus(
  emulator: Emulator,
  topicId: string,
  exportId: string,
  status: string,
  options: CallOptions = {},
): Promise<Record<string, unknown>> {
  for (let attempt = 0; attempt < 400; attempt++) {
    const answer = await call(emulator, "DescribeExports", { TopicId: topicId, Limit: 100 }, options);
    const info = (answer.response.Exports as Record<string, unknown>[] | undefined)?.find((item) => item.ExportId === exportId);
    if (info?.Status === status) return info;
    if (info?.Status === "Failed") throw new Error(`export failed: ${JSON.stringify(info)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`export ${exportId} never reached ${status}`);
}

/** Downloads and gunzips an export. */
export async function download(cosPath: string): Promise<string> {
  const res = await fetch(cosPath);
  if (res.status !== 200) throw new Error(`download answered ${res.status}: ${await res.text()}`);
  return gunzipSync(Buffer.from(await res.arrayBuffer())).toString("utf8");
}

/** Creates and completes an export, answering its ExportInfo. */
export async function exportAndWait(emulator: Emulator, params: Record<string, unknown>, options: CallOptions = {}): Promise<Record<string, unknown>> {
  const created = await call(emulator, "CreateExport", params, options);
  if (created.response.Error) throw new Error(`CreateExport failed: ${JSON.stringify(created.response.Error)}`);
  return waitForStatus(emulator, params.TopicId as string, created.response.ExportId as string, "Completed", options);
}

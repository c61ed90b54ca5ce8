/**
 * Test helpers: temp data dirs, a fake clock, a signed API caller and download helpers.
 */
import { createHmac } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { request as httpRequest } from "node:http";
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
  /** Host to sign and send (the request goes to the emulator regardless). */
  readonly host?: string;
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
    host: options.host ?? emulator.endpoint,
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
  if (options.host !== undefined) headers.Host = options.host;
  Object.assign(headers, options.headers);
  for (const name of options.omit ?? []) delete headers[name];
  if (options.host !== undefined) return postWithHost(emulator, headers, body);
  const res = await fetch(`${emulator.url}/`, { method: "POST", headers, body });
  const json = (await res.json()) as { Response: ApiAnswer["response"] };
  return { status: res.status, headers: res.headers, response: json.Response };
}

/** POSTs with node:http, which (unlike fetch) sends the `Host` header it is given. */
function postWithHost(emulator: Emulator, headers: Record<string, string>, body: string): Promise<ApiAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port: emulator.port, method: "POST", path: "/", headers }, (res) => {
      let text = "";
      res.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
      res.on("end", () => {
        const answerHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers)) if (typeof value === "string") answerHeaders.set(name, value);
        resolve({
          status: res.statusCode ?? 0,
          headers: answerHeaders,
          response: (JSON.parse(text) as { Response: ApiAnswer["response"] }).Response,
        });
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** Makes a TC3-signed call with a body as given and answers the raw response text. */
export async function callText(emulator: Emulator, action: string, body: string): Promise<string> {
  const timestamp = Math.floor(Date.now() / 1000);
  const signed = signTc3({ ...KEY, service: "cls", host: emulator.endpoint, timestamp, contentType: "application/json", payload: body });
  const res = await fetch(`${emulator.url}/`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Authorization: signed.authorization,
      "X-TC-Action": action,
      "X-TC-Version": "2020-10-16",
      "X-TC-Timestamp": String(timestamp),
    },
    body,
  });
  return res.text();
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
export async function exportAndWait(
  emulator: Emulator,
  params: Record<string, unknown>,
  options: CallOptions = {},
): Promise<Record<string, unknown>> {
  const created = await call(emulator, "CreateExport", params, options);
  if (created.response.Error) throw new Error(`CreateExport failed: ${JSON.stringify(created.response.Error)}`);
  return waitForStatus(emulator, params.TopicId as string, created.response.ExportId as string, "Completed", options);
}

/** How to sign (and spoil) one signature-v1 call. */
export interface V1CallOptions {
  readonly method?: "GET" | "POST";
  /** Method to sign, when it should differ from the one sent. */
  readonly signAs?: "GET" | "POST";
  readonly signatureMethod?: "HmacSHA1" | "HmacSHA256" | null;
  readonly secretId?: string;
  readonly secretKey?: string;
  readonly timestamp?: number;
  readonly nonce?: string;
  readonly region?: string;
  readonly token?: string;
  readonly version?: string;
  /** Path to send and sign. @defaultValue "/" */
  readonly path?: string;
  /** Host to sign (the request goes to the emulator regardless). */
  readonly signHost?: string;
  /** Change parameters after signing. */
  readonly after?: Record<string, string | undefined>;
  /** Clock used for the default timestamp. */
  readonly clock?: () => number;
}

/**
 * Makes a signature-v1 call, signing as the API 3.0 documentation describes it (written from the
 * documentation for the tests, independently of the emulator's verifier): parameters sorted by name,
 * `METHOD + host + path + "?" + k=v&…` with raw values, base64 HMAC.
 */
export async function callV1(
  emulator: Emulator,
  action: string,
  params: Record<string, string | number>,
  options: V1CallOptions = {},
): Promise<ApiAnswer> {
  const method = options.method ?? "POST";
  const all: Record<string, string> = {
    Action: action,
    Version: options.version ?? "2020-10-16",
    Timestamp: String(options.timestamp ?? Math.floor((options.clock ?? Date.now)() / 1000)),
    Nonce: options.nonce ?? String(1 + Math.floor(Math.random() * 1e6)),
    SecretId: options.secretId ?? KEY.secretId,
    ...(options.region !== undefined ? { Region: options.region } : {}),
    ...(options.token !== undefined ? { Token: options.token } : {}),
    ...(options.signatureMethod === null ? {} : { SignatureMethod: options.signatureMethod ?? "HmacSHA256" }),
  };
  for (const [name, value] of Object.entries(params)) all[name] = String(value);
  // without SignatureMethod the documented default is HmacSHA1
  const hash = all.SignatureMethod === "HmacSHA256" ? "sha256" : "sha1";
  const path = options.path ?? "/";
  const names = Object.keys(all).sort();
  const stringToSign = `${options.signAs ?? method}${options.signHost ?? emulator.endpoint}${path}?${names.map((name) => `${name}=${all[name]}`).join("&")}`;
  all.Signature = createHmac(hash, options.secretKey ?? KEY.secretKey)
    .update(stringToSign, "utf8")
    .digest("base64");
  for (const [name, value] of Object.entries(options.after ?? {})) {
    if (value === undefined) delete all[name];
    else all[name] = value;
  }
  const encoded = new URLSearchParams(all).toString();
  const res =
    method === "GET"
      ? await fetch(`${emulator.url}${path}?${encoded}`)
      : await fetch(`${emulator.url}${path}`, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: encoded,
        });
  const json = (await res.json()) as { Response: ApiAnswer["response"] };
  return { status: res.status, headers: res.headers, response: json.Response };
}

/**
 * A plain GET of a pre-signed URL (such as a CLS export's `CosPath`) through a client's dispatcher, so
 * it shares the client's connection pool, proxy settings and injected Dispatcher. Nothing is signed.
 *
 * @internal
 * @packageDocumentation
 */
import { limitTimer } from "./timer.js";
import type { DispatcherLike, DownloadOptions, DownloadResponse } from "../client-options.js";
import { TcAbortError, TcNetworkError, TcTimeoutError } from "../errors.js";
import { loadRequest, type RequestFunction } from "./undici-modules.js";

let request: RequestFunction | undefined;

/** undici error codes of a timeout while waiting for the answer's head or for the next body bytes. */
const TIMEOUT_CODES = new Set(["UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "UND_ERR_CONNECT_TIMEOUT"]);

/**
 * GETs `url`; resolves once the answer's head has arrived, whatever its status, with the body as a stream.
 * The URL's query (a pre-signed URL's credentials) never appears in an error.
 */
export async function download(
  dispatcher: DispatcherLike,
  url: string,
  options: DownloadOptions,
  defaults: { readonly timeoutMs: number; readonly service: string },
): Promise<DownloadResponse> {
  const target = new URL(url);
  if (target.protocol !== "http:" && target.protocol !== "https:") throw new TypeError("download URL must use http: or https:");
  const where = `${target.origin}${target.pathname}`;
  const timeoutMs = options.timeoutMs ?? defaults.timeoutMs;
  const headers: Record<string, string> = {};
  if (options.offset !== undefined && options.offset > 0) headers["range"] = `bytes=${options.offset}-`;
  const context = { service: defaults.service, action: "download" };
  request ??= await loadRequest();
  // The timeout until the head arrives is ours (undici's own timers tick at about 1 s); once the body
  // streams, undici's bodyTimeout limits each silence.
  const controller = new AbortController();
  const timeout = new Error("download timed out");
  const timer = limitTimer(() => controller.abort(timeout), timeoutMs);
  const signal = options.signal;
  const onAbort = (): void => controller.abort(signal?.reason);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const answer = await request.call(dispatcher, {
      origin: target.origin,
      path: `${target.pathname}${target.search}`,
      method: "GET",
      headers,
      bodyTimeout: timeoutMs,
      signal: controller.signal,
    });
    // A body destroyed before its end emits an error; one that nobody listens to would crash the process.
    answer.body.on("error", () => undefined);
    answer.body.on("close", () => signal?.removeEventListener("abort", onAbort));
    const flat: Record<string, string> = {};
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value !== undefined) flat[name] = Array.isArray(value) ? (value[0] ?? "") : value;
    }
    return { status: answer.statusCode, headers: flat, body: answer.body };
  } catch (error) {
    signal?.removeEventListener("abort", onAbort);
    if (signal?.aborted) throw new TcAbortError(`download of ${where} aborted`, { ...context, cause: signal.reason });
    const code = (error as { code?: unknown } | null)?.code;
    if (controller.signal.reason === timeout || (typeof code === "string" && TIMEOUT_CODES.has(code))) {
      throw new TcTimeoutError("attempt", timeoutMs, context);
    }
    const name = typeof code === "string" ? code : error instanceof Error ? error.name : "error";
    throw new TcNetworkError(`download of ${where} failed: ${name}`, true, {
      ...context,
      errorCode: typeof code === "string" ? code : undefined,
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
}

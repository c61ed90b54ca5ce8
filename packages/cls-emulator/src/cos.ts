/**
 * The COS side of exports: signed download links that expire after an hour (emulator clock), and a
 * download endpoint with `Range` support. Failures answer like COS: HTTP 403/404/416 with an XML body.
 * @packageDocumentation
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile, stat, writeFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { httpDate, type Clock } from "./clock.js";

/** How long a `CosPath` link works, in seconds. */
export const LINK_TTL_SECONDS = 3600;

/** The path prefix of download links. */
export const COS_PREFIX = "/cos/";

/** Signs and checks download links with a secret kept in the data directory. */
export class CosLinks {
  private constructor(
    private readonly secret: Buffer,
    private readonly clock: Clock,
  ) {}

  /** Loads the link secret from `<dataDir>/cos-link-secret`, creating it on first start. */
  static async open(dataDir: string, clock: Clock): Promise<CosLinks> {
    const path = join(dataDir, "cos-link-secret");
    let secret = await readFile(path).catch(() => undefined);
    if (secret === undefined || secret.length < 32) {
      secret = randomBytes(32);
      await writeFile(path, secret, { mode: 0o600 });
    }
    return new CosLinks(secret, clock);
  }

  /** A fresh link to an export file, valid for {@link LINK_TTL_SECONDS} from now. */
  url(baseUrl: string, exportId: string, fileName: string): string {
    const expires = Math.floor(this.clock() / 1000) + LINK_TTL_SECONDS;
    const path = `${COS_PREFIX}${encodeURIComponent(exportId)}/${encodeURIComponent(fileName)}`;
    return `${baseUrl}${path}?expires=${expires}&sig=${this.#sign(exportId, fileName, expires)}`;
  }

  /** Checks a link's signature and expiry. */
  check(exportId: string, fileName: string, expires: string | null, sig: string | null): "ok" | "expired" | "forged" {
    if (expires === null || sig === null || !/^\d{1,12}$/.test(expires) || !/^[0-9a-f]{64}$/.test(sig)) return "forged";
    const wanted = Buffer.from(this.#sign(exportId, fileName, Number(expires)), "hex");
    if (!timingSafeEqual(wanted, Buffer.from(sig, "hex"))) return "forged";
    return Math.floor(this.clock() / 1000) > Number(expires) ? "expired" : "ok";
  }

  #sign(exportId: string, fileName: string, expires: number): string {
    return createHmac("sha256", this.secret).update(`${exportId}\n${fileName}\n${expires}`).digest("hex");
  }
}

/** Answers like COS does on failure: an XML `<Error>` document. */
export function sendCosError(res: ServerResponse, clock: Clock, status: number, code: string, message: string): void {
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n  <Code>${code}</Code>\n  <Message>${message}</Message>\n` +
    `  <RequestId>${randomBytes(12).toString("hex")}</RequestId>\n</Error>\n`;
  res.writeHead(status, { "Content-Type": "application/xml", "Content-Length": Buffer.byteLength(body), Date: httpDate(clock()) });
  res.end(body);
}

/** A byte range to serve, or `"unsatisfiable"`. */
export type ByteRange = { readonly start: number; readonly end: number } | "unsatisfiable" | undefined;

/**
 * Parses a single-range `Range: bytes=a-b | a- | -n` header against a file size. Multi-range and
 * unparsable headers are ignored (`undefined`: serve the whole file), as RFC 9110 allows.
 */
export function parseRange(header: string | undefined, size: number): ByteRange {
  const match = header === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (match === null) return undefined;
  const [, first = "", last = ""] = match;
  if (first === "" && last === "") return undefined;
  if (first === "") {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === "" ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || end < start) return "unsatisfiable";
  return { start, end };
}

/** Streams a file (whole or one range) with `Content-Length`, `Accept-Ranges` and `Content-Type: application/gzip`. */
export async function sendFile(req: IncomingMessage, res: ServerResponse, clock: Clock, path: string, fileName: string): Promise<void> {
  const { size } = await stat(path);
  const range = parseRange(req.headers.range, size);
  const headers: Record<string, string | number> = {
    "Content-Type": "application/gzip",
    "Accept-Ranges": "bytes",
    "Content-Disposition": `attachment; filename="${fileName}"`,
    Date: httpDate(clock()),
  };
  if (range === "unsatisfiable") {
    res.writeHead(416, { ...headers, "Content-Range": `bytes */${size}`, "Content-Length": 0 });
    res.end();
    return;
  }
  const { start, end } = range ?? { start: 0, end: size - 1 };
  const length = size === 0 ? 0 : end - start + 1;
  if (range) headers["Content-Range"] = `bytes ${start}-${end}/${size}`;
  res.writeHead(range ? 206 : 200, { ...headers, "Content-Length": length });
  if (req.method === "HEAD" || length === 0) {
    res.end();
    return;
  }
  await pipeline(createReadStream(path, { start, end }), res);
}

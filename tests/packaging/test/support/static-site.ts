/**
 * A static file server on 127.0.0.1 for a built site, as a user's browser would read it from a host:
 * files by path, `index.html` for a folder, the content types a browser needs, 404 for anything else.
 * @packageDocumentation
 */
import { once } from "node:events";
import { readFile, stat } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

/** A running server of a folder. */
export interface StaticSite {
  /** Base URL, ending in `/`. */
  readonly url: string;
  /** Stops the server. */
  close(): Promise<void>;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

/** Serves `root` on a free port of 127.0.0.1. */
export async function serveStatic(root: string): Promise<StaticSite> {
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://127.0.0.1").pathname);
    const file = path.join(root, pathname.endsWith("/") ? `${pathname}index.html` : pathname);
    if (!file.startsWith(root)) {
      response.writeHead(404).end();
      return;
    }
    stat(file)
      .then(async (stats) => {
        if (!stats.isFile()) throw new Error("not a file");
        const body = await readFile(file);
        response.writeHead(200, { "content-type": CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream" }).end(body);
      })
      .catch(() => response.writeHead(404, { "content-type": "text/plain" }).end("not found"));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

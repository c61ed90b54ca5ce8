/**
 * A tiny HTTP proxy on 127.0.0.1 that tunnels `CONNECT` requests, to 127.0.0.1 only, and records them.
 */
import { createServer } from "node:http";
import { connect, type AddressInfo, type Socket } from "node:net";

/** A running proxy. */
export interface TestProxy {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** Targets of the CONNECT requests received, e.g. `127.0.0.1:4567`. */
  readonly tunnels: string[];
  close(): Promise<void>;
}

/** Starts the proxy. */
export async function startConnectProxy(): Promise<TestProxy> {
  const tunnels: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((_req, res) => {
    res.writeHead(405).end("CONNECT only");
  });
  server.on("connect", (req, client: Socket, head: Buffer) => {
    const target = req.url ?? "";
    tunnels.push(target);
    sockets.add(client);
    const [host, port] = target.split(":");
    if (host !== "127.0.0.1") {
      client.end("HTTP/1.1 403 Forbidden\r\n\r\n");
      return;
    }
    const upstream = connect(Number(port), host, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

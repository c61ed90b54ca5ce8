/**
 * A throwaway npm registry for the release test: Verdaccio, run in this process, listening on 127.0.0.1
 * at a port the system picks, storing in a temp folder, with no uplink (a package it was not given is a
 * 404, never a fetch from npmjs.org), and one user created at start whose token publishes.
 * @packageDocumentation
 */
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { writeFile } from "node:fs/promises";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { runServer } from "verdaccio";

/** One version of a package as the registry serves it. */
export interface RegistryManifest {
  /** Package name. */
  readonly name: string;
  /** Version. */
  readonly version: string;
  /** Runtime dependencies, as published. */
  readonly dependencies?: Readonly<Record<string, string>>;
  /** Where the tarball is. */
  readonly dist: { readonly tarball: string };
}

/** What the registry knows of a package (its "packument"). */
export interface Packument {
  /** `latest` and the other tags. */
  readonly "dist-tags": Readonly<Record<string, string>>;
  /** Every published version. */
  readonly versions: Readonly<Record<string, RegistryManifest>>;
}

/** A running local registry. */
export interface LocalRegistry {
  /** Base URL, ending in `/` (as npm writes `registry=`). */
  readonly url: string;
  /** The `.npmrc` that points npm and pnpm at this registry with the publishing user's token. */
  readonly npmrc: string;
  /** The packument of `name`; `undefined` when the registry does not have it. */
  packument(name: string): Promise<Packument | undefined>;
  /** Stops the server, closing open connections. */
  stop(): Promise<void>;
}

/** Starts a registry storing in `dir` (an empty folder it owns). */
export async function startLocalRegistry(dir: string): Promise<LocalRegistry> {
  const config = {
    storage: path.join(dir, "storage"),
    auth: { htpasswd: { file: path.join(dir, "htpasswd"), max_users: 1 } },
    uplinks: {},
    // no `proxy:` anywhere: nothing is fetched from another registry
    packages: { "**": { access: "$all", publish: "$authenticated", unpublish: "$authenticated" } },
    web: { enable: false },
    middlewares: { audit: { enabled: false } },
    max_body_size: "200mb",
    log: { type: "stdout", format: "json", level: "error" },
  };
  const configFile = path.join(dir, "config.yaml");
  await writeFile(configFile, JSON.stringify(config, null, 2)); // JSON is YAML
  const server = (await runServer(configFile)) as Server;
  server.listen(0, "127.0.0.1");
  await Promise.race([once(server, "listening"), rejectAfter(30_000, "Verdaccio did not start listening")]);
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/`;
  const token = await createUser(url);
  const npmrc = `registry=${url}\n//127.0.0.1:${port}/:_authToken=${token}\n`;

  return {
    url,
    npmrc,
    async packument(name) {
      const response = await fetch(`${url}${name.replace("/", "%2f")}`, { signal: AbortSignal.timeout(30_000) });
      if (response.status === 404) return undefined;
      if (!response.ok) throw new Error(`GET ${name} from the local registry: HTTP ${response.status}`);
      return (await response.json()) as Packument;
    },
    async stop() {
      server.closeAllConnections();
      await Promise.race([new Promise((resolve) => server.close(resolve)), rejectAfter(10_000, "Verdaccio did not stop")]);
    },
  };
}

/** Registers the publishing user (`npm adduser`'s request) and returns its token. */
async function createUser(url: string): Promise<string> {
  const name = "release-test";
  const response = await fetch(`${url}-/user/org.couchdb.user:${name}`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      _id: `org.couchdb.user:${name}`,
      name,
      password: randomBytes(18).toString("base64url"),
      type: "user",
      roles: [],
    }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await response.json()) as { token?: string };
  if (response.status !== 201 || typeof body.token !== "string") {
    throw new Error(`creating the registry user: HTTP ${response.status} ${JSON.stringify(body)}`);
  }
  return body.token;
}

function rejectAfter(ms: number, message: string): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(`${message} within ${ms} ms`)), ms).unref());
}

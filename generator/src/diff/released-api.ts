/**
 * The repository's services and the API each package last released. `pnpm version-packages` records,
 * for every package whose version changed, the surface of its spec in `specs/released/<service>.json`;
 * the CI gate diffs the specs against those records. A package with no record was never released: its
 * baseline is the empty API, so its first release needs at least a `minor` changeset (0.0.0 → 0.1.0)
 * and nothing before it can break a user.
 * @packageDocumentation
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { jsonText } from "../output/json-text.js";
import { compareText } from "../order.js";
import type { ApiSurface } from "./api-surface.js";

/** A spec folder of the repository and the package generated from it. */
export interface ServiceSpec {
  readonly service: string;
  readonly version: string;
  /** Absolute path of `specs/<service>/<version>`. */
  readonly dir: string;
  /** npm name from `packages/<service>/package.json` (`@tcsdk/<service>` when there is none). */
  readonly packageName: string;
  /** Its version (`0.0.0` when there is no package). */
  readonly packageVersion: string;
}

/** What a release recorded for one package. */
export interface ReleasedApi {
  readonly package: string;
  readonly version: string;
  /** The spec folder, repository-relative. */
  readonly spec: string;
  readonly api: ApiSurface;
}

/** The folder of the records, relative to the repository root. */
export const RELEASED_DIR = "specs/released";

/** Every `specs/<service>/<version>/service.json` of the repository, by service. */
export function serviceSpecs(root: string): ServiceSpec[] {
  const specs = path.join(root, "specs");
  const found: ServiceSpec[] = [];
  for (const service of subfolders(specs)) {
    for (const version of subfolders(path.join(specs, service))) {
      const dir = path.join(specs, service, version);
      if (existsSync(path.join(dir, "service.json"))) found.push({ service, version, dir, ...packageIdentity(root, service) });
    }
  }
  return found;
}

function subfolders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort(compareText);
}

/** The name and version of `packages/<service>/package.json`. */
export function packageIdentity(root: string, service: string): { packageName: string; packageVersion: string } {
  const file = path.join(root, "packages", service, "package.json");
  if (!existsSync(file)) return { packageName: `@tcsdk/${service}`, packageVersion: "0.0.0" };
  const pkg = JSON.parse(readFileSync(file, "utf8")) as { name: string; version: string };
  return { packageName: pkg.name, packageVersion: pkg.version };
}

/** The record of `service`'s last release, or `undefined` when it was never released. */
export function readReleasedApi(root: string, service: string): ReleasedApi | undefined {
  const file = path.join(root, RELEASED_DIR, `${service}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as ReleasedApi) : undefined;
}

/** Writes the record of a release; returns its repository-relative path. */
export function writeReleasedApi(root: string, service: string, record: ReleasedApi): string {
  const relative = `${RELEASED_DIR}/${service}.json`;
  mkdirSync(path.join(root, RELEASED_DIR), { recursive: true });
  writeFileSync(path.join(root, relative), jsonText(record));
  return relative;
}

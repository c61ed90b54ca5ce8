/**
 * The `User-Agent` header: the generated package, core and Node, so a server log tells them apart.
 *
 * @internal
 * @packageDocumentation
 */
import { createRequire } from "node:module";
import type { ServiceInfo } from "../service.js";

let coreVersion: string | undefined;

/**
 * Version of `@tcsdk/core`, read once from its package.json through the package's own name (its
 * `exports` map lists `./package.json`), so the same line works from `src/`, from `dist/` and from
 * whichever bundled chunk it ends up in.
 */
export function getCoreVersion(): string {
  coreVersion ??= (createRequire(import.meta.url)("@tcsdk/core/package.json") as { version: string }).version;
  return coreVersion;
}

/** `<package>/<version> tcsdk-core/<version> node/<version>[ <suffix>]`. */
export function userAgent(service: ServiceInfo, suffix: string | undefined): string {
  const base = `${service.packageName}/${service.packageVersion} tcsdk-core/${getCoreVersion()} node/${process.version}`;
  return suffix === undefined || suffix === "" ? base : `${base} ${suffix}`;
}

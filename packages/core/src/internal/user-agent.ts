/**
 * The `User-Agent` header: the generated package, core and Node, so a server log tells them apart.
 *
 * @internal
 * @packageDocumentation
 */
import { createRequire } from "node:module";
import type { ServiceInfo } from "../service.js";

/** Core's version, written into `dist` by its build (`scripts/build.mjs`); undeclared when running `src/`. */
declare const TCSDK_CORE_VERSION: string | undefined;

let coreVersion: string | undefined;

/**
 * Version of `@tcsdk/core`: the built code has it written in, so an app bundled with core needs no
 * package.json beside it; `src/` (the tests) reads it from package.json through the package's own name.
 */
export function getCoreVersion(): string {
  coreVersion ??=
    typeof TCSDK_CORE_VERSION === "string"
      ? TCSDK_CORE_VERSION
      : (createRequire(import.meta.url)("@tcsdk/core/package.json") as { version: string }).version;
  return coreVersion;
}

/** `<package>/<version> tcsdk-core/<version> node/<version>[ <suffix>]`. */
export function userAgent(service: ServiceInfo, suffix: string | undefined): string {
  const base = `${service.packageName}/${service.packageVersion} tcsdk-core/${getCoreVersion()} node/${process.version}`;
  return suffix === undefined || suffix === "" ? base : `${base} ${suffix}`;
}

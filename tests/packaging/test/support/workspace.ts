/**
 * Where the workspace and its publishable packages are, for the packaging checks.
 * @packageDocumentation
 */
import { fileURLToPath } from "node:url";
import path from "node:path";

/** The monorepo root. */
export const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));

/** This package's folder (`tests/packaging`), whose `node_modules/.bin` holds `attw` and `tsc`. */
export const PACKAGING_DIR = fileURLToPath(new URL("../../", import.meta.url));

/** A package published to npm. */
export interface PublishablePackage {
  /** npm name. */
  readonly name: string;
  /** Folder, relative to {@link REPO_ROOT}. */
  readonly dir: string;
}

/** Every publishable package of the workspace. */
export const PUBLISHABLE: readonly PublishablePackage[] = [
  { name: "@tcsdk/core", dir: "packages/core" },
  { name: "@tcsdk/credential-providers", dir: "packages/credential-providers" },
  { name: "@tcsdk/cam", dir: "packages/cam" },
  { name: "@tcsdk/cls", dir: "packages/cls" },
  { name: "@tcsdk/cvm", dir: "packages/cvm" },
  { name: "@tcsdk/region", dir: "packages/region" },
  { name: "@tcsdk/sts", dir: "packages/sts" },
  { name: "@tcsdk/vpc", dir: "packages/vpc" },
  { name: "@tcsdk/cls-emulator", dir: "packages/cls-emulator" },
  { name: "@tcsdk/mock", dir: "packages/mock" },
  { name: "@tcsdk/cli", dir: "packages/cli" },
];

/** Absolute folder of `pkg`. */
export function packageDir(pkg: PublishablePackage): string {
  return path.join(REPO_ROOT, pkg.dir);
}

/** pnpm, pinned as everywhere in this repo (no global pnpm is assumed). */
export const PNPM = ["--yes", "pnpm@10.34.8"] as const;

/**
 * The tarballs the global setup packed, as the test files see them through `inject("packed")`.
 * @packageDocumentation
 */
import { inject } from "vitest";

/** Tarballs made by `pnpm pack`, the bytes `pnpm publish` would upload. */
export interface PackedPackages {
  /** The temp folder holding them (outside the workspace). */
  readonly dir: string;
  /** Absolute tarball path by package name. */
  readonly tarballs: Readonly<Record<string, string>>;
}

declare module "vitest" {
  export interface ProvidedContext {
    /** See {@link PackedPackages}. */
    packed: PackedPackages;
  }
}

/** The tarball of `name`; throws when the global setup did not pack it. */
export function tarballOf(name: string): string {
  const tarball = inject("packed").tarballs[name];
  if (tarball === undefined) throw new Error(`no tarball for ${name}`);
  return tarball;
}

/**
 * The arguments of the repository's commands as `pnpm <script> -- …` passes them.
 * @packageDocumentation
 */

/**
 * `args` without a leading `--`: pnpm passes the `--` of `pnpm import-model -- --check` on to the
 * script, where Node's `parseArgs` would read everything after it as positionals. None of these
 * commands takes a first argument that starts with `-` as a positional, so nothing is lost.
 */
export function scriptArgs(args: readonly string[]): string[] {
  return args[0] === "--" ? args.slice(1) : [...args];
}

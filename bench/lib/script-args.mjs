/**
 * The command line of the bench scripts, as `pnpm bench -- …` passes it.
 * @packageDocumentation
 */
import { parseArgs } from "node:util";

/**
 * Node's `parseArgs` over the script's arguments without a leading `--` (pnpm passes the `--` of
 * `pnpm bench -- --skip-download` on to the script, where it would end the options). `--help` prints
 * `usage` and exits; a wrong option is a one-line message and exit code 2.
 * @template {import("node:util").ParseArgsConfig["options"]} T
 * @param {T} options
 * @param {string} usage
 * @returns {ReturnType<typeof parseArgs<{ options: T; strict: true }>>["values"]}
 */
export function parseScriptArgs(options, usage) {
  /** @type {Record<string, unknown>} */
  let values;
  try {
    values = parseArgs({ args: scriptArgs(process.argv.slice(2)), options: { ...options, help: HELP }, strict: true }).values;
  } catch (error) {
    return fail(/** @type {Error} */ (error).message, usage);
  }
  if (values["help"] === true) {
    console.log(usage);
    process.exit(0);
  }
  // the values of `options`, as parseArgs types them (plus `help`, which the script never reads)
  return /** @type {any} */ (values);
}

/** `--help` (or `-h`), which every script takes: it prints the usage and exits. */
const HELP = /** @type {const} */ ({ type: "boolean", short: "h" });

/**
 * `argv` without a leading `--`: none of the bench scripts takes a positional argument.
 * @param {readonly string[]} argv
 */
export function scriptArgs(argv) {
  return argv[0] === "--" ? argv.slice(1) : [...argv];
}

/**
 * `value` as a count (an integer ≥ 1), or a one-line message and exit code 2.
 * @param {string} value
 * @param {string} name the option, e.g. `--rounds`
 * @param {string} usage
 */
export function countOption(value, name, usage) {
  return /^[1-9]\d*$/.test(value) ? Number(value) : fail(`${name} wants an integer ≥ 1, not ${JSON.stringify(value)}`, usage);
}

/**
 * @param {string} message
 * @param {string} usage
 * @returns {never}
 */
function fail(message, usage) {
  process.stderr.write(`${message}\n${usage}\n`);
  process.exit(2);
}

/**
 * A mistake on the command line (a bad flag value, JSON that does not parse, a time that is not one):
 * `tcsdk` prints it with the fix and exits 2 without sending anything.
 * @packageDocumentation
 */

/** A command-line mistake; nothing was sent. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

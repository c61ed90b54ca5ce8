/**
 * One ordering for everything the generator sorts: by UTF-16 code units, the same on every machine and
 * locale (unlike `localeCompare`), so generated files are byte-identical everywhere.
 * @packageDocumentation
 */

/** Compares two strings by code units. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A comparator of items by a string key, in {@link compareText} order. */
export function byKey<T>(key: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => compareText(key(a), key(b));
}

/**
 * JSON text as the generator writes it (imported spec files, validators' schema constants): 2-space
 * indentation, and any object or array that fits on one line of {@link LINE_WIDTH} characters kept on
 * one line (`{ "name": "TopicId", "type": "string" }`), so that spec files read like hand-written ones
 * and a one-member change is a one-line diff.
 * @packageDocumentation
 */

/** Width within which an object or array is kept on one line. */
export const LINE_WIDTH = 120;

/** A value with 64-bit integers that must be written exactly: the importer keeps them as `bigint`. */
export type JsonValue = string | number | bigint | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** Formats `value` (ending with a newline). */
export function jsonText(value: unknown): string {
  return `${format(value, "")}\n`;
}

function format(value: unknown, indent: string): string {
  const inline = oneLine(value);
  if (indent.length + inline.length <= LINE_WIDTH || typeof value !== "object" || value === null) return inline;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((item) => `${inner}${format(item, inner)}`).join(",\n")}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
  if (entries.length === 0) return "{}";
  return `{\n${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${format(item, inner)}`).join(",\n")}\n${indent}}`;
}

function oneLine(value: unknown): string {
  if (typeof value === "bigint") return value.toString();
  if (typeof value !== "object" || value === null) return JSON.stringify(value);
  if (Array.isArray(value)) return value.length === 0 ? "[]" : `[${value.map(oneLine).join(", ")}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
  return entries.length === 0 ? "{}" : `{ ${entries.map(([key, item]) => `${JSON.stringify(key)}: ${oneLine(item)}`).join(", ")} }`;
}

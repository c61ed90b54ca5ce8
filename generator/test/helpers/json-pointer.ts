/** Minimal JSON pointer editing for the broken-spec cases. */

function segments(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"));
}

function parentOf(document: unknown, pointer: string): { parent: Record<string, unknown> | unknown[]; key: string } {
  const parts = segments(pointer);
  const key = parts.pop();
  if (key === undefined) throw new Error("cannot edit the document root");
  let node: unknown = document;
  for (const part of parts) {
    if (typeof node !== "object" || node === null) throw new Error(`no ${pointer}`);
    node = (node as Record<string, unknown>)[part];
  }
  if (typeof node !== "object" || node === null) throw new Error(`no parent for ${pointer}`);
  return { parent: node as Record<string, unknown>, key };
}

/** Sets the value at `pointer` (adding the property when missing). */
export function setAt(document: unknown, pointer: string, value: unknown): void {
  const { parent, key } = parentOf(document, pointer);
  (parent as Record<string, unknown>)[key] = value;
}

/** Removes the value at `pointer` (splicing arrays). */
export function removeAt(document: unknown, pointer: string): void {
  const { parent, key } = parentOf(document, pointer);
  if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else delete parent[key];
}

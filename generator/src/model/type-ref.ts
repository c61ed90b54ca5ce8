/**
 * Wire types: parsing the spec's type names (`string`, `uint64`, `ExportInfo[]` …) into {@link TypeRef}s.
 * @packageDocumentation
 */

/** Primitive wire types of the spec format. */
export type PrimitiveName = "string" | "boolean" | "integer" | "int64" | "uint64" | "float";

/** A wire type. */
export type TypeRef =
  | { readonly kind: "string" }
  | { readonly kind: "boolean" }
  | { readonly kind: "float" }
  | {
      readonly kind: "integer";
      /** `int64`/`uint64` for 64-bit integers (typed `number | bigint`), `undefined` for integers of no declared width. */
      readonly width: "int64" | "uint64" | undefined;
    }
  | { readonly kind: "list"; readonly items: TypeRef }
  | { readonly kind: "shape"; readonly name: string };

/** Parses a schema-valid type name such as `uint64`, `string[]` or `ExportInfo[]`. */
export function parseTypeName(name: string): TypeRef {
  if (name.endsWith("[]")) return { kind: "list", items: parseTypeName(name.slice(0, -2)) };
  switch (name) {
    case "string":
      return { kind: "string" };
    case "boolean":
      return { kind: "boolean" };
    case "float":
      return { kind: "float" };
    case "integer":
      return { kind: "integer", width: undefined };
    case "int64":
    case "uint64":
      return { kind: "integer", width: name };
    default:
      return { kind: "shape", name };
  }
}

/** Whether values of `type` are numbers on the wire. */
export function isNumeric(type: TypeRef): boolean {
  return type.kind === "integer" || type.kind === "float";
}

/** The shape a type refers to, directly or as list items, if any. */
export function referencedShape(type: TypeRef): string | undefined {
  if (type.kind === "shape") return type.name;
  if (type.kind === "list") return referencedShape(type.items);
  return undefined;
}

/** The spec's spelling of a type, e.g. `ExportInfo[]`. */
export function typeName(type: TypeRef): string {
  switch (type.kind) {
    case "list":
      return `${typeName(type.items)}[]`;
    case "shape":
      return type.name;
    case "integer":
      return type.width ?? "integer";
    default:
      return type.kind;
  }
}

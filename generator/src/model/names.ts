/**
 * Stable names derived from wire names: camelCase methods, kebab-case files.
 * @packageDocumentation
 */

/** Splits a PascalCase name into words, keeping acronyms together: `DescribeDLCDeliver` → `Describe`, `DLC`, `Deliver`. */
export function words(name: string): string[] {
  return name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g) ?? [name];
}

/** `CreateExport` → `createExport`; `DLCDeliver` → `dlcDeliver`. */
export function camelCase(name: string): string {
  return words(name)
    .map((word, index) => (index === 0 ? word.toLowerCase() : word[0]?.toUpperCase() + word.slice(1).toLowerCase()))
    .join("");
}

/** `CreateExport` → `create-export`. */
export function kebabCase(name: string): string {
  return words(name)
    .map((word) => word.toLowerCase())
    .join("-");
}

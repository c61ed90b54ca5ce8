/**
 * Emits `index.ts` (the generated public API) and one `index.ts` barrel per folder.
 * @packageDocumentation
 */
import type { Service } from "../model/types.js";
import { paths, type Folder } from "./symbols.js";
import { TsFile } from "./ts-file.js";

/** `index.ts` of each folder, re-exporting its files in sorted order. */
export function emitBarrels(service: Service): TsFile[] {
  const folders: Record<Folder, readonly string[]> = {
    errors: ["common", ...service.operations.map((operation) => operation.names.fileName)],
    operations: service.operations.map((operation) => operation.names.fileName),
    shapes: service.shapes.map((shape) => shape.fileName),
    types: service.operations.map((operation) => operation.names.fileName),
  };
  return (Object.keys(folders) as Folder[])
    .filter((folder) => folders[folder].length > 0)
    .map((folder) => exportAll(paths.barrel(folder), [...folders[folder]].sort().map((name) => `./${name}.js`)));
}

/** The generated package's `index.ts`. */
export function emitIndex(service: Service): TsFile {
  const modules = ["./client.js", "./errors/index.js", "./operations/index.js", "./service.js", "./types/index.js"];
  if (service.shapes.length > 0) modules.push("./shapes/index.js");
  return exportAll(paths.index, modules.sort());
}

function exportAll(path: string, modules: readonly string[]): TsFile {
  return new TsFile(path).add((source) => {
    source.addExportDeclarations(modules.map((moduleSpecifier) => ({ moduleSpecifier })));
  });
}

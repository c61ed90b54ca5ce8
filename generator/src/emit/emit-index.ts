/**
 * Emits `index.ts` (the generated public API) and one `index.ts` barrel per folder.
 * @packageDocumentation
 */
import type { Service } from "../model/types.js";
import { core, paths, type Folder, type SymbolRef } from "./symbols.js";
import { TsFile } from "./ts-file.js";

/**
 * What a caller of a generated client needs from `@tcsdk/core`, re-exported by name so that a user
 * who installs only the service package can catch its errors and type its options: the error
 * hierarchy, the client and call options with their hooks and logger, the credential providers,
 * and `Int64`. The runtime plumbing (`ServiceClient`, signing, `ServiceInfo`…) stays in core.
 */
export const CORE_REEXPORTS: readonly SymbolRef[] = [
  // errors
  core("TcAbortError", false),
  core("TcCredentialsError", false),
  core("TcError", false),
  core("TcNetworkError", false),
  core("TcParseError", false),
  core("TcServiceError", false),
  core("TcTimeoutError", false),
  core("TcValidationError", false),
  core("RequestContext", true),
  core("TcErrorOptions", true),
  // options, hooks and logging
  core("AfterResponseInfo", true),
  core("BeforeRequestInfo", true),
  core("CallOptions", true),
  core("ClientHooks", true),
  core("ClientOptions", true),
  core("DownloadOptions", true),
  core("DownloadResponse", true),
  core("LogFields", true),
  core("Logger", true),
  core("RateLimitOptions", true),
  // credentials
  core("credentialChain", false),
  core("defaultCredentialChain", false),
  core("fromEnvironment", false),
  core("fromInstanceRole", false),
  core("fromProfileFile", false),
  core("CredentialProvider", true),
  core("Credentials", true),
  core("DefaultChainOptions", true),
  core("InstanceRoleOptions", true),
  core("ProfileFileOptions", true),
  // wire types
  core("Int64", true),
];

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

/**
 * The generated package's `index.ts`: the {@link CORE_REEXPORTS} by name (one sorted statement,
 * values before types), then every generated folder.
 */
export function emitIndex(service: Service): TsFile {
  const modules = ["./client.js", "./errors/index.js", "./operations/index.js", "./service.js", "./types/index.js"];
  if (service.shapes.length > 0) modules.push("./shapes/index.js");
  return exportAll(paths.index, modules.sort()).add((source) => {
    source.insertStatements(0, namedReexports(CORE_REEXPORTS));
  });
}

/** One `export { a, type B } from "module";` statement per module, one name per line, sorted. */
function namedReexports(symbols: readonly SymbolRef[]): string[] {
  const modules = [...new Set(symbols.map((symbol) => symbol.from))].sort(compare);
  return modules.map((from) => {
    const names = symbols.filter((symbol) => symbol.from === from);
    const values = names.filter((symbol) => !symbol.typeOnly).map((symbol) => symbol.name).sort(compare);
    const types = names.filter((symbol) => symbol.typeOnly).map((symbol) => `type ${symbol.name}`);
    const sortedTypes = types.sort((a, b) => compare(a.slice(5), b.slice(5)));
    return `export {\n${[...values, ...sortedTypes].map((item) => `  ${item},`).join("\n")}\n} from "${from}";`;
  });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function exportAll(path: string, modules: readonly string[]): TsFile {
  return new TsFile(path).add((source) => {
    source.addExportDeclarations(modules.map((moduleSpecifier) => ({ moduleSpecifier })));
  });
}

/**
 * Emits `index.ts` (the generated public API) and one `index.ts` barrel per folder.
 * @packageDocumentation
 */
import type { Service } from "../model/types.js";
import { core, paths, type SymbolRef } from "./symbols.js";
import { TsFile } from "./ts-file.js";
import { compareText as compare } from "../order.js";

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

/** `types/index.ts` and `shapes/index.ts`: `export type *` of each file (erased: nothing loads at run time). */
export function emitBarrels(service: Service): TsFile[] {
  const folders: Record<"types" | "shapes", readonly string[]> = {
    shapes: service.shapes.map((shape) => shape.fileName),
    types: service.operations.map((operation) => operation.names.fileName),
  };
  return (Object.keys(folders) as ("types" | "shapes")[])
    .filter((folder) => folders[folder].length > 0)
    .map((folder) =>
      exportAll(
        paths.barrel(folder),
        [...folders[folder]].sort().map((name) => `./${name}.js`),
        true,
      ),
    );
}

/**
 * The generated package's `index.ts`: the {@link CORE_REEXPORTS} by name (one sorted statement, values
 * before types; none that a shape of the service shadows), the modules a caller runs (client, guards, service), then the types. Importing it
 * loads those few modules; each action's code loads on its first call.
 */
export function emitIndex(service: Service): TsFile {
  const values = ["./client.js", "./errors/guards.js", "./service.js"];
  const types = ["./errors/common.js", "./types/index.js"];
  if (service.shapes.length > 0) types.push("./shapes/index.js");
  return new TsFile(paths.index).add((source) => {
    // a shape of the service named like one of core's types (STS `Credentials`) is exported under its name;
    // core's type stays importable from `@tcsdk/core`
    const shapes = new Set(service.shapes.map((shape) => shape.name));
    source.addStatements(namedReexports(CORE_REEXPORTS.filter((symbol) => !shapes.has(symbol.name))));
    source.addExportDeclarations(values.map((moduleSpecifier) => ({ moduleSpecifier })));
    source.addExportDeclarations(types.sort().map((moduleSpecifier) => ({ moduleSpecifier, isTypeOnly: true })));
  });
}

/** One `export { a, type B } from "module";` statement per module, one name per line, sorted. */
function namedReexports(symbols: readonly SymbolRef[]): string[] {
  const modules = [...new Set(symbols.map((symbol) => symbol.from))].sort(compare);
  return modules.map((from) => {
    const names = symbols.filter((symbol) => symbol.from === from);
    const values = names
      .filter((symbol) => !symbol.typeOnly)
      .map((symbol) => symbol.name)
      .sort(compare);
    const types = names.filter((symbol) => symbol.typeOnly).map((symbol) => `type ${symbol.name}`);
    const sortedTypes = types.sort((a, b) => compare(a.slice(5), b.slice(5)));
    return `export {\n${[...values, ...sortedTypes].map((item) => `  ${item},`).join("\n")}\n} from "${from}";`;
  });
}

function exportAll(path: string, modules: readonly string[], isTypeOnly: boolean): TsFile {
  return new TsFile(path).add((source) => {
    source.addExportDeclarations(modules.map((moduleSpecifier) => ({ moduleSpecifier, isTypeOnly })));
  });
}

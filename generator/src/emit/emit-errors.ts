/**
 * Emits the error-code unions and type guards: `errors/common.ts` (the platform's common codes) and
 * `errors/<operation>.ts` (each action's documented codes ∪ the common ones).
 *
 * The per-action union is open (`| (string & {})`): services add codes over time, so the guard
 * would lie if it promised a closed set; editors still complete the known codes, and the closed
 * `<Action>KnownErrorCode` stays available for exhaustive handling. The guard checks the class and
 * `error.action`, so an error of another action is never mistaken for this one's.
 * @packageDocumentation
 */
import type { ErrorCode, Operation, Service } from "../model/types.js";
import { core, paths, type GeneratedSymbols } from "./symbols.js";
import { TsFile } from "./ts-file.js";
import { safeDoc, wrapDoc } from "./tsdoc.js";

/** `errors/common.ts`: `CommonErrorCode`. */
export function emitCommonErrors(service: Service): TsFile {
  const file = new TsFile(paths.commonErrors);
  const docs = [
    "Error codes every Tencent Cloud API 3.0 action may answer:",
    "",
    ...codeList(service.commonErrors),
  ].join("\n");
  return file.add((source) => {
    source.addTypeAlias({ name: "CommonErrorCode", isExported: true, docs: [wrapDoc(docs)], type: union(service.commonErrors.map((code) => code.code)) });
  });
}

/** `errors/<operation>.ts`: known and open code unions, the error alias and the type guard. */
export function emitOperationErrors(operation: Operation, symbols: GeneratedSymbols): TsFile {
  const file = new TsFile(paths.errors(operation));
  const names = operation.names;
  const common = file.use(symbols.commonErrorCode());
  const serviceError = file.use(core("TcServiceError", false));
  const own = operation.errors.filter((code) => !code.common);
  const knownDocs = [
    `Error codes \`${operation.action}\` documents, besides every {@link ${common}}:`,
    "",
    ...(operation.errors.length > 0 ? codeList(operation.errors) : ["- (none beyond the common codes)"]),
  ].join("\n");
  const known = own.length > 0 ? union([common, ...own.map((code) => code.code)], false) : common;
  return file.add((source) => {
    source.addTypeAlias({ name: names.knownErrorCode, isExported: true, docs: [wrapDoc(knownDocs)], type: known });
    source.addTypeAlias({
      name: names.errorCode,
      isExported: true,
      docs: [wrapDoc(`Code of an error answered by \`${operation.action}\`: a {@link ${names.knownErrorCode}}, or a code the service added since.`)],
      type: `${names.knownErrorCode} | (string & {})`,
    });
    source.addTypeAlias({
      name: names.error,
      isExported: true,
      docs: [wrapDoc(`A service error answered by \`${operation.action}\`.`)],
      type: `${serviceError}<${names.errorCode}>`,
    });
    source.addFunction({
      name: names.guard,
      isExported: true,
      docs: [wrapDoc(`Whether \`error\` is a service error answered by \`${operation.action}\` (checks its class and its \`action\`).`)],
      parameters: [{ name: "error", type: "unknown" }],
      returnType: `error is ${names.error}`,
      statements: [`return error instanceof ${serviceError} && error.action === ${JSON.stringify(operation.action)};`],
    });
  });
}

function codeList(codes: readonly ErrorCode[]): string[] {
  return codes.map((code) => `- \`${code.code}\`: ${safeDoc(code.description)}`);
}

/** A union type, one member per line; string literals quoted unless `quote` is false for the first item. */
function union(items: readonly string[], quoteAll = true): string {
  const rendered = items.map((item, index) => (quoteAll || index > 0 ? JSON.stringify(item) : item));
  return rendered.length === 1 ? (rendered[0] ?? "never") : `\n${rendered.map((item) => `  | ${item}`).join("\n")}`;
}

/**
 * Emits `errors/common.ts` (the platform's common codes, a type) and `errors/guards.ts` (one
 * `is<Action>Error` type guard per action, all in one small module that the package index loads). The
 * per-action code unions live in each action's types file (see `emit-types.ts`).
 * @packageDocumentation
 */
import { VariableDeclarationKind } from "ts-morph";
import type { Service } from "../model/types.js";
import { core, paths } from "./symbols.js";
import { TsFile } from "./ts-file.js";
import { codeList, wrapDoc } from "./tsdoc.js";

/** `errors/common.ts`: `CommonErrorCode`. */
export function emitCommonErrors(service: Service): TsFile {
  const file = new TsFile(paths.commonErrors);
  const docs = ["Error codes every Tencent Cloud API 3.0 action may answer:", "", ...codeList(service.commonErrors)].join("\n");
  return file.add((source) => {
    source.addTypeAlias({
      name: "CommonErrorCode",
      isExported: true,
      docs: [wrapDoc(docs)],
      type: union(service.commonErrors.map((code) => code.code)),
    });
  });
}

/**
 * `errors/guards.ts`: `is<Action>Error` for each action, an arrow calling core's `isActionError`: true
 * for a `TcServiceError` whose `action` is the action's (checked across copies of core), narrowing its
 * `code`. One statement each, so that the file stays short for hundreds of actions.
 */
export function emitGuards(service: Service): TsFile {
  const file = new TsFile(paths.guards);
  const isActionError = file.use(core("isActionError", false));
  const types = file.useNamespace("types", paths.barrel("types"), true);
  return file.add((source) => {
    source.addVariableStatements(
      service.operations.map((operation) => ({
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        docs: [`Whether \`error\` is a service error answered by \`${operation.action}\` (checks its class and its \`action\`).`],
        declarations: [
          {
            name: operation.names.guard,
            initializer: `(error: unknown): error is ${types}.${operation.names.error} => ${isActionError}(error, ${JSON.stringify(operation.action)})`,
          },
        ],
      })),
    );
  });
}

/** A union type, one member per line; string literals quoted unless `quote` is false for the first item. */
export function union(items: readonly string[], quoteAll = true): string {
  const rendered = items.map((item, index) => (quoteAll || index > 0 ? JSON.stringify(item) : item));
  return rendered.length === 1 ? (rendered[0] ?? "never") : `\n${rendered.map((item) => `  | ${item}`).join("\n")}`;
}

/**
 * Emits `operations/<operation>.ts`, the `OperationInfo` core needs to call an action (loaded on the
 * action's first call), and `operations/index.ts`, the table of loaders the client is built from.
 * @packageDocumentation
 */
import { VariableDeclarationKind, type WriterFunction } from "ts-morph";
import { validatorsFor } from "../schema/validator-set.js";
import type { Operation, Service } from "../model/types.js";
import { hasShapeRuleText } from "./emit-validators.js";
import { core, paths, type GeneratedSymbols } from "./symbols.js";
import { TsFile } from "./ts-file.js";
import { rateLimitText, resendText, wrapDoc } from "./tsdoc.js";

/**
 * `operations/<operation>.ts`: the descriptor of `operation` (action, re-send safety, rate limit,
 * validator and the wording of its rules and of the rules of every shape its request reaches), exported
 * as `operation`.
 */
export function emitOperation(service: Service, operation: Operation, symbols: GeneratedSymbols): TsFile {
  const file = new TsFile(paths.operations(operation));
  const infoType = file.use(core("OperationInfo", true));
  const validator = file.use(symbols.validator(operation));
  const { ruleText } = validatorsFor(service).input(operation);
  const shapeTexts = operation.inputShapes
    .filter((name) => hasShapeRuleText(service, name))
    .map((name) => file.use(symbols.shapeRuleText(name)));
  const docs = `How {@link ${service.clientClass}.${operation.names.method}} calls \`${operation.action}\`. ${resendText(operation)} ${rateLimitText(operation)}`;
  const lines = ["{", `action: ${JSON.stringify(operation.action)},`, `idempotent: ${String(operation.idempotent)},`];
  if (operation.absentAfterSuccess !== undefined) lines.push(`absentAfterSuccess: ${JSON.stringify(operation.absentAfterSuccess)},`);
  if (operation.unsigned) lines.push("unsigned: true,");
  if (operation.rateLimit !== undefined) lines.push(`rateLimit: ${operation.rateLimit},`);
  if (operation.unsupported !== undefined) lines.push(`unsupported: ${JSON.stringify(operation.unsupported)},`);
  lines.push(`validate: ${validator},`);
  const entries = Object.entries(ruleText);
  if (entries.length > 0 || shapeTexts.length > 0) {
    lines.push("ruleText: {", ...shapeTexts.map((name) => `...${name},`));
    for (const [schemaPath, text] of entries) {
      const message = text.message === undefined ? "" : `, message: ${JSON.stringify(text.message)}`;
      lines.push(`${JSON.stringify(schemaPath)}: { rule: ${JSON.stringify(text.rule)}${message} },`);
    }
    lines.push("},");
  }
  lines.push("}");
  const initializer: WriterFunction = (writer) => {
    writer.write(lines.join("\n"));
  };
  return file.add((source) => {
    source.addVariableStatement({
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [wrapDoc(docs)],
      declarations: [{ name: "operation", type: infoType, initializer }],
    });
  });
}

/** `operations/index.ts`: `operationLoaders`, one `import()` per client method, so each action loads on its first call. */
export function emitOperationLoaders(service: Service): TsFile {
  const file = new TsFile(paths.barrel("operations"));
  const loaderType = file.use(core("OperationLoader", true));
  const entries = service.operations.map((operation) => `${operation.names.method}: () => import("./${operation.names.fileName}.js"),`);
  const docs = `Loads each action of {@link ${service.clientClass}} on its method's first call: its descriptor and its compiled validator.`;
  return file.add((source) => {
    source.addVariableStatement({
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [wrapDoc(docs)],
      declarations: [
        {
          name: "operationLoaders",
          type: `Readonly<Record<string, ${loaderType}>>`,
          initializer: (writer) => void writer.write(`{\n${entries.join("\n")}\n}`),
        },
      ],
    });
  });
}

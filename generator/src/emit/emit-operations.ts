/**
 * Emits `operations/<operation>.ts`: the `OperationInfo` core needs to call the action.
 * @packageDocumentation
 */
import { VariableDeclarationKind, type WriterFunction } from "ts-morph";
import { inputSchema } from "../model/json-schema.js";
import type { Operation, Service } from "../model/types.js";
import { core, paths, type GeneratedSymbols } from "./symbols.js";
import { TsFile } from "./ts-file.js";
import { wrapDoc } from "./tsdoc.js";

/** The descriptor of `operation`: action, re-send safety, rate limit, validator and rule wording. */
export function emitOperation(service: Service, operation: Operation, symbols: GeneratedSymbols): TsFile {
  const file = new TsFile(paths.operations(operation));
  const infoType = file.use(core("OperationInfo", true));
  const validator = file.use(symbols.validator(operation));
  const { ruleText } = inputSchema(service, operation);
  const resend = operation.idempotent
    ? "safe to re-send, so retried after timeouts and server errors"
    : "not safe to re-send (a re-sent request may act twice), so never retried once it may have reached the service";
  const docs = `How {@link ${service.clientClass}.${operation.names.method}} calls \`${operation.action}\`: ${resend}; at most ${operation.rateLimit} requests per second.`;
  const lines = [
    "{",
    `action: ${JSON.stringify(operation.action)},`,
    `idempotent: ${String(operation.idempotent)},`,
    `rateLimit: ${operation.rateLimit},`,
    `validate: ${validator},`,
  ];
  const entries = Object.entries(ruleText);
  if (entries.length > 0) {
    lines.push("ruleText: {");
    for (const [schemaPath, text] of entries) {
      lines.push(`${JSON.stringify(schemaPath)}: { rule: ${JSON.stringify(text.rule)}, message: ${JSON.stringify(text.message)} },`);
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
      declarations: [{ name: operation.names.operation, type: infoType, initializer }],
    });
  });
}

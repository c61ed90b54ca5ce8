/**
 * Emits `types/<operation>.ts` (everything one action's callers type: request, response, the client
 * method, its error codes) and `shapes/<shape>.ts` (a shape's interface). Types only: nothing here is
 * loaded at run time.
 * @packageDocumentation
 */
import type { OptionalKind, PropertySignatureStructure } from "ts-morph";
import type { Member, Operation, Service, Shape } from "../model/types.js";
import { union } from "./emit-errors.js";
import { core, paths, type GeneratedSymbols } from "./symbols.js";
import { TsFile } from "./ts-file.js";
import { codeList, memberDoc, methodDoc, requestDoc, responseDoc, safeDoc, wrapDoc } from "./tsdoc.js";
import { memberType, type Direction } from "./type-text.js";

/**
 * `types/<operation>.ts`: `<Action>Request`, `<Action>Response`, `<Action>Method` (the client method,
 * which the client's interface extends), and the action's error types: the closed
 * `<Action>KnownErrorCode`, the open `<Action>ErrorCode` (services add codes over time, so the union
 * admits any string while editors still complete the known ones) and the `<Action>Error` alias.
 */
export function emitOperationTypes(service: Service, operation: Operation, symbols: GeneratedSymbols): TsFile {
  const file = new TsFile(paths.types(operation));
  const names = operation.names;
  const input = properties(operation.input, file, symbols, "input", true);
  const output = properties(operation.output, file, symbols, "output", false);
  const callOptions = file.use(core("CallOptions", true));
  const common = file.use(symbols.commonErrorCode());
  const serviceError = file.use(core("TcServiceError", true));
  const own = operation.errors.filter((code) => !code.common);
  const knownDocs = [
    `Error codes \`${operation.action}\` documents, besides every {@link ${common}}:`,
    "",
    ...(operation.errors.length > 0 ? codeList(operation.errors) : ["- (none beyond the common codes)"]),
  ].join("\n");
  return file.add((source) => {
    source.addInterface({
      name: names.request,
      isExported: true,
      docs: [wrapDoc(requestDoc(service, operation, common))],
      properties: input,
    });
    source.addInterface({ name: names.response, isExported: true, docs: [wrapDoc(responseDoc(service, operation))], properties: output });
    source.addInterface({
      name: names.methodInterface,
      isExported: true,
      docs: [wrapDoc(`The \`${names.method}\` method of {@link ${service.clientClass}}, which calls \`${operation.action}\`.`)],
      methods: [
        {
          name: names.method,
          docs: [wrapDoc(methodDoc(operation, common))],
          parameters: [
            { name: "input", type: names.request },
            { name: "options", type: callOptions, hasQuestionToken: true },
          ],
          returnType: `Promise<${names.response}>`,
        },
      ],
    });
    source.addTypeAlias({
      name: names.knownErrorCode,
      isExported: true,
      docs: [wrapDoc(knownDocs)],
      type: own.length > 0 ? union([common, ...own.map((code) => code.code)], false) : common,
    });
    source.addTypeAlias({
      name: names.errorCode,
      isExported: true,
      docs: [
        wrapDoc(
          `Code of an error answered by \`${operation.action}\`: a {@link ${names.knownErrorCode}}, or a code the service added since.`,
        ),
      ],
      type: `${names.knownErrorCode} | (string & {})`,
    });
    source.addTypeAlias({
      name: names.error,
      isExported: true,
      docs: [wrapDoc(`A service error answered by \`${operation.action}\`; {@link ${names.guard}} tells one.`)],
      type: `${serviceError}<${names.errorCode}>`,
    });
  });
}

/** `shapes/<shape>.ts`: the shape's interface. */
export function emitShape(shape: Shape, symbols: GeneratedSymbols): TsFile {
  const file = new TsFile(paths.shapes(shape));
  const direction: Direction = shape.usedInInput ? "input" : "output";
  const members = properties(shape.members, file, symbols, direction, shape.usedInInput);
  return file.add((source) => {
    source.addInterface({ name: shape.name, isExported: true, docs: [wrapDoc(safeDoc(shape.docs))], properties: members });
  });
}

function properties(
  members: readonly Member[],
  file: TsFile,
  symbols: GeneratedSymbols,
  direction: Direction,
  checked: boolean,
): OptionalKind<PropertySignatureStructure>[] {
  return members.map((member) => ({
    name: member.name,
    isReadonly: true,
    hasQuestionToken: !member.required,
    type: memberType(member, file, symbols, direction),
    docs: [wrapDoc(memberDoc(member, checked))],
  }));
}

/**
 * Emits the request/response interfaces of each operation and the interface of each shape.
 * @packageDocumentation
 */
import type { OptionalKind, PropertySignatureStructure } from "ts-morph";
import type { Member, Operation, Service, Shape } from "../model/types.js";
import { memberDoc, requestDoc, responseDoc, safeDoc, wrapDoc } from "./tsdoc.js";
import { paths, type GeneratedSymbols } from "./symbols.js";
import { TsFile } from "./ts-file.js";
import { memberType, type Direction } from "./type-text.js";

/** `types/<operation>.ts`: `<Action>Request` and `<Action>Response`. */
export function emitOperationTypes(service: Service, operation: Operation, symbols: GeneratedSymbols): TsFile {
  const file = new TsFile(paths.types(operation));
  const input = properties(operation.input, file, symbols, "input", true);
  const output = properties(operation.output, file, symbols, "output", false);
  return file.add((source) => {
    source.addInterface({ name: operation.names.request, isExported: true, docs: [wrapDoc(requestDoc(service, operation))], properties: input });
    source.addInterface({ name: operation.names.response, isExported: true, docs: [wrapDoc(responseDoc(service, operation))], properties: output });
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

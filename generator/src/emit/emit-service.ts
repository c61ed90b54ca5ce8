/**
 * Emits `service.ts`: the `ServiceInfo` core needs (signing name, version, hosts, regions, package identity).
 * @packageDocumentation
 */
import { VariableDeclarationKind } from "ts-morph";
import type { Service } from "../model/types.js";
import { core, paths } from "./symbols.js";
import { TsFile } from "./ts-file.js";
import { safeDoc, wrapDoc } from "./tsdoc.js";

/** The `<name>Service` descriptor. */
export function emitService(service: Service): TsFile {
  const file = new TsFile(paths.service);
  const infoType = file.use(core("ServiceInfo", true));
  const list = (items: readonly string[]): string =>
    items.length === 0 ? "[]" : `[\n${items.map((item) => `${JSON.stringify(item)},`).join("\n")}\n]`;
  const text = [
    "{",
    `service: ${JSON.stringify(service.service)},`,
    `version: ${JSON.stringify(service.version)},`,
    "endpoints: {",
    `china: ${JSON.stringify(service.endpoints.china)},`,
    `international: ${JSON.stringify(service.endpoints.international)},`,
    ...(service.endpoints.regional === undefined ? [] : [`regional: ${JSON.stringify(service.endpoints.regional)},`]),
    "},",
    `regions: ${list(service.regions)},`,
    `regionalOnly: ${list(service.regionalOnly)},`,
    `packageName: ${JSON.stringify(service.packageName)},`,
    `packageVersion: ${JSON.stringify(service.packageVersion)},`,
    "}",
  ].join("\n");
  return file.add((source) => {
    source.addVariableStatement({
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [wrapDoc(`${safeDoc(service.title)}, API version ${service.version}, as the client sends it: ${safeDoc(service.docs)}`)],
      declarations: [{ name: service.serviceConst, type: infoType, initializer: (writer) => void writer.write(text) }],
    });
  });
}

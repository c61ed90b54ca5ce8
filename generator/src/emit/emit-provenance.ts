/**
 * Emits `provenance.json`: which spec files (by hash) and which generator version produced the package.
 * JSON has no comments, so the header sits in a `"//"` key, first.
 * @packageDocumentation
 */
import { GENERATOR_NAME, GENERATOR_VERSION } from "../generator-info.js";
import type { Service } from "../model/types.js";
import { headerLine, type GeneratedFile } from "./generated-file.js";
import { paths } from "./symbols.js";

/** The provenance record of the generated package. */
export function emitProvenance(service: Service): GeneratedFile {
  const record = {
    "//": headerLine(service).replace(/^\/\/ /, ""),
    generator: { name: GENERATOR_NAME, version: GENERATOR_VERSION },
    package: { name: service.packageName, version: service.packageVersion },
    spec: {
      path: service.specLabel,
      sha256: service.specHash,
      files: Object.fromEntries(service.specFiles.map((file) => [file.path, file.sha256])),
    },
    service: service.service,
    version: service.version,
    actions: service.operations.map((operation) => operation.action),
  };
  return { path: paths.provenance, content: `${JSON.stringify(record, null, 2)}\n` };
}

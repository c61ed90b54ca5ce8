/**
 * The walker: runs every emitter over the model and returns the package's generated files, sorted by path.
 * @packageDocumentation
 */
import { byKey } from "../order.js";
import type { Service } from "../model/types.js";
import { emitClient } from "./emit-client.js";
import { emitCommonErrors, emitGuards } from "./emit-errors.js";
import { emitBarrels, emitIndex } from "./emit-index.js";
import { emitOperation, emitOperationLoaders } from "./emit-operations.js";
import { emitReadme, emitTypedocConfig } from "./emit-package-docs.js";
import { emitProvenance } from "./emit-provenance.js";
import { emitService } from "./emit-service.js";
import { emitOperationTypes, emitShape } from "./emit-types.js";
import { emitShapeValidator, emitValidator } from "./emit-validators.js";
import { headerLine, type GeneratedFile } from "./generated-file.js";
import { GeneratedSymbols } from "./symbols.js";
import { createPrintProject, type TsFile } from "./ts-file.js";

/** Every file of the generated package: `src/generated/**`, `README.md` and `typedoc.json`. */
export function emitPackage(service: Service): GeneratedFile[] {
  const symbols = new GeneratedSymbols(service);
  const project = createPrintProject();
  const header = headerLine(service);
  const typescript: TsFile[] = [
    emitClient(service, symbols),
    emitService(service),
    emitIndex(service),
    emitCommonErrors(service),
    emitGuards(service),
    emitOperationLoaders(service),
    ...emitBarrels(service),
  ];
  for (const shape of service.shapes) {
    typescript.push(emitShape(shape, symbols));
    if (shape.usedInInput) typescript.push(emitShapeValidator(service, shape, symbols));
  }
  for (const operation of service.operations) {
    typescript.push(
      emitOperationTypes(service, operation, symbols),
      emitOperation(service, operation, symbols),
      emitValidator(service, operation, symbols),
    );
  }
  const files: GeneratedFile[] = typescript.map((file) => file.render(project, header));
  files.push(emitProvenance(service), emitReadme(service), emitTypedocConfig(service));
  return files.sort(byKey((file) => file.path));
}

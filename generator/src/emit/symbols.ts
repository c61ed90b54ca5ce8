/**
 * Where each generated or imported symbol lives. Emitters name symbols through these helpers; the
 * file builder derives the import statements from the symbols a file uses.
 * @packageDocumentation
 */
import type { Operation, Service, Shape } from "../model/types.js";
import { GENERATED_DIR } from "./generated-file.js";

/** A symbol a file can use: its name, the module that exports it, and whether it is a type. */
export interface SymbolRef {
  /** Exported name. */
  readonly name: string;
  /** A package name (`@tcsdk/core`) or a package-relative file path (`src/generated/service.ts`). */
  readonly from: string;
  /** Whether only the type is used (`import type`). */
  readonly typeOnly: boolean;
}

const CORE = "@tcsdk/core";

/** A value or type exported by `@tcsdk/core`. */
export function core(name: string, typeOnly: boolean): SymbolRef {
  return { name, from: CORE, typeOnly };
}

/** Paths of the generated files. */
export const paths = {
  client: `${GENERATED_DIR}/client.ts`,
  service: `${GENERATED_DIR}/service.ts`,
  index: `${GENERATED_DIR}/index.ts`,
  provenance: `${GENERATED_DIR}/provenance.json`,
  commonErrors: `${GENERATED_DIR}/errors/common.ts`,
  barrel: (folder: Folder): string => `${GENERATED_DIR}/${folder}/index.ts`,
  types: (operation: Operation): string => `${GENERATED_DIR}/types/${operation.names.fileName}.ts`,
  errors: (operation: Operation): string => `${GENERATED_DIR}/errors/${operation.names.fileName}.ts`,
  operations: (operation: Operation): string => `${GENERATED_DIR}/operations/${operation.names.fileName}.ts`,
  validators: (operation: Operation): string => `${GENERATED_DIR}/validators/${operation.names.fileName}.ts`,
  shapes: (shape: Shape): string => `${GENERATED_DIR}/shapes/${shape.fileName}.ts`,
};

/** Folders of per-operation and per-shape files that get an `index.ts` barrel. */
export type Folder = "types" | "errors" | "operations" | "shapes";

/** Symbols of one generated package. */
export class GeneratedSymbols {
  private readonly shapeFiles: ReadonlyMap<string, string>;

  /** Indexes `service`'s shapes. */
  constructor(private readonly service: Service) {
    this.shapeFiles = new Map(service.shapes.map((shape) => [shape.name, paths.shapes(shape)] as const));
  }

  /** A shape's interface. */
  shape(name: string): SymbolRef {
    const from = this.shapeFiles.get(name);
    if (from === undefined) throw new Error(`unknown shape ${name}`);
    return { name, from, typeOnly: true };
  }

  /** An operation's request type. */
  request(operation: Operation): SymbolRef {
    return { name: operation.names.request, from: paths.types(operation), typeOnly: true };
  }

  /** An operation's response type. */
  response(operation: Operation): SymbolRef {
    return { name: operation.names.response, from: paths.types(operation), typeOnly: true };
  }

  /** An operation's compiled input validator. */
  validator(operation: Operation): SymbolRef {
    return { name: operation.names.validator, from: paths.validators(operation), typeOnly: false };
  }

  /** An operation's `OperationInfo` constant. */
  operation(operation: Operation): SymbolRef {
    return { name: operation.names.operation, from: paths.operations(operation), typeOnly: false };
  }

  /** The union of the platform's common error codes. */
  commonErrorCode(): SymbolRef {
    return { name: "CommonErrorCode", from: paths.commonErrors, typeOnly: true };
  }

  /** The `ServiceInfo` constant. */
  serviceInfo(): SymbolRef {
    return { name: this.service.serviceConst, from: paths.service, typeOnly: false };
  }
}

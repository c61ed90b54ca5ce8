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
  guards: `${GENERATED_DIR}/errors/guards.ts`,
  barrel: (folder: Folder): string => `${GENERATED_DIR}/${folder}/index.ts`,
  types: (operation: Operation): string => `${GENERATED_DIR}/types/${operation.names.fileName}.ts`,
  operations: (operation: Operation): string => `${GENERATED_DIR}/operations/${operation.names.fileName}.ts`,
  validators: (operation: Operation): string => `${GENERATED_DIR}/validators/${operation.names.fileName}.ts`,
  shapes: (shape: Shape): string => `${GENERATED_DIR}/shapes/${shape.fileName}.ts`,
  shapeValidators: (shape: Shape): string => `${GENERATED_DIR}/validators/shapes/${shape.fileName}.ts`,
};

/**
 * Folders with an `index.ts`: `types` and `shapes` re-export their files' types (nothing is loaded at
 * run time), `operations` holds the table of loaders that import each operation on first use.
 */
export type Folder = "types" | "shapes" | "operations";

/** Symbols of one generated package. */
export class GeneratedSymbols {
  private readonly shapes: ReadonlyMap<string, Shape>;

  /** Indexes `service`'s shapes. */
  constructor(private readonly service: Service) {
    this.shapes = new Map(service.shapes.map((shape) => [shape.name, shape] as const));
  }

  /** A shape's interface. */
  shape(name: string): SymbolRef {
    return { name, from: paths.shapes(this.find(name)), typeOnly: true };
  }

  /** A shape's input validator, exported by its own module. */
  shapeValidator(name: string): SymbolRef {
    const shape = this.find(name);
    return { name: shape.validator, from: paths.shapeValidators(shape), typeOnly: false };
  }

  /** The wording of a shape's rules, exported beside its validator. */
  shapeRuleText(name: string): SymbolRef {
    const shape = this.find(name);
    return { name: shape.ruleText, from: paths.shapeValidators(shape), typeOnly: false };
  }

  /** An operation's compiled input validator. */
  validator(operation: Operation): SymbolRef {
    return { name: operation.names.validator, from: paths.validators(operation), typeOnly: false };
  }

  /** The union of the platform's common error codes. */
  commonErrorCode(): SymbolRef {
    return { name: "CommonErrorCode", from: paths.commonErrors, typeOnly: true };
  }

  /** The `ServiceInfo` constant. */
  serviceInfo(): SymbolRef {
    return { name: this.service.serviceConst, from: paths.service, typeOnly: false };
  }

  /** The table of operation loaders. */
  operationLoaders(): SymbolRef {
    return { name: "operationLoaders", from: paths.barrel("operations"), typeOnly: false };
  }

  private find(name: string): Shape {
    const shape = this.shapes.get(name);
    if (shape === undefined) throw new Error(`unknown shape ${name}`);
    return shape;
  }
}

/**
 * Every validator of one service, compiled by one AJV instance: the input validator of each action and
 * of each shape that requests use (each shape once, however many actions reach it), and the output
 * validators that check the spec's response examples. Compiled on first use and cached, shared by the
 * example checks and the validator emitter through {@link validatorsFor}.
 * @packageDocumentation
 */
import { _, Name, str, type Ajv, type AnySchemaObject, type ErrorObject, type KeywordCxt, type ValidateFunction } from "ajv";
import type { Operation, Service, Shape } from "../model/types.js";
import { createValidatorAjv } from "./ajv-options.js";
import {
  inputSchema,
  inputShapeSchema,
  outputSchema,
  outputShapeSchema,
  shapeSchemaRoot,
  SHAPE_KEYWORD,
  type InputSchema,
} from "./json-schema.js";

/** An input validator compiled in this process, with the schema and wording it came from. */
export interface CompiledInput extends InputSchema {
  /** The validator; errors of a shape's validator have schema paths starting `<Shape>#`. */
  readonly validate: ValidateFunction;
}

/** A shape's validator as other validators call it: sets its own `errors`, with the shape's schema paths. */
type ShapeCall = ((data: unknown, context: object) => boolean) & { errors?: ErrorObject[] | null };

const cache = new WeakMap<Service, ValidatorSet>();

/** The validators of `service`, created once per model. */
export function validatorsFor(service: Service): ValidatorSet {
  let set = cache.get(service);
  if (set === undefined) {
    set = new ValidatorSet(service);
    cache.set(service, set);
  }
  return set;
}

/** The compiled validators of one service. */
export class ValidatorSet {
  /** The one AJV instance; its standalone printer reads what it compiled. */
  readonly ajv: Ajv;
  private readonly shapes: ReadonlyMap<string, Shape>;
  private readonly actionInputs = new Map<string, CompiledInput>();
  private readonly shapeInputs = new Map<string, CompiledInput>();
  private readonly shapeCalls = new Map<string, ShapeCall>();
  private readonly outputs = new Map<string, ValidateFunction>();

  /** Creates the AJV instance with the shape keyword and the output shape schemas. */
  constructor(service: Service) {
    this.shapes = new Map(service.shapes.map((shape) => [shape.name, shape] as const));
    this.ajv = createValidatorAjv();
    this.ajv.addKeyword({ keyword: SHAPE_KEYWORD, schemaType: "string", code: (cxt) => this.shapeCallCode(cxt) });
    for (const shape of service.shapes) this.ajv.addSchema(outputShapeSchema(shape));
  }

  /** The input validator of `operation`. */
  input(operation: Operation): CompiledInput {
    return cached(this.actionInputs, operation.action, () => this.compileInput(inputSchema(operation)));
  }

  /** The input validator of the shape named `name`. */
  inputShape(name: string): CompiledInput {
    return cached(this.shapeInputs, name, () => this.compileInput(inputShapeSchema(this.shape(name))));
  }

  /** The validator of `operation`'s whole answer, `{ Response: … }`. */
  output(operation: Operation): ValidateFunction {
    return cached(this.outputs, operation.action, () => this.ajv.compile(outputSchema(operation)));
  }

  private compileInput(schema: InputSchema): CompiledInput {
    return { ...schema, validate: this.ajv.compile(schema.schema as AnySchemaObject) };
  }

  private shape(name: string): Shape {
    const shape = this.shapes.get(name);
    if (shape === undefined) throw new Error(`unknown shape ${name} (loadSpec should have caught this)`);
    return shape;
  }

  /**
   * The code of `{ tcsdkShape: "Filter" }`: call the shape's validator and, when it fails, take its errors,
   * as AJV does for a `$ref` compiled apart. In this process the call goes to {@link shapeCall}; in the
   * printed code, to the function the shape's own module exports (`validateFilterShape`), imported by the
   * emitter and read at the module's top (`const func0 = validateFilterShape;`). Modules of shapes that
   * reach each other import each other: that works because each exports a function declaration, which
   * is initialised before any module of the cycle runs (the import golden test runs such a cycle).
   */
  private shapeCallCode(cxt: KeywordCxt): void {
    const { gen, it } = cxt;
    const shape = this.shape(cxt.schema as string);
    const call = gen.scopeValue("func", { ref: this.shapeCall(shape.name), code: _`${new Name(shape.validator)}` });
    const context = _`{instancePath: ${str`${new Name("instancePath")}${it.errorPath}`}, parentData: ${it.parentData}, parentDataProperty: ${it.parentDataProperty}, rootData: ${new Name("rootData")}}`;
    const vErrors = new Name("vErrors");
    cxt.result(_`${call}(${cxt.data}, ${context})`, undefined, () => {
      gen.assign(vErrors, _`${vErrors} === null ? ${call}.errors : ${vErrors}.concat(${call}.errors)`);
      gen.assign(new Name("errors"), _`${vErrors}.length`);
    });
  }

  /**
   * The in-process stand-in for a shape's exported validator: compiles the shape on its first call (shapes
   * may reach themselves) and prefixes its errors' schema paths with the shape's name, as the printed
   * module does (see `standalone-code.ts`).
   */
  private shapeCall(name: string): ShapeCall {
    return cached(this.shapeCalls, name, () => {
      const call: ShapeCall = (data, context) => {
        const { validate } = this.inputShape(name);
        const valid = validate(data, context as never) as boolean;
        call.errors = (validate.errors ?? []).map((error) =>
          error.schemaPath.startsWith("#") ? { ...error, schemaPath: `${shapeSchemaRoot(name)}${error.schemaPath.slice(1)}` } : error,
        );
        return valid;
      };
      return call;
    });
  }
}

function cached<T>(map: Map<string, T>, key: string, create: () => T): T {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}

/**
 * Emits the compiled input validators: `validators/<operation>.ts` for each action and
 * `validators/shapes/<shape>.ts` for each shape that requests use. AJV compiles the schemas when
 * generating (see `schema/validator-set.ts`), so nothing compiles at run time; its JavaScript ships in
 * `.ts` files under `// @ts-nocheck`, unindented as AJV prints it. A validator that reaches a shape
 * imports the shape's module and calls its validator, so each shape's code exists once.
 * @packageDocumentation
 */
import { directShapes, shapeSchemaRoot } from "../schema/json-schema.js";
import { standaloneCode } from "../schema/standalone-code.js";
import { validatorsFor } from "../schema/validator-set.js";
import type { Member, Operation, Service, Shape } from "../model/types.js";
import { paths, type GeneratedSymbols } from "./symbols.js";
import { TsFile } from "./ts-file.js";

/** Second line of every validator file. */
export const NO_CHECK_LINE = "// @ts-nocheck";

/** `validators/<operation>.ts`: the action's input validator, exported as `validate<Action>Input`. */
export function emitValidator(service: Service, operation: Operation, symbols: GeneratedSymbols): TsFile {
  const set = validatorsFor(service);
  const name = operation.names.validator;
  const code = standaloneCode(set.ajv, set.input(operation).validate, { label: operation.action, functionName: name });
  const file = validatorFile(paths.validators(operation), operation.input, symbols);
  return file.add((source) => {
    source.addStatements([
      "",
      code,
      "",
      `/** Input validator of \`${operation.action}\`, compiled from the spec by AJV when generating. */`,
      `export { ${name} };`,
    ]);
  });
}

/**
 * `validators/shapes/<shape>.ts`: the shape's validator (a function declaration, so that shapes whose
 * modules import each other find it initialised) and the wording of its rules, which each operation
 * that reaches the shape merges into its own.
 */
export function emitShapeValidator(service: Service, shape: Shape, symbols: GeneratedSymbols): TsFile {
  const set = validatorsFor(service);
  const { validate, ruleText } = set.inputShape(shape.name);
  const code = standaloneCode(set.ajv, validate, {
    label: shape.name,
    functionName: shape.validator,
    schemaRoot: shapeSchemaRoot(shape.name),
  });
  const file = validatorFile(paths.shapeValidators(shape), shape.members, symbols);
  const statements = [
    "",
    code,
    "",
    `/** Input validator of the \`${shape.name}\` shape, called by the validators of the requests that hold one. */`,
    `export { ${shape.validator} };`,
  ];
  const entries = Object.entries(ruleText);
  if (entries.length > 0) {
    statements.push(
      "",
      `/** Wording of the \`${shape.name}\` shape's rules, keyed by schema path, merged into each operation's \`ruleText\`. */`,
      `export const ${shape.ruleText} = {`,
      ...entries.map(([path, text]) => `  ${JSON.stringify(path)}: ${JSON.stringify(text)},`),
      "};",
    );
  }
  return file.add((source) => {
    source.addStatements(statements);
  });
}

/** Whether the shape's validator module exports the wording of its rules (it has rules to word). */
export function hasShapeRuleText(service: Service, name: string): boolean {
  return Object.keys(validatorsFor(service).inputShape(name).ruleText).length > 0;
}

/** An unformatted `// @ts-nocheck` file importing the validators of the shapes `members` name. */
function validatorFile(path: string, members: readonly Member[], symbols: GeneratedSymbols): TsFile {
  const file = new TsFile(path, { headerLines: [NO_CHECK_LINE] });
  for (const name of directShapes(members)) file.use(symbols.shapeValidator(name));
  return file;
}

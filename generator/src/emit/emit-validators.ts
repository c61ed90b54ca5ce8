/**
 * Emits `validators/<operation>.ts`: the operation's input schema compiled by AJV into standalone code
 * at generation time, so nothing compiles a schema at run time. AJV's output is JavaScript; it ships in
 * a `.ts` file under `// @ts-nocheck`, exporting one typed `InputValidator`.
 * @packageDocumentation
 */
import standaloneModule from "ajv/dist/standalone/index.js";
import { VariableDeclarationKind } from "ts-morph";
import { inputSchema } from "../model/json-schema.js";
import type { Operation, Service } from "../model/types.js";
import { createValidatorAjv } from "../model/validator-ajv.js";
import { core, paths } from "./symbols.js";
import { TsFile } from "./ts-file.js";
import { wrapDoc } from "./tsdoc.js";

/** Second line of every validator file. */
export const NO_CHECK_LINE = "// @ts-nocheck";

/** Compiles the input validator of `operation` into a file. */
export function emitValidator(service: Service, operation: Operation): TsFile {
  const file = new TsFile(paths.validators(operation));
  const { name, code } = standaloneValidator(service, operation);
  const validatorType = file.use(core("InputValidator", true));
  return file.add((source) => {
    source.addStatements(`\n${code}`);
    source.addVariableStatement({
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [wrapDoc(`Input validator of \`${operation.action}\`, compiled from the spec by AJV when generating.`)],
      declarations: [{ name: operation.names.validator, type: validatorType, initializer: name }],
    });
  });
}

/** AJV's standalone code for the operation, without its exports; `name` is the validating function. */
export function standaloneValidator(service: Service, operation: Operation): { readonly name: string; readonly code: string } {
  const ajv = createValidatorAjv();
  const validate = ajv.compile(inputSchema(service, operation).schema);
  const raw = standaloneModule.default(ajv, validate);
  const exported = /^export const validate = (validate\d+);$/m.exec(raw);
  const name = exported?.[1];
  if (name === undefined) throw new Error(`${operation.action}: unexpected AJV standalone output (no \`export const validate\`)`);
  const code = raw
    .replace(/^"use strict";\n/, "")
    .replace(`export const validate = ${name};\n`, "")
    .replace(`export default ${name};\n`, "")
    .replace(/^const (schema\d+) = (\{.*\});$/gm, (_line, constName: string, json: string) => `const ${constName} = ${compactJson(JSON.parse(json))};`);
  assertSelfContained(operation.action, code);
  return { name, code };
}

/** JSON with objects one member per line but lists of scalars kept on one line. */
export function compactJson(value: unknown, indent = ""): string {
  if (Array.isArray(value) && value.every((item) => item === null || typeof item !== "object")) return JSON.stringify(value);
  if (typeof value !== "object" || value === null) return JSON.stringify(value);
  const inner = `${indent}  `;
  const entries = Array.isArray(value)
    ? value.map((item) => `${inner}${compactJson(item, inner)}`)
    : Object.entries(value).map(([key, item]) => `${inner}${JSON.stringify(key)}: ${compactJson(item, inner)}`);
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  return entries.length === 0 ? `${open}${close}` : `${open}\n${entries.join(",\n")}\n${indent}${close}`;
}

/** Fails when the standalone code would import anything at run time. */
export function assertSelfContained(action: string, code: string): void {
  const found = /\brequire\s*\(|^\s*import[\s{*]|^\s*export\s/m.exec(code);
  if (found !== null) {
    throw new Error(`${action}: the compiled validator is not self-contained (found ${JSON.stringify(found[0].trim())}); check the AJV options`);
  }
}

/**
 * The spec's examples must obey the spec: each request passes the action's input validator and each
 * answer matches the action's output types.
 * @packageDocumentation
 */
import type { ErrorObject } from "ajv";
import type { SpecIssue } from "../load/spec-issue.js";
import { inputSchema, outputSchema, type InputSchema } from "./json-schema.js";
import type { Service } from "./types.js";
import { createValidatorAjv } from "./validator-ajv.js";

/** Validates every example of every operation; returns the issues found. */
export function checkExamples(service: Service): SpecIssue[] {
  const issues: SpecIssue[] = [];
  for (const operation of service.operations) {
    if (operation.examples.length === 0) continue;
    const ajv = createValidatorAjv();
    const input = inputSchema(service, operation);
    const validateInput = ajv.compile(input.schema);
    const validateOutput = createValidatorAjv().compile(outputSchema(service, operation));
    operation.examples.forEach((example, index) => {
      const at = `/examples/${index}`;
      if (!validateInput(example.request)) issues.push(toIssue(operation.sourceFile, `${at}/request`, validateInput.errors, input.ruleText));
      if (!validateOutput(example.response)) issues.push(toIssue(operation.sourceFile, `${at}/response`, validateOutput.errors));
    });
  }
  return issues;
}

function toIssue(file: string, base: string, errors: ErrorObject[] | null | undefined, wording: InputSchema["ruleText"] = {}): SpecIssue {
  const error = errors?.[0];
  if (error === undefined) return { file, pointer: base, message: "does not match the spec" };
  const params = error.params as Record<string, unknown>;
  const extra =
    error.keyword === "additionalProperties"
      ? `: ${String(params["additionalProperty"])}`
      : error.keyword === "required"
        ? ""
        : error.keyword === "enum"
          ? ` ${JSON.stringify(params["allowedValues"])}`
          : "";
  const text = wording[error.schemaPath];
  const message = text === undefined ? `${error.message ?? error.keyword}${extra}` : `${text.message} (rule ${text.rule})`;
  return { file, pointer: `${base}${error.instancePath}`, message: `example breaks the spec: ${message}` };
}

/**
 * The spec's examples must obey the spec: each request passes the action's input validator and each
 * answer matches the action's output types.
 * @packageDocumentation
 */
import type { ErrorObject } from "ajv";
import type { SpecIssue } from "../load/spec-issue.js";
import type { Service } from "../model/types.js";
import type { InputSchema } from "./json-schema.js";
import { validatorsFor } from "./validator-set.js";

/** Validates every example of every operation; returns the issues found. */
export function checkExamples(service: Service): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const validators = validatorsFor(service);
  for (const operation of service.operations) {
    if (operation.examples.length === 0) continue;
    const input = validators.input(operation);
    const validateOutput = validators.output(operation);
    operation.examples.forEach((example, index) => {
      const at = `/examples/${index}`;
      if (!input.validate(example.request))
        issues.push(
          toIssue(operation.sourceFile, `${at}/request`, input.validate.errors, allWording(service, operation.inputShapes, input.ruleText)),
        );
      if (!validateOutput(example.response)) issues.push(toIssue(operation.sourceFile, `${at}/response`, validateOutput.errors));
    });
  }
  return issues;
}

/** The wording of an action's rules and of the rules of the shapes its request reaches. */
function allWording(service: Service, shapes: readonly string[], own: InputSchema["ruleText"]): InputSchema["ruleText"] {
  const validators = validatorsFor(service);
  return Object.assign({}, ...shapes.map((name) => validators.inputShape(name).ruleText), own) as InputSchema["ruleText"];
}

function toIssue(file: string, base: string, errors: ErrorObject[] | null | undefined, wording: InputSchema["ruleText"] = {}): SpecIssue {
  const error = errors?.[0];
  if (error === undefined) return { file, pointer: base, message: "does not match the spec" };
  const text = wording[error.schemaPath];
  const message = text?.message === undefined ? keywordText(error) : `${text.message} (rule ${text.rule})`;
  return { file, pointer: `${base}${error.instancePath}`, message: `example breaks the spec: ${message}` };
}

/** What a failed keyword demands (the validators carry no messages: see `ajv-options.ts`). */
function keywordText(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "additionalProperties":
      return `must NOT have additional properties: ${String(params["additionalProperty"])}`;
    case "required":
      return `must have required property '${String(params["missingProperty"])}'`;
    case "type":
      return `must be ${String(params["type"])}`;
    case "enum":
      return `must be one of ${JSON.stringify(params["allowedValues"])}`;
    case "pattern":
      return `must match pattern "${String(params["pattern"])}"`;
    default:
      if (typeof params["comparison"] === "string") return `must be ${params["comparison"]} ${String(params["limit"])}`;
      return params["limit"] === undefined ? `breaks ${error.keyword}` : `breaks ${error.keyword} (limit ${String(params["limit"])})`;
  }
}

/**
 * A validator's first error as the service answers it: `MissingParameter`, `UnknownParameter`,
 * `InvalidParameter` (a value of the wrong type) or `InvalidParameterValue` (a value that breaks a rule),
 * naming the parameter as Tencent does, with dots and indexes (`Filters.0.Name`). An unknown parameter is
 * named first, even when a required one is missing too: the likelier mistake is a misspelt name.
 * @packageDocumentation
 */
import type { ErrorObject } from "ajv";
import { MockServiceError } from "./mock-error.js";

/** Which error is answered when a request breaks several rules: unknown parameters first, then missing ones, then values. */
const PRECEDENCE = ["additionalProperties", "required", "type"];

/** The API error for a request that `errors` (all of AJV's) refuse. */
export function inputError(errors: readonly ErrorObject[] | null | undefined): MockServiceError {
  const rank = (error: ErrorObject): number => {
    const index = PRECEDENCE.indexOf(error.keyword);
    return index === -1 ? PRECEDENCE.length : index;
  };
  const error = [...(errors ?? [])].sort((a, b) => rank(a) - rank(b))[0];
  if (error === undefined) return new MockServiceError("InvalidParameter", "The request is not valid.");
  const at = error.instancePath
    .split("/")
    .slice(1)
    .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"));
  const name = (extra?: string): string => [...at, ...(extra === undefined ? [] : [extra])].join(".");
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return new MockServiceError(
        "MissingParameter",
        `The request is missing a required parameter \`${name(String(params["missingProperty"]))}\`.`,
      );
    case "additionalProperties":
      return new MockServiceError("UnknownParameter", `The parameter \`${name(String(params["additionalProperty"]))}\` is not recognized.`);
    case "type":
      return new MockServiceError("InvalidParameter", `The parameter \`${name()}\` must be of type ${String(params["type"])}.`);
    case "enum":
      return new MockServiceError(
        "InvalidParameterValue",
        `The value of \`${name()}\` is not one of ${(params["allowedValues"] as unknown[]).map((value) => JSON.stringify(value)).join(", ")}.`,
      );
    default:
      return new MockServiceError(
        "InvalidParameterValue",
        `The value of \`${name()}\` breaks the rule ${error.keyword} ${JSON.stringify(params)}.`,
      );
  }
}

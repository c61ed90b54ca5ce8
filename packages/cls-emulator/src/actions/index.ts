/**
 * The emulated actions of CLS 2020-10-16.
 * @packageDocumentation
 */
import type { ActionDefinition } from "./context.js";
import { createExport, CREATE_EXPORT_PARAMETERS } from "./create-export.js";
import { deleteExport, DELETE_EXPORT_PARAMETERS } from "./delete-export.js";
import { describeExports, DESCRIBE_EXPORTS_PARAMETERS } from "./describe-exports.js";

export type { ActionContext, ActionDefinition, ActionHandler } from "./context.js";
export type { ActionParameters, ParameterRules, ParameterSpec } from "./params.js";

/** API version the emulator speaks. */
export const API_VERSION = "2020-10-16";

/** Action name → definition. */
export const ACTIONS: Readonly<Record<string, ActionDefinition>> = Object.freeze({
  CreateExport: { handler: createExport, parameters: CREATE_EXPORT_PARAMETERS },
  DescribeExports: { handler: describeExports, parameters: DESCRIBE_EXPORTS_PARAMETERS },
  DeleteExport: { handler: deleteExport, parameters: DELETE_EXPORT_PARAMETERS },
});

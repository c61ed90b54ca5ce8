/**
 * DeleteExport: stops the task if it runs, removes it and its file.
 * @packageDocumentation
 */
import { ApiError } from "../api-error.js";
import { ACTION_RULES } from "../generated/rules.js";
import type { ActionHandler } from "./context.js";
import { type ActionParameters, Params } from "./params.js";

/** DeleteExport's parameters and rules, from the spec. */
export const DELETE_EXPORT_PARAMETERS: ActionParameters = ACTION_RULES.DeleteExport;

/** DeleteExport → `{}`. */
export const deleteExport: ActionHandler = async (raw, context) => {
  const exportId = new Params(raw, DELETE_EXPORT_PARAMETERS).string("ExportId") ?? "";
  context.runner.cancel(exportId);
  if (!(await context.exports.delete(exportId))) {
    throw new ApiError("ResourceNotFound.ExportNotExist", `The export task ${exportId} does not exist.`);
  }
  return {};
};

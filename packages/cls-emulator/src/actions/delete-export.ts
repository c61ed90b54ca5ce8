/**
 * DeleteExport: stops the task if it runs, removes it and its file.
 * @packageDocumentation
 */
import { ApiError } from "../api-error.js";
import type { ActionHandler, ParameterKinds } from "./context.js";
import { Params } from "./params.js";

/** DeleteExport's parameters. */
export const DELETE_EXPORT_PARAMETERS: ParameterKinds = { ExportId: "string" };

/** DeleteExport → `{}`. */
export const deleteExport: ActionHandler = async (raw, context) => {
  const exportId = new Params(raw, Object.keys(DELETE_EXPORT_PARAMETERS)).string("ExportId");
  context.runner.cancel(exportId);
  if (!(await context.exports.delete(exportId))) {
    throw new ApiError("ResourceNotFound.ExportNotExist", `The export task ${exportId} does not exist.`);
  }
  return {};
};

/**
 * The emulated actions of CLS 2020-10-16.
 * @packageDocumentation
 */
import type { ActionHandler } from "./context.js";
import { createExport } from "./create-export.js";
import { deleteExport } from "./delete-export.js";
import { describeExports } from "./describe-exports.js";

export type { ActionContext, ActionHandler } from "./context.js";

/** API version the emulator speaks. */
export const API_VERSION = "2020-10-16";

/** Action name → handler. */
export const ACTIONS: Readonly<Record<string, ActionHandler>> = Object.freeze({
  CreateExport: createExport,
  DescribeExports: describeExports,
  DeleteExport: deleteExport,
});

import { TcError, type TcErrorOptions } from "@tcsdk/core";

/** Why an export task cannot deliver its file. */
export type ExportTaskFailure = "Failed" | "Expired" | "NotFound";

/**
 * An export task ended without a file to download: CLS marked it `Failed`, it passed its three days
 * and became `Expired`, or it no longer exists (deleted).
 */
export class ExportTaskError extends TcError {
  /** Id of the export task. */
  readonly exportId: string;
  /** Id of the topic the task belongs to. */
  readonly topicId: string;
  /** How the task ended. */
  readonly failure: ExportTaskFailure;

  /** Creates the error for one task. */
  constructor(topicId: string, exportId: string, failure: ExportTaskFailure, options: TcErrorOptions = {}) {
    const what = failure === "NotFound" ? "was not found" : `is ${failure}`;
    super(`export task ${exportId} of topic ${topicId} ${what}`, { service: "cls", ...options });
    this.exportId = exportId;
    this.topicId = topicId;
    this.failure = failure;
  }
}

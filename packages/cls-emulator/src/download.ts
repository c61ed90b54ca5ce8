/**
 * `GET`/`HEAD /cos/<ExportId>/<FileName>?expires=…&sig=…`: serves a completed, unexpired export.
 * @packageDocumentation
 */
import { access } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { isExpired } from "./actions/export-info.js";
import type { Clock } from "./clock.js";
import { COS_PREFIX, sendCosError, sendFile, type CosLinks } from "./cos.js";
import { decodePathSegment, type RequestTarget } from "./request-target.js";
import type { ExportStore } from "./store/export-store.js";

/** Answers one download request; never throws. */
export async function handleDownload(
  req: IncomingMessage,
  res: ServerResponse,
  target: RequestTarget,
  deps: { readonly exports: ExportStore; readonly links: CosLinks; readonly clock: Clock },
): Promise<void> {
  const { exports, links, clock } = deps;
  try {
    if (req.method !== "GET" && req.method !== "HEAD")
      return sendCosError(res, clock, 405, "MethodNotAllowed", "The specified method is not allowed.");
    const parts = target.path.slice(COS_PREFIX.length).split("/").map(decodePathSegment);
    if (parts.includes(undefined)) return sendCosError(res, clock, 400, "InvalidURI", "Couldn't parse the specified URI.");
    const [exportId = "", fileName = ""] = parts;
    if (parts.length !== 2) return sendCosError(res, clock, 404, "NoSuchKey", "The specified key does not exist.");
    const verdict = links.check(exportId, fileName, target.searchParams.get("expires"), target.searchParams.get("sig"));
    if (verdict === "forged")
      return sendCosError(
        res,
        clock,
        403,
        "SignatureDoesNotMatch",
        "The request signature we calculated does not match the signature you provided.",
      );
    if (verdict === "expired") return sendCosError(res, clock, 403, "AccessDenied", "Request has expired");
    const task = exports.get(exportId);
    const path = exports.filePath(exportId);
    if (task?.status !== "Completed" || task.fileName !== fileName)
      return sendCosError(res, clock, 404, "NoSuchKey", "The specified key does not exist.");
    if (isExpired(task, clock())) {
      await exports.removeFile(exportId);
      return sendCosError(res, clock, 404, "NoSuchKey", "The export has expired (three days after creation).");
    }
    if (
      !(await access(path).then(
        () => true,
        () => false,
      ))
    )
      return sendCosError(res, clock, 404, "NoSuchKey", "The specified key does not exist.");
    await sendFile(req, res, clock, path, fileName);
  } catch (error) {
    if (!res.headersSent) sendCosError(res, clock, 500, "InternalError", "We encountered an internal error. Please try again.");
    else res.destroy(error instanceof Error ? error : undefined);
  }
}

/**
 * Which of Tencent's files a maintainer handed over: recognised by content, not by name (tccli calls
 * both editions' models `api.json`), and where each goes in `specs/upstream/tencentcloud-api/`.
 * @packageDocumentation
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

/** The kinds of file, as the importer names them: `<service>-<version>.<kind>`. */
export type ModelFileKind = "intl-en.api.json" | "cn.api.json" | "intl-en.examples.json" | "errors.json";

/** A file handed over, read and recognised. */
export interface ModelFile {
  /** Where it was read. */
  readonly from: string;
  readonly kind: ModelFileKind;
  readonly bytes: Buffer;
  /** sha256, hex. */
  readonly sha256: string;
  /** What the upstream README's count column says of it, e.g. "87 actions, 246 objects". */
  readonly count: string;
  /** For a model: the service and version its metadata names. */
  readonly metadata?: { readonly service: string; readonly version: string };
}

/** Reads `file` and recognises it; `china` marks a model as the China site's. Throws when it is none of Tencent's files. */
export function readModelFile(file: string, china = false): ModelFile {
  const bytes = readFileSync(file);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(bytes.toString("utf8")) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`${file}: not JSON (${(error as Error).message})`);
  }
  const size = (value: unknown): number => (typeof value === "object" && value !== null ? Object.keys(value).length : 0);
  const metadata = data["metadata"] as { serviceShortName?: unknown; apiVersion?: unknown } | undefined;
  if (metadata !== undefined && typeof data["objects"] === "object") {
    if (typeof metadata.serviceShortName !== "string" || typeof metadata.apiVersion !== "string")
      throw new Error(`${file}: metadata lacks serviceShortName or apiVersion`);
    return {
      from: file,
      kind: china ? "cn.api.json" : "intl-en.api.json",
      bytes,
      sha256,
      count: `${size(data["actions"])} actions, ${size(data["objects"])} objects`,
      metadata: { service: metadata.serviceShortName, version: metadata.apiVersion },
    };
  }
  if (china) throw new Error(`${file}: --cn names a model (an api.json), and this is not one`);
  if (typeof data["errorCodes"] === "object") {
    return {
      from: file,
      kind: "errors.json",
      bytes,
      sha256,
      count: `${size(data["errorCodes"])} codes, ${size(data["actionErrors"])} actions`,
    };
  }
  const actions = data["actions"];
  if (typeof actions === "object" && actions !== null && Object.values(actions).every(Array.isArray)) {
    const examples = Object.values(actions as Record<string, unknown[]>).reduce((sum, list) => sum + list.length, 0);
    return { from: file, kind: "intl-en.examples.json", bytes, sha256, count: `${size(actions)} actions, ${examples} examples` };
  }
  throw new Error(`${file}: not one of Tencent's files (a model api.json, an examples.json or an errors.json)`);
}

/**
 * Two of Tencent's models diffed directly: each is imported into a temporary repository skeleton with
 * the existing importer and only the service's overlay (hosts and regions; this repository's when it
 * has the service), so that the diff sees the model's own changes and no curated fact of ours that a
 * model of another date may not fit.
 * @packageDocumentation
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { importModel } from "../import/import-model.js";
import { overlayDir } from "../import/overlays.js";
import { UPSTREAM_DIR } from "../import/upstream.js";
import { jsonText } from "../output/json-text.js";
import { serviceOverlay } from "../scaffold/new-service.js";

/** A model imported into a temporary folder. */
export interface ImportedModel {
  readonly service: string;
  readonly version: string;
  /** The spec folder written. */
  readonly specDir: string;
}

/** A fresh temporary folder (the caller removes it). */
export function makeWorkDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `tcsdk-${prefix}-`));
}

/**
 * Imports the model file `apiJson` (any name; its `metadata` says the service and version) into
 * `work/<label>/`, with the service overlay of `repoRoot` when it has one. Throws a `SpecError` when
 * the model cannot be imported.
 */
export function importModelFile(apiJson: string, repoRoot: string, work: string, label: string): ImportedModel {
  const model = JSON.parse(readFileSync(apiJson, "utf8")) as { metadata?: { serviceShortName?: unknown; apiVersion?: unknown } };
  const service = model.metadata?.serviceShortName;
  const version = model.metadata?.apiVersion;
  if (typeof service !== "string" || typeof version !== "string")
    throw new Error(`${apiJson}: no metadata.serviceShortName and apiVersion: not one of Tencent's api.json models`);
  const root = path.join(work, label);
  const upstream = path.join(root, UPSTREAM_DIR);
  const overlays = overlayDir(root, service, version);
  mkdirSync(upstream, { recursive: true });
  mkdirSync(overlays, { recursive: true });
  // issues then name files relative to this skeleton, as they would be in the repository
  writeFileSync(path.join(root, "pnpm-workspace.yaml"), "packages: []\n");
  copyFileSync(apiJson, path.join(upstream, `${service}-${version}.intl-en.api.json`));
  const ours = path.join(overlayDir(repoRoot, service, version), "service.json");
  if (existsSync(ours)) copyFileSync(ours, path.join(overlays, "service.json"));
  else writeFileSync(path.join(overlays, "service.json"), jsonText(serviceOverlay(service)));
  copyFileSync(path.join(repoRoot, "specs/overlays/common-errors.json"), path.join(root, "specs/overlays/common-errors.json"));
  importModel({ root, service, version });
  return { service, version, specDir: path.join(root, "specs", service, version) };
}

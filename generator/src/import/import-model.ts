/**
 * One import run: Tencent's model (`specs/upstream/`) and our overlays (`specs/overlays/<service>/<version>/`)
 * → the spec folder `specs/<service>/<version>/`. The documents are checked as the generator will check
 * them (schema, semantic checks, model, examples): an example that breaks the spec is moved to the
 * action's `skippedExamples` with the reason; anything else wrong is an issue (`file#pointer`), and
 * nothing is written. Importing twice gives byte-identical files.
 * @packageDocumentation
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import type { GeneratedFile } from "../emit/generated-file.js";
import type { RawAction, RawSpec, SpecFile } from "../load/raw-spec.js";
import { SchemaValidator, type SpecFileKind } from "../load/schema-validator.js";
import { checkSpec } from "../load/semantic-checks.js";
import { SpecError, type SpecIssue } from "../load/spec-issue.js";
import { buildModel } from "../model/build-model.js";
import { checkExamples } from "../schema/check-examples.js";
import { diffOutput, writeOutput, type OutputDiff } from "../output/sync-output.js";
import { buildSpec, type ImportNotes, type SpecDocuments } from "./build-spec.js";
import { importReport, type ReportProvenance } from "./import-report.js";
import { jsonText } from "../output/json-text.js";
import { overlayDir, readOverlays } from "./overlays.js";
import { readUpstream, UPSTREAM_DIR } from "./upstream.js";

/** Options of {@link importModel}. */
export interface ImportOptions {
  /** The repository root (holding `specs/`). */
  readonly root: string;
  /** The service, e.g. `cls`. */
  readonly service: string;
  /** The API version; defaults to the only one under `specs/overlays/<service>/`. */
  readonly version?: string;
  /** Compare only; write nothing. */
  readonly check?: boolean;
}

/** What an import produced and how the spec folder differed from it (before writing). */
export interface ImportResult {
  /** The spec folder, repository-relative. */
  readonly specDir: string;
  /** Every file written (relative to the spec folder). */
  readonly files: readonly GeneratedFile[];
  /** Differences found; in write mode, what was written or removed. */
  readonly diff: OutputDiff;
  /** Converted and skipped examples. */
  readonly examples: { readonly converted: number; readonly skipped: number };
}

/** Folders of the spec that the importer owns: files in them that it does not write are removed. */
const OWNED = ["actions", "shapes"];

/** Imports one service version; throws {@link SpecError} listing every issue. */
export function importModel(options: ImportOptions): ImportResult {
  const { root, service } = options;
  const version = options.version ?? onlyVersion(root, service);
  const label = (file: string): string => path.relative(root, file).split(path.sep).join("/");
  const validator = new SchemaValidator();
  const overlays = readOverlays(overlayDir(root, service, version), validator, label);
  const upstream = readUpstream(path.join(root, UPSTREAM_DIR), service, version, label);
  const issues: SpecIssue[] = [];
  const built = buildSpec(upstream, overlays, issues);
  if (issues.length > 0) throw new SpecError(issues);
  const specDir = path.join(root, "specs", service, version);
  const documents = withCheckedExamples(built.documents, built.notes.overlayExamples, specDir, validator, label);
  const files = specFiles(documents, built.notes, {
    service,
    version,
    upstream: [upstream.intl, upstream.examples, upstream.china, upstream.errors],
    overlays: overlays.dir,
  });
  const diff = options.check === true ? diffOutput(specDir, files, OWNED) : writeOutput(specDir, files, OWNED);
  const converted = documents.actions.reduce((sum, action) => sum + action.examples.length, 0);
  const skipped = documents.actions.reduce((sum, action) => sum + (action.skippedExamples?.length ?? 0), 0);
  return { specDir: label(specDir), files, diff, examples: { converted, skipped } };
}

/** The services that have overlays (and so can be imported): `specs/overlays/<service>/`. */
export function importableServices(root: string): string[] {
  const dir = path.join(root, "specs", "overlays");
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

function onlyVersion(root: string, service: string): string {
  const file = `specs/overlays/${service}`;
  const dir = path.join(root, "specs", "overlays", service);
  if (!existsSync(dir)) {
    const known = importableServices(root).join(", ") || "none";
    const message = `no such service (with overlays: ${known}); \`pnpm new-service <service> <version>\` adds one`;
    throw new SpecError([{ file, pointer: "", message }]);
  }
  const versions = readdirSync(dir)
    .filter((name) => /^\d{4}-\d{2}-\d{2}$/.test(name))
    .sort();
  if (versions.length !== 1) {
    const message =
      versions.length === 0 ? "no version folder" : `${versions.length} versions (${versions.join(", ")}): name one with --version`;
    throw new SpecError([{ file, pointer: "", message }]);
  }
  return versions[0] ?? "";
}

/**
 * Checks the documents as the generator will read them (their JSON text parsed again), moving each
 * example of Tencent's that breaks the spec to its action's `skippedExamples`. An example an overlay
 * gives (`overlayExamples`: action → overlay file) is ours and must obey the spec: one that does not is
 * an issue at the overlay, like any other issue.
 */
function withCheckedExamples(
  documents: SpecDocuments,
  overlayExamples: ReadonlyMap<string, string>,
  specDir: string,
  validator: SchemaValidator,
  label: (file: string) => string,
): SpecDocuments {
  const spec = inMemorySpec(documents, specDir, validator, label);
  const semantic = checkSpec(spec);
  if (semantic.length > 0) throw new SpecError(semantic);
  const model = buildModel(spec, { name: "@tcsdk/import-check", version: "0.0.0" });
  const broken = new Map<string, Map<number, string>>();
  const ours: SpecIssue[] = [];
  for (const issue of checkExamples(model)) {
    const match = /\/examples\/(\d+)\//.exec(issue.pointer);
    const action = spec.actions.find((file) => file.file === issue.file)?.data.name;
    if (match === null || action === undefined) throw new SpecError([issue]);
    const overlay = overlayExamples.get(action);
    if (overlay !== undefined) {
      ours.push({ ...issue, file: overlay });
      continue;
    }
    const reasons = broken.get(action) ?? new Map<number, string>();
    const index = Number(match[1]);
    const [, part = "", at = ""] = /^\/(request|response)(.*)$/.exec(issue.pointer.slice(match[0].length - 1)) ?? [];
    const message = issue.message.replace(/^example breaks the spec: /, "");
    if (!reasons.has(index)) reasons.set(index, `the ${part} breaks the spec${at === "" ? "" : ` at ${at}`}: ${message}`);
    broken.set(action, reasons);
  }
  if (ours.length > 0) throw new SpecError(ours);
  if (broken.size === 0) return documents;
  const actions = documents.actions.map((action): RawAction => {
    const reasons = broken.get(action.name);
    if (reasons === undefined) return action;
    return {
      ...action,
      examples: action.examples.filter((_example, index) => !reasons.has(index)),
      skippedExamples: [
        ...(action.skippedExamples ?? []),
        ...[...reasons].map(([index, reason]) => ({ title: action.examples[index]?.title ?? `example ${index + 1}`, reason })),
      ],
    };
  });
  return { ...documents, actions };
}

/** The documents as a {@link RawSpec}, each parsed from the text that would be written and checked against its schema. */
function inMemorySpec(documents: SpecDocuments, specDir: string, validator: SchemaValidator, label: (file: string) => string): RawSpec {
  const issues: SpecIssue[] = [];
  const specFile = <T>(kind: SpecFileKind, relativePath: string, document: unknown): SpecFile<T> => {
    const text = jsonText(canonical(kind, document));
    const data = JSON.parse(text) as T;
    const file = label(path.join(specDir, relativePath));
    issues.push(...validator.validate(kind, file, data));
    return { file, relativePath, text, data };
  };
  const spec: RawSpec = {
    label: label(specDir),
    service: specFile("service", "service.json", documents.service),
    errors: specFile("errors", "errors.json", documents.errors),
    actions: documents.actions.map((action) => specFile("action", `actions/${action.name}.json`, action)),
    shapes: documents.shapes.map((shape) => specFile("shape", `shapes/${shape.name}.json`, shape)),
  };
  if (issues.length > 0) throw new SpecError(issues);
  return spec;
}

/** The files of the spec folder. */
function specFiles(documents: SpecDocuments, notes: ImportNotes, provenance: ReportProvenance): GeneratedFile[] {
  const comment = `Imported from Tencent's model by \`pnpm import-model ${provenance.service}\`: do not edit; change ${provenance.overlays} instead.`;
  const json = (kind: SpecFileKind, filePath: string, schema: string, document: unknown): GeneratedFile => ({
    path: filePath,
    content: jsonText({ $schema: schema, $comment: comment, ...canonical(kind, document) }),
  });
  return [
    json("service", "service.json", "../../schema/service.schema.json", documents.service),
    json("errors", "errors.json", "../../schema/errors.schema.json", documents.errors),
    ...documents.actions.map((action) => json("action", `actions/${action.name}.json`, "../../../schema/action.schema.json", action)),
    ...documents.shapes.map((shape) => json("shape", `shapes/${shape.name}.json`, "../../../schema/shape.schema.json", shape)),
    { path: "IMPORT.md", content: importReport(documents, notes, provenance) },
  ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Key order of each kind of document, so that files read the same whatever built them. */
const KEY_ORDER: Readonly<Record<string, readonly string[]>> = {
  service: ["service", "version", "name", "title", "docs", "docsUrl", "endpoints", "regions", "regionalOnly"],
  errors: ["common", "service", "chineseOnly"],
  action: [
    "name",
    "summary",
    "docs",
    "docsUrl",
    "deprecated",
    "unsupported",
    "sites",
    "docsLanguage",
    "idempotent",
    "absentAfterSuccess",
    "unsigned",
    "rateLimit",
    "input",
    "output",
    "errors",
    "examples",
    "skippedExamples",
  ],
  shape: ["name", "docs", "sites", "docsLanguage", "members"],
  member: [
    "name",
    "type",
    "required",
    "nullable",
    "docs",
    "rules",
    "itemRules",
    "default",
    "unit",
    "format",
    "example",
    "deprecated",
    "sites",
  ],
};

function canonical(kind: SpecFileKind, document: unknown): Record<string, unknown> {
  const source = document as Record<string, unknown>;
  const ordered = order(source, KEY_ORDER[kind] ?? []);
  for (const key of ["input", "output", "members"]) {
    if (Array.isArray(ordered[key]))
      ordered[key] = (ordered[key] as Record<string, unknown>[]).map((member) => order(member, KEY_ORDER["member"] ?? []));
  }
  return ordered;
}

function order(source: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  for (const [key, value] of Object.entries(source)) if (!(key in out) && value !== undefined && !key.startsWith("$")) out[key] = value;
  if (Array.isArray(out["skippedExamples"]) && out["skippedExamples"].length === 0) delete out["skippedExamples"];
  return out;
}

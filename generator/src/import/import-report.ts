/**
 * `IMPORT.md`, written beside the imported spec: where it comes from (files and hashes), what it holds,
 * every example skipped with the reason, what was repaired, and where the two editions of the model
 * differ.
 * @packageDocumentation
 */
import type { RawAction } from "../load/raw-spec.js";
import type { ImportNotes, SpecDocuments } from "./build-spec.js";

/** Where the spec comes from. */
export interface ReportProvenance {
  readonly service: string;
  readonly version: string;
  readonly upstream: readonly ({ readonly file: string; readonly sha256: string } | undefined)[];
  readonly overlays: string;
}

/** The report's Markdown. */
export function importReport(documents: SpecDocuments, notes: ImportNotes, provenance: ReportProvenance): string {
  const { actions, shapes, errors } = documents;
  const chinaOnly = actions.filter((action) => action.sites?.length === 1 && action.sites[0] === "china");
  const skipped = actions.flatMap((action) => (action.skippedExamples ?? []).map((example) => ({ action: action.name, ...example })));
  const converted = actions.reduce((sum, action) => sum + action.examples.length, 0);
  // Notes of examples that the spec check skipped afterwards are not repairs of anything kept.
  const kept = notes.exampleNotes.filter((item) => !skipped.some((skip) => skip.action === item.action && skip.title === item.title));
  const declared = (key: "idempotent" | "rateLimit"): RawAction[] => actions.filter((action) => action[key] !== "unknown");
  const chineseCodes = errors.chineseOnly ?? [];
  const lines = [
    `<!-- Written by \`pnpm import-model ${provenance.service}\` (@tcsdk/generator). DO NOT EDIT. -->`,
    "",
    `# Import report: ${provenance.service} ${provenance.version}`,
    "",
    `This folder is Tencent's published model of ${provenance.service} ${provenance.version}, imported with the overlays in`,
    `\`${provenance.overlays}\`. Change those (or replace the model files) and run \`pnpm import-model ${provenance.service}\`.`,
    "",
    "## Sources",
    "",
    "| file | sha256 |",
    "| --- | --- |",
    ...provenance.upstream.flatMap((file) => (file === undefined ? [] : [`| \`${file.file}\` | \`${file.sha256}\` |`])),
    "",
    "## Contents",
    "",
    `- ${actions.length} actions: ${actions.length - chinaOnly.length} of the international model, ${chinaOnly.length} only on the China site (documented in Chinese).`,
    `- ${shapes.length} shapes (${shapes.filter((shape) => shape.sites?.length === 1).length} only in the China model).`,
    `- ${Object.keys(errors.common).length} common error codes and ${Object.keys(errors.service).length} of the service (${chineseCodes.length} described in Chinese only).`,
    `- Safe to re-send: declared by an overlay for ${count(declared("idempotent").length, "action")}; for the others the generator assumes it from the action's name.`,
    `- Rate limit: documented by an overlay for ${count(declared("rateLimit").length, "action")}; unknown for the others.`,
    "",
    ...(chinaOnly.length > 0 ? [`China-site-only actions: ${chinaOnly.map((action) => `\`${action.name}\``).join(", ")}.`, ""] : []),
    "## Examples",
    "",
    `${converted} examples converted, ${skipped.length} skipped.`,
    "",
    ...(skipped.length > 0
      ? [
          "| action | example | why it was skipped |",
          "| --- | --- | --- |",
          ...skipped.map((item) => `| \`${item.action}\` | ${cell(item.title)} | ${cell(item.reason)} |`),
          "",
        ]
      : []),
    ...(kept.length > 0
      ? [
          "Converted with a repair or a note:",
          "",
          "| action | example | note |",
          "| --- | --- | --- |",
          ...kept.map((item) => `| \`${item.action}\` | ${cell(item.title)} | ${cell(item.note)} |`),
          "",
        ]
      : []),
    "## Where the editions differ",
    "",
    "The international model defines the types. Members below that only the China model has are left out unless an",
    "overlay names them (the overlay then takes the member from the China model, marked China site only).",
    "",
    ...(notes.editionDifferences.length > 0
      ? [
          "| where | member | difference |",
          "| --- | --- | --- |",
          ...notes.editionDifferences.map((item) => `| ${item.where} | \`${item.member}\` | ${cell(item.what)} |`),
        ]
      : ["No differences."]),
    "",
  ];
  return lines.join("\n");
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function cell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll("\n", " ");
}

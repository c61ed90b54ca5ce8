/**
 * Tencent's model plus our overlays → the documents of a spec folder (in memory): `service.json`,
 * `errors.json`, one action per action of either edition, one shape per structure the actions reach,
 * each action with its converted examples and its error list. What was converted, repaired, skipped or
 * taken from which edition is gathered for the import report.
 * @packageDocumentation
 */
import type { RawAction, RawErrors, RawExample, RawService, RawShape } from "../load/raw-spec.js";
import { pointer, type SpecIssue } from "../load/spec-issue.js";
import { convertExample } from "./convert-examples.js";
import { convertAction, convertShape, referencedObjects, type Editions } from "./convert-model.js";
import { editionDifferences, type EditionDifference } from "./editions.js";
import { applyActionOverlay, applyShapeOverlay } from "./merge-overlays.js";
import type { Overlays } from "./overlays.js";
import type { Upstream } from "./upstream.js";

/** The documents of a spec folder, before they are written. */
export interface SpecDocuments {
  readonly service: RawService;
  readonly errors: RawErrors;
  /** Sorted by name. */
  readonly actions: readonly RawAction[];
  /** Sorted by name. */
  readonly shapes: readonly RawShape[];
}

/** What the import did, for its report and its checks. */
export interface ImportNotes {
  /** The overlay file of each action whose examples an overlay gives (those must obey the spec: never skipped). */
  readonly overlayExamples: ReadonlyMap<string, string>;
  /** Per action, what was repaired or noticed in its examples. */
  readonly exampleNotes: readonly { readonly action: string; readonly title: string; readonly note: string }[];
  /** Differences between the editions for what both have. */
  readonly editionDifferences: readonly EditionDifference[];
}

/** Builds the spec documents; `issues` collects what is wrong with the overlays. */
export function buildSpec(upstream: Upstream, overlays: Overlays, issues: SpecIssue[]): { documents: SpecDocuments; notes: ImportNotes } {
  const editions: Editions = {
    intl: { model: upstream.intl.data, site: "international", docsSite: "https://www.tencentcloud.com" },
    china: upstream.china === undefined ? undefined : { model: upstream.china.data, site: "china", docsSite: "https://cloud.tencent.com" },
  };
  const names = [...new Set([...Object.keys(editions.intl.model.actions), ...Object.keys(editions.china?.model.actions ?? {})])].sort();
  const exampleNotes: { action: string; title: string; note: string }[] = [];
  const actions = names.map((name) => {
    const converted = convertAction(name, editions);
    if (converted === undefined) throw new Error(`action ${name} vanished`);
    const withExamples = { ...converted, ...examplesOf(name, upstream, exampleNotes), errors: errorsOf(name, upstream) };
    const overlay = overlays.actions.get(name);
    return overlay === undefined ? withExamples : applyActionOverlay(withExamples, overlay, editions, issues);
  });
  for (const [name, overlay] of overlays.actions) {
    if (!names.includes(name)) issues.push({ file: overlay.file, pointer: "", message: `action ${name} is in neither model` });
  }
  const shapes = reachedShapes(actions, editions, overlays, issues);
  const documents: SpecDocuments = {
    service: serviceOf(upstream, overlays),
    errors: errorsCatalogue(upstream, overlays, actions, issues),
    actions,
    shapes,
  };
  const differences =
    editions.china === undefined
      ? []
      : editionDifferences(
          editions.intl.model,
          editions.china.model,
          names,
          shapes.map((shape) => shape.name),
        );
  const overlayExamples = new Map(
    [...overlays.actions]
      .filter(([, overlay]) => overlay.data.examples !== undefined)
      .map(([name, overlay]) => [name, overlay.file] as const),
  );
  return { documents, notes: { overlayExamples, exampleNotes, editionDifferences: differences } };
}

/** Every structure the actions reach, as shapes, with their overlays; overlays of shapes no action reaches are issues. */
function reachedShapes(actions: readonly RawAction[], editions: Editions, overlays: Overlays, issues: SpecIssue[]): RawShape[] {
  const shapes = new Map<string, RawShape>();
  const pending = actions.flatMap((action) => referencedObjects([...action.input, ...action.output]));
  while (pending.length > 0) {
    const name = pending.pop() ?? "";
    if (shapes.has(name)) continue;
    const converted = convertShape(name, editions);
    if (converted === undefined) throw new Error(`structure ${name} is named but in neither model`);
    const overlay = overlays.shapes.get(name);
    const shape = overlay === undefined ? converted : applyShapeOverlay(converted, overlay, editions, issues);
    shapes.set(name, shape);
    pending.push(...referencedObjects(shape.members));
  }
  for (const [name, overlay] of overlays.shapes) {
    if (shapes.has(name)) continue;
    const exists = convertShape(name, editions) !== undefined;
    issues.push({
      file: overlay.file,
      pointer: "",
      message: exists ? `shape ${name} is used by no action` : `shape ${name} is in neither model`,
    });
  }
  return [...shapes.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The action's examples from `examples.json`, converted, and those skipped with the reason. */
function examplesOf(
  action: string,
  upstream: Upstream,
  notes: { action: string; title: string; note: string }[],
): { examples: RawExample[]; skippedExamples: { title: string; reason: string }[] } {
  const examples: RawExample[] = [];
  const skippedExamples: { title: string; reason: string }[] = [];
  for (const example of upstream.examples?.data.actions[action] ?? []) {
    const converted = convertExample(action, example, upstream.intl.data);
    if (!converted.ok) {
      skippedExamples.push({ title: converted.title, reason: converted.reason });
      continue;
    }
    examples.push({ title: converted.title, request: converted.request, response: converted.response as RawExample["response"] });
    for (const note of converted.notes) notes.push({ action, title: converted.title, note });
  }
  return { examples, skippedExamples };
}

/** The action's documented error codes, sorted. */
function errorsOf(action: string, upstream: Upstream): string[] {
  return [...new Set(upstream.errors?.data.actionErrors[action] ?? [])].sort();
}

/**
 * `errors.json`: the common codes (from `overlays/common-errors.json`) and every other code the model's
 * error file or an action names, described in English by the overlay where it can be, otherwise as the
 * model has it; a description with Chinese characters is listed as Chinese only.
 */
function errorsCatalogue(upstream: Upstream, overlays: Overlays, actions: readonly RawAction[], issues: SpecIssue[]): RawErrors {
  const common = overlays.commonErrors.data.common ?? {};
  const english = overlays.errors?.data.descriptions ?? {};
  const model = upstream.errors?.data.errorCodes ?? {};
  const codes = new Set([...Object.keys(model), ...actions.flatMap((action) => action.errors)]);
  const service: Record<string, string> = {};
  const chineseOnly: string[] = [];
  for (const code of [...codes].sort()) {
    if (Object.hasOwn(common, code)) continue;
    const description = english[code] ?? model[code] ?? "Not described in Tencent's error codes.";
    service[code] = description;
    if (/\p{Script=Han}/u.test(description)) chineseOnly.push(code);
  }
  for (const code of Object.keys(english)) {
    if (!codes.has(code) && overlays.errors !== undefined) {
      issues.push({
        file: overlays.errors.file,
        pointer: pointer("descriptions", code),
        message: `error code ${code} is not in the model`,
      });
    }
  }
  return { common: { ...common }, service, ...(chineseOnly.length > 0 ? { chineseOnly } : {}) };
}

function serviceOf(upstream: Upstream, overlays: Overlays): RawService {
  const { metadata } = upstream.intl.data;
  const overlay = overlays.service.data;
  return {
    service: metadata.serviceShortName,
    version: metadata.apiVersion,
    name: overlay.name,
    title: overlay.title,
    docs: overlay.docs,
    ...(overlay.docsUrl === undefined ? {} : { docsUrl: overlay.docsUrl }),
    endpoints: overlay.endpoints,
    regions: overlay.regions,
    ...(overlay.regionalOnly === undefined ? {} : { regionalOnly: overlay.regionalOnly }),
  };
}

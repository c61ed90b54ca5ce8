/**
 * Where the two editions of a model differ for what both have: members only one edition's structure
 * has, or that the two type or require differently. The international model defines the types; the
 * importer lists these differences in the spec's `IMPORT.md` so a maintainer can take a China-only
 * member in with an overlay.
 * @packageDocumentation
 */
import { typeOf } from "./convert-model.js";
import type { Model, ModelObject } from "./upstream.js";

/** One difference, e.g. `CreateExport` request: `DerivedFields` only in the China model. */
export interface EditionDifference {
  /** `action CreateExport, request`, or `shape ExportInfo`. */
  readonly where: string;
  readonly member: string;
  /** What differs, in words. */
  readonly what: string;
}

/** Differences between the editions for the actions and shapes both have, among those imported. */
export function editionDifferences(intl: Model, china: Model, actions: readonly string[], shapes: readonly string[]): EditionDifference[] {
  const found: EditionDifference[] = [];
  for (const name of actions) {
    const a = intl.actions[name];
    const b = china.actions[name];
    if (a === undefined || b === undefined) continue;
    found.push(...compare(`action ${name}, request`, intl.objects[a.input], china.objects[b.input]));
    found.push(...compare(`action ${name}, response`, intl.objects[a.output], china.objects[b.output]));
  }
  for (const name of shapes) {
    const a = intl.objects[name];
    const b = china.objects[name];
    if (a !== undefined && b !== undefined) found.push(...compare(`shape ${name}`, a, b));
  }
  return found;
}

function compare(where: string, intl: ModelObject | undefined, china: ModelObject | undefined): EditionDifference[] {
  if (intl === undefined || china === undefined) return [];
  const found: EditionDifference[] = [];
  const chinaMembers = new Map(china.members.map((member) => [member.name, member] as const));
  const intlNames = new Set(intl.members.map((member) => member.name));
  for (const member of intl.members) {
    const other = chinaMembers.get(member.name);
    if (other === undefined) {
      found.push({ where, member: member.name, what: "only in the international model" });
      continue;
    }
    const [mine, theirs] = [typeOf(member).type, typeOf(other).type];
    if (mine !== theirs)
      found.push({ where, member: member.name, what: `\`${mine}\` in the international model, \`${theirs}\` in the China model` });
    const required = (m: typeof member): boolean => m.required === true || m.output_required === true;
    if (required(member) !== required(other)) {
      found.push({
        where,
        member: member.name,
        what: `${required(member) ? "required" : "optional"} in the international model, ${required(other) ? "required" : "optional"} in the China model`,
      });
    }
  }
  for (const member of china.members) {
    if (!intlNames.has(member.name))
      found.push({ where, member: member.name, what: `only in the China model (\`${typeOf(member).type}\`)` });
  }
  return found;
}

/**
 * Merges overlays into the imported documents. Each field an overlay gives replaces the imported one;
 * `rules` and `itemRules` merge rule by rule. An overlay that names an action, shape or member that
 * neither model has, or a rule that does not fit its member's type, is an issue at the overlay's
 * `file#pointer`. A member only the China model has is taken from it when an overlay names it.
 * @packageDocumentation
 */
import type { RawAction, RawMember, RawRules, RawShape } from "../load/raw-spec.js";
import { ruleFits } from "../load/semantic-checks.js";
import { pointer, type SpecIssue } from "../load/spec-issue.js";
import { parseTypeName } from "../model/type-ref.js";
import { convertMember, type Editions, type MemberRole } from "./convert-model.js";
import type { ActionOverlay, MemberOverlay, OverlayFile, ShapeOverlay } from "./overlays.js";

/** `action` with its overlay applied. */
export function applyActionOverlay(
  action: RawAction,
  overlay: OverlayFile<ActionOverlay>,
  editions: Editions,
  issues: SpecIssue[],
): RawAction {
  const { data, file } = overlay;
  const structures = (side: "input" | "output"): Structures => ({
    intl: editions.intl.model.actions[action.name]?.[side],
    china: editions.china?.model.actions[action.name]?.[side],
  });
  const members = (side: "input" | "output"): RawMember[] => {
    const own = side === "input" ? action.input : action.output;
    const changes = data[side];
    return changes === undefined
      ? [...own]
      : applyMembers(own, changes, structures(side), side, editions, { file, at: `/${side}` }, issues);
  };
  return {
    ...action,
    ...(data.summary === undefined ? {} : { summary: data.summary }),
    ...(data.docs === undefined ? {} : { docs: data.docs }),
    ...(data.docsUrl === undefined ? {} : { docsUrl: data.docsUrl }),
    ...(data.deprecated === undefined ? {} : { deprecated: data.deprecated }),
    ...(data.unsupported === undefined ? {} : { unsupported: data.unsupported }),
    ...(data.idempotent === undefined ? {} : { idempotent: data.idempotent }),
    ...(data.absentAfterSuccess === undefined ? {} : { absentAfterSuccess: data.absentAfterSuccess }),
    ...(data.unsigned === undefined ? {} : { unsigned: data.unsigned }),
    ...(data.rateLimit === undefined ? {} : { rateLimit: data.rateLimit }),
    input: members("input"),
    output: members("output"),
    ...(data.examples === undefined ? {} : { examples: [...data.examples], skippedExamples: [] }),
  };
}

/** `shape` with its overlay applied. */
export function applyShapeOverlay(shape: RawShape, overlay: OverlayFile<ShapeOverlay>, editions: Editions, issues: SpecIssue[]): RawShape {
  const { data, file } = overlay;
  const role: MemberRole = "shape-both";
  const members =
    data.members === undefined
      ? shape.members
      : applyMembers(
          shape.members,
          data.members,
          { intl: shape.name, china: shape.name },
          role,
          editions,
          { file, at: "/members" },
          issues,
        );
  return { ...shape, ...(data.docs === undefined ? {} : { docs: data.docs }), members };
}

/** The names of a structure in each model (an action's request or response, or a shape). */
interface Structures {
  readonly intl: string | undefined;
  readonly china: string | undefined;
}

function applyMembers(
  members: readonly RawMember[],
  changes: Readonly<Record<string, MemberOverlay>>,
  structures: Structures,
  side: MemberRole,
  editions: Editions,
  where: { readonly file: string; readonly at: string },
  issues: SpecIssue[],
): RawMember[] {
  const result = [...members];
  for (const [name, change] of Object.entries(changes)) {
    const at = `${where.at}${pointer(name)}`;
    let index = result.findIndex((member) => member.name === name);
    if (index === -1) {
      const fromChina = chinaMember(name, structures, side, editions);
      if (fromChina === undefined) {
        issues.push({
          file: where.file,
          pointer: at,
          message: `member ${name} is in neither model's ${structures.intl ?? structures.china ?? "structure"}`,
        });
        continue;
      }
      result.push(fromChina);
      index = result.length - 1;
    }
    const member = result[index];
    if (member !== undefined) result[index] = applyMember(member, change, { file: where.file, at }, issues);
  }
  return result;
}

/** A member only the China model's structure has, marked China site only. */
function chinaMember(name: string, structures: Structures, role: MemberRole, editions: Editions): RawMember | undefined {
  const china = editions.china;
  const structure = structures.china === undefined ? undefined : china?.model.objects[structures.china];
  const member = structure?.members.find((candidate) => candidate.name === name);
  if (china === undefined || member === undefined) return undefined;
  return { ...convertMember(member, role, china), sites: ["china"] };
}

function applyMember(
  member: RawMember,
  change: MemberOverlay,
  where: { readonly file: string; readonly at: string },
  issues: SpecIssue[],
): RawMember {
  const type = parseTypeName(member.type);
  const checkFit = (rules: RawRules | undefined, key: "rules" | "itemRules"): void => {
    if (rules === undefined) return;
    const subject = key === "itemRules" ? (type.kind === "list" ? type.items : undefined) : type;
    for (const rule of Object.keys(rules) as (keyof RawRules)[]) {
      if (subject === undefined || !ruleFits(rule, subject)) {
        const spelled = key === "itemRules" ? `the items of ${member.type}` : member.type;
        issues.push({
          file: where.file,
          pointer: `${where.at}/${key}/${rule}`,
          message: `rule ${rule} does not fit ${member.name}, of type ${spelled}`,
        });
      }
    }
  };
  checkFit(change.rules, "rules");
  checkFit(change.itemRules, "itemRules");
  const merged: RawMember = {
    ...member,
    ...(change.docs === undefined ? {} : { docs: change.docs }),
    ...(change.required === undefined ? {} : { required: change.required }),
    ...(change.nullable === undefined ? {} : { nullable: change.nullable }),
    ...(change.rules === undefined ? {} : { rules: { ...member.rules, ...change.rules } }),
    ...(change.itemRules === undefined ? {} : { itemRules: { ...member.itemRules, ...change.itemRules } }),
    ...(change.default === undefined ? {} : { default: change.default }),
    ...(change.unit === undefined ? {} : { unit: change.unit }),
    ...(change.example === undefined ? {} : { example: change.example }),
    ...(change.deprecated === undefined ? {} : { deprecated: change.deprecated }),
    ...(change.format === undefined ? {} : { format: change.format }),
  };
  return merged;
}

/**
 * Members of one structure (an action's request or answer, or a shape), old against new. What a change
 * means depends on where the members are read: in a request a new required member breaks callers, in
 * an answer a member that is no longer always present breaks readers. A shape used in both is judged
 * by the worse of the two.
 * @packageDocumentation
 */
import { pointer } from "../load/spec-issue.js";
import { KIND_BUMP, isLarger, type ChangeKind } from "./api-change.js";
import type { SurfaceMember } from "./api-surface.js";
import { compareRules } from "./compare-rules.js";

/** Where members are read: in requests (`input`) or in answers (`output`). */
export type Direction = "input" | "output";

/** A change found, before the subject is added. */
export interface MemberChange {
  readonly kind: ChangeKind;
  /** JSON pointer inside the file. */
  readonly at: string;
  readonly detail: string;
  /** Whether it is in the old spec (something removed). */
  readonly old?: true;
}

/** The structure being compared. */
export interface MemberPlace {
  /** JSON pointer of the member array in its file: `/input`, `/output` or `/members`. */
  readonly at: string;
  /** Where the members are read; a shape that nothing uses is judged as an answer. */
  readonly directions: readonly Direction[];
  /** What a member is called: "parameter", "answer field" or "member". */
  readonly noun: string;
}

type Candidate = { readonly kind: ChangeKind; readonly detail: string; readonly field?: string };

/** The changes from `before` to `after`. */
export function compareMembers(before: readonly SurfaceMember[], after: readonly SurfaceMember[], place: MemberPlace): MemberChange[] {
  const changes: MemberChange[] = [];
  const worst = (index: number, per: (direction: Direction) => Candidate | undefined, old?: true): void => {
    let chosen: Candidate | undefined;
    for (const direction of place.directions) {
      const candidate = per(direction);
      if (candidate !== undefined && (chosen === undefined || isLarger(KIND_BUMP[candidate.kind], KIND_BUMP[chosen.kind])))
        chosen = candidate;
    }
    if (chosen === undefined) return;
    const at = `${place.at}/${index}${chosen.field === undefined ? "" : pointer(...chosen.field.split("/"))}`;
    changes.push({ kind: chosen.kind, at, detail: chosen.detail, ...(old === true ? { old } : {}) });
  };
  const name = (member: SurfaceMember): string => `${place.noun} \`${member.name}\``;
  after.forEach((member, index) => {
    if (before.some((candidate) => candidate.name === member.name)) return;
    worst(index, (direction) =>
      direction === "output"
        ? { kind: "output-added", detail: `new ${name(member)}` }
        : member.required
          ? { kind: "required-parameter-added", detail: `new required ${name(member)}` }
          : { kind: "parameter-added", detail: `new optional ${name(member)}` },
    );
  });
  before.forEach((member, index) => {
    if (after.some((candidate) => candidate.name === member.name)) return;
    worst(
      index,
      (direction) => ({ kind: direction === "output" ? "output-removed" : "parameter-removed", detail: `${name(member)} removed` }),
      true,
    );
  });
  after.forEach((member, index) => {
    const was = before.find((candidate) => candidate.name === member.name);
    if (was === undefined) return;
    const label = name(member);
    if (was.type !== member.type) {
      worst(index, () => ({
        kind: "type-changed",
        field: "type",
        detail: `${label} changed type from \`${was.type}\` to \`${member.type}\``,
      }));
    }
    if (was.required !== member.required) worst(index, (direction) => requiredChange(direction, member.required, label));
    if ((was.nullable === true) !== (member.nullable === true)) {
      const nullable = member.nullable === true;
      worst(index, (direction) =>
        direction === "output" && nullable
          ? { kind: "output-nullable", field: "nullable", detail: `${label} may now be \`null\`` }
          : { kind: "docs", field: "nullable", detail: `${label} is ${nullable ? "now documented as nullable" : "no longer nullable"}` },
      );
    }
    for (const key of ["rules", "itemRules"] as const) {
      const rules = compareRules(was[key], member[key]);
      const subject = key === "rules" ? label : `items of ${label}`;
      for (const change of rules) {
        worst(index, (direction) => {
          const field = `${key}/${change.rule}`;
          // answers are not validated, but an enum is their type
          const enforced = direction === "input" || change.kind.startsWith("enum-");
          return enforced
            ? { kind: change.kind, field, detail: `${subject}: ${change.detail}` }
            : { kind: "docs", field, detail: `${subject}: documented ${change.detail}` };
        });
      }
    }
    if (was.deprecated !== member.deprecated) {
      worst(index, () =>
        was.deprecated === undefined
          ? { kind: "member-deprecated", field: "deprecated", detail: `${label} deprecated: ${member.deprecated}` }
          : {
              kind: "docs",
              field: "deprecated",
              detail: `${label} ${member.deprecated === undefined ? "no longer deprecated" : "deprecation note updated"}`,
            },
      );
    }
    if (was.docs !== member.docs || JSON.stringify(was.sites) !== JSON.stringify(member.sites)) {
      worst(index, () => ({ kind: "docs", detail: `documentation of ${label} updated` }));
    }
  });
  return changes;
}

function requiredChange(direction: Direction, required: boolean, label: string): Candidate {
  if (direction === "input") {
    return required
      ? { kind: "parameter-required", field: "required", detail: `${label} is now required` }
      : { kind: "parameter-optional", field: "required", detail: `${label} is no longer required` };
  }
  return required
    ? { kind: "output-always-present", field: "required", detail: `${label} is now always present` }
    : { kind: "output-optional", field: "required", detail: `${label} is no longer always present` };
}

/**
 * Two API surfaces of one service, old against new: every change, classified (see `api-change.ts`).
 * @packageDocumentation
 */
import { parseTypeName, referencedShape } from "../model/type-ref.js";
import { compareText } from "../order.js";
import { KIND_BUMP, largestBump, type ApiChange, type ChangeKind, type PackageDiff } from "./api-change.js";
import type { ApiSurface, SurfaceAction, SurfaceMember, SurfaceShape } from "./api-surface.js";
import { compareMembers, type Direction } from "./compare-members.js";

/** Compares the surfaces of the package `packageName`; the old one may be empty (never released). */
export function compareSurfaces(before: ApiSurface, after: ApiSurface, packageName: string): PackageDiff {
  const changes: ApiChange[] = [];
  const add = (subjectKind: ApiChange["subjectKind"], subject: string, file: string, kind: ChangeKind, detail: string): void => {
    const message = subjectKind === "service" ? upperFirst(detail) : `\`${subject}\`: ${detail}`;
    changes.push({ bump: KIND_BUMP[kind], kind, subject, subjectKind, pointer: file, detail, message });
  };
  for (const name of union(Object.keys(before.actions), Object.keys(after.actions))) {
    const was = before.actions[name];
    const is = after.actions[name];
    const file = `actions/${name}.json`;
    if (was === undefined && is !== undefined) add("action", name, `${file}#`, "action-added", `new action: ${is.summary}`);
    else if (was !== undefined && is === undefined) add("action", name, `${file}#`, "action-removed", "action removed");
    else if (was !== undefined && is !== undefined) {
      for (const change of actionChanges(was, is)) add("action", name, `${file}#${change.at}`, change.kind, change.detail);
    }
  }
  const usedBefore = shapeDirections(before);
  const usedAfter = shapeDirections(after);
  for (const name of union(Object.keys(before.shapes), Object.keys(after.shapes))) {
    const was = before.shapes[name];
    const is = after.shapes[name];
    const file = `shapes/${name}.json`;
    if (was === undefined && is !== undefined) add("shape", name, `${file}#`, "shape-added", "new type");
    else if (was !== undefined && is === undefined) add("shape", name, `${file}#`, "shape-removed", "type removed");
    else if (was !== undefined && is !== undefined) {
      const directions = [...new Set([...(usedBefore.get(name) ?? []), ...(usedAfter.get(name) ?? [])])].sort();
      for (const change of shapeChanges(was, is, directions.length === 0 ? ["output"] : directions)) {
        add("shape", name, `${file}#${change.at}`, change.kind, change.detail);
      }
    }
  }
  if (Object.keys(before.actions).length > 0)
    serviceChanges(before, after, (kind, at, detail) => add("service", "service", at, kind, detail));
  changes.sort((a, b) => subjectOrder(a) - subjectOrder(b) || compareText(a.subject, b.subject) || bumpOrder(b) - bumpOrder(a));
  return {
    package: packageName,
    service: after.service || before.service,
    version: after.version || before.version,
    firstRelease: Object.keys(before.actions).length === 0,
    bump: largestBump(changes.map((change) => change.bump)),
    changes,
  };
}

function actionChanges(was: SurfaceAction, is: SurfaceAction): { kind: ChangeKind; at: string; detail: string }[] {
  const changes: { kind: ChangeKind; at: string; detail: string }[] = [];
  if (was.deprecated === undefined && is.deprecated !== undefined) {
    const offline = /^Marked `offline`/.test(is.deprecated);
    changes.push({
      kind: offline ? "action-offline" : "action-deprecated",
      at: "/deprecated",
      detail: `${offline ? "taken offline" : "deprecated"}: ${is.deprecated}`,
    });
  } else if (was.deprecated !== is.deprecated) {
    changes.push({
      kind: "docs",
      at: "/deprecated",
      detail: is.deprecated === undefined ? "no longer deprecated" : "deprecation note updated",
    });
  }
  if (was.unsupported === undefined && is.unsupported !== undefined) {
    changes.push({ kind: "action-unsupported", at: "/unsupported", detail: `no longer callable with this SDK: ${is.unsupported}` });
  } else if (was.unsupported !== undefined && is.unsupported === undefined) {
    changes.push({ kind: "action-supported", at: "", detail: "can now be called" });
  }
  const behaviour: string[] = [];
  if (was.idempotent !== is.idempotent) behaviour.push(`safe to re-send: ${String(was.idempotent)} → ${String(is.idempotent)}`);
  if (was.rateLimit !== is.rateLimit) behaviour.push(`rate limit: ${String(was.rateLimit)} → ${String(is.rateLimit)} per second`);
  if (was.unsigned !== is.unsigned) behaviour.push(is.unsigned === true ? "now sent unsigned" : "now signed");
  if (was.absentAfterSuccess !== is.absentAfterSuccess) behaviour.push(`absentAfterSuccess: ${is.absentAfterSuccess ?? "none"}`);
  if (behaviour.length > 0) changes.push({ kind: "behaviour", at: "", detail: behaviour.join("; ") });
  changes.push(...compareMembers(was.input, is.input, { at: "/input", directions: ["input"], noun: "parameter" }));
  changes.push(...compareMembers(was.output, is.output, { at: "/output", directions: ["output"], noun: "answer field" }));
  const added = is.errors.filter((code) => !was.errors.includes(code));
  const removed = was.errors.filter((code) => !is.errors.includes(code));
  if (added.length > 0) changes.push({ kind: "error-code-added", at: "/errors", detail: `may answer ${codes(added)}` });
  if (removed.length > 0) changes.push({ kind: "error-code-removed", at: "/errors", detail: `no longer documents ${codes(removed)}` });
  if (was.summary !== is.summary || was.docs !== is.docs || JSON.stringify(was.sites) !== JSON.stringify(is.sites)) {
    changes.push({ kind: "docs", at: "", detail: "documentation updated" });
  }
  if (was.examples !== is.examples) changes.push({ kind: "examples", at: "/examples", detail: "examples updated" });
  return changes;
}

function shapeChanges(
  was: SurfaceShape,
  is: SurfaceShape,
  directions: readonly Direction[],
): { kind: ChangeKind; at: string; detail: string }[] {
  const changes = compareMembers(was.members, is.members, { at: "/members", directions, noun: "member" });
  if (was.docs !== is.docs || JSON.stringify(was.sites) !== JSON.stringify(is.sites)) {
    changes.push({ kind: "docs", at: "", detail: "documentation updated" });
  }
  return changes;
}

function serviceChanges(before: ApiSurface, after: ApiSurface, add: (kind: ChangeKind, at: string, detail: string) => void): void {
  if (before.name !== after.name || before.version !== after.version) {
    add("service-renamed", "service.json#", `the client changed from ${before.name} ${before.version} to ${after.name} ${after.version}`);
  }
  const addedRegions = after.regions.filter((region) => !before.regions.includes(region));
  const removedRegions = before.regions.filter((region) => !after.regions.includes(region));
  if (addedRegions.length > 0) add("region-added", "service.json#/regions", `new regions ${codes(addedRegions)}`);
  if (removedRegions.length > 0) add("region-removed", "service.json#/regions", `regions ${codes(removedRegions)} no longer listed`);
  if (before.docs !== after.docs) add("docs", "service.json#", "service documentation or hosts updated");
  const described = Object.keys(after.errors).filter(
    (code) => before.errors[code] !== undefined && before.errors[code] !== after.errors[code],
  );
  if (described.length > 0)
    add(
      "error-description",
      "errors.json#",
      `descriptions of ${described.length} error ${described.length === 1 ? "code" : "codes"} updated`,
    );
}

/** Where each shape is read, following members from every action's request and answer. */
function shapeDirections(surface: ApiSurface): Map<string, Set<Direction>> {
  const used = new Map<string, Set<Direction>>();
  const visit = (members: readonly SurfaceMember[], direction: Direction): void => {
    for (const member of members) {
      const shape = referencedShape(parseTypeName(member.type));
      if (shape === undefined) continue;
      const seen = used.get(shape) ?? new Set<Direction>();
      if (seen.has(direction)) continue;
      used.set(shape, seen.add(direction));
      visit(surface.shapes[shape]?.members ?? [], direction);
    }
  };
  for (const action of Object.values(surface.actions)) {
    visit(action.input, "input");
    visit(action.output, "output");
  }
  return used;
}

function codes(list: readonly string[]): string {
  const shown = list.slice(0, 8).map((code) => `\`${code}\``);
  return list.length > 8 ? `${shown.join(", ")} and ${list.length - 8} more` : shown.join(", ");
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort(compareText);
}

function subjectOrder(change: ApiChange): number {
  return ["action", "shape", "service"].indexOf(change.subjectKind);
}

function bumpOrder(change: ApiChange): number {
  return ["patch", "minor", "major"].indexOf(change.bump);
}

function upperFirst(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/**
 * What the diff reports: each change to the API with the semver bump it needs, the place in the spec
 * and a sentence a user can read.
 * @packageDocumentation
 */

/** A semver bump, from the smallest. */
export type Bump = "patch" | "minor" | "major";

/** The bump each kind of change needs. */
export const KIND_BUMP = {
  "action-removed": "major",
  "action-offline": "major",
  "action-unsupported": "major",
  "parameter-removed": "major",
  "parameter-required": "major",
  "required-parameter-added": "major",
  "type-changed": "major",
  "enum-value-removed": "major",
  "rule-tightened": "major",
  "output-removed": "major",
  "output-optional": "major",
  "output-nullable": "major",
  "shape-removed": "major",
  "region-removed": "major",
  "service-renamed": "major",
  "action-added": "minor",
  "action-supported": "minor",
  "action-deprecated": "minor",
  "parameter-added": "minor",
  "parameter-optional": "minor",
  "output-added": "minor",
  "enum-value-added": "minor",
  "rule-loosened": "minor",
  "member-deprecated": "minor",
  "shape-added": "minor",
  "error-code-added": "minor",
  "region-added": "minor",
  docs: "patch",
  examples: "patch",
  "error-description": "patch",
  "error-code-removed": "patch",
  behaviour: "patch",
  "output-always-present": "patch",
} as const satisfies Record<string, Bump>;

/** A kind of change. */
export type ChangeKind = keyof typeof KIND_BUMP;

/** One change. */
export interface ApiChange {
  /** What the change needs: `KIND_BUMP[kind]`, or more when a shape is used both in requests and answers. */
  readonly bump: Bump;
  readonly kind: ChangeKind;
  /** The action, the shape (type) or the service that changed: the report groups by it. */
  readonly subject: string;
  /** Whether {@link ApiChange.subject} is an action, a shape or the service. */
  readonly subjectKind: "action" | "shape" | "service";
  /**
   * Where, as `file#/json/pointer` relative to the spec folder: in the new spec, or in the old one for
   * what was removed. E.g. `actions/SearchLog.json#/input/5`.
   */
  readonly pointer: string;
  /** What changed, without the subject, e.g. "new optional parameter `SamplingRate`". */
  readonly detail: string;
  /** The sentence for a changelog, e.g. "`SearchLog`: new optional parameter `SamplingRate`". */
  readonly message: string;
}

/** The changes of one package. */
export interface PackageDiff {
  /** npm name, e.g. `@tcsdk/cls`. */
  readonly package: string;
  readonly service: string;
  /** The API version of the new spec (of the old one when the spec was removed). */
  readonly version: string;
  /** Whether the old side had nothing (a first release or a new service). */
  readonly firstRelease: boolean;
  /** The largest bump of the changes; `undefined` when nothing changed. */
  readonly bump: Bump | undefined;
  /** Sorted by subject, then bump (largest first), then pointer. */
  readonly changes: readonly ApiChange[];
}

const ORDER: readonly Bump[] = ["patch", "minor", "major"];

/** Whether `a` is a larger bump than `b` (anything is larger than `undefined`). */
export function isLarger(a: Bump, b: Bump | undefined): boolean {
  return b === undefined || ORDER.indexOf(a) > ORDER.indexOf(b);
}

/** The largest of `bumps`, or `undefined` for none. */
export function largestBump(bumps: Iterable<Bump | undefined>): Bump | undefined {
  let largest: Bump | undefined;
  for (const bump of bumps) if (bump !== undefined && isLarger(bump, largest)) largest = bump;
  return largest;
}

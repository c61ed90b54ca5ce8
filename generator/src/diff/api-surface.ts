/**
 * The API surface of a spec: what users of the generated package see, as compact data. Names, types,
 * required flags, rules, deprecations and error codes are kept as they are; documentation and examples
 * only as short hashes, since a change to them is a patch whatever it says. The diff compares two
 * surfaces, and a release records one (`specs/released/<service>.json`) as the baseline of the next.
 * @packageDocumentation
 */
import { createHash } from "node:crypto";
import { SchemaValidator } from "../load/schema-validator.js";
import { readSpec } from "../load/read-spec.js";
import type { RawMember, RawRules, RawSpec, Site } from "../load/raw-spec.js";
import { checkSpec } from "../load/semantic-checks.js";
import { SpecError } from "../load/spec-issue.js";
import { compareText as compare } from "../order.js";

/** A member as users see it; `docs` hashes its documentation, default, unit, format and example. */
export interface SurfaceMember {
  readonly name: string;
  readonly type: string;
  readonly required: boolean;
  readonly nullable?: true;
  readonly rules?: RawRules;
  readonly itemRules?: RawRules;
  readonly deprecated?: string;
  readonly sites?: readonly Site[];
  readonly docs: string;
}

/** An action as users see it. */
export interface SurfaceAction {
  readonly summary: string;
  /** Hash of the documentation and its address. */
  readonly docs: string;
  /** Hash of the examples and the skipped ones. */
  readonly examples: string;
  readonly deprecated?: string;
  readonly unsupported?: string;
  readonly sites?: readonly Site[];
  readonly idempotent: boolean | "unknown";
  readonly rateLimit: number | "unknown";
  readonly unsigned?: true;
  readonly absentAfterSuccess?: string;
  /** In the spec's order, so that an index is the member's place in the spec file. */
  readonly input: readonly SurfaceMember[];
  readonly output: readonly SurfaceMember[];
  readonly errors: readonly string[];
}

/** A shape as users see it. */
export interface SurfaceShape {
  readonly docs: string;
  readonly sites?: readonly Site[];
  readonly members: readonly SurfaceMember[];
}

/** A whole spec as users see it. */
export interface ApiSurface {
  readonly service: string;
  readonly version: string;
  /** The client's name prefix (`Cls` → `ClsClient`). */
  readonly name: string;
  /** Hash of the title, documentation, hosts and the regions that need their regional host. */
  readonly docs: string;
  readonly regions: readonly string[];
  /** By action name, sorted. */
  readonly actions: Readonly<Record<string, SurfaceAction>>;
  /** By shape name, sorted. */
  readonly shapes: Readonly<Record<string, SurfaceShape>>;
  /** Every error code (common and the service's) with a hash of its description, sorted. */
  readonly errors: Readonly<Record<string, string>>;
}

/** The surface of a service that has none yet (never released, or a new spec). */
export function emptySurface(service: string, version: string): ApiSurface {
  return { service, version, name: "", docs: "", regions: [], actions: {}, shapes: {}, errors: {} };
}

/** Reads the spec folder `dir` with the generator's loader (schema and semantic checks) and returns its surface. */
export function readSurface(dir: string, validator: SchemaValidator = new SchemaValidator()): ApiSurface {
  const { spec, issues } = readSpec(dir, validator);
  if (spec === undefined || issues.length > 0) throw new SpecError(issues);
  const semantic = checkSpec(spec);
  if (semantic.length > 0) throw new SpecError(semantic);
  return surfaceOf(spec);
}

/** The surface of a schema-valid spec. */
export function surfaceOf(spec: RawSpec): ApiSurface {
  const service = spec.service.data;
  const errors = spec.errors.data;
  const actions: Record<string, SurfaceAction> = {};
  for (const { data } of [...spec.actions].sort((a, b) => compare(a.data.name, b.data.name))) {
    actions[data.name] = {
      summary: data.summary,
      docs: hash([data.docs, data.docsUrl]),
      examples: hash([data.examples, data.skippedExamples]),
      ...optional("deprecated", data.deprecated),
      ...optional("unsupported", data.unsupported),
      ...optional("sites", data.sites),
      idempotent: data.idempotent,
      rateLimit: data.rateLimit,
      ...optional("unsigned", data.unsigned),
      ...optional("absentAfterSuccess", data.absentAfterSuccess),
      input: data.input.map(surfaceMember),
      output: data.output.map(surfaceMember),
      errors: [...data.errors].sort(compare),
    };
  }
  const shapes: Record<string, SurfaceShape> = {};
  for (const { data } of [...spec.shapes].sort((a, b) => compare(a.data.name, b.data.name))) {
    shapes[data.name] = { docs: hash(data.docs), ...optional("sites", data.sites), members: data.members.map(surfaceMember) };
  }
  const codes: Record<string, string> = {};
  const descriptions = { ...errors.common, ...errors.service };
  for (const code of Object.keys(descriptions).sort(compare)) codes[code] = hash(descriptions[code]);
  return {
    service: service.service,
    version: service.version,
    name: service.name,
    docs: hash([service.title, service.docs, service.docsUrl, service.endpoints, service.regionalOnly]),
    regions: [...service.regions].sort(compare),
    actions,
    shapes,
    errors: codes,
  };
}

function surfaceMember(member: RawMember): SurfaceMember {
  return {
    name: member.name,
    type: member.type,
    required: member.required,
    ...(member.nullable === true ? { nullable: true as const } : {}),
    ...optional("rules", member.rules),
    ...optional("itemRules", member.itemRules),
    ...optional("deprecated", member.deprecated),
    ...optional("sites", member.sites),
    docs: hash([member.docs, member.default, member.unit, member.format, member.example]),
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** A short hash of any JSON value (64-bit integers included), enough to tell that documentation changed. */
function hash(value: unknown): string {
  const text = JSON.stringify(value, (_key, item: unknown) => (typeof item === "bigint" ? item.toString() : item)) ?? "";
  return createHash("sha256").update(text).digest("hex").slice(0, 10);
}

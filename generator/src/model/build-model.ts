/**
 * Turns a validated spec into the {@link Service} model.
 * @packageDocumentation
 */
import { createHash } from "node:crypto";
import type { RawAction, RawMember, RawRules, RawSpec } from "../load/raw-spec.js";
import { camelCase, kebabCase } from "./names.js";
import { parseTypeName, referencedShape } from "./type-ref.js";
import type { ErrorCode, Member, Operation, Rule, Service, Shape } from "./types.js";

/** The generated package's identity, read from its `package.json`. */
export interface PackageIdentity {
  /** npm name, e.g. `@tcsdk/cls`. */
  readonly name: string;
  /** npm version, e.g. `0.1.0`. */
  readonly version: string;
  /**
   * The package's handwritten `src/lib/README.md`, when it has one: appended to the generated README so
   * that npm shows what the handwritten code adds.
   */
  readonly libReadme?: string;
}

/** Builds the model of a spec that passed `loadSpec`'s checks. */
export function buildModel(spec: RawSpec, pkg: PackageIdentity): Service {
  const raw = spec.service.data;
  const catalogue = errorCatalogue(spec);
  const operations = spec.actions.map((file) => buildOperation(file.data, file.file, catalogue)).sort(byKey((op) => op.action));
  const inputShapes = shapesReachable(spec, operations);
  const shapes: Shape[] = spec.shapes
    .map(({ data }) => ({
      name: data.name,
      fileName: kebabCase(data.name),
      docs: data.docs,
      members: data.members.map(buildMember),
      usedInInput: inputShapes.has(data.name),
    }))
    .sort(byKey((shape) => shape.name));
  const files = [spec.service, spec.errors, ...spec.actions, ...spec.shapes]
    .map((file) => ({ path: file.relativePath, sha256: sha256(file.text) }))
    .sort(byKey((file) => file.path));
  return {
    specLabel: spec.label,
    specHash: sha256(files.map((file) => `${file.path}\0${file.sha256}\n`).join("")),
    specFiles: files,
    service: raw.service,
    version: raw.version,
    name: raw.name,
    title: raw.title,
    docs: raw.docs,
    ...(raw.docsUrl === undefined ? {} : { docsUrl: raw.docsUrl }),
    endpoints: { ...raw.endpoints },
    regions: [...raw.regions].sort(),
    regionalOnly: [...(raw.regionalOnly ?? [])].sort(),
    packageName: pkg.name,
    packageVersion: pkg.version,
    ...(pkg.libReadme === undefined ? {} : { libReadme: pkg.libReadme }),
    clientClass: `${raw.name}Client`,
    serviceConst: `${camelCase(raw.name)}Service`,
    operations,
    shapes,
    commonErrors: [...catalogue.values()].filter((code) => code.common).sort(byKey((code) => code.code)),
  };
}

function errorCatalogue(spec: RawSpec): Map<string, ErrorCode> {
  const catalogue = new Map<string, ErrorCode>();
  for (const [code, description] of Object.entries(spec.errors.data.common)) catalogue.set(code, { code, description, common: true });
  for (const [code, description] of Object.entries(spec.errors.data.service)) catalogue.set(code, { code, description, common: false });
  return catalogue;
}

function buildOperation(action: RawAction, sourceFile: string, catalogue: ReadonlyMap<string, ErrorCode>): Operation {
  const name = action.name;
  return {
    action: name,
    names: {
      method: camelCase(name),
      fileName: kebabCase(name),
      request: `${name}Request`,
      response: `${name}Response`,
      knownErrorCode: `${name}KnownErrorCode`,
      errorCode: `${name}ErrorCode`,
      error: `${name}Error`,
      guard: `is${name}Error`,
      operation: `${camelCase(name)}Operation`,
      validator: `validate${name}Input`,
    },
    summary: action.summary,
    docs: action.docs,
    ...(action.docsUrl === undefined ? {} : { docsUrl: action.docsUrl }),
    ...(action.deprecated === undefined ? {} : { deprecated: action.deprecated }),
    idempotent: action.idempotent,
    rateLimit: action.rateLimit,
    input: action.input.map(buildMember),
    output: action.output.map(buildMember),
    errors: action.errors
      .map((code) => {
        const found = catalogue.get(code);
        if (found === undefined) throw new Error(`${sourceFile}: error code ${code} is not declared (loadSpec should have caught this)`);
        return found;
      })
      .sort(byKey((code) => code.code)),
    examples: action.examples.map((example) => ({
      title: example.title,
      ...(example.docs === undefined ? {} : { docs: example.docs }),
      request: example.request,
      response: example.response,
    })),
    sourceFile,
  };
}

function buildMember(member: RawMember): Member {
  return {
    name: member.name,
    docs: member.docs,
    type: parseTypeName(member.type),
    required: member.required,
    nullable: member.nullable ?? false,
    rules: buildRules(member.rules ?? {}),
    itemRules: buildRules(member.itemRules ?? {}),
    ...(member.default === undefined ? {} : { defaultValue: member.default }),
    ...(member.unit === undefined ? {} : { unit: member.unit }),
    hasExample: Object.hasOwn(member, "example"),
    ...(Object.hasOwn(member, "example") ? { example: member.example } : {}),
    ...(member.deprecated === undefined ? {} : { deprecated: member.deprecated }),
  };
}

function buildRules(rules: RawRules): Rule[] {
  const built: Rule[] = [];
  for (const [kind, value] of Object.entries(rules) as [keyof RawRules, unknown][]) {
    switch (kind) {
      case "nonEmpty":
      case "noSql":
        built.push({ kind });
        break;
      case "pattern":
        built.push({ kind, value: value as string });
        break;
      case "enum":
        built.push({ kind, values: value as readonly (string | number)[] });
        break;
      case "notAfter":
        built.push({ kind, other: value as string });
        break;
      default:
        built.push({ kind, value: value as number });
    }
  }
  return built;
}

/** Names of the shapes request parameters reach, directly or through other shapes. */
function shapesReachable(spec: RawSpec, operations: readonly Operation[]): Set<string> {
  const byName = new Map(spec.shapes.map((shape) => [shape.data.name, shape.data] as const));
  const reached = new Set<string>();
  const visit = (name: string | undefined): void => {
    if (name === undefined || reached.has(name)) return;
    reached.add(name);
    for (const member of byName.get(name)?.members ?? []) visit(referencedShape(parseTypeName(member.type)));
  };
  for (const operation of operations) for (const member of operation.input) visit(referencedShape(member.type));
  return reached;
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Comparator by a string key, independent of locale. */
export function byKey<T>(key: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const x = key(a);
    const y = key(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
}

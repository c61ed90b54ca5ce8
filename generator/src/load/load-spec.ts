/**
 * Loads a spec folder: parse → JSON Schema (AJV) → semantic checks → model → example checks.
 * All issues of a stage are reported together; a later stage runs only when the earlier ones pass.
 * @packageDocumentation
 */
import { buildModel, type PackageIdentity } from "../model/build-model.js";
import { checkExamples } from "../schema/check-examples.js";
import type { Service } from "../model/types.js";
import { readSpec } from "./read-spec.js";
import { SchemaValidator } from "./schema-validator.js";
import { checkSpec } from "./semantic-checks.js";
import { SpecError } from "./spec-issue.js";

/** Options of {@link loadSpec}. */
export interface LoadOptions {
  /** The generated package's name and version (from its `package.json`). */
  readonly pkg: PackageIdentity;
  /** Folder of the spec format's schemas; defaults to this repository's `specs/schema/`. */
  readonly schemaDir?: string;
}

/** Loads and checks the spec folder `dir` and returns its model; throws {@link SpecError} listing every issue. */
export function loadSpec(dir: string, options: LoadOptions): Service {
  const { spec, issues } = readSpec(dir, new SchemaValidator(options.schemaDir));
  if (spec === undefined || issues.length > 0) throw new SpecError(issues);
  const semantic = checkSpec(spec);
  if (semantic.length > 0) throw new SpecError(semantic);
  const service = buildModel(spec, options.pkg);
  const examples = checkExamples(service);
  if (examples.length > 0) throw new SpecError(examples);
  return service;
}

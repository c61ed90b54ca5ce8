/**
 * Reads a spec folder: `service.json`, `errors.json`, `actions/*.json`, `shapes/*.json`.
 * Every file is parsed and validated against the spec format before anything else looks at it.
 * @packageDocumentation
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { displayPath } from "./display-path.js";
import type { RawAction, RawErrors, RawService, RawShape, RawSpec, SpecFile } from "./raw-spec.js";
import type { SchemaValidator, SpecFileKind } from "./schema-validator.js";
import type { SpecIssue } from "./spec-issue.js";

/** What reading a folder gives: the files that passed the schema, and the issues of those that did not. */
export interface ReadResult {
  /** The spec, when every file passed; otherwise `undefined`. */
  readonly spec: RawSpec | undefined;
  /** Issues found so far (parse errors, schema violations, unexpected files). */
  readonly issues: readonly SpecIssue[];
}

/** Reads and schema-validates every file of the spec folder `dir`. */
export function readSpec(dir: string, validator: SchemaValidator): ReadResult {
  const issues: SpecIssue[] = [];
  const label = displayPath(dir);
  const read = <T>(kind: SpecFileKind, relativePath: string): SpecFile<T> | undefined => {
    const absolute = path.join(dir, relativePath);
    const file = displayPath(absolute);
    const loaded = validator.readFile<T>(kind, absolute, file, issues);
    return loaded === undefined ? undefined : { file, relativePath, ...loaded };
  };
  const required = <T>(kind: SpecFileKind, name: string): SpecFile<T> | undefined => {
    if (existsSync(path.join(dir, name))) return read<T>(kind, name);
    issues.push({ file: `${label}/${name}`, pointer: "", message: "file is missing" });
    return undefined;
  };
  const folder = <T>(kind: SpecFileKind, sub: string): SpecFile<T>[] => {
    const absolute = path.join(dir, sub);
    if (!existsSync(absolute)) return [];
    const files: SpecFile<T>[] = [];
    for (const name of readdirSync(absolute).sort()) {
      if (!name.endsWith(".json")) {
        issues.push({ file: `${label}/${sub}/${name}`, pointer: "", message: "unexpected file: a spec folder holds only .json files" });
        continue;
      }
      const loaded = read<T>(kind, `${sub}/${name}`);
      if (loaded !== undefined) files.push(loaded);
    }
    return files;
  };

  const service = required<RawService>("service", "service.json");
  const errors = required<RawErrors>("errors", "errors.json");
  const actions = folder<RawAction>("action", "actions");
  const shapes = folder<RawShape>("shape", "shapes");
  if (issues.length > 0 || service === undefined || errors === undefined) return { spec: undefined, issues };
  if (actions.length === 0) {
    issues.push({ file: `${label}/actions`, pointer: "", message: "a spec needs at least one action in actions/" });
    return { spec: undefined, issues };
  }
  return { spec: { label, service, errors, actions, shapes }, issues };
}

/**
 * Overlays: our curated facts beside Tencent's model, in `specs/overlays/<service>/<version>/`
 * (`service.json`, `errors.json`, `actions/<Action>.json`, `shapes/<Shape>.json`) and the common error
 * codes every service shares, `specs/overlays/common-errors.json`. Each file is checked against its
 * schema (`specs/schema/overlay-*.schema.json`); whether what it names still exists is checked when it
 * is merged (`merge-overlays.ts`).
 * @packageDocumentation
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import type { RawExample, RawMember } from "../load/raw-spec.js";
import type { SchemaValidator, SpecFileKind } from "../load/schema-validator.js";
import { SpecError, type SpecIssue } from "../load/spec-issue.js";

/** Changes to one member: any field of a spec member but its name, type and sites. */
export type MemberOverlay = Partial<Omit<RawMember, "name" | "type" | "sites">>;

/** `actions/<Action>.json`. */
export interface ActionOverlay {
  readonly summary?: string;
  readonly docs?: string;
  readonly docsUrl?: string;
  readonly deprecated?: string;
  readonly unsupported?: string;
  readonly idempotent?: boolean;
  readonly absentAfterSuccess?: string;
  readonly unsigned?: true;
  readonly rateLimit?: number;
  readonly input?: Readonly<Record<string, MemberOverlay>>;
  readonly output?: Readonly<Record<string, MemberOverlay>>;
  readonly examples?: readonly RawExample[];
}

/** `shapes/<Shape>.json`. */
export interface ShapeOverlay {
  readonly docs?: string;
  readonly members?: Readonly<Record<string, MemberOverlay>>;
}

/** `service.json`: what the model does not say about the service. */
export interface ServiceOverlay {
  readonly name: string;
  readonly title: string;
  readonly docs: string;
  readonly docsUrl?: string;
  readonly endpoints: { readonly china: string; readonly international: string; readonly regional: string };
  readonly regions: readonly string[];
  readonly regionalOnly?: readonly string[];
}

/** `errors.json` and `common-errors.json`. */
export interface ErrorsOverlay {
  readonly common?: Readonly<Record<string, string>>;
  readonly descriptions?: Readonly<Record<string, string>>;
}

/** An overlay file and where it is. */
export interface OverlayFile<T> {
  /** Repository-relative path, for issues. */
  readonly file: string;
  /** The file's text. */
  readonly text: string;
  readonly data: T;
}

/** Every overlay of one service version. */
export interface Overlays {
  /** The folder, repository-relative. */
  readonly dir: string;
  readonly service: OverlayFile<ServiceOverlay>;
  readonly commonErrors: OverlayFile<ErrorsOverlay>;
  readonly errors: OverlayFile<ErrorsOverlay> | undefined;
  /** By action name (the file name). */
  readonly actions: ReadonlyMap<string, OverlayFile<ActionOverlay>>;
  /** By shape name (the file name). */
  readonly shapes: ReadonlyMap<string, OverlayFile<ShapeOverlay>>;
}

/** The overlay folder of a service version: `specs/overlays/<service>/<version>`. */
export function overlayDir(root: string, service: string, version: string): string {
  return path.join(root, "specs", "overlays", service, version);
}

/**
 * Reads and schema-checks the overlays in `dir`, and `common-errors.json` two levels up; `label` names a
 * file in issues (repository-relative).
 */
export function readOverlays(dir: string, validator: SchemaValidator, label: (file: string) => string): Overlays {
  const issues: SpecIssue[] = [];
  const read = <T>(kind: SpecFileKind, absolute: string): OverlayFile<T> | undefined => {
    const file = label(absolute);
    if (!existsSync(absolute)) return undefined;
    const loaded = validator.readFile<T>(kind, absolute, file, issues);
    return loaded === undefined ? undefined : { file, ...loaded };
  };
  const folder = <T>(kind: SpecFileKind, sub: string): Map<string, OverlayFile<T>> => {
    const files = new Map<string, OverlayFile<T>>();
    const absolute = path.join(dir, sub);
    if (!existsSync(absolute)) return files;
    for (const name of readdirSync(absolute).sort()) {
      if (!name.endsWith(".json")) {
        issues.push({
          file: label(path.join(absolute, name)),
          pointer: "",
          message: "unexpected file: an overlay folder holds only .json files",
        });
        continue;
      }
      const loaded = read<T>(kind, path.join(absolute, name));
      if (loaded !== undefined) files.set(name.slice(0, -".json".length), loaded);
    }
    return files;
  };
  const servicePath = path.join(dir, "service.json");
  const commonPath = path.join(dir, "..", "..", "common-errors.json");
  const service = read<ServiceOverlay>("overlay-service", servicePath);
  const commonErrors = read<ErrorsOverlay>("overlay-errors", commonPath);
  for (const [absolute, loaded] of [
    [servicePath, service],
    [commonPath, commonErrors],
  ] as const) {
    if (loaded === undefined && !existsSync(absolute)) issues.push({ file: label(absolute), pointer: "", message: "file is missing" });
  }
  const errors = read<ErrorsOverlay>("overlay-errors", path.join(dir, "errors.json"));
  const actions = folder<ActionOverlay>("overlay-action", "actions");
  const shapes = folder<ShapeOverlay>("overlay-shape", "shapes");
  if (issues.length > 0 || service === undefined || commonErrors === undefined) throw new SpecError(issues);
  return { dir: label(dir), service, commonErrors, errors, actions, shapes };
}

/**
 * `pnpm update-model`: a newer model from Tencent, end to end. Copies the files into
 * `specs/upstream/tencentcloud-api/` (README row and hash updated), imports the model with our
 * overlays, regenerates, diffs the spec before and after, and writes a changeset per changed package.
 * If the import fails (an overlay names what the new model no longer has, reported at its
 * `file#pointer`), the upstream files and README are put back as they were and nothing else is written.
 * @packageDocumentation
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { PackageDiff } from "../diff/api-change.js";
import { readSurface } from "../diff/api-surface.js";
import { writeChangesets } from "../diff/changesets.js";
import { compareSurfaces } from "../diff/compare.js";
import { packageIdentity } from "../diff/released-api.js";
import { importModel } from "../import/import-model.js";
import { UPSTREAM_DIR } from "../import/upstream.js";
import { readModelFile, type ModelFile } from "./model-files.js";
import { updateReadme } from "./upstream-readme.js";

/** Options of {@link updateModel}. */
export interface UpdateOptions {
  /** The repository root. */
  readonly root: string;
  /** The service, e.g. `cls`. */
  readonly service: string;
  /** Tencent's files: the international model, and optionally its examples and the errors file. */
  readonly files: readonly string[];
  /** The China site's model, when it changes too. */
  readonly china?: string;
  /** Where the files come from (repository @ commit, path), for the README's source column. */
  readonly source?: string;
  /** Regenerates every package (`tcsdk-generate --all`); returns whether it succeeded. */
  readonly regenerate: () => boolean;
  /** Write changesets (the default). */
  readonly changesets?: boolean;
}

/** What an update did. */
export interface UpdateResult {
  readonly diff: PackageDiff;
  /** Upstream files replaced, repository-relative. */
  readonly copied: readonly string[];
  /** Changesets written, repository-relative. */
  readonly changesets: readonly string[];
}

/** Runs the update; throws a `SpecError` (import) or an `Error` (files, generation) with what to do. */
export function updateModel(options: UpdateOptions): UpdateResult {
  const { root, service } = options;
  const files = [
    ...options.files.map((file) => readModelFile(file)),
    ...(options.china === undefined ? [] : [readModelFile(options.china, true)]),
  ];
  const version = modelVersion(files, service);
  const specDir = path.join(root, "specs", service, version);
  if (!existsSync(path.join(specDir, "service.json"))) {
    throw new Error(
      `specs/${service}/${version} does not exist: a new service or API version starts with \`pnpm new-service ${service} ${version}\``,
    );
  }
  const before = readSurface(specDir);
  const readme = path.join(root, UPSTREAM_DIR, "README.md");
  const targets = files.map((file) => ({ file, target: path.join(root, UPSTREAM_DIR, `${service}-${version}.${file.kind}`) }));
  const saved = [...targets.map(({ target }) => target), readme].map((file) => ({
    file,
    bytes: existsSync(file) ? readFileSync(file) : undefined,
  }));
  try {
    for (const { file, target } of targets) writeFileSync(target, file.bytes);
    // a file that did not change keeps its row: its source is still the one the README names
    const changed = targets.filter(({ file }, index) => saved[index]?.bytes?.equals(file.bytes) !== true);
    if (existsSync(readme)) {
      const entries = changed.map(({ file, target }) => ({
        name: path.basename(target),
        sha256: file.sha256,
        count: file.count,
        ...(options.source === undefined ? {} : { source: options.source }),
      }));
      writeFileSync(readme, updateReadme(readFileSync(readme, "utf8"), entries));
    }
    importModel({ root, service, version });
  } catch (error) {
    for (const { file, bytes } of saved) {
      if (bytes === undefined) rmSync(file, { force: true });
      else writeFileSync(file, bytes);
    }
    throw error;
  }
  if (!options.regenerate()) throw new Error("the spec is imported, but generation failed (above): fix it, then `pnpm generate`");
  const diff = compareSurfaces(before, readSurface(specDir), packageIdentity(root, service).packageName);
  const changesets = options.changesets === false ? [] : writeChangesets(root, [diff]);
  return { diff, copied: targets.map(({ target }) => path.relative(root, target).split(path.sep).join("/")), changesets };
}

function modelVersion(files: readonly ModelFile[], service: string): string {
  const models = files.filter((file) => file.metadata !== undefined);
  const intl = files.find((file) => file.kind === "intl-en.api.json");
  if (intl?.metadata === undefined) throw new Error("no international model (api.json) among the files: it comes first");
  const kinds = files.map((file) => file.kind);
  const twice = kinds.find((kind, index) => kinds.indexOf(kind) !== index);
  if (twice !== undefined) throw new Error(`two files are ${twice}: give each kind once (the China model with --cn)`);
  for (const model of models) {
    if (model.metadata?.service !== service || model.metadata.version !== intl.metadata.version) {
      throw new Error(
        `${model.from} describes ${model.metadata?.service} ${model.metadata?.version}, not ${service} ${intl.metadata.version}`,
      );
    }
  }
  return intl.metadata.version;
}

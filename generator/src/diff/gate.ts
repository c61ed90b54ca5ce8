/**
 * The CI gate: the specs against what each package last released (`released-api.ts`). Every package
 * whose API changed needs pending changesets asking for at least the bump the diff computes.
 * @packageDocumentation
 */
import path from "node:path";
import { isLarger, type Bump, type PackageDiff } from "./api-change.js";
import { emptySurface, readSurface } from "./api-surface.js";
import { pendingBumps } from "./changesets.js";
import { compareSurfaces } from "./compare.js";
import { readReleasedApi, serviceSpecs, writeReleasedApi } from "./released-api.js";

/** The gate's verdict on one package. */
export interface GateFinding {
  readonly package: string;
  /** What the diff since the last release needs (`undefined`: no change). */
  readonly needed: Bump | undefined;
  /** What the pending changesets ask for. */
  readonly pending: Bump | undefined;
  /** Why it fails, or `undefined` when it passes. */
  readonly problem: string | undefined;
  readonly diff: PackageDiff;
}

/** Every service's diff since its last release, judged against the pending changesets. */
export function runGate(root: string): GateFinding[] {
  const pending = pendingBumps(root);
  return sinceRelease(root).map(({ diff, recorded, current }) => {
    const wanted = pending.get(diff.package);
    let problem: string | undefined;
    const record = `specs/released/${diff.service}.json`;
    if (recorded === undefined && current !== "0.0.0") {
      problem = `package.json says ${current} but ${record} does not exist: version with \`pnpm version-packages\`, which records each release`;
    } else if (recorded !== undefined && recorded !== current) {
      problem = `package.json says ${current} but ${record} records ${recorded}: version with \`pnpm version-packages\`, which records each release`;
    } else if (diff.bump !== undefined && (wanted === undefined || isLarger(diff.bump, wanted))) {
      const first = diff.changes.find((change) => change.bump === diff.bump);
      problem =
        `its API changed since ${recorded === undefined ? "nothing was released (a first release is at least minor)" : `release ${recorded}`}` +
        ` and needs a ${diff.bump} changeset, but ${wanted === undefined ? "none is pending" : `the pending ones ask for ${wanted}`}` +
        (first === undefined || diff.firstRelease ? "" : ` (e.g. ${first.message})`);
    }
    return { package: diff.package, needed: diff.bump, pending: wanted, problem, diff };
  });
}

/** Each service's spec against its last release (the empty API when it was never released). */
export function sinceRelease(root: string): { diff: PackageDiff; recorded: string | undefined; current: string }[] {
  return serviceSpecs(root).map((spec) => {
    const record = readReleasedApi(root, spec.service);
    const before = record?.api ?? emptySurface(spec.service, spec.version);
    const diff = compareSurfaces(before, readSurface(spec.dir), spec.packageName);
    return { diff, recorded: record?.version, current: spec.packageVersion };
  });
}

/** The repository-relative path of a spec folder. */
export function specLabel(root: string, dir: string): string {
  return path.relative(root, dir).split(path.sep).join("/");
}

/**
 * After `changeset version`: records the API of every package whose version changed since its last
 * record (`specs/released/<service>.json`). Returns the paths written, repository-relative.
 */
export function recordReleases(root: string): string[] {
  const written: string[] = [];
  for (const spec of serviceSpecs(root)) {
    if (spec.packageVersion === "0.0.0" || readReleasedApi(root, spec.service)?.version === spec.packageVersion) continue;
    const api = readSurface(spec.dir);
    written.push(
      writeReleasedApi(root, spec.service, {
        package: spec.packageName,
        version: spec.packageVersion,
        spec: specLabel(root, spec.dir),
        api,
      }),
    );
  }
  return written;
}

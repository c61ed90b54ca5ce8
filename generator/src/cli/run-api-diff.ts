/**
 * `tcsdk-api-diff`: compares two specs, a git ref's specs with the working tree's, the specs with each
 * package's last release, or two of Tencent's models; prints the classified changes, writes changesets,
 * and as the CI gate fails when pending changesets do not cover them.
 * @packageDocumentation
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { PackageDiff } from "../diff/api-change.js";
import { emptySurface, readSurface } from "../diff/api-surface.js";
import { writeChangesets } from "../diff/changesets.js";
import { compareSurfaces } from "../diff/compare.js";
import { recordReleases, runGate, sinceRelease } from "../diff/gate.js";
import { specsAtRef } from "../diff/git-specs.js";
import { importModelFile, makeWorkDir } from "../diff/model-import.js";
import { packageIdentity, serviceSpecs } from "../diff/released-api.js";
import { jsonReport, textReport } from "../diff/report.js";
import { findRepoRoot } from "../load/display-path.js";
import { SpecError } from "../load/spec-issue.js";
import type { CliIo } from "./run-cli.js";
import { scriptArgs } from "./script-args.js";

const USAGE = `usage:
  tcsdk-api-diff <old spec dir> <new spec dir>      two spec folders (specs/<service>/<version>)
  tcsdk-api-diff --since <git ref>                  every spec at the ref against the working tree
  tcsdk-api-diff --since-release                    every spec against its package's last release (specs/released/)
  tcsdk-api-diff --models <old api.json> <new api.json>   two of Tencent's models, each imported into a temporary folder
options: --json (machine-readable), --write-changesets (one .changeset/api-<service>-<hash>.md per changed package)

  tcsdk-api-diff --check            the CI gate: fails unless pending changesets cover every change since the last release
  tcsdk-api-diff --record-release   after \`changeset version\`: records the API of each package whose version changed`;

type Values = {
  since?: string | undefined;
  "since-release"?: boolean | undefined;
  models?: boolean | undefined;
  json?: boolean | undefined;
  "write-changesets"?: boolean | undefined;
  check?: boolean | undefined;
  "record-release"?: boolean | undefined;
  help?: boolean | undefined;
};

/** Runs the command with `args`; returns the exit code (1: the gate failed or a spec is broken, 2: usage). */
export function runApiDiff(args: readonly string[], io: CliIo): number {
  let values: Values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: scriptArgs(args),
      options: {
        since: { type: "string" },
        "since-release": { type: "boolean" },
        models: { type: "boolean" },
        json: { type: "boolean" },
        "write-changesets": { type: "boolean" },
        check: { type: "boolean" },
        "record-release": { type: "boolean" },
        help: { type: "boolean" },
      },
      allowPositionals: true,
      strict: true,
    }));
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help === true) {
    io.out(USAGE);
    return 0;
  }
  const cwd = io.cwd ?? process.cwd();
  const root = findRepoRoot(cwd);
  const modes = [values.since !== undefined, values["since-release"], values.models, values.check, values["record-release"]].filter(
    Boolean,
  ).length;
  const pair = values.models === true || modes === 0;
  if (root === undefined || modes > 1 || (pair ? positionals.length !== 2 : positionals.length > 0)) {
    io.err(root === undefined ? `no pnpm-workspace.yaml above ${cwd}` : USAGE);
    return 2;
  }
  try {
    if (values.check === true) return gate(root, io);
    if (values["record-release"] === true) {
      const written = recordReleases(root);
      io.out(
        written.length === 0 ? "no package version changed since its last record" : written.map((file) => `recorded ${file}`).join("\n"),
      );
      return 0;
    }
    const diffs = diffsOf(root, cwd, values, positionals);
    io.out(values.json === true ? jsonReport(diffs).trimEnd() : textReport(diffs).trimEnd());
    if (values["write-changesets"] === true) {
      const say = values.json === true ? io.err : io.out;
      for (const file of writeChangesets(root, diffs)) say(`wrote ${file}`);
    }
    return 0;
  } catch (error) {
    io.err(error instanceof SpecError ? error.message : ((error as Error).stack ?? String(error)));
    return 1;
  }
}

function diffsOf(root: string, cwd: string, values: Values, positionals: readonly string[]): PackageDiff[] {
  const [first = "", second = ""] = positionals.map((file) => path.resolve(cwd, file));
  if (values["since-release"] === true) return sinceRelease(root).map(({ diff }) => diff);
  const work = values.models === true || values.since !== undefined ? makeWorkDir("api-diff") : undefined;
  try {
    if (values.models === true && work !== undefined) {
      const before = importModelFile(first, root, work, "old");
      const after = importModelFile(second, root, work, "new");
      return [compareSurfaces(readSurface(before.specDir), readSurface(after.specDir), packageIdentity(root, after.service).packageName)];
    }
    if (values.since !== undefined && work !== undefined) {
      const old = new Map(serviceSpecs(specsAtRef(root, values.since, work)).map((spec) => [spec.service, spec]));
      const now = new Map(serviceSpecs(root).map((spec) => [spec.service, spec]));
      return [...new Set([...old.keys(), ...now.keys()])].sort().map((service) => {
        const was = old.get(service);
        const is = now.get(service);
        const surface = (dir: string | undefined, version: string) =>
          dir === undefined ? emptySurface(service, version) : readSurface(dir);
        const version = is?.version ?? was?.version ?? "";
        return compareSurfaces(surface(was?.dir, version), surface(is?.dir, version), packageIdentity(root, service).packageName);
      });
    }
    for (const dir of [first, second])
      if (!existsSync(path.join(dir, "service.json"))) throw new Error(`${dir}: not a spec folder (no service.json)`);
    const service = (JSON.parse(readFileSync(path.join(second, "service.json"), "utf8")) as { service: string }).service;
    return [compareSurfaces(readSurface(first), readSurface(second), packageIdentity(root, service).packageName)];
  } finally {
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
  }
}

function gate(root: string, io: CliIo): number {
  const findings = runGate(root);
  for (const finding of findings) {
    if (finding.problem !== undefined) continue;
    const since = finding.diff.firstRelease ? "first release" : "API changed since the last release";
    io.out(
      finding.needed === undefined
        ? `${finding.package}: no API change since the last release: ok`
        : `${finding.package}: ${since}, needs ${finding.needed}; the pending changesets ask for ${finding.pending}: ok`,
    );
  }
  const failed = findings.filter((finding) => finding.problem !== undefined);
  for (const finding of failed) io.err(`${finding.package}: ${finding.problem}`);
  if (failed.length > 0) {
    io.err(
      "write the changesets with `pnpm api-diff --since-release --write-changesets` (or `pnpm changeset`), read them, and commit them",
    );
  }
  return failed.length > 0 ? 1 : 0;
}

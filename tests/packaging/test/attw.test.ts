/**
 * "Are the types wrong?" on the tarballs `pnpm pack` made (the bytes `pnpm publish` uploads; `attw
 * --pack <dir>` would run `npm pack`, which leaves `workspace:^` ranges in place), for every export
 * subpath.
 *
 * Profile `esm-only`: the packages are ESM-only by design (`"type": "module"`, exports with `types`
 * and `default` only, no `require` condition, no CJS build). That profile ignores exactly the two
 * resolutions an ESM-only package cannot serve: `node10` (TypeScript's legacy `moduleResolution:
 * node`, which ignores `exports`) and `node16` from CommonJS (where `require()` of ESM needs a dynamic
 * `import()`). `node16` from ESM and `bundler` stay checked. The `node16` profile would report the
 * CJS case as a problem that no ESM-only package can fix.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tarballOf } from "./support/packed.js";
import { runCommand } from "./support/run-command.js";
import { PACKAGING_DIR, PUBLISHABLE, packageDir } from "./support/workspace.js";

/** Resolution kinds the `esm-only` profile leaves out (attw's own definition of the profile). */
const IGNORED_BY_PROFILE = new Set(["node10", "node16-cjs"]);

interface AttwProblem {
  readonly kind: string;
  readonly entrypoint?: string;
  readonly resolutionKind?: string;
}

interface AttwResolution {
  readonly resolution?: { readonly fileName: string; readonly isTypeScript: boolean };
  readonly implementationResolution?: { readonly fileName: string };
}

interface AttwReport {
  readonly analysis: {
    readonly packageName: string;
    readonly types: { readonly kind: string };
    readonly entrypoints: Record<string, { readonly resolutions: Record<string, AttwResolution> }>;
  };
  readonly problems: Record<string, readonly AttwProblem[]> | readonly AttwProblem[];
}

describe.each(PUBLISHABLE.map((pkg) => [pkg.name, pkg] as const))("attw %s", (name, pkg) => {
  it("finds no problem under the esm-only profile, and every export subpath resolves to types and code", async () => {
    const attw = path.join(PACKAGING_DIR, "node_modules", ".bin", "attw");
    const result = await runCommand(attw, [tarballOf(name), "--format", "json", "--profile", "esm-only"], {
      cwd: PACKAGING_DIR,
      env: { ...process.env, NO_COLOR: "1" },
      timeoutMs: 120_000,
    });
    const report = JSON.parse(result.stdout) as AttwReport;
    const problems = (Array.isArray(report.problems) ? report.problems : Object.values(report.problems).flat()) as AttwProblem[];
    const counted = problems.filter((problem) => problem.resolutionKind === undefined || !IGNORED_BY_PROFILE.has(problem.resolutionKind));

    expect(counted).toEqual([]);
    expect(result.code, result.stderr).toBe(0);
    expect(report.analysis.packageName).toBe(name);
    expect(report.analysis.types.kind).toBe("included");

    const manifest = JSON.parse(await readFile(path.join(packageDir(pkg), "package.json"), "utf8")) as { exports: Record<string, unknown> };
    const codeSubpaths = Object.keys(manifest.exports).filter((subpath) => !subpath.endsWith(".json"));
    expect(Object.keys(report.analysis.entrypoints).sort()).toEqual(Object.keys(manifest.exports).sort());
    for (const subpath of codeSubpaths) {
      for (const kind of ["node16-esm", "bundler"]) {
        const resolved = report.analysis.entrypoints[subpath]?.resolutions[kind];
        expect(resolved?.resolution?.isTypeScript, `${subpath} (${kind}) resolves to declarations`).toBe(true);
        expect(resolved?.resolution?.fileName, `${subpath} (${kind})`).toMatch(/\/dist\/.+\.d\.ts$/);
      }
      expect(report.analysis.entrypoints[subpath]?.resolutions["node16-esm"]?.implementationResolution?.fileName).toMatch(
        /\/dist\/.+\.js$/,
      );
    }
  });
});

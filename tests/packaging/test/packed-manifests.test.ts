/**
 * The manifests and file lists inside the tarballs: nothing runs at install time, no `workspace:`
 * range leaks to npm, and only the built code, its sources and the README ship.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tarballOf } from "./support/packed.js";
import { readTarball } from "./support/read-tarball.js";
import { PUBLISHABLE, REPO_ROOT } from "./support/workspace.js";

/** The packages that ship `src/` with source and declaration maps, so that stack traces and "go to definition" land in TypeScript. */
const WITH_SOURCES = ["@tcsdk/cls-emulator"];

/** Scripts npm or pnpm run when the package is installed (`prepare` for git and folder installs). */
const INSTALL_SCRIPTS = ["preinstall", "install", "postinstall", "prepare", "prepublish"];

interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly license?: string;
  readonly scripts?: Record<string, string>;
  readonly dependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly gypfile?: boolean;
}

async function packed(name: string): Promise<{ manifest: Manifest; files: Map<string, Buffer> }> {
  const files = await readTarball(tarballOf(name));
  const raw = files.get("package.json");
  if (raw === undefined) throw new Error(`${name}: no package.json in the tarball`);
  return { manifest: JSON.parse(raw.toString("utf8")) as Manifest, files };
}

describe.each(PUBLISHABLE.map((pkg) => [pkg.name] as const))("packed %s", (name) => {
  it("has zero install scripts (and no binding.gyp, which npm would build implicitly)", async () => {
    const { manifest, files } = await packed(name);
    expect(manifest.name).toBe(name);
    const present = INSTALL_SCRIPTS.filter((script) => manifest.scripts?.[script] !== undefined);
    expect(present).toEqual([]);
    expect(manifest.gypfile ?? false).toBe(false);
    expect([...files.keys()].filter((file) => file.endsWith("binding.gyp"))).toEqual([]);
  });

  it("depends on real versions: pnpm pack rewrote every workspace: range", async () => {
    const { manifest } = await packed(name);
    const ranges = { ...manifest.dependencies, ...manifest.peerDependencies, ...manifest.optionalDependencies };
    const leaked = Object.entries(ranges).filter(([, range]) => /^(workspace|file|link|portal):/.test(range));
    expect(leaked).toEqual([]);
    for (const [dependency, range] of Object.entries(ranges).filter(([dependency]) => dependency.startsWith("@tcsdk/"))) {
      const { manifest: target } = await packed(dependency);
      expect(range, `${name} → ${dependency}`).toBe(`^${target.version}`);
    }
  });

  it("declares the Node versions where require() of ES modules works, and says so in its README", async () => {
    const { manifest, files } = await packed(name);
    expect((manifest as Manifest & { engines?: { node?: string } }).engines?.node).toBe("^20.19.0 || >=22.12.0");
    expect(files.get("README.md")?.toString("utf8")).toContain(
      "for Node.js 20.19+ or 22.12+: `import` it, or `require()` it from CommonJS",
    );
  });

  it("ships the LICENSE (Apache-2.0) and the NOTICE crediting Tencent's models, as the repository's root has them", async () => {
    const { manifest, files } = await packed(name);
    expect(manifest.license).toBe("Apache-2.0");
    for (const file of ["LICENSE", "NOTICE"]) {
      expect(files.get(file)?.toString("utf8"), file).toBe(readFileSync(path.join(REPO_ROOT, file), "utf8"));
    }
    expect(files.get("LICENSE")?.toString("utf8")).toContain("Apache License\n                           Version 2.0, January 2004");
    expect(files.get("NOTICE")?.toString("utf8")).toContain("Tencent Cloud's\nAPI models");
  });

  it("ships source maps only with the sources they point at (the emulator), and none elsewhere", async () => {
    const { files } = await packed(name);
    const maps = [...files.keys()].filter((file) => file.endsWith(".map"));
    if (!WITH_SOURCES.includes(name)) {
      expect(maps).toEqual([]);
      expect([...files.keys()].filter((file) => file.startsWith("src/"))).toEqual([]);
      return;
    }
    expect(maps.length).toBeGreaterThan(0);
    for (const map of maps) {
      const { sources } = JSON.parse(files.get(map)?.toString("utf8") ?? "{}") as { sources: string[] };
      for (const source of sources) {
        const shipped = path.posix.normalize(path.posix.join(path.posix.dirname(map), source));
        expect(files.has(shipped), `${map} → ${shipped}`).toBe(true);
      }
    }
  });

  it("ships the built code, its declarations, the README and no tests", async () => {
    const { files } = await packed(name);
    const paths = [...files.keys()];
    expect(paths).toContain("README.md");
    expect(paths).toContain("dist/index.js");
    expect(paths).toContain("dist/index.d.ts");
    expect(paths.filter((file) => /(^|\/)test\/|\.test\.[cm]?[jt]s$/.test(file))).toEqual([]);
    expect(paths.filter((file) => /tsbuildinfo$|^\.turbo\/|^node_modules\//.test(file))).toEqual([]);
  });
});

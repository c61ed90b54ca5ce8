/**
 * The third-party packages a user's `npm install` of some workspace packages brings (undici,
 * lossless-json…), found in the workspace's own `node_modules` and published, at the versions the
 * workspace locked, to a local registry that has no uplink: the registry then holds everything the
 * install needs and nothing is fetched from the internet.
 * @packageDocumentation
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, realpath } from "node:fs/promises";
import path from "node:path";
import { runChecked } from "./run-command.js";

/** A package installed in the workspace. */
export interface InstalledPackage {
  /** npm name. */
  readonly name: string;
  /** Installed version. */
  readonly version: string;
  /** Its folder (real path). */
  readonly dir: string;
}

interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

const readManifest = async (dir: string): Promise<Manifest> =>
  JSON.parse(await readFile(path.join(dir, "package.json"), "utf8")) as Manifest;

/** The folder `dependency` resolves to from the package in `from`, as Node walks up `node_modules`; `undefined` if absent. */
async function resolveFolder(from: string, dependency: string): Promise<string | undefined> {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", dependency);
    if (existsSync(path.join(candidate, "package.json"))) return realpath(candidate);
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * Every package outside the `scope` (e.g. `@tcsdk/`) that installing the packages in `roots` (folders of
 * the workspace) would bring, with its dependencies, as the workspace installed them.
 */
export async function thirdPartyDependencies(roots: readonly string[], scope: string): Promise<InstalledPackage[]> {
  const found = new Map<string, InstalledPackage>();
  const visited = new Set<string>();
  const queue = await Promise.all(roots.map((root) => realpath(root)));
  for (let dir = queue.shift(); dir !== undefined; dir = queue.shift()) {
    if (visited.has(dir)) continue;
    visited.add(dir);
    const manifest = await readManifest(dir);
    if (!manifest.name.startsWith(scope)) {
      found.set(`${manifest.name}@${manifest.version}`, { name: manifest.name, version: manifest.version, dir });
    }
    const required = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
    const optional = Object.keys(manifest.optionalDependencies ?? {}).concat(
      Object.entries(manifest.peerDependenciesMeta ?? {})
        .filter(([, meta]) => meta.optional === true)
        .map(([name]) => name),
    );
    for (const dependency of new Set([...required, ...optional])) {
      const folder = await resolveFolder(dir, dependency);
      if (folder !== undefined) queue.push(folder);
      else if (!optional.includes(dependency)) throw new Error(`${manifest.name} depends on ${dependency}, not installed in the workspace`);
    }
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Packs each package from its installed folder (no scripts run) and publishes it with npm to the registry `env` names. */
export async function publishCopies(packages: readonly InstalledPackage[], workDir: string, env: NodeJS.ProcessEnv): Promise<void> {
  await mkdir(workDir, { recursive: true });
  for (const pkg of packages) {
    const { stdout } = await runChecked("npm", ["pack", pkg.dir, "--ignore-scripts", "--json", "--pack-destination", workDir], {
      cwd: workDir,
      env,
      timeoutMs: 120_000,
    });
    const [packed] = JSON.parse(stdout) as { filename: string }[];
    if (packed === undefined) throw new Error(`npm pack ${pkg.dir} made no tarball`);
    await runChecked("npm", ["publish", path.join(workDir, packed.filename), "--ignore-scripts", "--provenance=false", "--tag", "latest"], {
      cwd: workDir,
      env,
      timeoutMs: 120_000,
    });
  }
}

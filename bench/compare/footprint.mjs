// @ts-check
/**
 * Installed footprint: the bytes a package puts in node_modules, with its runtime dependencies
 * (`dependencies` and `optionalDependencies`, followed recursively, each counted once). A package from
 * the registry counts the files of its installed folder (nested node_modules excluded); a workspace
 * package counts what it would publish (`npm pack --dry-run --json`). Bytes are file sizes, not disk
 * blocks.
 * @module
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";

/**
 * @param {string} name package name
 * @param {string} fromDir folder whose node_modules resolve it
 * @returns {{ bytes: number, packages: string[], parts: { id: string, bytes: number }[] }} total bytes, the
 *   `name@version`s counted, and each one's bytes (largest first)
 */
export function installedFootprint(name, fromDir) {
  /** @type {Map<string, { id: string, bytes: number }>} */
  const seen = new Map();
  const visit = (/** @type {string} */ dependency, /** @type {string} */ from) => {
    const folder = resolvePackage(dependency, from);
    if (seen.has(folder)) return;
    const manifest = JSON.parse(readFileSync(path.join(folder, "package.json"), "utf8"));
    const workspace = !folder.split(path.sep).includes("node_modules");
    seen.set(folder, { id: `${manifest.name}@${manifest.version}`, bytes: workspace ? packedBytes(folder) : folderBytes(folder) });
    for (const child of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) {
      if (manifest.optionalDependencies?.[child] !== undefined && !canResolve(child, folder)) continue;
      visit(child, folder);
    }
  };
  visit(name, fromDir);
  const counted = [...seen.values()];
  return {
    bytes: counted.reduce((sum, entry) => sum + entry.bytes, 0),
    packages: counted.map((entry) => entry.id).sort(),
    parts: [...counted].sort((a, b) => b.bytes - a.bytes),
  };
}

/** The real folder of `name` as Node would find it from `from` (each ancestor's node_modules). */
function resolvePackage(/** @type {string} */ name, /** @type {string} */ from) {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if (existsSync(path.join(candidate, "package.json"))) return realpathSync(candidate);
    if (path.dirname(dir) === dir) throw new Error(`cannot find ${name} from ${from}`);
  }
}

function canResolve(/** @type {string} */ name, /** @type {string} */ from) {
  try {
    resolvePackage(name, from);
    return true;
  } catch {
    return false;
  }
}

/** Sum of file sizes under `folder`, without nested node_modules. */
function folderBytes(/** @type {string} */ folder) {
  let bytes = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name === "node_modules") continue;
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) bytes += folderBytes(full);
    else if (entry.isFile()) bytes += statSync(full).size;
  }
  return bytes;
}

/** Sum of the sizes of the files `npm pack` would publish from a workspace folder. */
function packedBytes(/** @type {string} */ folder) {
  const output = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: folder,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
  const [packed] = JSON.parse(output);
  return packed.files.reduce((/** @type {number} */ sum, /** @type {{ size: number }} */ file) => sum + file.size, 0);
}

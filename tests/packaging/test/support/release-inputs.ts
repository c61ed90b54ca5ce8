/**
 * What a release starts from, read from a workspace folder: the changesets waiting in `.changeset/`
 * and the packages with their versions (what the release test expects `changeset version` to change).
 * @packageDocumentation
 */
import { existsSync } from "node:fs";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";

/** One pending changeset. */
export interface PendingChangeset {
  /** File name without `.md`. */
  readonly id: string;
  /** Bump by package name (`major`, `minor`, `patch`). */
  readonly releases: Readonly<Record<string, string>>;
  /** The text under the front matter, as the CHANGELOG will carry it. */
  readonly summary: string;
}

/** The changesets in `<workspace>/.changeset/` (its README excepted). */
export async function pendingChangesets(workspace: string): Promise<PendingChangeset[]> {
  const dir = path.join(workspace, ".changeset");
  const files = (await readdir(dir)).filter((file) => file.endsWith(".md") && file !== "README.md").sort();
  return Promise.all(
    files.map(async (file) => {
      const text = await readFile(path.join(dir, file), "utf8");
      const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
      if (match === null) throw new Error(`.changeset/${file} has no front matter`);
      const releases: Record<string, string> = {};
      for (const line of (match[1] ?? "").split("\n").filter((entry) => entry.trim() !== "")) {
        const release = /^\s*["']?([^"':]+)["']?\s*:\s*(major|minor|patch)\s*$/.exec(line);
        if (release === null) throw new Error(`.changeset/${file}: cannot read ${JSON.stringify(line)}`);
        releases[release[1] as string] = release[2] as string;
      }
      return { id: file.slice(0, -3), releases, summary: (match[2] ?? "").trim() };
    }),
  );
}

/** A package of the workspace. */
export interface WorkspacePackage {
  /** npm name. */
  readonly name: string;
  /** Version in its package.json. */
  readonly version: string;
  /** `private: true` packages are never published. */
  readonly private: boolean;
  /** Folder, relative to the workspace root. */
  readonly dir: string;
}

/** The workspace's packages: the folders `pnpm-workspace.yaml` lists (`dir` or `dir/*`) that hold a package.json. */
export async function workspacePackages(workspace: string): Promise<WorkspacePackage[]> {
  const yaml = await readFile(path.join(workspace, "pnpm-workspace.yaml"), "utf8");
  const globs = [...(/^packages:\n((?:\s+-.*\n?)+)/m.exec(yaml)?.[1] ?? "").matchAll(/-\s*["']?([^"'\s]+)/g)].map(
    (match) => match[1] as string,
  );
  const dirs: string[] = [];
  for (const glob of globs) {
    if (!glob.endsWith("/*")) dirs.push(glob);
    else {
      const parent = glob.slice(0, -2);
      const entries = await readdir(path.join(workspace, parent), { withFileTypes: true });
      dirs.push(...entries.filter((entry) => entry.isDirectory()).map((entry) => `${parent}/${entry.name}`));
    }
  }
  const packages: WorkspacePackage[] = [];
  for (const dir of dirs) {
    const file = path.join(workspace, dir, "package.json");
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(await readFile(file, "utf8")) as { name: string; version: string; private?: boolean };
    packages.push({ name: manifest.name, version: manifest.version, private: manifest.private === true, dir });
  }
  if (packages.length === 0) throw new Error(`no package found through pnpm-workspace.yaml in ${workspace}`);
  return packages.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The release, end to end, as a maintainer makes it and a user meets it. On a copy of the workspace (a
 * fresh clone's files, installed offline from the local pnpm store): `changeset version`, then
 * `pnpm release` (turbo build, which regenerates, then `changeset publish`) to a Verdaccio registry on
 * 127.0.0.1 with no uplink. Then, in an empty folder outside the workspace, `npm install @tcsdk/cls
 * @tcsdk/cls-emulator` from that registry (the third-party dependencies were copied into it from the
 * workspace: nothing comes from the internet) and the README's quick start, run against the installed
 * emulator. `changeset version` stands for `pnpm version-packages`, whose other steps (regenerating,
 * recording the released API in specs/released/) change nothing that is published: the release's build
 * regenerates anyway, and running both would build everything twice.
 */
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatorProcess, startInstalledEmulator } from "./support/installed-emulator.js";
import { type LocalRegistry, startLocalRegistry } from "./support/local-registry.js";
import { publishCopies, thirdPartyDependencies } from "./support/mirror-dependencies.js";
import { npmEnv } from "./support/npm-env.js";
import { pnpmBinDir, pnpmStorePath } from "./support/pnpm-bin.js";
import { readQuickStart } from "./support/readme-quickstart.js";
import { type PendingChangeset, pendingChangesets, type WorkspacePackage, workspacePackages } from "./support/release-inputs.js";
import { killRunningGroups, runGroupChecked } from "./support/process-group.js";
import { runChecked, runCommand } from "./support/run-command.js";
import { copyWorkspace } from "./support/workspace-copy.js";
import { PUBLISHABLE, REPO_ROOT } from "./support/workspace.js";

/** What the user installs: the client, and the emulator for the quick start to call. */
const INSTALLED = ["@tcsdk/cls", "@tcsdk/cls-emulator"] as const;
/** The topic the README's quick start exports from. */
const TOPIC_ID = "ee20bb16-3025-4048-b81a-dd436373062e";
const KEY = { secretId: "AKIDreleasetest", secretKey: randomBytes(18).toString("base64url") };
/**
 * The whole setup (copy, install, version, build, publish, install from the registry) must end within
 * this. It takes a few minutes, most of them the build; the bound leaves room for a machine busy with
 * the rest of the suite (the commands run at a lower priority than the tests beside them).
 */
const SETUP_TIMEOUT_MS = 900_000;

/** The environment of every command: npm's, without the variables of the turbo and vitest runs this test is in. */
function baseEnv(): NodeJS.ProcessEnv {
  const env = npmEnv();
  for (const name of Object.keys(env)) if (/^(TURBO_|VITEST)|^NODE_ENV$/.test(name)) delete env[name];
  const noProxy = [env["NO_PROXY"] ?? env["no_proxy"], "127.0.0.1", "localhost"].filter(Boolean).join(",");
  return { ...env, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1", NO_PROXY: noProxy, no_proxy: noProxy };
}

describe("pnpm release to a local registry, then npm install @tcsdk/cls from it and the quick start", () => {
  let temp: string;
  let registry: LocalRegistry | undefined;
  let emulator: EmulatorProcess | undefined;
  let changesets: PendingChangeset[];
  let before: WorkspacePackage[];
  let after: WorkspacePackage[];
  let project: string;

  const versionAfter = (name: string): string => {
    const pkg = after.find((entry) => entry.name === name);
    if (pkg === undefined) throw new Error(`${name} is not a workspace package`);
    return pkg.version;
  };
  const published = (): WorkspacePackage[] => before.filter((pkg) => !pkg.private);

  /** Each setup step and how long it took, printed at the end: where the time of a slow run went. */
  const steps: string[] = [];
  async function step<T>(name: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      steps.push(`${name} ${Math.round((performance.now() - started) / 1000)} s`);
    }
  }

  beforeAll(async () => {
    temp = await mkdtemp(path.join(tmpdir(), "tcsdk-release-"));
    const workspace = path.join(temp, "workspace");
    await step("copy", () => copyWorkspace(REPO_ROOT, workspace));
    changesets = await pendingChangesets(workspace);
    before = await workspacePackages(workspace);

    const pnpmDir = await step("find pnpm", pnpmBinDir);
    const pnpm = path.join(pnpmDir, "pnpm");
    const env: NodeJS.ProcessEnv = { ...baseEnv(), PATH: `${pnpmDir}${path.delimiter}${process.env["PATH"] ?? ""}` };
    const store = await pnpmStorePath(pnpmDir);
    const install = ["install", "--offline", "--frozen-lockfile", "--store-dir", store];
    await step("pnpm install", () => runGroupChecked(pnpm, install, { cwd: workspace, env, timeoutMs: 180_000 }));

    await mkdir(path.join(temp, "registry"));
    registry = await step("start Verdaccio", () => startLocalRegistry(path.join(temp, "registry")));
    const userconfig = path.join(temp, "npmrc");
    await writeFile(userconfig, registry.npmrc);
    const registryEnv = {
      ...env,
      npm_config_registry: registry.url,
      npm_config_userconfig: userconfig,
      npm_config_cache: path.join(temp, "npm-cache"),
      // the lockfile then says where each package came from (a user's npm config may leave that out)
      npm_config_omit_lockfile_registry_resolved: "false",
      npm_config_noproxy: env["NO_PROXY"],
    };

    // the maintainer: version, then release (build, then publish)
    const maintainer = { cwd: workspace, env: registryEnv };
    await step("changeset version", () => runGroupChecked(pnpm, ["exec", "changeset", "version"], { ...maintainer, timeoutMs: 120_000 }));
    after = await workspacePackages(workspace);
    await step("pnpm release", () => runGroupChecked(pnpm, ["run", "release"], { ...maintainer, timeoutMs: 600_000 }));

    // the registry gets the third-party packages the user's install needs, from the workspace
    const roots = INSTALLED.map((name) => path.join(workspace, before.find((pkg) => pkg.name === name)?.dir ?? name));
    const thirdParty = await thirdPartyDependencies(roots, "@tcsdk/");
    await step("mirror dependencies", () => publishCopies(thirdParty, path.join(temp, "mirrored"), registryEnv));

    // the user: an empty folder outside the workspace
    project = path.join(temp, "project");
    await mkdir(project);
    const user = { cwd: project, env: registryEnv };
    await runChecked("npm", ["init", "-y"], { ...user, timeoutMs: 60_000 });
    await step("npm install", () =>
      runGroupChecked("npm", ["install", ...INSTALLED, "--no-audit", "--no-fund"], { ...user, timeoutMs: 180_000 }),
    );
    const dataDir = path.join(temp, "emulator-data");
    emulator = await startInstalledEmulator(project, { key: KEY, topicId: TOPIC_ID, dataDir, env });
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    killRunningGroups();
    console.info(`release test steps: ${steps.join(", ")}`);
    await emulator?.stop();
    await registry?.stop();
    if (temp !== undefined) await rm(temp, { recursive: true, force: true });
  });

  it("publishes every publishable package at the version changeset version gave it: 0.1.0 for a first release", async () => {
    expect(published().length).toBeGreaterThan(0);
    for (const pkg of published()) {
      const version = versionAfter(pkg.name);
      if (pkg.version === "0.0.0") expect(version, `${pkg.name}: a first release is 0.1.0 (is there a changeset for it?)`).toBe("0.1.0");
      const packument = await registry?.packument(pkg.name);
      expect(packument?.["dist-tags"]["latest"], `${pkg.name} on the registry`).toBe(version);
      expect(Object.keys(packument?.versions ?? {})).toEqual([version]);
    }
  });

  it("publishes what the packaging tests check: every published package is in their list, and every listed one published", () => {
    expect(
      published()
        .map((pkg) => pkg.name)
        .sort(),
    ).toEqual(PUBLISHABLE.map((pkg) => pkg.name).sort());
  });

  it("publishes real dependency ranges: no workspace: range, and @tcsdk/* at ^ the version released with it", async () => {
    for (const pkg of published()) {
      const manifest = (await registry?.packument(pkg.name))?.versions[versionAfter(pkg.name)];
      const dependencies = Object.entries(manifest?.dependencies ?? {});
      expect(
        dependencies.filter(([, range]) => /^(workspace|file|link|portal):/.test(range)),
        pkg.name,
      ).toEqual([]);
      for (const [dependency, range] of dependencies.filter(([name]) => name.startsWith("@tcsdk/"))) {
        expect(range, `${pkg.name} → ${dependency}`).toBe(`^${versionAfter(dependency)}`);
      }
    }
  });

  it("has no uplink: a package nobody published there is not found (nothing came from the internet)", async () => {
    expect(await registry?.packument("left-pad")).toBeUndefined();
    const lock = JSON.parse(await readFile(path.join(project, "package-lock.json"), "utf8")) as {
      packages: Record<string, { resolved?: string }>;
    };
    const installed = Object.entries(lock.packages).filter(([location]) => location !== "");
    expect(installed.map(([location]) => location)).toEqual(expect.arrayContaining(INSTALLED.map((name) => `node_modules/${name}`)));
    for (const [location, entry] of installed)
      expect(entry.resolved?.startsWith(registry?.url ?? "?"), `${location}: ${entry.resolved}`).toBe(true);
  });

  it("installs packages that carry the LICENSE, the NOTICE and a CHANGELOG.md whose entry is the changesets'", async () => {
    const root = path.join(temp, "workspace");
    for (const name of [...INSTALLED, "@tcsdk/core"]) {
      const dir = path.join(project, "node_modules", name);
      const manifest = JSON.parse(await readFile(path.join(dir, "package.json"), "utf8")) as { version: string; license: string };
      expect(manifest.version).toBe(versionAfter(name));
      expect(manifest.license).toBe("Apache-2.0");
      for (const file of ["LICENSE", "NOTICE"]) {
        expect(await readFile(path.join(dir, file), "utf8"), `${name} ${file}`).toBe(await readFile(path.join(root, file), "utf8"));
      }
      const changelog = await readFile(path.join(dir, "CHANGELOG.md"), "utf8");
      const heading = `# ${name}\n\n## ${manifest.version}\n`;
      expect(changelog.startsWith(heading), `${name} CHANGELOG.md starts with ${JSON.stringify(heading)}`).toBe(true);
      const entry = changelog.slice(heading.length).split(/\n## /)[0] ?? "";
      for (const changeset of changesets.filter((pending) => pending.releases[name] !== undefined)) {
        const firstLine = (changeset.summary.split("\n")[0] ?? "").replace(/^[-*]\s+/, "");
        expect(entry, `${name}: .changeset/${changeset.id}.md`).toContain(firstLine);
      }
    }
  });

  it("runs the README quick start against the installed emulator: `export <uuid> created`, and the export exists", async () => {
    const url = emulator?.url ?? "";
    const env = { PATH: process.env["PATH"], HOME: path.join(temp, "home"), CLS_ENDPOINT: url };
    const credentials = { TENCENTCLOUD_SECRET_ID: KEY.secretId, TENCENTCLOUD_SECRET_KEY: KEY.secretKey };
    await mkdir(env.HOME, { recursive: true });
    await writeFile(path.join(project, "index.mjs"), await readQuickStart());
    await writeFile(path.join(project, "exports.mjs"), LIST_EXPORTS);

    const result = await runCommand(process.execPath, ["index.mjs"], { cwd: project, env: { ...env, ...credentials }, timeoutMs: 60_000 });

    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const printed = /^export ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}) created \(request \S+\)\n$/.exec(result.stdout);
    expect(printed, result.stdout).not.toBeNull();
    const listed = await runChecked(process.execPath, ["exports.mjs", TOPIC_ID], {
      cwd: project,
      env: { ...env, ...credentials },
      timeoutMs: 60_000,
    });
    expect(JSON.parse(listed.stdout)).toContain(printed?.[1]);
  });
});

/** Lists a topic's export ids through the installed client. */
const LIST_EXPORTS = `import { ClsClient } from "@tcsdk/cls";
const client = new ClsClient({ region: "ap-guangzhou", endpoint: process.env.CLS_ENDPOINT });
try {
  const { Exports } = await client.describeExports({ TopicId: process.argv[2], Limit: 100 });
  console.log(JSON.stringify((Exports ?? []).map((task) => task.ExportId)));
} finally {
  await client.close();
}
`;

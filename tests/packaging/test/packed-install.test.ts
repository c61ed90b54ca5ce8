/**
 * The packed install: `@tcsdk/core` and `@tcsdk/cls` as `pnpm pack` made them, installed with plain
 * npm into an empty project outside the workspace (their dependencies come from the npm registry),
 * then the README quick start, copied verbatim, run with node against a local CLS emulator.
 */
import { randomBytes } from "node:crypto";
import { lstat, mkdir, mkdtemp, readFile, readdir, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { ClsClient } from "@tcsdk/cls";
import { startEmulator, type Emulator } from "@tcsdk/cls-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diskUsage, formatBytes } from "./support/disk-usage.js";
import { nodeBinary, oldestAllowed } from "./support/node-binary.js";
import { tarballOf } from "./support/packed.js";
import { readQuickStart } from "./support/readme-quickstart.js";
import { npmEnv } from "./support/npm-env.js";
import { runChecked, runCommand } from "./support/run-command.js";
import { PACKAGING_DIR, REPO_ROOT } from "./support/workspace.js";

/** The topic the README's quick start exports from. */
const TOPIC_ID = "ee20bb16-3025-4048-b81a-dd436373062e";
const KEY = { secretId: "AKIDpackagingtest", secretKey: randomBytes(18).toString("base64url") };
/** Packages a user of the client must never get: build tools and workspace-only packages. */
const NEVER_INSTALLED = ["typescript", "vitest", "ajv", "ts-morph", "@tcsdk/generator", "@tcsdk/cls-emulator", "fast-check"];

/** The quick start's environment: only what it documents, no proxy, and a HOME without credential files. */
function quickStartEnv(home: string, endpoint: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env["PATH"],
    HOME: home,
    TENCENTCLOUD_SECRET_ID: KEY.secretId,
    TENCENTCLOUD_SECRET_KEY: KEY.secretKey,
    CLS_ENDPOINT: endpoint,
  };
}

describe("packed install of @tcsdk/cls + @tcsdk/core with npm, outside the workspace", () => {
  let project: string;
  let emulator: Emulator;
  /** The oldest Node.js the packages' engines allow, and its binary. */
  const oldest = { version: "", node: "" };

  beforeAll(async () => {
    project = await mkdtemp(path.join(tmpdir(), "tcsdk-install-"));
    const env = npmEnv();
    await runChecked("npm", ["init", "-y"], { cwd: project, env, timeoutMs: 60_000 });
    await runChecked(
      "npm",
      ["install", tarballOf("@tcsdk/core"), tarballOf("@tcsdk/cls"), "--no-audit", "--no-fund", "--ignore-scripts=false"],
      { cwd: project, env, timeoutMs: 540_000 },
    );
    emulator = await startEmulator({ dataDir: path.join(project, "emulator-data"), keys: [KEY], rateLimit: false });
    await emulator.createTopic({ id: TOPIC_ID });
    const engines = JSON.parse(await readFile(path.join(project, "node_modules", "@tcsdk", "cls", "package.json"), "utf8")) as {
      engines: { node: string };
    };
    oldest.version = oldestAllowed(engines.engines.node);
    oldest.node = await nodeBinary(oldest.version, path.join(project, "oldest-node"));
  });

  /** Ids of the topic's export tasks, listed through the workspace client. */
  async function exportIds(): Promise<string[]> {
    const client = new ClsClient({ endpoint: emulator.url, credentials: KEY, region: "ap-guangzhou" });
    try {
      const { Exports } = await client.describeExports({ TopicId: TOPIC_ID, Limit: 100 });
      return (Exports ?? []).map((task) => task.ExportId);
    } finally {
      await client.close();
    }
  }

  async function exportCount(): Promise<number> {
    return (await exportIds()).length;
  }

  afterAll(async () => {
    await emulator?.stop();
    if (project !== undefined) await rm(project, { recursive: true, force: true });
  });

  /** The Node binaries the installed packages are run with: this one, and the oldest the engines allow. */
  const NODES = [
    ["the Node running the tests", () => process.execPath],
    ["the oldest Node the engines allow", () => oldest.node],
  ] as const;

  it("installs the oldest Node the engines allow, to run the packages on it", async () => {
    expect(oldest.version).toBe("20.19.0");
    const result = await runChecked(oldest.node, ["--version"], { cwd: project, env: npmEnv(), timeoutMs: 30_000 });
    expect(result.stdout.trim()).toBe(`v${oldest.version}`);
  });

  it.each(NODES)(
    "runs the README quick start with import on %s: it prints `export <uuid> created` and the export exists",
    async (_which, node) => {
      const home = path.join(project, "home");
      await mkdir(home, { recursive: true });
      await writeFile(path.join(project, "index.mjs"), await readQuickStart());

      const result = await runCommand(node(), ["index.mjs"], {
        cwd: project,
        env: quickStartEnv(home, emulator.url),
        timeoutMs: 60_000,
      });

      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const printed = /^export ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}) created/m.exec(result.stdout);
      expect(printed, result.stdout).not.toBeNull();
      expect(await exportIds()).toContain(printed?.[1]);
    },
  );

  it("runs the quick start's validation branch: a broken rule is caught as the re-exported TcValidationError", async () => {
    const quickStart = await readQuickStart();
    const broken = quickStart.replace(/Count: [\d_]+/, "Count: 60_000_000");
    expect(broken, "the quick start sets Count").not.toBe(quickStart);
    await writeFile(path.join(project, "invalid.mjs"), broken);
    const before = await exportCount();

    const result = await runCommand(process.execPath, ["invalid.mjs"], {
      cwd: project,
      env: quickStartEnv(project, emulator.url),
      timeoutMs: 60_000,
    });

    expect(result.code).toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^bad Count: /);
    expect(result.stderr).not.toContain(KEY.secretKey);
    expect(await exportCount(), "no request reached the emulator").toBe(before);
  });

  it.each(NODES)("works from CommonJS too: require() in the project npm init made (type commonjs), on %s", async (_which, node) => {
    const manifest = JSON.parse(await readFile(path.join(project, "package.json"), "utf8")) as { type?: string };
    expect(manifest.type ?? "commonjs").toBe("commonjs");
    await writeFile(
      path.join(project, "required.js"),
      [
        'const { ClsClient, TcValidationError } = require("@tcsdk/cls");',
        'const client = new ClsClient({ region: "ap-guangzhou", credentials: { secretId: "id", secretKey: "key" } });',
        'client.createExport({ TopicId: "t", Query: "*", Count: 0, From: 1700000000000, To: 1700000001000 })',
        "  .catch((error) => console.log(error instanceof TcValidationError, error.parameter))",
        "  .finally(() => client.close());",
      ].join("\n"),
    );
    const result = await runCommand(node(), ["required.js"], {
      cwd: project,
      env: quickStartEnv(project, emulator.url),
      timeoutMs: 60_000,
    });
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("true Count\n");
  });

  it("installs the packed packages themselves (real folders, not links into the workspace) with real dependency ranges", async () => {
    for (const name of ["@tcsdk/core", "@tcsdk/cls"]) {
      const installed = path.join(project, "node_modules", name);
      expect((await lstat(installed)).isSymbolicLink(), `${name} is a link`).toBe(false);
      expect(path.relative(REPO_ROOT, await realpath(installed)).startsWith(".."), `${name} resolves outside the workspace`).toBe(true);
    }
    const clsManifest = JSON.parse(await readFile(path.join(project, "node_modules/@tcsdk/cls/package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    };
    const coreManifest = JSON.parse(await readFile(path.join(project, "node_modules/@tcsdk/core/package.json"), "utf8")) as {
      version: string;
    };
    expect(clsManifest.dependencies["@tcsdk/core"]).toBe(`^${coreManifest.version}`);
    // Only one copy of core: the one cls depends on is the top-level one.
    await expect(lstat(path.join(project, "node_modules/@tcsdk/cls/node_modules/@tcsdk/core"))).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("installs only runtime dependencies, and reports the size on disk", async () => {
    const modules = path.join(project, "node_modules");
    const names: string[] = [];
    for (const entry of await readdir(modules)) {
      if (entry.startsWith(".")) continue;
      if (entry.startsWith("@")) names.push(...(await readdir(path.join(modules, entry))).map((name) => `${entry}/${name}`));
      else names.push(entry);
    }
    // core bundles the undici and lossless-json code it runs: only undici's declarations are installed
    expect(names.sort()).toEqual(["@tcsdk/cls", "@tcsdk/core", "undici-types"]);
    expect(names.filter((name) => NEVER_INSTALLED.includes(name))).toEqual([]);

    const sizes = await Promise.all(names.sort().map(async (name) => [name, await diskUsage(path.join(modules, name))] as const));
    const total = await diskUsage(modules);
    console.info(
      `installed size of @tcsdk/cls + @tcsdk/core and their dependencies: ${formatBytes(total)}\n` +
        sizes.map(([name, bytes]) => `  ${name.padEnd(16)} ${formatBytes(bytes)}`).join("\n"),
    );
    const own = sizes.filter(([name]) => name.startsWith("@tcsdk/")).reduce((sum, [, bytes]) => sum + bytes, 0);
    expect(own).toBeGreaterThan(10 * 1024); // the two packages hold their built code
    expect(total).toBeGreaterThanOrEqual(sizes.reduce((sum, [, bytes]) => sum + bytes, 0));
    expect(total).toBeLessThan(100 * 1024 * 1024); // sanity: nothing like a toolchain came along
  });

  it("type-checks a strict TypeScript user of @tcsdk/cls alone, against the installed declarations", async () => {
    const require = createRequire(path.join(PACKAGING_DIR, "package.json"));
    const tsc = path.join(path.dirname(require.resolve("typescript/package.json")), "bin", "tsc");
    const check = path.join(project, "typecheck");
    await mkdir(check, { recursive: true });
    await writeFile(path.join(check, "user.ts"), TYPED_USER);
    await writeFile(
      path.join(check, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          lib: ["ES2023"],
          module: "NodeNext",
          moduleResolution: "NodeNext",
          strict: true,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          verbatimModuleSyntax: true,
          noEmit: true,
          skipLibCheck: false,
          types: ["node"],
          typeRoots: [path.join(PACKAGING_DIR, "node_modules", "@types")],
        },
        files: ["user.ts"],
      }),
    );
    await writeFile(path.join(check, "package.json"), JSON.stringify({ type: "module", private: true }));

    const result = await runCommand(process.execPath, [tsc, "-p", check], { cwd: check, timeoutMs: 120_000 });
    expect(result.stdout + result.stderr).toBe("");
    expect(result.code).toBe(0);
  });
});

/** A user who installed only `@tcsdk/cls`: errors, options, credentials and Int64 all come from it. */
const TYPED_USER = `
import {
  ClsClient,
  TcError,
  TcServiceError,
  TcValidationError,
  fromEnvironment,
  isCreateExportError,
  type CallOptions,
  type ClientOptions,
  type CreateExportRequest,
  type CredentialProvider,
  type Credentials,
  type Int64,
  type Logger,
} from "@tcsdk/cls";

const logger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const credentials: CredentialProvider = async (): Promise<Credentials> => ({ secretId: "id", secretKey: "key" });
const options: ClientOptions = { region: "ap-guangzhou", credentials, logger };
const call: CallOptions = { signal: AbortSignal.timeout(1000), maxAttempts: 2 };
const count: Int64 = 10_000n;
const request: CreateExportRequest = { TopicId: "t", Query: "*", Count: count, From: 0, To: 1 };

export async function run(): Promise<string | undefined> {
  const client = new ClsClient(options);
  void fromEnvironment;
  try {
    return (await client.createExport(request, call)).ExportId;
  } catch (error) {
    if (error instanceof TcValidationError) return error.parameter;
    if (isCreateExportError(error)) return error.code;
    if (error instanceof TcServiceError || error instanceof TcError) return error.message;
    throw error;
  } finally {
    await client.close();
  }
}
`;

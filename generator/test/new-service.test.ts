/**
 * `pnpm new-service`: on a copy of the repository's skeleton holding only Tencent's Region files, one
 * command writes the overlay, the spec, the package and the turbo wiring; the package type-checks under
 * the strict tsconfig and its client calls an action; a second run leaves every file it wrote alone.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runNewService } from "../src/cli/run-new-service.js";
import { PACKAGE_TEMPLATE_VERSIONS } from "../src/scaffold/package-files.js";
import { compileStrict } from "./helpers/compile.js";
import { makeTempDir, REPO_ROOT, removeTempDir } from "./helpers/temp-dir.js";

const root = makeTempDir("new-service");
afterAll(() => removeTempDir(root));

for (const file of [
  "package.json",
  "pnpm-workspace.yaml",
  "turbo.json",
  "biome.json",
  "tsconfig.base.json",
  "LICENSE",
  "NOTICE",
  "specs/schema",
]) {
  cpSync(path.join(REPO_ROOT, file), path.join(root, file), { recursive: true });
}
cpSync(path.join(REPO_ROOT, "specs/overlays/common-errors.json"), path.join(root, "specs/overlays/common-errors.json"));
for (const kind of ["intl-en.api.json", "intl-en.examples.json", "cn.api.json", "errors.json"]) {
  const file = `specs/upstream/tencentcloud-api/region-2022-06-27.${kind}`;
  cpSync(path.join(REPO_ROOT, file), path.join(root, file));
}
// what `pnpm install` would link: the package's only dependency
mkdirSync(path.join(root, "node_modules/@tcsdk"), { recursive: true });
symlinkSync(path.join(REPO_ROOT, "packages/core"), path.join(root, "node_modules/@tcsdk/core"), "dir");

function run(...args: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runNewService(args, { out: (line) => out.push(line), err: (line) => err.push(line), cwd: root });
  return { code, out, err };
}

const read = (file: string): string => readFileSync(path.join(root, file), "utf8");

describe("pnpm new-service region 2022-06-27", () => {
  const first = run("region", "2022-06-27");

  it("succeeds and writes the overlay, the spec, the package and its generated code", () => {
    expect(first.err).toEqual([]);
    expect(first.code).toBe(0);
    for (const file of [
      "specs/overlays/region/2022-06-27/service.json",
      "specs/region/2022-06-27/service.json",
      "specs/region/2022-06-27/actions/DescribeRegions.json",
      "packages/region/package.json",
      "packages/region/tsconfig.json",
      "packages/region/tsconfig.build.json",
      "packages/region/turbo.json",
      "packages/region/src/index.ts",
      "packages/region/src/generated/client.ts",
      "packages/region/README.md",
      "packages/region/typedoc.json",
      "packages/region/LICENSE",
      "packages/region/NOTICE",
    ]) {
      expect(existsSync(path.join(root, file)), file).toBe(true);
    }
    const overlay = JSON.parse(read("specs/overlays/region/2022-06-27/service.json")) as { endpoints: Record<string, string> };
    expect(overlay.endpoints).toEqual({
      china: "region.tencentcloudapi.com",
      international: "region.intl.tencentcloudapi.com",
      regional: "region.{region}.tencentcloudapi.com",
    });
  });

  it("gives the package core as its only dependency, and per-service turbo inputs; wires the root tasks", () => {
    const manifest = JSON.parse(read("packages/region/package.json")) as { name: string; dependencies: Record<string, string> };
    expect(manifest.name).toBe("@tcsdk/region");
    expect(manifest.dependencies).toEqual({ "@tcsdk/core": "workspace:^" });
    const turbo = JSON.parse(read("packages/region/turbo.json")) as { tasks: { generate: { inputs: string[] } } };
    expect(turbo.tasks.generate.inputs).toContain("$TURBO_ROOT$/specs/region/**");
    const rootTurbo = JSON.parse(read("turbo.json")) as { tasks: Record<string, { dependsOn: string[] }> };
    expect(rootTurbo.tasks["//#test:all"]?.dependsOn).toContain("@tcsdk/region#build");
    expect(rootTurbo.tasks["//#docs:site"]?.dependsOn).toContain("@tcsdk/region#build");
  });

  it("type-checks under the strict tsconfig", () => {
    expect(compileStrict(path.join(root, "packages/region"), ["src"])).toEqual([]);
  });

  it("calls an action through the new client", async () => {
    const seen: IncomingHttpHeaders[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ Response: { TotalCount: 0, RegionSet: [], RequestId: "r-1" } }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const pkg = (await import(pathToFileURL(path.join(root, "packages/region/src/index.ts")).href)) as {
      RegionClient: new (options: object) => { describeRegions(input: object): Promise<unknown>; close(): Promise<void> };
    };
    const client = new pkg.RegionClient({ endpoint: url, credentials: { secretId: "id", secretKey: "key" } });
    try {
      await expect(client.describeRegions({ Product: "cvm" })).resolves.toEqual({ TotalCount: 0, RegionSet: [], RequestId: "r-1" });
      expect(seen[0]?.["x-tc-action"]).toBe("DescribeRegions");
      expect(seen[0]?.["x-tc-version"]).toBe("2022-06-27");
      expect(seen[0]?.authorization).toMatch(/^TC3-HMAC-SHA256 Credential=id\/\d{4}-\d{2}-\d{2}\/region\/tc3_request/);
    } finally {
      await client.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("leaves every file alone on a second run", () => {
    const before = read("packages/region/package.json") + read("turbo.json");
    const second = run("region", "2022-06-27");
    expect(second.code).toBe(0);
    expect(second.out.filter((line) => line.startsWith("  kept "))).toEqual(
      expect.arrayContaining(["  kept specs/overlays/region/2022-06-27/service.json", "  kept packages/region/package.json"]),
    );
    expect(read("packages/region/package.json") + read("turbo.json")).toBe(before);
  });

  it("says what to copy first when the model is missing", () => {
    const missing = run("cdn", "2018-06-06");
    expect(missing.code).toBe(1);
    expect(missing.err.join("\n")).toContain("specs/upstream/tencentcloud-api/cdn-2018-06-06.intl-en.api.json not found");
  });
});

describe("the package template", () => {
  it("builds with the tools and versions the CLS package uses", () => {
    const cls = JSON.parse(readFileSync(path.join(REPO_ROOT, "packages/cls/package.json"), "utf8")) as {
      devDependencies: Record<string, string>;
    };
    for (const [name, version] of Object.entries(PACKAGE_TEMPLATE_VERSIONS)) expect(cls.devDependencies[name], name).toBe(version);
  });
});

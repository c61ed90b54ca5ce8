/**
 * A second service as a user gets it: `@tcsdk/core`, `@tcsdk/cvm` and `@tcsdk/mock` as `pnpm pack`
 * made them, installed with npm into an empty project outside the workspace; then a strict TypeScript
 * file calling CVM `DescribeInstances` with `Filters` is type-checked against the installed
 * declarations, compiled, and run against the installed mock.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tarballOf } from "./support/packed.js";
import { npmEnv } from "./support/npm-env.js";
import { runChecked, runCommand } from "./support/run-command.js";
import { PACKAGING_DIR } from "./support/workspace.js";

/** The user's program: strict TypeScript, the mock and the client from the installed packages. */
const USER = `
import { CvmClient, isDescribeInstancesError, type DescribeInstancesRequest, type Filter } from "@tcsdk/cvm";
import { MOCK_KEY, startMock } from "@tcsdk/mock";

const zone: Filter = { Name: "zone", Values: ["ap-guangzhou-3", "ap-guangzhou-4"] };
const request: DescribeInstancesRequest = { Filters: [zone, { Name: "instance-state", Values: ["RUNNING"] }], Limit: 20 };

const mock = await startMock({ service: "cvm" });
mock.answer("DescribeInstances", (params) => ({ TotalCount: (params["Filters"] as Filter[]).length, InstanceSet: [] }));
const client = new CvmClient({ endpoint: mock.url, credentials: MOCK_KEY, region: "ap-guangzhou" });
try {
  const answer = await client.describeInstances(request);
  const count: number | bigint = answer.TotalCount;
  console.log(\`instances: \${count} \${answer.RequestId}\`);
} catch (error) {
  if (isDescribeInstancesError(error)) console.error(error.code);
  throw error;
} finally {
  await client.close();
  await mock.close();
}
`;

describe("packed install of @tcsdk/cvm + @tcsdk/mock with npm, outside the workspace", () => {
  let project: string;

  beforeAll(async () => {
    project = await mkdtemp(path.join(tmpdir(), "tcsdk-cvm-"));
    await runChecked("npm", ["init", "-y"], { cwd: project, env: npmEnv(), timeoutMs: 60_000 });
    await runChecked(
      "npm",
      ["install", tarballOf("@tcsdk/core"), tarballOf("@tcsdk/cvm"), tarballOf("@tcsdk/mock"), "--no-audit", "--no-fund"],
      { cwd: project, env: npmEnv(), timeoutMs: 540_000 },
    );
  });

  afterAll(async () => {
    if (project !== undefined) await rm(project, { recursive: true, force: true });
  });

  it("type-checks a strict TypeScript call of DescribeInstances with Filters, and runs it against the mock", async () => {
    const require = createRequire(path.join(PACKAGING_DIR, "package.json"));
    const tsc = path.join(path.dirname(require.resolve("typescript/package.json")), "bin", "tsc");
    await writeFile(path.join(project, "user.mts"), USER);
    await writeFile(
      path.join(project, "tsconfig.json"),
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
          skipLibCheck: false,
          types: ["node"],
          typeRoots: [path.join(PACKAGING_DIR, "node_modules", "@types")],
          outDir: "out",
        },
        files: ["user.mts"],
      }),
    );
    const compiled = await runCommand(process.execPath, [tsc, "-p", project], { cwd: project, timeoutMs: 120_000 });
    expect(compiled.stdout + compiled.stderr).toBe("");
    expect(compiled.code).toBe(0);

    const run = await runCommand(process.execPath, [path.join("out", "user.mjs")], {
      cwd: project,
      env: { PATH: process.env["PATH"], HOME: project },
      timeoutMs: 60_000,
    });
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/^instances: 2 [0-9a-f-]{36}\n$/);
    expect(run.code).toBe(0);
  });
});

/**
 * The other services as a user gets them: `@tcsdk/core`, the five service packages, the credential
 * providers and the mock as `pnpm pack` made them, installed with npm into an empty project outside the
 * workspace. Each imports and calls through the installed mock; and a strict TypeScript file calling CVM
 * `DescribeInstances` with `Filters` is type-checked against the installed declarations, compiled, and
 * run against it.
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

/** The packages installed, core first. */
const INSTALLED = [
  "@tcsdk/core",
  "@tcsdk/cam",
  "@tcsdk/cvm",
  "@tcsdk/region",
  "@tcsdk/sts",
  "@tcsdk/vpc",
  "@tcsdk/credential-providers",
  "@tcsdk/mock",
];

/** Each service's client, from its installed package, calls its first action against the installed mock. */
const EVERY_SERVICE = `
import { MOCK_KEY, loadMockModel, startMock } from "@tcsdk/mock";
import { fromAssumeRole } from "@tcsdk/credential-providers";
for (const service of ["cam", "cvm", "region", "sts", "vpc"]) {
  const model = loadMockModel(service);
  const [action, spec] = Object.entries(model.actions)[0];
  const mock = await startMock({ service });
  const pkg = await import(model.packageName);
  const client = new pkg[model.clientClass]({ endpoint: mock.url, credentials: MOCK_KEY, region: "ap-guangzhou" });
  const answer = await client[spec.method](spec.request);
  console.log(service, action, typeof answer.RequestId);
  await client.close();
  await mock.close();
}
const sts = await startMock({ service: "sts" });
const credentials = fromAssumeRole({ source: MOCK_KEY, roleArn: "qcs::cam::uin/1:roleName/r", roleSessionName: "s", sts: { endpoint: sts.url } });
console.log("assumed", (await credentials()).secretId.length > 0);
await sts.close();
`;

describe("packed install of the services, the credential providers and the mock with npm, outside the workspace", () => {
  let project: string;

  beforeAll(async () => {
    project = await mkdtemp(path.join(tmpdir(), "tcsdk-cvm-"));
    await runChecked("npm", ["init", "-y"], { cwd: project, env: npmEnv(), timeoutMs: 60_000 });
    await runChecked("npm", ["install", ...INSTALLED.map((name) => tarballOf(name)), "--no-audit", "--no-fund"], {
      cwd: project,
      env: npmEnv(),
      timeoutMs: 540_000,
    });
  });

  afterAll(async () => {
    if (project !== undefined) await rm(project, { recursive: true, force: true });
  });

  it("imports each service from its tarball and calls it against the installed mock; assumes a role", async () => {
    await writeFile(path.join(project, "every-service.mjs"), EVERY_SERVICE);
    const run = await runCommand(process.execPath, ["every-service.mjs"], {
      cwd: project,
      env: { PATH: process.env["PATH"], HOME: project },
      timeoutMs: 60_000,
    });
    expect(run.stderr).toBe("");
    expect(run.stdout.trim().split("\n")).toEqual([
      expect.stringMatching(/^cam \w+ string$/),
      expect.stringMatching(/^cvm \w+ string$/),
      expect.stringMatching(/^region \w+ string$/),
      expect.stringMatching(/^sts \w+ string$/),
      expect.stringMatching(/^vpc \w+ string$/),
      "assumed true",
    ]);
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

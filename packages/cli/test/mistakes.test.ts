import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "./support/emulator.js";
import { runInProcess } from "./support/in-process.js";
import { cleanEnv, runTcsdk } from "./support/run-tcsdk.js";

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator(10);
});
afterAll(() => emulator?.stop());

const describeExports = (...more: string[]) => ["cls", "DescribeExports", "--endpoint-url", emulator.url, ...more];

describe("what tcsdk says to the usual mistakes, and its exit codes", () => {
  it("answers with the service's error code and RequestId, exit 1, for a topic that does not exist", async () => {
    const run = await runTcsdk(describeExports("--region", "ap-guangzhou", "--topic-id", "no-such-topic"));
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(
      /^tcsdk: DescribeExports failed: ResourceNotFound\.TopicNotExist: .* \(HTTP 200, RequestId [0-9a-f-]{36}\)\n$/,
    );
  });

  it("prints the answer as JSON on stdout, exit 0", async () => {
    const run = await runTcsdk(describeExports("--region", "ap-guangzhou", "--topic-id", emulator.topicId, "--limit", "5"));
    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      TotalCount: expect.any(Number),
      Exports: expect.any(Array),
      RequestId: expect.any(String),
    });
  });

  it("says where credentials come from when there are none, exit 3", async () => {
    const env = cleanEnv({ TENCENTCLOUD_SECRET_ID: undefined, TENCENTCLOUD_SECRET_KEY: undefined });
    const run = await runInProcess(describeExports("--region", "ap-guangzhou", "--topic-id", "t"), env);
    expect(run.exitCode).toBe(3);
    expect(run.stderr).toMatch(
      /^tcsdk: DescribeExports \(cls\) found no credentials; tried: environment: TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY not set; profile file .*: not found/,
    );
    expect(run.stderr).toContain("or ~/.tencentcloud/credentials ([default], or the profile named by --profile or TENCENTCLOUD_PROFILE)");
  });

  it("takes credentials and region from --profile, as the SDK's profile file holds them", async () => {
    const env = cleanEnv({ TENCENTCLOUD_SECRET_ID: undefined, TENCENTCLOUD_SECRET_KEY: undefined });
    mkdirSync(join(env["HOME"] as string, ".tencentcloud"));
    writeFileSync(
      join(env["HOME"] as string, ".tencentcloud", "credentials"),
      "[default]\nsecret_id=wrong\nsecret_key=wrong\n[emu]\nsecret_id=test\nsecret_key=test\nregion=ap-guangzhou\n",
    );
    const run = await runTcsdk(describeExports("--profile", "emu", "--topic-id", emulator.topicId), env);
    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(0);
  });

  it("asks for a region with the three ways to give one, exit 2", async () => {
    const run = await runInProcess(describeExports("--topic-id", "t"), cleanEnv());
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe(
      'tcsdk: cls needs a region: pass --region (e.g. --region ap-guangzhou), set TENCENTCLOUD_REGION, or add "region = …" to your profile in ~/.tencentcloud/credentials\n',
    );
    const fromEnv = await runInProcess(describeExports("--topic-id", emulator.topicId), cleanEnv({ TENCENTCLOUD_REGION: "ap-guangzhou" }));
    expect(fromEnv.exitCode).toBe(0);
  });

  it("refuses an unknown region with the closest known ones, unless --allow-unknown-region", async () => {
    const run = await runInProcess(describeExports("--region", "guangzhou", "--topic-id", "t"), cleanEnv());
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(
      /^tcsdk: region "guangzhou" is not one of cls's regions: did you mean "ap-guangzhou"\? .* pass --allow-unknown-region to send it anyway/,
    );
    // sent with the flag: the emulator, as the service would, answers that it does not serve that region
    const allowed = await runInProcess(
      describeExports("--region", "ap-new-region-1", "--allow-unknown-region", "--topic-id", emulator.topicId),
      cleanEnv(),
    );
    expect(allowed.stderr).toMatch(/^tcsdk: DescribeExports failed: UnsupportedRegion: /);
    expect(allowed.exitCode).toBe(1);
  });

  it("refuses an endpoint without a scheme with the fix, exit 2", async () => {
    const run = await runInProcess(
      ["cls", "DescribeExports", "--endpoint-url", "127.0.0.1:4566", "--region", "ap-guangzhou", "--topic-id", "t"],
      cleanEnv(),
    );
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("http://127.0.0.1:4566");
  });

  it("names the parameter, its flag, the rule and the value of a request the spec refuses, and sends nothing (exit 2)", async () => {
    const run = await runInProcess(describeExports("--region", "ap-guangzhou", "--topic-id", "t", "--limit", "0"), cleanEnv());
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/^tcsdk: DescribeExports: parameter Limit .* \(flag --limit\)\n$/);
  });

  it("names an unknown parameter of --cli-input-json, even with a required one missing", async () => {
    const run = await runInProcess(describeExports("--region", "ap-guangzhou", "--cli-input-json", '{"Topicid":"t"}'), cleanEnv());
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe(
      'tcsdk: DescribeExports: unknown parameter Topicid (rule "unknownParameter"), got "t": did you mean TopicId, which is required?\n',
    );
    const unrelated = await runInProcess(describeExports("--region", "ap-guangzhou", "--cli-input-json", '{"Color":"red"}'), cleanEnv());
    expect(unrelated.exitCode).toBe(2);
    expect(unrelated.stderr).toContain("unknown parameter Color");
  });

  it("suggests the flag meant by a typo, and refuses a value of the wrong type, exit 2", async () => {
    const typo = await runInProcess(describeExports("--region", "ap-guangzhou", "--topicid", "t"), cleanEnv());
    expect(typo.exitCode).toBe(2);
    expect(typo.stderr).toContain("error: unknown option '--topicid'\n(Did you mean --topic-id?)");
    const wrongType = await runInProcess(describeExports("--region", "ap-guangzhou", "--topic-id", "t", "--limit", "ten"), cleanEnv());
    expect(wrongType.exitCode).toBe(2);
    expect(wrongType.stderr).toBe('tcsdk: --limit takes an integer, not "ten"\n');
  });

  it("prints errors as JSON with --json, for scripts", async () => {
    const run = await runInProcess(
      [
        "cls",
        "export",
        "--json",
        "--region",
        "ap-guangzhou",
        "--endpoint-url",
        emulator.url,
        "--topic",
        "no-such-topic",
        "--query",
        "*",
        "--last",
        "1h",
        "--out",
        join(emulator.workDir, "x"),
      ],
      cleanEnv(),
    );
    expect(run.exitCode).toBe(1);
    expect(JSON.parse(run.stderr)).toMatchObject({
      error: { type: "TcServiceError", code: "ResourceNotFound.TopicNotExist", action: "CreateExport", requestId: expect.any(String) },
    });
  });

  it("explains every action from the spec's documentation in --help", async () => {
    const run = await runInProcess(["cls", "create-export", "--help"], cleanEnv());
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("Creates a log download (export) task.");
    expect(run.stdout).toMatch(/--count <uint64> +\(required\) Number of logs to export\. Rules: at\s+least 1; at most 50000000\./);
    expect(run.stdout).toContain("Rate limit: 20 requests/s.");
    expect(run.stdout).toContain("LimitExceeded.Export");
    const list = await runInProcess(["cls", "--help"], cleanEnv());
    expect(list.stdout).toMatch(/^ {2}DescribeExports +/m);
    expect(list.stdout).toMatch(/^ {2}export \[options\] +export the logs a query finds/m);
  });
});

/**
 * `docs/getting-started.md` is true to the code: its commands and files, taken from the page as they
 * are, run in an empty folder outside the workspace with the packed tarballs (as `npm install` of the
 * published packages would give), against the emulator the page starts; what the page says they print
 * is what they print, and so are the mistakes it tells the reader to try.
 */
import { createServer } from "node:net";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blockOutputs, pageBlocks, pageScript } from "./support/getting-started-script.js";
import { npmEnv } from "./support/npm-env.js";
import { tarballOf } from "./support/packed.js";
import { runCommand, type CommandResult } from "./support/run-command.js";
import { REPO_ROOT } from "./support/workspace.js";

const PAGE = path.join(REPO_ROOT, "docs", "getting-started.md");
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

/** A port free on 127.0.0.1 now (the page's fixed port may be taken on a shared machine). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

describe("docs/getting-started.md, run as a reader would", () => {
  let dir: string;
  let run: CommandResult;
  let outputs: Map<string, string>;
  let blocks: ReturnType<typeof pageBlocks>;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "tcsdk-getting-started-"));
    const home = path.join(dir, "home");
    await mkdir(home);
    blocks = pageBlocks(await readFile(PAGE, "utf8"), /^## \d+\. Against the real service/m);
    const core = tarballOf("@tcsdk/core");
    const script = pageScript(
      blocks,
      {
        tarballs: {
          "@tcsdk/cls": [tarballOf("@tcsdk/cls"), core],
          "@tcsdk/cls-emulator": [tarballOf("@tcsdk/cls-emulator")], // its @tcsdk/core is there already
        },
        port: { page: 4566, free: await freePort() },
      },
      [
        // the mistakes the page tells the reader to try
        `sed 's/TopicId: "web"/TopicId: "web", Limit: 1000/' first-call.mjs > limit.mjs`,
        'node limit.mjs 2>&1 || echo "exit $?"',
        `sed 's/TopicId: "web"/TopicId: "nope"/' first-call.mjs > missing.mjs`,
        'node missing.mjs 2>&1 || echo "exit $?"',
      ].join("\n"),
    );
    // a reader's terminal: no credentials but those the page exports, an empty HOME, the emulator not proxied
    const noProxy = ["127.0.0.1", "localhost", process.env["NO_PROXY"]].filter(Boolean).join(",");
    const env: NodeJS.ProcessEnv = { ...npmEnv(), HOME: home, NO_PROXY: noProxy, no_proxy: noProxy };
    for (const name of Object.keys(env)) {
      if (/^(TENCENTCLOUD_|CLS_)/.test(name)) delete env[name];
    }
    run = await runCommand("bash", ["-c", script], { cwd: dir, env, timeoutMs: 420_000 });
    outputs = blockOutputs(run.stdout);
  }, 450_000);

  afterAll(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  /** The output of the block whose code starts with `start`. */
  const outputOf = (start: string): string => {
    const index = blocks.findIndex((block) => block.code.startsWith(start));
    expect(index, `a block starting ${JSON.stringify(start)}`).toBeGreaterThanOrEqual(0);
    return outputs.get(String(index)) ?? "";
  };

  it("runs every command of sections 1 to 5 without an error", () => {
    expect(blocks.map((block) => block.language)).toEqual(["sh", "sh", "sh", "sh", "js", "sh", "js", "sh"]);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
  });

  it("starts the emulator with the topic and its four lines", () => {
    expect(outputOf("npx tcsdk-cls-emulator")).toMatch(
      /topic web: created, 4 lines loaded from \.\/web-logs\.ndjson\nlistening http:\/\/127\.0\.0\.1:\d+\n/,
    );
  });

  it("makes a first call: `0 export tasks (request …)`", () => {
    expect(outputOf("node first-call.mjs")).toMatch(new RegExp(`^0 export tasks \\(request ${UUID}\\)\\n$`));
  });

  it("exports the two status:500 lines into errors.ndjson, with the phases it names", () => {
    const printed = outputOf("node export.mjs").split("\n");
    const phases = printed.slice(
      0,
      printed.findIndex((line) => line.startsWith("export ")),
    );
    expect(phases[0]).toBe("created");
    expect(phases.at(-1)).toBe("done");
    expect(new Set(phases)).toEqual(new Set(["created", "status", "downloading", "done"]));
    expect(printed).toContainEqual(expect.stringMatching(new RegExp(`^export ${UUID}: \\d+ bytes written to errors\\.ndjson$`)));
    const lines = printed.filter((line) => line.startsWith("{")).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => line["path"]).sort()).toEqual(["/api/items", "/api/orders"]);
    expect(lines.every((line) => line["status"] === "500")).toBe(true);
  });

  it("refuses Limit: 1000 before sending, naming the parameter, and recognises an unknown topic's error", () => {
    const [limit = "", missing = ""] = (outputs.get("after") ?? "").split(/^exit \d+$/m);
    expect(limit).toMatch(/TcValidationError/);
    expect(limit).toMatch(/Limit/);
    expect(missing.trim()).toMatch(/^ResourceNotFound\.TopicNotExist: /);
  });
});

/**
 * `tcsdk-cls-emulator`: starts the emulator from the command line. Diagnostics go to standard error;
 * standard output's first line is `listening <url>`.
 * @packageDocumentation
 */
import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import { parseCliArgs, USAGE, type CliConfig } from "./cli-args.js";
import { startEmulator } from "./server.js";

async function main(): Promise<void> {
  let config: CliConfig;
  try {
    config = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exit(2);
  }
  if (config.help) {
    process.stdout.write(USAGE);
    return;
  }
  // every --topic file is checked first: a path that cannot be read creates nothing (no empty topic a
  // later run would leave as it is), and the emulator does not start
  for (const seed of config.topics) {
    if (seed.file === undefined) continue;
    try {
      await access(seed.file, constants.R_OK);
      if (!(await stat(seed.file)).isFile()) throw Object.assign(new Error("not a file"), { code: "EISDIR" });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
      process.stderr.write(`--topic ${seed.id}:${seed.file}: cannot read the file (${code}); nothing was created\n`);
      process.exit(2);
    }
  }
  const emulator = await startEmulator(config.options);
  const shutdown = (): void => {
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
  for (const seed of config.topics) {
    if (emulator.listTopics().some((topic) => topic.id === seed.id)) {
      process.stderr.write(`topic ${seed.id}: exists, left as it is\n`);
      continue;
    }
    await emulator.createTopic({ id: seed.id });
    const loaded = seed.file === undefined ? 0 : await emulator.loadNdjsonFile(seed.id, seed.file);
    process.stderr.write(`topic ${seed.id}: created${seed.file === undefined ? "" : `, ${loaded} lines loaded from ${seed.file}`}\n`);
  }
  process.stdout.write(`listening ${emulator.url}\n`);
  const keys = config.options.keys?.length ? config.options.keys.map((key) => key.secretId).join(", ") : "test (SecretKey test)";
  process.stderr.write(`data dir ${emulator.dataDir}; accepted SecretIds: ${keys}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`tcsdk-cls-emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

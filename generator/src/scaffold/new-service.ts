/**
 * `pnpm new-service <service> <version>`: everything a new service needs, from Tencent's model files in
 * `specs/upstream/tencentcloud-api/` to a package that builds. It writes what does not exist yet (an
 * existing file is left as it is, so the command can be run again): the service overlay (hosts by
 * Tencent's naming convention, the common regions), the imported spec, the package's hand-owned files
 * (package.json, tsconfig, src/index.ts, turbo.json), its generated code, and the turbo wiring of the
 * root tasks that build every package.
 * @packageDocumentation
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generate } from "../generate.js";
import { importModel } from "../import/import-model.js";
import { UPSTREAM_DIR } from "../import/upstream.js";
import type { GeneratedFile } from "../emit/generated-file.js";
import { formatFiles } from "../output/format-files.js";
import { jsonText } from "../output/json-text.js";
import { PACKAGE_TEMPLATE_VERSIONS, packageFiles } from "./package-files.js";

/**
 * Regions a new service starts with: those Tencent's Region service lists for CVM in its documented
 * example (`region-2022-06-27.intl-en.examples.json`, DescribeRegions). Edit the overlay where a service
 * differs; regions are added over time.
 */
export const DEFAULT_REGIONS: readonly string[] = [
  "ap-bangkok",
  "ap-beijing",
  "ap-chengdu",
  "ap-chongqing",
  "ap-guangzhou",
  "ap-guiyang",
  "ap-hongkong",
  "ap-jakarta",
  "ap-nanjing",
  "ap-seoul",
  "ap-shanghai",
  "ap-singapore",
  "ap-tokyo",
  "ap-xian-ec",
  "eu-frankfurt",
  "na-ashburn",
  "na-siliconvalley",
  "sa-saopaulo",
];

/** Root tasks that need every package built. */
const ROOT_TASKS_NEEDING_BUILDS = ["//#docs:site", "//#test:all"];

/** What {@link newService} wrote, repository-relative, and what it left as it was. */
export interface NewServiceResult {
  readonly written: readonly string[];
  readonly kept: readonly string[];
}

/** Creates (or completes) the spec and package of `service` at `version`; throws when the model files are missing. */
export function newService(root: string, service: string, version: string): NewServiceResult {
  if (!/^[a-z][a-z0-9]*$/.test(service)) throw new Error(`service ${JSON.stringify(service)}: lower-case letters and digits, e.g. cvm`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(version)) throw new Error(`version ${JSON.stringify(version)}: yyyy-mm-dd, e.g. 2017-03-12`);
  const model = path.join(UPSTREAM_DIR, `${service}-${version}.intl-en.api.json`);
  if (!existsSync(path.join(root, model))) {
    throw new Error(
      `${model} not found: copy Tencent's files (<service>-<version>.intl-en.api.json, .intl-en.examples.json, .cn.api.json, .errors.json) into ${UPSTREAM_DIR}/ first`,
    );
  }
  const written: string[] = [];
  const kept: string[] = [];
  /** Writes the files that do not exist yet, formatted as the repository formats them. */
  const writeNew = (files: readonly GeneratedFile[]): void => {
    const fresh = files.filter((file) => {
      const exists = existsSync(path.join(root, file.path));
      if (exists) kept.push(file.path);
      return !exists;
    });
    for (const file of formatFiles(fresh)) {
      mkdirSync(path.dirname(path.join(root, file.path)), { recursive: true });
      writeFileSync(path.join(root, file.path), file.content);
      written.push(file.path);
    }
  };

  writeNew([{ path: `specs/overlays/${service}/${version}/service.json`, content: jsonText(serviceOverlay(service)) }]);
  const imported = importModel({ root, service, version });
  written.push(...imported.files.map((file) => `${imported.specDir}/${file.path}`));

  const packageDir = `packages/${service}`;
  writeNew(packageFiles(service, version, PACKAGE_TEMPLATE_VERSIONS).map((file) => ({ ...file, path: `${packageDir}/${file.path}` })));
  // the licence and the notice crediting Tencent's models ship in every package, as the root has them
  for (const legal of ["LICENSE", "NOTICE"]) {
    const from = path.join(root, legal);
    const to = path.join(root, packageDir, legal);
    if (!existsSync(from)) continue;
    if (existsSync(to)) kept.push(`${packageDir}/${legal}`);
    else {
      writeFileSync(to, readFileSync(from));
      written.push(`${packageDir}/${legal}`);
    }
  }
  const turbo = wiredTurbo(root, service);
  if (turbo !== undefined) {
    writeFileSync(path.join(root, "turbo.json"), formatFiles([{ path: "turbo.json", content: turbo }])[0]?.content ?? turbo);
    written.push("turbo.json");
  }

  const generated = generate({ specDir: path.join(root, "specs", service, version), outDir: path.join(root, packageDir) });
  written.push(...generated.files.map((file) => `${packageDir}/${file.path}`));
  return { written, kept };
}

/** The overlay a new service starts with: names from the service's code, hosts by Tencent's convention. */
export function serviceOverlay(service: string): Record<string, unknown> {
  const title = service.toUpperCase();
  return {
    $schema: "../../../schema/overlay-service.schema.json",
    $comment: `Written by \`pnpm new-service\`: hosts by Tencent's naming convention, the common regions. Check them against the service's documentation.`,
    name: `${title.charAt(0)}${service.slice(1)}`,
    title,
    docs: `Tencent Cloud ${title} API.`,
    endpoints: {
      china: `${service}.tencentcloudapi.com`,
      international: `${service}.intl.tencentcloudapi.com`,
      regional: `${service}.{region}.tencentcloudapi.com`,
    },
    regions: DEFAULT_REGIONS,
  };
}

/** `turbo.json` with the package's build added to the root tasks that need every package, or `undefined` when it has it. */
function wiredTurbo(root: string, service: string): string | undefined {
  const config = JSON.parse(readFileSync(path.join(root, "turbo.json"), "utf8")) as { tasks: Record<string, { dependsOn?: string[] }> };
  const build = `@tcsdk/${service}#build`;
  let changed = false;
  for (const task of ROOT_TASKS_NEEDING_BUILDS) {
    const entry = config.tasks[task];
    if (entry === undefined || (entry.dependsOn ?? []).includes(build)) continue;
    entry.dependsOn = [...(entry.dependsOn ?? []), build];
    changed = true;
  }
  return changed ? JSON.stringify(config, null, 2) : undefined;
}

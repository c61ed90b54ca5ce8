/**
 * Emits the package's `README.md` and `typedoc.json`.
 * @packageDocumentation
 */
import type { Operation, Service } from "../model/types.js";
import { headerLine, markdownHeaderLine, type GeneratedFile } from "./generated-file.js";
import { tsLiteral } from "./tsdoc.js";

/** `README.md`, starting with the generated-file header as an HTML comment. */
export function emitReadme(service: Service): GeneratedFile {
  const first = service.operations.find((operation) => operation.examples.length > 0) ?? service.operations[0];
  const lines = [
    markdownHeaderLine(service),
    "",
    `# ${service.packageName}`,
    "",
    `Typed client for ${escapeMd(service.title)}: Tencent Cloud API 3.0, version \`${service.version}\`, generated from`,
    `the spec in \`${service.specLabel}\`. Community project, not an official Tencent SDK.`,
    "",
    escapeMd(service.docs),
    "",
    "## Install",
    "",
    "```sh",
    `npm install ${service.packageName}`,
    "```",
    "",
    "## Use",
    "",
    ...(first === undefined ? [] : usage(service, first)),
    "Every method checks its input against the spec before anything is sent: a broken rule throws a",
    "`TcValidationError` naming the parameter, the rule and the value, and no request is made.",
    "",
    "## Actions",
    "",
    "| Action | Method | What it does | Safe to re-send | Rate limit |",
    "| --- | --- | --- | --- | --- |",
    ...service.operations.map(
      (operation) =>
        `| \`${operation.action}\` | \`${operation.names.method}\` | ${escapeMd(operation.summary)} | ${operation.idempotent ? "yes" : "no"} | ${operation.rateLimit}/s |`,
    ),
    "",
    "An action that is not safe to re-send is never retried once the request may have reached the service.",
    "",
    "## Errors",
    "",
    "An answer with `Response.Error` throws a `TcServiceError` from `@tcsdk/core`. Each action has a guard that",
    `narrows it to the action's documented codes plus the common ones, e.g. \`is${first?.action ?? "Action"}Error(error)\`; the`,
    "code unions stay open to codes the service adds later.",
    "",
    ...(service.libReadme === undefined ? [] : [service.libReadme, ""]),
    "## Generated code",
    "",
    `\`src/generated/\` is written by \`@tcsdk/generator\` from \`${service.specLabel}\`: do not edit it, change the spec`,
    "and run `pnpm generate`. Handwritten additions live in `src/lib/`.",
    "",
  ];
  return { path: "README.md", content: lines.join("\n") };
}

function usage(service: Service, operation: Operation): string[] {
  const example = operation.examples[0];
  const call = example === undefined ? "{}" : tsLiteral(example.request);
  return [
    "```ts",
    `import { ${service.clientClass}, ${operation.names.guard} } from "${service.packageName}";`,
    "",
    `const client = new ${service.clientClass}({ region: "${service.regions.includes("ap-guangzhou") ? "ap-guangzhou" : (service.regions[0] ?? "ap-guangzhou")}" });`,
    "try {",
    `  const answer = await client.${operation.names.method}(${call.replaceAll("\n", "\n  ")});`,
    "  console.log(answer.RequestId);",
    "} catch (error) {",
    `  if (${operation.names.guard}(error)) console.error(error.code, error.requestId);`,
    "  else throw error;",
    "}",
    "```",
    "",
  ];
}

/** `typedoc.json` (TypeDoc reads it as JSON with comments, so it carries the header line too). */
export function emitTypedocConfig(service: Service): GeneratedFile {
  const config = {
    $schema: "https://typedoc.org/schema.json",
    extends: ["../../typedoc.base.json"],
    entryPoints: ["src/index.ts"],
    name: service.packageName,
    readme: "README.md",
  };
  return { path: "typedoc.json", content: `${headerLine(service)}\n${JSON.stringify(config, null, 2)}\n` };
}

function escapeMd(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll("<", "&lt;");
}

/**
 * Emits the package's `README.md` and `typedoc.json`.
 * @packageDocumentation
 */
import type { Operation, Service } from "../model/types.js";
import { headerLine, markdownHeaderLine, type GeneratedFile } from "./generated-file.js";
import { tsLiteral } from "./tsdoc.js";

/** `README.md`, starting with the generated-file header as an HTML comment. */
/** How the package loads, said in every package README (the root README says why). */
export const ESM_NOTE =
  "An ES module with its types, for Node.js 20.19+ or 22.12+: `import` it, or `require()` it from CommonJS (those versions load ES modules synchronously; no separate CommonJS build is shipped).";

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
    ESM_NOTE,
    "",
    "## Use",
    "",
    ...(first === undefined ? [] : usage(service, first)),
    "Every method checks its input against the spec before anything is sent: a broken rule throws a",
    "`TcValidationError` naming the parameter, the rule and the value, and no request is made.",
    "",
    "## Actions",
    "",
    "| Action | Method | What it does | Safe to re-send | Rate limit | Notes |",
    "| --- | --- | --- | --- | --- | --- |",
    ...service.operations.map(
      (operation) =>
        `| \`${operation.action}\` | \`${operation.names.method}\` | ${escapeMd(shorten(operation.summary))} | ${resendCell(operation)} | ${operation.rateLimit === undefined ? "—" : `${operation.rateLimit}/s`} | ${notesCell(operation)} |`,
    ),
    "",
    "An action that is not safe to re-send is never retried once the request may have reached the service. Where the",
    "spec does not say (`*`), an action whose name says it only reads (`Describe…`, `Get…`, `List…`, `Search…`,",
    "`Query…`, `Inquire…`, `Inquiry…`) is assumed safe to re-send and any other is not. Where no rate limit is documented",
    "(—), the client limits nothing and retries `RequestLimitExceeded` with backoff.",
    ...unsupportedSection(service),
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

function resendCell(operation: Operation): string {
  return `${operation.idempotent ? "yes" : "no"}${operation.idempotentAssumed ? "*" : ""}`;
}

function notesCell(operation: Operation): string {
  const notes: string[] = [];
  if (operation.unsupported !== undefined) notes.push("not supported yet");
  if (operation.sites?.length === 1) notes.push(operation.sites[0] === "china" ? "China site only" : "international site only");
  if (operation.deprecated !== undefined) notes.push("deprecated");
  return notes.join(", ");
}

/** The actions this SDK cannot call yet, each with the reason. */
function unsupportedSection(service: Service): string[] {
  const unsupported = service.operations.filter((operation) => operation.unsupported !== undefined);
  if (unsupported.length === 0) return [];
  return [
    "",
    "Not supported yet (the method throws the reason before sending anything):",
    "",
    ...unsupported.map((operation) => `- \`${operation.action}\`: ${escapeMd(operation.unsupported ?? "")}`),
  ];
}

/** The first sentence of `text`, at most 100 characters. */
function shorten(text: string): string {
  return text.length <= 100 ? text : `${text.slice(0, 99).trimEnd()}…`;
}

function escapeMd(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll("<", "&lt;");
}

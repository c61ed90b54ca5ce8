/**
 * Emits `client.ts`: the client class and its interface. The class holds no per-action code: core's
 * `defineOperations` gives it one method per entry of the operation loaders, and the interface (merged
 * with the class) extends each action's `<Action>Method`, so the file grows by one line per action and
 * each method's types and docs live in its action's own types file.
 * @packageDocumentation
 */
import type { Service } from "../model/types.js";
import { core, paths, type GeneratedSymbols } from "./symbols.js";
import { TsFile } from "./ts-file.js";
import { safeDoc, wrapDoc } from "./tsdoc.js";

/** The `<Name>Client` class and interface. */
export function emitClient(service: Service, symbols: GeneratedSymbols): TsFile {
  const file = new TsFile(paths.client);
  const base = file.use(core("ServiceClient", false));
  const define = file.use(core("defineOperations", false));
  const clientOptions = file.use(core("ClientOptions", true));
  const serviceInfo = file.use(symbols.serviceInfo());
  const loaders = file.use(symbols.operationLoaders());
  const types = file.useNamespace("types", paths.barrel("types"), true);
  const region = service.regions.includes("ap-guangzhou") ? "ap-guangzhou" : (service.regions[0] ?? "ap-guangzhou");
  const classDocs = [
    `Client of ${safeDoc(service.title)}, API version ${service.version}: one method per action.`,
    "",
    "Every method validates its input against the spec before anything is sent (a `TcValidationError`",
    "names the parameter, the rule and the value), signs the request with TC3-HMAC-SHA256 and returns the",
    "answer's `Response` object; a `Response.Error` becomes a `TcServiceError` that the action's",
    "`is<Action>Error` guard narrows to the action's error codes. An action's code (its descriptor and",
    "validator) is loaded on its method's first call.",
    "@example",
    "```ts",
    `const client = new ${service.clientClass}({ region: ${JSON.stringify(region)} });`,
    "```",
  ].join("\n");
  const methods = service.operations.map((operation) => `${types}.${operation.names.methodInterface}`);
  const interfaceText = [
    `/** The methods of {@link ${service.clientClass}}, one per action (see each action's \`<Action>Method\`). */`,
    `export interface ${service.clientClass}`,
    `  extends ${methods.join(",\n    ")} {}`,
  ].join("\n");
  return file.add((source) => {
    source.addStatements(`\n${interfaceText}\n`);
    source.addClass({
      name: service.clientClass,
      isExported: true,
      extends: base,
      docs: [wrapDoc(classDocs)],
      ctors: [
        {
          docs: [wrapDoc("Creates a client; `options` set the region, endpoint, credentials, retries and timeouts.")],
          parameters: [{ name: "options", type: clientOptions, initializer: "{}" }],
          statements: [`super(${serviceInfo}, options);`],
        },
      ],
    });
    source.addStatements(`\n${define}(${service.clientClass}, ${loaders});`);
  });
}

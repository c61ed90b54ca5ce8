/**
 * Emits `client.ts`: the client class, one typed async method per action. Per-method code is kept
 * to a one-line summary and a one-line body, and types come through namespace imports, so the file
 * stays under ~1,000 lines even for a service with 188 actions.
 * @packageDocumentation
 */
import type { Service } from "../model/types.js";
import { core, paths, type GeneratedSymbols } from "./symbols.js";
import { TsFile } from "./ts-file.js";
import { safeDoc, wrapDoc } from "./tsdoc.js";

/** The `<Name>Client` class. */
export function emitClient(service: Service, symbols: GeneratedSymbols): TsFile {
  const file = new TsFile(paths.client);
  const base = file.use(core("ServiceClient", false));
  const callOptions = file.use(core("CallOptions", true));
  const clientOptions = file.use(core("ClientOptions", true));
  const serviceInfo = file.use(symbols.serviceInfo());
  const operations = file.useNamespace("operations", paths.barrel("operations"), false);
  const types = file.useNamespace("types", paths.barrel("types"), true);
  const classDocs = [
    `Client of ${safeDoc(service.title)}, API version ${service.version}: one method per action.`,
    "",
    "Every method validates its input against the spec before anything is sent (a `TcValidationError`",
    "names the parameter, the rule and the value), signs the request with TC3-HMAC-SHA256 and returns the",
    "answer's `Response` object; a `Response.Error` becomes a `TcServiceError` that the action's",
    "`is<Action>Error` guard narrows to the action's error codes.",
    "@example",
    "```ts",
    `const client = new ${service.clientClass}({ region: ${JSON.stringify(service.regions.includes("ap-guangzhou") ? "ap-guangzhou" : (service.regions[0] ?? "ap-guangzhou"))} });`,
    "```",
  ].join("\n");
  return file.add((source) => {
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
      methods: service.operations.map((operation) => ({
        name: operation.names.method,
        docs: [`${safeDoc(operation.summary)} Errors: {@link ${operation.names.guard}}.`],
        parameters: [
          { name: "input", type: `${types}.${operation.names.request}` },
          { name: "options", type: callOptions, hasQuestionToken: true },
        ],
        returnType: `Promise<${types}.${operation.names.response}>`,
        statements: [`return this.send<${types}.${operation.names.response}>(${operations}.${operation.names.operation}, input, options);`],
      })),
    });
  });
}

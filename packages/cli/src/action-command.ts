/**
 * `tcsdk <service> <Action>`: one command per action of the service's model, with a flag per request
 * parameter (`TopicId` → `--topic-id`), `--cli-input-json` for the whole request, `--generate-cli-skeleton`
 * for an example, and `--help` from the spec's documentation. The request is sent through the
 * generated client, so it is validated by the spec's rules before anything leaves, as for SDK users.
 * @packageDocumentation
 */
import { TcValidationError } from "@tcsdk/core";
import { type Command, Option } from "commander";
import { clientOptions, type GlobalFlags, makeClient } from "./client-setup.js";
import type { CliContext } from "./context.js";
import { flagKind, flagValue, readJson } from "./flag-values.js";
import { jsonText } from "./json-text.js";
import { type ActionModel, actionAlias, flagName, type ParameterModel, type ServiceModel } from "./service-model.js";
import { UsageError } from "./usage-error.js";

/**
 * Adds a command per action of `service` to `parent`. Only the action named `selected` gets its flags:
 * building 200 commands' options to run one would only slow every call.
 */
export function addActionCommands(parent: Command, service: ServiceModel, selected: string | undefined, context: CliContext): void {
  for (const [name, action] of Object.entries(service.actions)) {
    const command = parent.command(name).summary(action.summary).description(description(action));
    if (selected === name) defineAction(command, service, action, context);
  }
}

/** The action `word` names, as written (`CreateExport`) or in kebab case (`create-export`); `word` itself when none. */
export function actionNamed(service: ServiceModel, word: string): string {
  if (Object.hasOwn(service.actions, word)) return word;
  return Object.keys(service.actions).find((name) => actionAlias(name) === word) ?? word;
}

function defineAction(command: Command, service: ServiceModel, action: ActionModel, context: CliContext): void {
  const flags = new Map<string, ParameterModel>();
  for (const parameter of action.parameters) {
    const flag = flagName(parameter.name);
    flags.set(flag, parameter);
    command.addOption(new Option(`--${flag} <${placeholder(parameter)}>`, optionHelp(parameter)));
  }
  command
    .option("--cli-input-json <json>", "the whole request as JSON (or file://<path>); flags override its fields")
    .option("--generate-cli-skeleton", "print an example request for --cli-input-json (from the spec) and exit")
    .addHelpText("after", afterHelp(action))
    .action(async (values: Record<string, unknown>, self: Command) => {
      if (values["generateCliSkeleton"] === true) {
        context.stdout.write(`${jsonText(action.example ?? skeleton(action))}\n`);
        return;
      }
      const request = requestOf(values, flags, self);
      const client = await makeClient(service, await clientOptions(self.optsWithGlobals<GlobalFlags>(), service, context.env));
      const method = client[action.method] as (input: unknown, options: unknown) => Promise<unknown>;
      try {
        const result = await method.call(client, request, { signal: context.signal });
        context.stdout.write(`${jsonText(result)}\n`);
      } catch (error) {
        throw withFlag(error, flags);
      }
    });
}

/** The request: `--cli-input-json`, then each flag given, which wins over the JSON's field. */
function requestOf(values: Record<string, unknown>, flags: ReadonlyMap<string, ParameterModel>, command: Command): Record<string, unknown> {
  const input = values["cliInputJson"] === undefined ? {} : readJson("--cli-input-json", String(values["cliInputJson"]));
  if (typeof input !== "object" || input === null || Array.isArray(input))
    throw new UsageError("--cli-input-json: the request must be a JSON object");
  const request = { ...(input as Record<string, unknown>) };
  for (const option of command.options) {
    const flag = option.long?.slice(2) ?? "";
    const parameter = flags.get(flag);
    const raw = values[option.attributeName()];
    if (parameter !== undefined && raw !== undefined) request[parameter.name] = flagValue(parameter, flag, raw as string | string[]);
  }
  return request;
}

/** A validation error of a parameter of the action names its flag too. */
function withFlag(error: unknown, flags: ReadonlyMap<string, ParameterModel>): unknown {
  if (!(error instanceof TcValidationError)) return error;
  const top = /^[A-Za-z0-9]+/.exec(error.parameter)?.[0];
  if (top === undefined || flags.get(flagName(top))?.name !== top) return error;
  error.message = `${error.message} (flag --${flagName(top)})`;
  return error;
}

function placeholder(parameter: ParameterModel): string {
  const kind = flagKind(parameter);
  if (kind === "scalar-list") return `${parameter.type.slice(0, -2)}...`;
  if (kind === "json") return `json:${parameter.type}`;
  return parameter.type;
}

function optionHelp(parameter: ParameterModel): string {
  const parts = [parameter.required ? "(required)" : "", parameter.deprecated === undefined ? "" : "(deprecated)", parameter.docs];
  if (parameter.unit !== undefined) parts.push(`Unit: ${parameter.unit}.`);
  if (parameter.rules !== undefined) parts.push(`Rules: ${parameter.rules.join("; ")}.`);
  if (parameter.default !== undefined) parts.push(`Default: ${JSON.stringify(parameter.default)}.`);
  return parts.filter((part) => part !== "").join(" ");
}

function description(action: ActionModel): string {
  const lines = [action.summary];
  if (action.docs !== "" && action.docs !== action.summary) lines.push("", action.docs);
  if (action.deprecated !== undefined) lines.push("", `Deprecated: ${action.deprecated}`);
  if (action.unsupported !== undefined) lines.push("", `Not supported by tcsdk yet: ${action.unsupported}`);
  const facts = [
    action.rateLimit === undefined ? "" : `Rate limit: ${action.rateLimit} requests/s.`,
    action.idempotent
      ? "Safe to re-send: retried on network errors."
      : "Not idempotent: never re-sent once it may have reached the service.",
  ];
  lines.push("", facts.filter((fact) => fact !== "").join(" "));
  if (action.docsUrl !== undefined) lines.push(`Docs: ${action.docsUrl}`);
  return lines.join("\n");
}

function afterHelp(action: ActionModel): string {
  const lines = ["", "Shapes (json:…) are JSON, inline or file://<path>. The output is the answer as JSON."];
  if (action.errors.length > 0) lines.push("", `Error codes it documents (exit code 1): ${action.errors.join(", ")}`);
  return lines.join("\n");
}

/** A request with every required parameter, for actions without a documented example. */
function skeleton(action: ActionModel): Record<string, unknown> {
  return Object.fromEntries(
    action.parameters.filter((parameter) => parameter.required).map((parameter) => [parameter.name, parameter.type]),
  );
}

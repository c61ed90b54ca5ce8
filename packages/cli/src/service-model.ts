/**
 * The command-line models of the services `tcsdk` offers, `models/<service>.json`, generated from the
 * specs (`tcsdk-generate --cli`): what each action is called, what it does, and its parameters.
 * @packageDocumentation
 */
import { readFileSync } from "node:fs";

/** A request parameter of an action, as `--help` shows it and as flags are read into. */
export interface ParameterModel {
  /** Wire name, e.g. `TopicId`. */
  readonly name: string;
  /** The spec's type: `string`, `boolean`, `integer`, `int64`, `uint64`, `float`, a shape name, or any of these with `[]`. */
  readonly type: string;
  /** Whether the action refuses a request without it. */
  readonly required: boolean;
  /** First paragraph of its documentation. */
  readonly docs: string;
  /** Its rules in words, e.g. `at most 50000000`. */
  readonly rules?: readonly string[];
  /** Unit of a number, e.g. `ms`. */
  readonly unit?: string;
  /** The service's default when left out. */
  readonly default?: string | number | boolean;
  /** Why it should no longer be used. */
  readonly deprecated?: string;
}

/** An action of a service. */
export interface ActionModel {
  /** The client's method, e.g. `createExport`. */
  readonly method: string;
  /** One line. */
  readonly summary: string;
  /** First paragraph of its documentation. */
  readonly docs: string;
  /** Its page on Tencent Cloud's site. */
  readonly docsUrl?: string;
  /** Why it should no longer be used. */
  readonly deprecated?: string;
  /** Why the SDK cannot call it yet (the client refuses it before sending). */
  readonly unsupported?: string;
  /** Requests per second the service allows, when documented. */
  readonly rateLimit?: number;
  /** Whether it is safe to re-send. */
  readonly idempotent: boolean;
  /** Request parameters, in documented order. */
  readonly parameters: readonly ParameterModel[];
  /** The first documented example request. */
  readonly example?: Readonly<Record<string, unknown>>;
  /** Error codes the action documents. */
  readonly errors: readonly string[];
}

/** A service: its client package and its actions. */
export interface ServiceModel {
  /** Signing name, e.g. `cls`. */
  readonly service: string;
  /** API version, e.g. `2020-10-16`. */
  readonly version: string;
  /** Human name. */
  readonly title: string;
  /** The client package, e.g. `@tcsdk/cls`. */
  readonly packageName: string;
  /** The client class it exports, e.g. `ClsClient`. */
  readonly clientClass: string;
  /** Regions the package knows. */
  readonly regions: readonly string[];
  /** Actions by name. */
  readonly actions: Readonly<Record<string, ActionModel>>;
}

/** The services `tcsdk` has a model of. */
export const SERVICES: readonly string[] = ["cls"];

const loaded = new Map<string, ServiceModel>();

/** The model of `service` (one of {@link SERVICES}), read on first use. */
export function serviceModel(service: string): ServiceModel {
  let model = loaded.get(service);
  if (model === undefined) {
    model = JSON.parse(readFileSync(new URL(`../models/${service}.json`, import.meta.url), "utf8")) as ServiceModel;
    loaded.set(service, model);
  }
  return model;
}

/** `TopicId` → `topic-id`, `IPAddress` → `ip-address`: the flag of a parameter. */
export function flagName(parameter: string): string {
  return parameter
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1-$2")
    .toLowerCase();
}

/** `CreateExport` → `create-export`: the alias of an action's command. */
export const actionAlias = flagName;

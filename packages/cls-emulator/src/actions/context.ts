/**
 * What an action handler can use, and the handler signature.
 * @packageDocumentation
 */
import type { Clock } from "../clock.js";
import type { CosLinks } from "../cos.js";
import type { ExportRunner } from "../export/runner.js";
import type { ExportStore } from "../store/export-store.js";
import type { TopicStore } from "../store/topic-store.js";
import type { ActionParameters } from "./params.js";

/** Shared state of the running emulator, handed to every action. */
export interface ActionContext {
  /** Topics and logs. */
  readonly topics: TopicStore;
  /** Export tasks. */
  readonly exports: ExportStore;
  /** Runs the tasks. */
  readonly runner: ExportRunner;
  /** Signs download links. */
  readonly links: CosLinks;
  /** The emulator clock. */
  readonly clock: Clock;
  /** Base URL of download links. */
  readonly publicUrl: () => string;
  /** Cap on unfinished tasks per topic. */
  readonly maxUnfinishedExports: number;
}

/** An API action: validated parameters in, the `Response` fields (without `RequestId`) out. */
export type ActionHandler = (params: Record<string, unknown>, context: ActionContext) => Promise<Record<string, unknown>>;

/** An emulated action: its handler and its parameters. */
export interface ActionDefinition {
  /** Validates and answers. */
  readonly handler: ActionHandler;
  /** Every parameter it takes, with its wire type and rules (from the spec). */
  readonly parameters: ActionParameters;
}

/**
 * Lazy operations. A generated client names one loader per method; the method's action descriptor
 * (and with it the action's compiled validator) is imported on the method's first call, so importing a
 * service package loads no action's code, however many actions the service has.
 *
 * @packageDocumentation
 */
import type { CallOptions } from "./client-options.js";
import type { ServiceClient } from "./client.js";
import type { OperationInfo } from "./service.js";

/** What a generated operation module exports. */
export interface OperationModule {
  /** The action's descriptor. */
  readonly operation: OperationInfo;
}

/** Imports one operation module, e.g. `() => import("./operations/create-export.js")`. */
export type OperationLoader = () => Promise<OperationModule>;

/** `ServiceClient.send`, which is protected: only the methods defined here call it from outside a subclass. */
type Send = (this: ServiceClient, operation: OperationInfo, input: object, options?: CallOptions) => Promise<unknown>;

/**
 * Gives `client` one method per entry of `loaders` (keyed by method name). A method loads its operation
 * module on its first call (one import, shared by concurrent first calls and retried after a failed one),
 * then validates, signs and sends through {@link ServiceClient}; later calls use the loaded descriptor
 * directly. The methods' types come from the generated client's interface.
 *
 * The methods are gathered on one object placed between the class's prototype and its parent's, so
 * hundreds of them cost one prototype change at import, not one each.
 */
export function defineOperations(
  client: abstract new (...args: never[]) => ServiceClient,
  loaders: Readonly<Record<string, OperationLoader>>,
): void {
  const methods: object = Object.create(Object.getPrototypeOf(client.prototype) as object | null);
  for (const [method, load] of Object.entries(loaders)) {
    let loaded: OperationInfo | undefined;
    let loading: Promise<OperationInfo> | undefined;
    const operation = (): Promise<OperationInfo> =>
      (loading ??= load().then(
        (module) => (loaded = module.operation),
        (error: unknown) => {
          loading = undefined;
          throw error;
        },
      ));
    const call = async function (this: ServiceClient, input: object, options?: CallOptions): Promise<unknown> {
      const send = (this as unknown as { send: Send }).send;
      return send.call(this, loaded ?? (await operation()), input, options);
    };
    Object.defineProperty(call, "name", { value: method });
    Object.defineProperty(methods, method, { value: call, writable: true, configurable: true, enumerable: false });
  }
  Object.setPrototypeOf(client.prototype, methods);
}

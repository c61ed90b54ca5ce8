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
 * Nothing is made per method at import: a proxy placed between the class's prototype and its parent's
 * makes a method when it is first looked up and defines it on the prototype, where every later lookup
 * finds it directly. Importing a service of 448 actions so costs one prototype change, not 448 functions
 * (about 4 ms of cold code on this project's machines).
 */
export function defineOperations(
  client: abstract new (...args: never[]) => ServiceClient,
  loaders: Readonly<Record<string, OperationLoader>>,
): void {
  const prototype = client.prototype as object;
  const isOperation = (key: string | symbol): key is string => typeof key === "string" && Object.hasOwn(loaders, key);
  const lazy = new Proxy(Object.getPrototypeOf(prototype) as object, {
    get(parent, key, receiver) {
      if (!isOperation(key)) return Reflect.get(parent, key, receiver);
      const method = operationMethod(key, loaders[key] as OperationLoader);
      Object.defineProperty(prototype, key, { value: method, writable: true, configurable: true, enumerable: false });
      return method;
    },
    has(parent, key) {
      return isOperation(key) || Reflect.has(parent, key);
    },
  });
  Object.setPrototypeOf(prototype, lazy);
}

/** The method `name`, which loads its operation on first call and then sends through the client. */
function operationMethod(
  name: string,
  load: OperationLoader,
): (this: ServiceClient, input: object, options?: CallOptions) => Promise<unknown> {
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
  // not an async function: one that returns `send`'s promise would settle it three microtask turns later
  const call = function (this: ServiceClient, input: object, options?: CallOptions): Promise<unknown> {
    try {
      const send = (this as unknown as { send: Send }).send;
      if (loaded !== undefined) return send.call(this, loaded, input, options);
      return operation().then((info) => send.call(this, info, input, options));
    } catch (error) {
      return Promise.reject(error);
    }
  };
  Object.defineProperty(call, "name", { value: name });
  return call;
}

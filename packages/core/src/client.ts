/**
 * STUB (contract only, to be implemented): the base class every generated client extends.
 * @packageDocumentation
 */
import type { OperationInfo, ServiceInfo } from "./service.js";

/** Options of a client (to be completed by the core implementation). */
export interface ClientOptions {
  /** Region sent as `X-TC-Region`, e.g. `ap-guangzhou`. */
  readonly region?: string;
  /** Endpoint: a host or a URL such as `http://127.0.0.1:9000`. */
  readonly endpoint?: string;
}

/** Options of one call. */
export interface CallOptions {
  /** Aborts the call, backoff waits included. */
  readonly signal?: AbortSignal;
}

/** Base class of every generated service client. */
export class ServiceClient {
  /** The service this client talks to. */
  protected readonly serviceInfo: ServiceInfo;

  /** Creates a client for `service`. */
  constructor(service: ServiceInfo, options: ClientOptions = {}) {
    this.serviceInfo = service;
    void options;
  }

  /** Validates `input`, signs it, sends it, retries as safe, and returns `Response` without `Error`. */
  protected async send<Output>(operation: OperationInfo, input: object, options: CallOptions = {}): Promise<Output> {
    void operation;
    void input;
    void options;
    throw new Error("not implemented");
  }
}

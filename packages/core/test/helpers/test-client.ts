/**
 * A client for a made-up service shaped like CLS, as a generated package would declare it.
 */
import { ServiceClient, type CallOptions, type ClientOptions, type OperationInfo, type ServiceInfo } from "../../src/index.js";

/** The service description. */
export const testService: ServiceInfo = {
  service: "cls",
  version: "2020-10-16",
  endpoints: {
    china: "cls.tencentcloudapi.com",
    international: "cls.intl.tencentcloudapi.com",
    regional: "cls.{region}.tencentcloudapi.com",
  },
  regions: ["ap-guangzhou", "ap-shanghai-fsi"],
  regionalOnly: ["ap-shanghai-fsi"],
  packageName: "@tcsdk/test-service",
  packageVersion: "9.8.7",
};

/** Not safe to re-send: a second send may create a second export. */
export const CreateExport: OperationInfo = { action: "CreateExport", idempotent: false, rateLimit: 20 };
/** Safe to re-send. */
export const DescribeExports: OperationInfo = { action: "DescribeExports", idempotent: true, rateLimit: 20 };

/** Test credentials; the secret parts are long, distinctive strings a redaction test can search for. */
export const testCredentials = {
  secretId: "AKIDtestSecretId0000000000000000",
  secretKey: "SECRETKEY-do-not-leak-7f3a9c2e51b84d06",
  sessionToken: "SESSIONTOKEN-do-not-leak-0b1c2d3e4f5a6b7c",
} as const;

/** The client a generated package would emit, with a generic `call` for tests. */
export class TestClient extends ServiceClient {
  constructor(options: ClientOptions = {}) {
    super(testService, options);
  }

  /** Calls `operation` like a generated method does. */
  call<Output = Record<string, unknown>>(operation: OperationInfo, input: object = {}, options?: CallOptions): Promise<Output> {
    return this.send<Output>(operation, input, options);
  }
}

/** Options for a client that talks to a local server, with a fixed jitter so waits stay short. */
export function localOptions(url: string, extra: ClientOptions = {}): ClientOptions {
  return {
    endpoint: url,
    credentials: { secretId: testCredentials.secretId, secretKey: testCredentials.secretKey },
    random: () => 0,
    ...extra,
  };
}

/** Settles with the rejection of `promise` (fails when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

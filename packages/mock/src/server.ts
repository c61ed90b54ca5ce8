/**
 * The mock server of one service: `POST /` with a JSON body, as Tencent Cloud API 3.0 takes it. Each
 * request is checked as the service checks it, in its order: the signature (TC3-HMAC-SHA256, recomputed
 * with core's `signTc3` over the exact bytes; `Authorization: SKIP` for the actions sent unsigned), the
 * version, the action, then the input against the spec's rules. The answer is the one registered for
 * the action, or the model's (the documented example, or one built from the output shape).
 * @packageDocumentation
 */
import { randomUUID, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parseTc3Authorization, signTc3, utcDate } from "@tcsdk/core/signing";
import { stringify } from "lossless-json";
import { inputError } from "./input-errors.js";
import { MockServiceError } from "./mock-error.js";
import { InputValidators, loadMockModel, type MockModel } from "./mock-model.js";

/** A key the mock accepts. */
export interface MockKey {
  /** The SecretId, as the `Credential=` part of the signature names it. */
  readonly secretId: string;
  /** The SecretKey the signature is checked with. */
  readonly secretKey: string;
  /** Session token that must come as `X-TC-Token` with this key (temporary credentials). */
  readonly token?: string;
}

/** The key a mock accepts when none are given. */
export const MOCK_KEY: MockKey = { secretId: "AKIDmockmockmockmockmockmockmock", secretKey: "mock-secret-key-0123456789" };

/**
 * An answer you register for an action: the answer's `Response` (without `RequestId`), from the
 * request's parameters. Throw a {@link MockServiceError} to answer an error.
 */
export type MockHandler = (params: Record<string, unknown>) => Record<string, unknown> | Promise<Record<string, unknown>>;

/** One request the mock received. */
export interface MockRequest {
  /** `X-TC-Action`. */
  readonly action: string;
  /** The parameters, when the body was JSON. */
  readonly params: unknown;
  /** Whether it came unsigned (`Authorization: SKIP`, accepted for the actions sent so). */
  readonly unsigned: boolean;
  /** The error code answered, when the answer was an error. */
  readonly errorCode?: string;
}

/** Options of {@link startMock}. */
export interface MockOptions {
  /** The service, e.g. `cvm` (see `mockServices()`). */
  readonly service: string;
  /** Accepted keys. @defaultValue `[MOCK_KEY]` */
  readonly keys?: readonly MockKey[];
  /** Answers by action, replacing the model's. */
  readonly answers?: Readonly<Record<string, MockHandler>>;
  /** Port on 127.0.0.1. @defaultValue `0` (any free port) */
  readonly port?: number;
  /** The clock signatures are checked against, ms since the epoch. @defaultValue `Date.now` */
  readonly clock?: () => number;
}

/** A running mock. */
export interface Mock {
  /** `http://127.0.0.1:<port>`: give it to a generated client as `endpoint`. */
  readonly url: string;
  /** `127.0.0.1:<port>`: give it to Tencent's official SDK as `endpoint` (with `protocol: "http://"`). */
  readonly endpoint: string;
  /** The service's model. */
  readonly model: MockModel;
  /** Every request received, in order. */
  readonly requests: readonly MockRequest[];
  /** Registers (or replaces) the answer of `action`. */
  answer(action: string, handler: MockHandler): void;
  /** Stops serving. */
  close(): Promise<void>;
}

/** Largest distance between `X-TC-Timestamp` and the mock's clock, in seconds, as the service allows. */
const MAX_SKEW_SECONDS = 300;
/** Largest request body: 10 MB. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Starts a mock of `options.service` on 127.0.0.1. */
export async function startMock(options: MockOptions): Promise<Mock> {
  const model = loadMockModel(options.service);
  const validators = new InputValidators(model);
  const keys = new Map((options.keys ?? [MOCK_KEY]).map((key) => [key.secretId, key]));
  const answers = new Map(Object.entries(options.answers ?? {}));
  const clock = options.clock ?? Date.now;
  const requests: MockRequest[] = [];

  const server = createServer((req, res) => {
    void serve(req, res);
  });
  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const action = header(req, "x-tc-action") ?? "";
    const unsigned = header(req, "authorization") === "SKIP";
    let params: unknown;
    try {
      const body = await readBody(req);
      const spec = model.actions[action];
      authenticate(req, body, spec?.unsigned === true, model.service, keys, clock);
      if (req.method !== "POST" || !(header(req, "content-type") ?? "").startsWith("application/json")) {
        throw new MockServiceError(
          "UnsupportedProtocol",
          "The mock takes POST requests with a JSON body (Content-Type: application/json).",
        );
      }
      if (spec === undefined) throw new MockServiceError("InvalidAction", `The action \`${action}\` is not an action of ${model.service}.`);
      const version = header(req, "x-tc-version");
      if (version !== model.version) {
        throw new MockServiceError("NoSuchVersion", `The version ${JSON.stringify(version)} is not ${model.service}'s (${model.version}).`);
      }
      params = parseBody(body);
      const validate = validators.validator(action, spec.input);
      if (!validate(params)) throw inputError(validate.errors);
      const handler = answers.get(action);
      const answer = handler === undefined ? spec.answer : await handler(params as Record<string, unknown>);
      requests.push({ action, params, unsigned });
      send(res, { Response: { ...answer, RequestId: requestId } });
    } catch (error) {
      const failure = error instanceof MockServiceError ? error : new MockServiceError("InternalError", "The mock failed to answer.");
      requests.push({ action, params, unsigned, errorCode: failure.code });
      send(res, { Response: { Error: { Code: failure.code, Message: failure.message }, RequestId: requestId } });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    endpoint: `127.0.0.1:${port}`,
    model,
    requests,
    answer: (name, handler) => {
      if (model.actions[name] === undefined) throw new Error(`${name} is not an action of ${model.service}`);
      answers.set(name, handler);
    },
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new MockServiceError("RequestSizeLimitExceeded", "The request body is larger than 10 MB.");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function parseBody(body: Buffer): unknown {
  try {
    const params: unknown = JSON.parse(body.length === 0 ? "{}" : body.toString("utf8"));
    if (typeof params === "object" && params !== null && !Array.isArray(params)) return params;
  } catch {
    // answered below
  }
  throw new MockServiceError("InvalidParameter", "The request body is not a JSON object.");
}

function send(res: ServerResponse, answer: unknown): void {
  const text = stringify(answer) ?? "{}";
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/**
 * Checks the request's signature as the service does; an unsigned action takes `Authorization: SKIP`.
 * The credential scope's service must be the mock's, or the host's first label (Tencent's official
 * SDKs sign `endpoint.split(".")[0]`, so `127` for `127.0.0.1:PORT`).
 */
function authenticate(
  req: IncomingMessage,
  body: Buffer,
  unsigned: boolean,
  service: string,
  keys: ReadonlyMap<string, MockKey>,
  clock: () => number,
): void {
  const authorization = header(req, "authorization");
  if (unsigned && authorization === "SKIP") return;
  if (authorization === undefined) throw new MockServiceError("AuthFailure.InvalidAuthorization", "The Authorization header is missing.");
  const parsed = parseTc3Authorization(authorization);
  if (parsed === undefined || !/^[0-9a-f]{64}$/.test(parsed.signature)) {
    throw new MockServiceError("AuthFailure.InvalidAuthorization", "The Authorization header is not a TC3-HMAC-SHA256 signature.");
  }
  const { secretId, date, service: scope, signature } = parsed;
  const signedHeaders = parsed.signedHeaders.join(";");
  const key = keys.get(secretId);
  if (key === undefined) throw new MockServiceError("AuthFailure.SecretIdNotFound", "The SecretId is not found.");
  const timestamp = Number(header(req, "x-tc-timestamp"));
  if (!Number.isInteger(timestamp))
    throw new MockServiceError("MissingParameter", "The header X-TC-Timestamp is missing or not UNIX seconds.");
  if (Math.abs(Math.floor(clock() / 1000) - timestamp) > MAX_SKEW_SECONDS) {
    throw new MockServiceError(
      "AuthFailure.SignatureExpire",
      `The request timestamp ${timestamp} is more than ${MAX_SKEW_SECONDS} s from the server's time.`,
    );
  }
  const host = header(req, "host") ?? "";
  if (date !== utcDate(timestamp) || (scope !== service && scope !== host.split(".")[0] && scope !== host.split(":")[0]?.split(".")[0])) {
    throw new MockServiceError("AuthFailure.SignatureFailure", `The credential scope ${date}/${scope} does not match the request.`);
  }
  const extra: Record<string, string> = {};
  for (const name of signedHeaders.split(";")) {
    if (name !== "content-type" && name !== "host") extra[name] = (header(req, name) ?? "").trim().toLowerCase();
  }
  const expected = signTc3({
    secretId,
    secretKey: key.secretKey,
    service: scope,
    host,
    timestamp,
    contentType: header(req, "content-type") ?? "",
    payload: body,
    method: req.method ?? "POST",
    path: req.url?.split("?")[0] ?? "/",
    query: req.url?.split("?")[1] ?? "",
    extraSignedHeaders: extra,
  });
  if (expected.signedHeaders !== signedHeaders || !timingSafeEqual(Buffer.from(expected.signature, "hex"), Buffer.from(signature, "hex"))) {
    throw new MockServiceError(
      "AuthFailure.SignatureFailure",
      "The provided credentials could not be validated. Please check your signature is correct.",
    );
  }
  if ((header(req, "x-tc-token") ?? "") !== (key.token ?? "")) {
    throw new MockServiceError("AuthFailure.TokenFailure", "The token does not match the key.");
  }
}

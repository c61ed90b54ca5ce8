import { TcServiceError } from "@tcsdk/core";
import { afterEach, describe, expect, it } from "vitest";
import { isCreateExportError, isDeleteExportError, isDescribeExportsError } from "../../src/index.js";
import { accessLogs, FAST_POLL, KEY, startHarness, type Harness } from "./fixtures.js";
import { waitForExport } from "../../src/index.js";

/** Every documented error the emulator answers, seen through the generated client as typed errors. */
const START = Date.UTC(2026, 0, 1);
const REQUEST = { TopicId: "web", Query: "*", Count: 5, From: START, To: START + 5000 } as const;
let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function withTopic(
  options: Parameters<typeof startHarness>[0] = {},
  client: Parameters<typeof startHarness>[1] = {},
): Promise<Harness> {
  harness = await startHarness(options, client);
  await harness.emulator.createTopic({ id: "web" });
  await harness.emulator.appendLogs("web", accessLogs(5, START));
  return harness;
}

async function failure(promise: Promise<unknown>): Promise<TcServiceError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TcServiceError);
  const serviceError = error as TcServiceError;
  expect(serviceError.requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(serviceError.status).toBe(200);
  expect(serviceError.service).toBe("cls");
  return serviceError;
}

describe("service errors from the emulator, through the generated client", () => {
  it("ResourceNotFound.TopicNotExist", async () => {
    const h = await withTopic();
    const error = await failure(h.client.describeExports({ TopicId: "no-such-topic" }));
    expect(error.code).toBe("ResourceNotFound.TopicNotExist");
    expect(isDescribeExportsError(error)).toBe(true);
    expect(isCreateExportError(error)).toBe(false);
  });

  it("ResourceNotFound.ExportNotExist", async () => {
    const h = await withTopic();
    const error = await failure(h.client.deleteExport({ ExportId: "00000000-0000-4000-8000-000000000000" }));
    expect(error.code).toBe("ResourceNotFound.ExportNotExist");
    expect(isDeleteExportError(error)).toBe(true);
  });

  it("FailedOperation.TopicClosed", async () => {
    const h = await withTopic();
    await h.emulator.setTopicStatus("web", "closed");
    const error = await failure(h.client.createExport(REQUEST));
    expect(error.code).toBe("FailedOperation.TopicClosed");
    expect(error.attempts).toBe(1);
  });

  it("LimitExceeded.Export, and none once the running task finished", async () => {
    const h = await withTopic({ maxUnfinishedExports: 1, delays: { queuedMs: 300, processingMs: 50 } });
    const { ExportId } = await h.client.createExport(REQUEST);
    const error = await failure(h.client.createExport(REQUEST));
    expect(error.code).toBe("LimitExceeded.Export");
    await waitForExport(h.client, { TopicId: "web", ExportId }, FAST_POLL);
    await expect(h.client.createExport(REQUEST)).resolves.toMatchObject({ ExportId: expect.any(String) });
  });

  it("InvalidParameter for query syntax the service does not understand (the client cannot know)", async () => {
    const h = await withTopic();
    const error = await failure(h.client.createExport({ ...REQUEST, Query: "status:(200" }));
    expect(error.code).toBe("InvalidParameter");
    const page = await h.client.describeExports({ TopicId: "web" });
    expect(page.TotalCount).toBe(0);
  });

  it("AuthFailure.SecretIdNotFound and AuthFailure.SignatureFailure are not retried", async () => {
    const h = await withTopic();
    const unknown = h.clientWith({ credentials: { secretId: "AKIDnobody", secretKey: "x" } });
    expect((await failure(unknown.describeExports({ TopicId: "web" }))).code).toBe("AuthFailure.SecretIdNotFound");
    const wrongKey = h.clientWith({ credentials: { secretId: KEY.secretId, secretKey: "not-the-key" } });
    const error = await failure(wrongKey.describeExports({ TopicId: "web" }));
    expect(error.code).toBe("AuthFailure.SignatureFailure");
    expect(error.attempts).toBe(1);
    await Promise.all([unknown.close(), wrongKey.close()]);
  });

  it("AuthFailure.SignatureExpire is cured by one re-signed retry, and the offset is kept", async () => {
    const serverNow = (): number => Date.now() + 10 * 60_000;
    const answers: (string | undefined)[] = [];
    const h = await withTopic(
      { clock: serverNow },
      { hooks: { afterResponse: (info) => answers.push(info.error instanceof TcServiceError ? info.error.code : "ok") } },
    );
    await expect(h.client.describeExports({ TopicId: "web" })).resolves.toMatchObject({ TotalCount: 0 });
    expect(answers).toEqual(["AuthFailure.SignatureExpire", "ok"]);
    await h.client.describeExports({ TopicId: "web" });
    expect(answers).toEqual(["AuthFailure.SignatureExpire", "ok", "ok"]);
  });

  it("RequestLimitExceeded past 20 requests/s: retried with backoff when allowed, surfaced when not", async () => {
    let now = Date.now();
    const h = await withTopic({ clock: () => now, rateLimit: 20 }, { rateLimit: false, clock: () => now, maxAttempts: 1 });
    for (let i = 0; i < 20; i++) await h.client.describeExports({ TopicId: "web" });
    const error = await failure(h.client.describeExports({ TopicId: "web" }));
    expect(error.code).toBe("RequestLimitExceeded");
    // With retries, the wait lets the emulator's window move on (its clock is moved by the test here).
    const seen: string[] = [];
    const patient = h.clientWith({
      rateLimit: false,
      clock: () => now,
      maxAttempts: 3,
      random: () => 0.01,
      hooks: {
        afterResponse: (info) => {
          seen.push(info.error instanceof TcServiceError ? info.error.code : "ok");
          now += 1100;
        },
      },
    });
    await expect(patient.describeExports({ TopicId: "web" })).resolves.toMatchObject({ TotalCount: 0 });
    expect(seen).toEqual(["RequestLimitExceeded", "ok"]);
    await patient.close();
  });
});

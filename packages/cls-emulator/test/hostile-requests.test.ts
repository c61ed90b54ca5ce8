/**
 * No request, however malformed, may crash the emulator or reach its error log: paths Node's http
 * client would never send go over raw sockets, then a normal signed call must still be answered.
 */
import { connect } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Emulator } from "../src/index.js";
import { call, cleanup, codeOf, start } from "./helpers.js";

afterEach(() => {
  vi.restoreAllMocks();
  return cleanup();
});

/** Sends raw bytes and answers the status code of the reply (0 when the connection closed without one). */
function raw(emulator: Emulator, text: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(emulator.port, "127.0.0.1", () => socket.end(text));
    let data = "";
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer to ${JSON.stringify(text.split("\r\n")[0])}`));
    }, 5000);
    socket.setEncoding("utf8").on("data", (chunk: string) => (data += chunk));
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearTimeout(timer);
      const status = /^HTTP\/1\.1 (\d{3})/.exec(data)?.[1];
      resolve({ status: status === undefined ? 0 : Number(status), body: data.slice(data.indexOf("\r\n\r\n") + 4) });
    });
  });
}

function request(method: string, target: string, extra = ""): string {
  return `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${extra}Content-Length: 0\r\nConnection: close\r\n\r\n`;
}

const TARGETS = [
  "//",
  "///",
  "//[",
  "/\\",
  "/\\\\",
  "//:99999/",
  "//evil.example/",
  "/%",
  "/?%",
  "/?a=%E0%A4%A&b=%",
  "/cos/%",
  "/cos/%E0%A4%A/x",
  "/cos/../../etc/passwd",
  "/cos/%2e%2e/%2e%2e",
  "/_emulator/topics/%E0%A4%A",
  "/_emulator/topics/%",
  "/_emulator/%ZZ",
  "/_emulator/topics/..%2f..",
  "*",
  "http://[/",
  "http://a:99999/",
  "http:///",
  "https://127.0.0.1//?x",
];

describe("hostile requests", () => {
  it("answers every malformed path with a 4xx or an API error, logs nothing, and keeps serving", async () => {
    const errors = vi.spyOn(console, "error");
    const emulator = await start();
    await emulator.createTopic({ id: "t1" });
    const answers: string[] = [];
    for (const target of TARGETS) {
      for (const method of ["GET", "POST", "HEAD", "DELETE", "OPTIONS"]) {
        const { status } = await raw(emulator, request(method, target));
        answers.push(`${method} ${target} ${status}`);
      }
    }
    // a few more: bad headers, a body cut short
    answers.push(
      `dup headers ${(await raw(emulator, request("POST", "/", "Authorization: a\r\nAuthorization: b\r\nContent-Type: application/json\r\n"))).status}`,
    );
    answers.push(
      `form no sig ${(await raw(emulator, request("POST", "//", "Content-Type: application/x-www-form-urlencoded\r\n"))).status}`,
    );
    for (const answer of answers) expect(answer).toMatch(/ (200|400|403|404|405|431)$/);
    // bodies cut short: the client is gone, there is nothing to answer and nothing to log
    for (const target of ["/", "/_emulator/topics/t1/logs"]) {
      await new Promise<void>((resolve) => {
        const socket = connect(emulator.port, "127.0.0.1", () => {
          socket.write(
            `POST ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"__TIMESTAMP__":1}\n{"a":`,
          );
          setTimeout(() => socket.destroy(), 50);
        });
        socket.on("close", () => resolve());
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(errors).not.toHaveBeenCalled();
    expect(emulator.listTopics()[0]?.logCount).toBe(0);

    expect(codeOf(await call(emulator, "DescribeExports", { TopicId: "t1" }))).toBeUndefined();
    expect((await fetch(`${emulator.url}/_emulator/health`)).status).toBe(200);
  });

  it("answers the API at a path of slashes, InvalidRequest elsewhere, 400 to malformed escapes", async () => {
    const emulator = await start();
    const api = await raw(emulator, request("GET", "//"));
    expect(api.status).toBe(200);
    expect(JSON.parse(api.body).Response.Error.Code).toBe("AuthFailure.InvalidAuthorization");
    const bracket = await raw(emulator, request("POST", "//[", "Content-Type: application/json\r\n"));
    expect(JSON.parse(bracket.body).Response.Error.Code).toBe("InvalidRequest");

    const admin = await raw(emulator, request("GET", "/_emulator/topics/%E0%A4%A"));
    expect(admin.status).toBe(400);
    expect(JSON.parse(admin.body)).toEqual({ error: { code: "InvalidPath", message: expect.any(String) } });
    const cos = await raw(emulator, request("GET", "/cos/%"));
    expect(cos.status).toBe(400);
    expect(cos.body).toContain("<Code>InvalidURI</Code>");
    const star = await raw(emulator, request("OPTIONS", "*"));
    expect(star.status).toBe(400);
    expect(JSON.parse(star.body).Response.Error.Code).toBe("InvalidRequest");
  });
});

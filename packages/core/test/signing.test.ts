import { createHash, createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Tc3Signer, deriveSigningKey, parseTc3Authorization, signTc3, utcDate, type Tc3SignInput } from "../src/signing.js";

const vectorsDir = new URL("./fixtures/vectors/", import.meta.url);

interface OfficialCase {
  id: string;
  description: string;
  secretId: string;
  secretKey: string;
  service: string;
  host: string;
  method: string;
  path: string;
  query: string;
  contentType: string;
  timestamp: number;
  payloadBase64: string;
  authorization: string;
  canonicalRequest: string;
  stringToSign: string;
  date: string;
  hashedPayload: string;
  signature: string;
}

interface DocVector {
  label: string;
  service: string;
  host: string;
  action: string;
  timestamp: number;
  date: string;
  secretId: string;
  secretKey: string;
  payload: string;
  signedHeaders: string;
  canonicalHeaders: string;
  canonicalRequest: string;
  stringToSign: string;
  secretSigning: string;
  signature: string;
  authorization: string;
}

const official = JSON.parse(readFileSync(new URL("tc3-official.json", vectorsDir), "utf8")) as {
  count: number;
  cases: OfficialCase[];
};
const docs = JSON.parse(readFileSync(new URL("tc3-doc-examples.json", vectorsDir), "utf8")) as { vectors: DocVector[] };

/** The signer's input for an official case: the exact payload bytes and every signed field. */
function inputOf(c: OfficialCase): Tc3SignInput {
  return {
    secretId: c.secretId,
    secretKey: c.secretKey,
    service: c.service,
    host: c.host,
    method: c.method,
    path: c.path,
    query: c.query,
    contentType: c.contentType,
    timestamp: c.timestamp,
    payload: Buffer.from(c.payloadBase64, "base64"),
  };
}

describe("TC3 official vectors (made by the official Node SDK)", () => {
  it("has every case of the file", () => {
    expect(official.cases.length).toBe(official.count);
    expect(official.cases.length).toBeGreaterThanOrEqual(42);
  });

  it.each(official.cases.map((c) => [`${c.id} ${c.description}`, c] as const))("%s", (_name, c) => {
    const result = signTc3(inputOf(c));
    expect(result.date).toBe(c.date);
    expect(result.hashedPayload).toBe(c.hashedPayload);
    expect(result.canonicalRequest).toBe(c.canonicalRequest);
    expect(result.stringToSign).toBe(c.stringToSign);
    expect(result.signature).toBe(c.signature);
    expect(result.authorization).toBe(c.authorization);
  });

  it("gives the same answers through Tc3Signer's cached key, case after case", () => {
    const signer = new Tc3Signer();
    for (const c of official.cases) {
      const input = inputOf(c);
      expect(signer.sign(input).authorization, c.id).toBe(c.authorization);
      expect(signer.sign(input).authorization, `${c.id} (cached)`).toBe(c.authorization);
    }
  });
});

describe("TC3 documentation examples", () => {
  it.each(docs.vectors.map((v) => [v.label, v] as const))("%s", (_label, v) => {
    const extra = v.signedHeaders.includes("x-tc-action") ? { "x-tc-action": v.action.toLowerCase() } : undefined;
    const input: Tc3SignInput = {
      secretId: v.secretId,
      secretKey: v.secretKey,
      service: v.service,
      host: v.host,
      timestamp: v.timestamp,
      contentType: "application/json; charset=utf-8",
      payload: v.payload,
      ...(extra === undefined ? {} : { extraSignedHeaders: extra }),
    };
    const result = signTc3(input);
    expect(result.signedHeaders).toBe(v.signedHeaders);
    expect(result.canonicalRequest).toBe(v.canonicalRequest);
    expect(result.stringToSign).toBe(v.stringToSign);
    expect(deriveSigningKey(v.secretKey, v.date, v.service).toString("hex")).toBe(v.secretSigning);
    expect(result.signature).toBe(v.signature);
    expect(result.authorization).toBe(v.authorization);
  });
});

describe("TC3 properties", () => {
  const base: Tc3SignInput = {
    secretId: "AKIDexample",
    secretKey: "secret",
    service: "cls",
    host: "cls.tencentcloudapi.com",
    timestamp: 1_700_000_000,
    contentType: "application/json",
    payload: "{}",
  };
  const text = fc.string({ minLength: 1, maxLength: 40 });
  /** Every signed input, each with a generator of values. */
  const fields = {
    secretKey: text,
    service: fc.stringMatching(/^[a-z][a-z0-9]{0,12}$/),
    host: fc.domain(),
    timestamp: fc.integer({ min: 0, max: 4_102_444_800 }),
    contentType: fc.constantFrom("application/json", "application/json; charset=utf-8", "multipart/form-data"),
    payload: fc.string({ maxLength: 200 }),
    method: fc.constantFrom("POST", "GET"),
    query: fc.string({ maxLength: 40 }),
  } as const;

  it("any change to a signed input changes the signature", () => {
    const field = fc.constantFrom(...(Object.keys(fields) as (keyof typeof fields)[]));
    fc.assert(
      fc.property(
        field.chain((name) => fc.tuple(fc.constant(name), fields[name] as fc.Arbitrary<unknown>, fields[name] as fc.Arbitrary<unknown>)),
        ([name, a, b]) => {
          fc.pre(a !== b);
          const first = signTc3({ ...base, [name]: a });
          const second = signTc3({ ...base, [name]: b });
          expect(first.signature).not.toBe(second.signature);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("the secret id changes the Authorization header but not the signature", () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        fc.pre(a !== b);
        const first = signTc3({ ...base, secretId: a });
        const second = signTc3({ ...base, secretId: b });
        expect(first.signature).toBe(second.signature);
        expect(first.authorization).not.toBe(second.authorization);
      }),
    );
  });

  it("one changed byte of a binary payload changes the signature", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 256 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (bytes, at, flip) => {
        const changed = Uint8Array.from(bytes);
        const index = at % changed.length;
        changed[index] = (changed[index] as number) ^ flip;
        expect(signTc3({ ...base, payload: bytes }).signature).not.toBe(signTc3({ ...base, payload: changed }).signature);
      }),
    );
  });

  it("dates around UTC midnight use the UTC calendar day, whatever the local time zone", () => {
    // 2023-11-14T00:00:00Z; Beijing (UTC+8) is already on the 14th at 16:00Z the day before.
    const midnight = 1_699_920_000;
    fc.assert(
      fc.property(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -60, max: 59 }), (days, seconds) => {
        const timestamp = midnight + days * 86_400 + seconds;
        const expected = new Date(timestamp * 1000).toISOString().slice(0, 10);
        const result = signTc3({ ...base, timestamp });
        expect(result.date).toBe(expected);
        expect(result.stringToSign.split("\n")[2]).toBe(`${expected}/cls/tc3_request`);
        expect(result.authorization).toContain(`Credential=AKIDexample/${expected}/cls/tc3_request`);
      }),
    );
    expect(utcDate(midnight - 1)).toBe("2023-11-13");
    expect(utcDate(midnight)).toBe("2023-11-14");
  });

  it("Tc3Signer derives a new key when the UTC day changes (one second before and after midnight)", () => {
    const signer = new Tc3Signer();
    for (const timestamp of [1_699_919_999, 1_699_920_000, 1_699_919_999]) {
      const input = { ...base, timestamp };
      expect(signer.sign(input).signature).toBe(signTc3(input).signature);
    }
  });

  it("signs with the HMAC-SHA256 and SHA-256 of node:crypto's createHmac and createHash, for any key, text and bytes", () => {
    // signTc3 hashes in one shot and builds its HMAC from two hashes (RFC 2104): checked here against
    // Node's own, for signing keys shorter than, as long as and longer than a 64-byte block
    const payload = fc.oneof(fc.string({ unit: "grapheme", maxLength: 300 }), fc.uint8Array({ maxLength: 300 }));
    const text = fc.string({ unit: "grapheme", maxLength: 30 });
    fc.assert(
      // the service is part of the string to sign: any text, so that the HMAC's message is not ASCII alone
      fc.property(fc.uint8Array({ maxLength: 150 }), payload, text, text, (key, body, query, service) => {
        const input = { ...base, payload: body, query, service };
        const result = signTc3(input, key);
        expect(result.hashedPayload).toBe(createHash("sha256").update(body).digest("hex"));
        expect(result.stringToSign.endsWith(createHash("sha256").update(result.canonicalRequest).digest("hex"))).toBe(true);
        expect(result.signature).toBe(createHmac("sha256", key).update(result.stringToSign).digest("hex"));
      }),
      { numRuns: 500 },
    );
    for (const length of [0, 1, 31, 32, 63, 64, 65, 128, 1000]) {
      const key = Buffer.alloc(length, length % 251);
      expect(signTc3(base, key).signature, `a ${length}-byte key`).toBe(
        createHmac("sha256", key).update(signTc3(base, key).stringToSign).digest("hex"),
      );
    }
  });

  it("Tc3Signer signs as signTc3 does, across secret keys, services and days", () => {
    const signer = new Tc3Signer();
    fc.assert(
      fc.property(fields.secretKey, fields.service, fields.timestamp, fields.payload, (secretKey, service, timestamp, payload) => {
        const input = { ...base, secretKey, service, timestamp, payload };
        expect(signer.sign(input).signature).toBe(signTc3(input).signature);
      }),
    );
  });

  it("signs the host without its port, and the service it is given (never one from the host)", () => {
    const withPort = signTc3({ ...base, host: "127.0.0.1:8080" });
    const withoutPort = signTc3({ ...base, host: "127.0.0.1" });
    expect(withPort.signature).toBe(withoutPort.signature);
    expect(withPort.canonicalRequest).toContain("\nhost:127.0.0.1\n");
    expect(withPort.stringToSign).toContain("/cls/tc3_request");
  });

  it("signs the host in lower case, as the official SDK's URL.hostname does", () => {
    const mixed = signTc3({ ...base, host: "CLS.TencentCloudAPI.com:443" });
    expect(mixed.canonicalRequest).toContain("\nhost:cls.tencentcloudapi.com\n");
    expect(mixed.signature).toBe(signTc3({ ...base, host: "cls.tencentcloudapi.com" }).signature);
    // Computed here step by step from the documented algorithm, independently of signTc3.
    const hmac = (key: string | Buffer, data: string): Buffer => createHmac("sha256", key).update(data).digest();
    const hash = (data: string): string => createHash("sha256").update(data).digest("hex");
    const canonical = `POST\n/\n\ncontent-type:application/json\nhost:cls.tencentcloudapi.com\n\ncontent-type;host\n${hash("{}")}`;
    const toSign = `TC3-HMAC-SHA256\n1700000000\n2023-11-14/cls/tc3_request\n${hash(canonical)}`;
    const key = hmac(hmac(hmac("TC3secret", "2023-11-14"), "cls"), "tc3_request");
    expect(mixed.signature).toBe(createHmac("sha256", key).update(toSign).digest("hex"));
  });

  it("matches the official Node SDK's sign3 for mixed-case hosts", () => {
    // The official SDK, a test dependency of the emulator in this repository.
    const require = createRequire(import.meta.url); // the official SDK is a devDependency of core's tests
    const sign = require("tencentcloud-sdk-nodejs-common/tencentcloud/common/sign.js") as {
      default: { sign3(input: Record<string, unknown>): string };
    };
    for (const host of ["CLS.TencentCloudAPI.com", "Cls.Ap-Guangzhou.TencentCloudAPI.COM", "LOCALHOST"]) {
      const expected = sign.default.sign3({
        url: `https://${host}/`,
        payload: Buffer.from('{"TopicId":"t"}'),
        timestamp: 1_700_000_000,
        service: "cls",
        secretId: "AKIDexample",
        secretKey: "secret",
        headers: { "Content-Type": "application/json" },
      });
      expect(signTc3({ ...base, host, payload: '{"TopicId":"t"}' }).authorization).toBe(expected);
    }
  });
});

describe("parseTc3Authorization (what a server that verifies reads)", () => {
  it("reads back what signTc3 wrote, and refuses what is not a TC3 header", () => {
    const { authorization, signature } = signTc3({
      secretId: "AKIDparse",
      secretKey: "parse-key",
      service: "cvm",
      host: "cvm.tencentcloudapi.com",
      timestamp: 1_700_000_000,
      contentType: "application/json",
      payload: "{}",
      extraSignedHeaders: { "x-tc-action": "describeinstances" },
    });
    expect(parseTc3Authorization(authorization)).toEqual({
      secretId: "AKIDparse",
      date: "2023-11-14",
      service: "cvm",
      signedHeaders: ["content-type", "host", "x-tc-action"],
      signature,
    });
    for (const broken of ["SKIP", "TC3-HMAC-SHA256 Credential=a/2023-11-14/cvm", `HMAC ${authorization.slice(16)}`, "TC3-HMAC-SHA256 x"]) {
      expect(parseTc3Authorization(broken), broken).toBeUndefined();
    }
  });
});

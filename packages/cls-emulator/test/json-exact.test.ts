/**
 * The exact JSON parsing (64-bit integers kept as bigint, through lossless-json) and the answers' bigint-aware stringify,
 * plus what they mean for int64/uint64 parameters on the wire.
 */
import { afterEach, describe, expect, it } from "vitest";
import { JsonSyntaxError, parseJsonExact, stringifyJson } from "../src/json-exact.js";
import { call, callText, cleanup, codeOf, start, waitForStatus } from "./helpers.js";

afterEach(cleanup);

describe("parseJsonExact", () => {
  const sameAsJsonParse = [
    '{"a":1,"b":[true,false,null],"c":{"d":"e\\u00e9\\n\\"q\\\\"},"f":-0.5e3}',
    ' \t\n{ "x" : [ ] , "y" : { } }\r\n',
    '"just a string"',
    "12",
    "-0",
    "1.0",
    "1e400",
    '{"dup":1,"dup":2}',
    '{"__proto__":{"polluted":true}}',
    '["\\ud83d\\ude42", "🙂", "\\\\\\""]',
    "9007199254740991",
    "-9007199254740991",
  ];
  it.each(sameAsJsonParse)("parses %s like JSON.parse, also beside a long integer (the exact parser)", (text) => {
    expect(parseJsonExact(text)).toEqual(JSON.parse(text));
    expect(parseJsonExact(`[9007199254740993,${text}]`)).toEqual([9007199254740993n, JSON.parse(text)]);
  });

  it("keeps integers beyond 2^53 - 1 exact as bigint, leaves decimals and exponents as numbers", () => {
    expect(parseJsonExact('{"To":9223372036854775807,"Offset":9007199254740992,"n":-9223372036854775808}')).toEqual({
      To: 9223372036854775807n,
      Offset: 9007199254740992n,
      n: -9223372036854775808n,
    });
    expect(parseJsonExact("[18446744073709551615, 1e20, 9007199254740993.0]")).toEqual([18446744073709551615n, 1e20, 9007199254740992]);
  });

  it("never sets a prototype from a __proto__ key", () => {
    const value = parseJsonExact('{"__proto__":{"polluted":true}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  const invalid = [
    "",
    "{",
    "{]",
    '{"a"}',
    '{"a":}',
    "[1,]",
    '{"a":1,}',
    "01",
    "1.",
    ".5",
    "-",
    "+1",
    "tru",
    "nul",
    '"\\x"',
    '"a\nb"',
    '"abc',
    "{} {}",
    "NaN",
    "\uFEFF{}",
  ];
  it.each(invalid)("refuses %j", (text) => {
    expect(() => parseJsonExact(text)).toThrow(/position/);
    // the same with a long integer in it, which takes the exact parser
    const withLong = text.startsWith("{") ? text.replace("{", '{"n":9007199254740993,') : `[9007199254740993,${text}]`;
    expect(() => parseJsonExact(withLong)).toThrow(/position/);
  });

  it("parses deep nesting beside a long integer, and refuses nesting too deep to parse with a syntax error, not a crash", () => {
    expect(parseJsonExact(`${"[".repeat(900)}9007199254740993${"]".repeat(900)}`)).toBeDefined();
    expect(() => parseJsonExact(`${"[".repeat(200_000)}9007199254740993${"]".repeat(200_000)}`)).toThrow(JsonSyntaxError);
  });
});

describe("stringifyJson", () => {
  it("writes bigint as bare digits and everything else as JSON.stringify does", () => {
    const value = { a: 1, b: [1n, "x", null, undefined], c: { d: 9223372036854775807n, e: undefined }, f: 'q"\n' };
    expect(stringifyJson(value)).toBe('{"a":1,"b":[1,"x",null,null],"c":{"d":9223372036854775807},"f":"q\\"\\n"}');
    const plain = { a: [1, { b: "c" }], d: true, e: null };
    expect(stringifyJson(plain)).toBe(JSON.stringify(plain));
  });
});

describe("64-bit parameters on the wire", () => {
  it("accepts int64 From/To up to 2^63 - 1 sent as bare JSON numbers, echoes them exactly, matches nothing beyond any log", async () => {
    const emulator = await start();
    await emulator.createTopic({ id: "t1" });
    await emulator.appendLogs("t1", [{ __TIMESTAMP__: 1000, a: "x" }]);
    const wide = await call(
      emulator,
      "CreateExport",
      {},
      { body: '{"TopicId":"t1","Query":"*","Count":10,"From":0,"To":9223372036854775807}' },
    );
    expect(codeOf(wide)).toBeUndefined();
    const late = await call(
      emulator,
      "CreateExport",
      {},
      {
        body: '{"TopicId":"t1","Query":"*","Count":10,"From":9007199254740993,"To":9223372036854775807}',
      },
    );
    expect(codeOf(late)).toBeUndefined();
    const wideInfo = await waitForStatus(emulator, "t1", wide.response.ExportId as string, "Completed");
    const lateInfo = await waitForStatus(emulator, "t1", late.response.ExportId as string, "Completed");
    expect(wideInfo.FileSize).toBeGreaterThan(lateInfo.FileSize as number);

    // the answer carries the exact digits (a JSON.parse reader would round them)
    const text = await callText(emulator, "DescribeExports", '{"TopicId":"t1","Limit":100}');
    expect(text).toContain('"From":9007199254740993,"To":9223372036854775807');
    expect(text).toContain('"From":0,"To":9223372036854775807');
  });

  it("takes any int64 Offset from 0 and refuses values outside the types' ranges", async () => {
    const emulator = await start();
    await emulator.createTopic({ id: "t1" });
    const describe = (offset: string) => call(emulator, "DescribeExports", {}, { body: `{"TopicId":"t1","Offset":${offset}}` });
    for (const offset of ["9007199254740992", "9223372036854775807"]) {
      const answer = await describe(offset);
      expect(answer.response).toMatchObject({ Exports: [], TotalCount: 0 });
    }
    const over = await describe("9223372036854775808");
    expect(codeOf(over)).toBe("InvalidParameter");
    expect(over.response.Error?.Message).toContain("from 0 to 9223372036854775807");
    const create = (fields: string) => call(emulator, "CreateExport", {}, { body: `{"TopicId":"t1","Query":"*",${fields}}` });
    expect(codeOf(await create('"Count":1,"From":0,"To":9223372036854775808'))).toBe("InvalidParameter");
    expect(codeOf(await create('"Count":1,"From":-1,"To":5'))).toBe("InvalidParameter");
    expect(codeOf(await create('"Count":18446744073709551615,"From":0,"To":5'))).toBe("InvalidParameter");
    expect(codeOf(await create('"Count":1,"From":9223372036854775807,"To":9007199254740993'))).toBe("InvalidParameter");
    expect(codeOf(await create('"Count":1,"From":0,"To":1e300'))).toBe("InvalidParameter");
  });
});

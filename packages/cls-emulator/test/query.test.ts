import { describe, expect, it } from "vitest";
import { buildQuery, parseQuery, QuerySyntaxError } from "../src/query/index.js";

const LOG = {
  __TIMESTAMP__: 1700000000000,
  status: 200,
  method: "GET",
  path: "/api/v1/users",
  message: "User login failed: bad password",
  level: "ERROR",
  latency: "512",
  empty: "",
};

const matches: [string, boolean][] = [
  ["", true],
  ["*", true],
  ["status:200", true],
  ["status:404", false],
  ["level:error", true],
  ["level:ERR*", true],
  ["level:er?or", true],
  ["level:er?r", false],
  ["login", true],
  ["LOGIN", true],
  ["logi", false],
  ["log*", true],
  ['"login failed"', true],
  ['"failed login"', false],
  ['message:"bad password"', true],
  ['message:"bad"', true],
  ["users", true],
  ["path:users", true],
  ['path:"/api/v1"', true],
  ["status:200 AND method:GET", true],
  ["status:200 AND method:POST", false],
  ["status:200 method:POST", false],
  ["status:404 OR method:GET", true],
  ["NOT status:404", true],
  ["NOT status:200", false],
  ["status:200 AND NOT level:ERROR", false],
  ["(status:404 OR status:200) AND level:error", true],
  ["status:404 OR status:500 AND level:error", false],
  ["status:200 OR status:500 AND level:info", true],
  ["latency:>500", true],
  ["latency:>=512", true],
  ["latency:>512", false],
  ["latency:<=512", true],
  ["latency:<100", false],
  ["status:[100 TO 200]", true],
  ["status:{100 TO 200}", false],
  ["status:[200 TO *]", true],
  ["method:>1", false],
  ["level:*", true],
  ["missing:*", false],
  ["NOT missing:*", true],
  ["missing:x", false],
  ["1700000000000", false],
  ["__TIMESTAMP__:>=1700000000000", true],
  ["a\\*b", false],
];

describe("query matcher", () => {
  it.each(matches)("%j matches: %s", (query, expected) => {
    expect(buildQuery(query).matches(LOG)).toBe(expected);
  });

  it("flags only the match-all queries", () => {
    expect(buildQuery("").matchesAll).toBe(true);
    expect(buildQuery("  * ").matchesAll).toBe(true);
    expect(buildQuery("status:200").matchesAll).toBe(false);
  });

  it("treats lower-case operators as terms in Lucene but as operators in CQL", () => {
    const log = { a: "x", b: "y" };
    expect(buildQuery("a:x or b:z", 0).matches(log)).toBe(false);
    expect(buildQuery("a:x or b:z", 1).matches(log)).toBe(true);
    expect(buildQuery("a:z and b:y", 1).matches(log)).toBe(false);
  });

  it("matches escaped special characters literally", () => {
    expect(buildQuery("path:\\/api\\/v1\\/users").matches(LOG)).toBe(true);
    expect(buildQuery("k:a\\*b").matches({ k: "a*b" })).toBe(true);
    expect(buildQuery("k:a\\*b").matches({ k: "axxb" })).toBe(false);
    expect(buildQuery("k:a\\*").matches({ k: "abc" })).toBe(false);
    expect(buildQuery("k:a*").matches({ k: "abc" })).toBe(true);
  });
});

const rejections: [string, number, RegExp][] = [
  ["status:200 | select count(*)", 11, /SQL/],
  ["| select 1", 0, /SQL/],
  ["a && b", 2, /AND/],
  ["!a", 0, /NOT/],
  ["a~2", 1, /fuzzy/],
  ["a^2", 1, /boost/],
  ["/ab+c/", 0, /regular/],
  ["+a", 0, /\+/],
  ["-a", 0, /-/],
  ['"open', 0, /unterminated/],
  ["(a OR b", 7, /'\)'/],
  ["a OR b)", 6, /unexpected/],
  ["()", 0, /empty/],
  ["a AND", 5, /end of the query/],
  ["AND a", 0, /term/],
  ["a OR OR b", 5, /term/],
  ["NOT", 3, /end/],
  ["status:", 7, /value after 'status:'/],
  [":value", 0, /term/],
  ["status:>abc", 8, /number/],
  ["status:[1 2]", 10, /TO/],
  ["status:[1 TO 2", 14, /'\]'/],
  ["status:[* TO *]", 13, /bound/],
  ["a:b:c", 3, /term/],
  ["field:(a OR b)", 6, /value after/],
  ["a\\", 1, /escape/],
];

describe("query rejections", () => {
  it.each(rejections)("%j is rejected at %d", (query, position, message) => {
    let error: unknown;
    try {
      parseQuery(query);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(QuerySyntaxError);
    expect((error as QuerySyntaxError).position).toBe(position);
    expect((error as QuerySyntaxError).message).toMatch(message);
    expect((error as QuerySyntaxError).message).toContain(`position ${position}`);
  });
});

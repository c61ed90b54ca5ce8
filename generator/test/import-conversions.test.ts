/**
 * Table tests of the importer's conversions: Tencent's HTML/Markdown documentation to clean Markdown,
 * and its examples (raw HTTP, GET URLs, JSON that translation broke) to JSON requests and answers.
 */
import { describe, expect, it } from "vitest";
import { convertExample, repairJson } from "../src/import/convert-examples.js";
import { docsToMarkdown } from "../src/import/docs-markdown.js";
import type { Model } from "../src/import/upstream.js";

const INTL = "https://www.tencentcloud.com" as const;

describe("documentation to Markdown", () => {
  it.each([
    [
      "keeps Markdown as written",
      "Log topic ID\n- Obtain it through [the list](https://x.test/a)",
      "Log topic ID\n- Obtain it through [the list](https://x.test/a)",
    ],
    [
      "makes the model's `-item` lines a list",
      "Type:\n-file collection\n-[link item](https://x.test)\n-1 means none",
      "Type:\n- file collection\n- [link item](https://x.test)\n-1 means none",
    ],
    [
      "leaves code untouched by the conversions",
      "<pre>&lt;p&gt;a&lt;/p&gt;&lt;br&gt;b</pre> and <code>&lt;div&gt;</code>, `<br>` &amp;lt;",
      "```text\n<p>a</p><br>b\n```\n\nand `<div>`, `<br>` &lt;",
    ],
    [
      "drops the tracking parameter before an anchor, and completes a protocol-relative link",
      '[a](https://x.test/p?from_cn_redirect=1#s) <a href="//cdn.test/y">y</a>',
      "[a](https://x.test/p#s) [y](https://cdn.test/y)",
    ],
    ["turns paragraphs and breaks into lines", "<p>First.</p><p>Second<br>line.</p>", "First.\n\nSecond\nline."],
    ["turns lists into Markdown lists, nested ones indented", "<ul><li>a</li><li>b<ul><li>c</li></ul></li></ul>", "- a\n- b\n\n  - c"],
    ["numbers ordered lists", "<ol><li>one</li><li>two</li></ol>", "1. one\n2. two"],
    [
      "keeps a paragraph inside an item in the item",
      "<ul><li><p>When off, it cannot be empty.</p></li></ul>",
      "- When off, it cannot be empty.",
    ],
    [
      "turns links into Markdown links without the tracking parameter",
      '<a href="https://intl.cloud.tencent.com/document/product/614/44061?from_cn_redirect=1" target="_blank">[SQL statements]</a> are not supported',
      "[SQL statements](https://intl.cloud.tencent.com/document/product/614/44061) are not supported",
    ],
    [
      "drops the tracking parameter from Markdown links too",
      "[List](https://www.tencentcloud.com/document/product/614/56454?from_cn_redirect=1).",
      "[List](https://www.tencentcloud.com/document/product/614/56454).",
    ],
    [
      "makes a site-relative link absolute",
      '<a href="/document/product/614/1">docs</a>',
      "[docs](https://www.tencentcloud.com/document/product/614/1)",
    ],
    [
      "turns code, strong and styled spans into Markdown",
      '<code>json_log</code> is <strong>required</strong> <span style="color:red">here</span>',
      "`json_log` is **required** here",
    ],
    [
      "fences a preformatted block",
      "<p>Formats:</p><pre><code>&quot;GMT+08:00&quot; &lt;x&gt;</code></pre>",
      'Formats:\n\n```text\n"GMT+08:00" <x>\n```',
    ],
    [
      "turns an HTML table into a Markdown table",
      "<table><thead><tr><th>name</th><th>log_type</th></tr></thead><tbody><tr><td>CDB</td><td>CDB-AUDIT</td></tr></tbody></table>",
      "| name | log_type |\n| --- | --- |\n| CDB | CDB-AUDIT |",
    ],
    ["decodes entities outside code and escapes a stray <", "a &amp; b &#39;c&#39; (?&lt;name&gt;x)", "a & b 'c' (?\\<name>x)"],
    [
      "drops the sentence the nullable flag already says",
      "Task ID.\nNote: This field may return null, indicating that no valid values can be obtained.",
      "Task ID.",
    ],
    ["keeps Chinese text", "日志主题Id\n- 通过获取日志主题列表获取日志主题Id。", "日志主题Id\n- 通过获取日志主题列表获取日志主题Id。"],
    ["leaves nothing of an empty document", "  ", ""],
  ])("%s", (_name, input, expected) => {
    expect(docsToMarkdown(input, INTL)).toBe(expected);
  });
});

/** A model with one action whose request has a list of filters, an int64, a bool and a nested structure. */
const MODEL: Model = {
  metadata: { apiVersion: "2024-01-01", serviceShortName: "demo" },
  actions: {
    ListThings: { name: "Lists things", document: "", input: "ListThingsRequest", output: "ListThingsResponse", status: "online" },
  },
  objects: {
    ListThingsRequest: {
      document: "",
      members: [
        { name: "Filters", type: "list", member: "Filter", document: "" },
        { name: "Ids", type: "list", member: "string", document: "" },
        { name: "Limit", type: "int", member: "int64", document: "" },
        { name: "Ratio", type: "float", member: "float", document: "" },
        { name: "Verbose", type: "bool", member: "bool", document: "" },
      ],
    },
    ListThingsResponse: { document: "", members: [{ name: "RequestId", type: "string", member: "string", document: "" }] },
    Filter: {
      document: "",
      usage: "in",
      members: [
        { name: "Name", type: "string", member: "string", document: "" },
        { name: "Values", type: "list", member: "string", document: "" },
      ],
    },
  },
};

const ANSWER = '{"Response": {"RequestId": "req-1"}}';
const post = (body: string, action = "ListThings", extraHead = ""): string =>
  `POST / HTTP/1.1\nHost: demo.tencentcloudapi.com\nContent-Type: application/json\nX-TC-Action: ${action}\n${extraHead}<Common request parameters>\n\n${body}`;

describe("examples", () => {
  it("takes a POST's JSON body and the answer, keeping 64-bit integers exact", () => {
    const result = convertExample(
      "ListThings",
      { title: "t", input: post('{"Limit": 9007199254740993}'), output: '{"Response": {"Total": 18446744073709551615, "RequestId": "r"}}' },
      MODEL,
    );
    expect(result).toEqual({
      ok: true,
      title: "t",
      request: { Limit: 9007199254740993n },
      response: { Response: { Total: 18446744073709551615n, RequestId: "r" } },
      notes: [],
    });
  });

  it("finds a body that follows the headers without a blank line", () => {
    const input =
      'POST / HTTP/1.1\nHost: demo.tencentcloudapi.com\nX-TC-Action: ListThings\n<Common request parameters>\n{\n  "Limit": 5\n}';
    expect(convertExample("ListThings", { title: "t", input, output: ANSWER }, MODEL)).toMatchObject({ ok: true, request: { Limit: 5 } });
  });

  it("repairs a comma lost at the end of a line, a trailing comma and an escape JSON lacks, and notes it", () => {
    const body = '{\n"Ids": ["a"]\n    "Limit": 2,\n  "Name": "x \\` y",\n}';
    const result = convertExample("ListThings", { title: "t", input: post(body), output: ANSWER }, MODEL);
    expect(result).toMatchObject({
      ok: true,
      request: { Ids: ["a"], Limit: 2, Name: "x ` y" },
      notes: ["request body: JSON repaired (commas or escapes)"],
    });
  });

  it("leaves a backslash escape that JSON has alone while repairing, and keeps the backslash of one it lacks", () => {
    expect(repairJson('{"a": "\\\\d+\\n"\n"b": 1}')).toBe('{"a": "\\\\d+\\n",\n"b": 1}');
    expect(JSON.parse(repairJson('{"a": "C:\\dir \\` x",}'))).toEqual({ a: "C:\\dir ` x" });
  });

  it("rebuilds a GET-style example from the request's member types", () => {
    const input =
      "https://demo.tencentcloudapi.com/?Action=ListThings\n&Filters.0.Name=zone name\n&Filters.0.Values.0=ap-guangzhou-1\n&Filters.0.Values.1=ap-guangzhou-2\n&Ids.0=t-1\n&Limit=20\n&Ratio=0.5\n&Verbose=TRUE\n&Version=2024-01-01\n&<Common request parameters>";
    expect(convertExample("ListThings", { title: "t", input, output: ANSWER }, MODEL)).toEqual({
      ok: true,
      title: "t",
      request: {
        Filters: [{ Name: "zone name", Values: ["ap-guangzhou-1", "ap-guangzhou-2"] }],
        Ids: ["t-1"],
        Limit: 20,
        Ratio: 0.5,
        Verbose: true,
      },
      response: { Response: { RequestId: "req-1" } },
      notes: ["rebuilt from a GET query"],
    });
  });

  it("notes a host other than the service's", () => {
    const input = post("{}").replace("demo.tencentcloudapi.com", "demo.ai.tencentcloudapi.com");
    expect(convertExample("ListThings", { title: "t", input, output: ANSWER }, MODEL)).toMatchObject({
      ok: true,
      notes: ["sent to host demo.ai.tencentcloudapi.com"],
    });
  });

  it.each([
    ["another action's request", post("{}", "DeleteThing"), ANSWER, "the request is for action DeleteThing"],
    ["a request without a body", post(""), ANSWER, "the request has no body"],
    ["a body that is not JSON", post("<LogGroupList>"), ANSWER, "the request body is not valid JSON"],
    ["a body that is no object", post("[1]"), ANSWER, "the request body is not a JSON object"],
    [
      "a protobuf body",
      post("x").replace("application/json", "application/x-protobuf"),
      ANSWER,
      "the request body is application/x-protobuf, not JSON",
    ],
    ["an event-stream answer", post("{}"), 'id: 1\ndata: {"RequestId": "r"}', "the answer is not valid JSON"],
    [
      "an error answer",
      post("{}"),
      '{"Response": {"Error": {"Code": "X", "Message": "m"}, "RequestId": "r"}}',
      "the answer is an error, not a result",
    ],
    ["an answer without RequestId", post("{}"), '{"Response": {}}', "the answer has no RequestId"],
    [
      "a GET naming a member the request lacks",
      "https://demo.tencentcloudapi.com/?Action=ListThings&Nope=1",
      ANSWER,
      "the query names Nope, which the request does not have",
    ],
    [
      "a GET list with a gap",
      "https://demo.tencentcloudapi.com/?Action=ListThings&Ids.0=a&Ids.2=b",
      ANSWER,
      "a list's indices in the query do not run 0, 1, 2…",
    ],
    [
      "a GET value of the wrong type",
      "https://demo.tencentcloudapi.com/?Action=ListThings&Limit=ten",
      ANSWER,
      "Limit is not a int64 (ten)",
    ],
    ["a GET key given twice", "https://demo.tencentcloudapi.com/?Action=ListThings&Limit=1&Limit=2", ANSWER, "the query gives Limit twice"],
  ])("skips %s, with the reason", (_name, input, output, reason) => {
    const result = convertExample("ListThings", { title: "t", input, output }, MODEL);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});

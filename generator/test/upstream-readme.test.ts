/** `updateReadme`: the upstream README's row and hash of each replaced file, rows and hashes added where missing. */
import { describe, expect, it } from "vitest";
import { updateReadme } from "../src/update/upstream-readme.js";

const A = "a".repeat(64);
const B = "b".repeat(64);
const C = "c".repeat(64);
const README = [
  "| file | what | source | count |",
  "|---|---|---|---|",
  "| `cls-2020-10-16.cn.api.json` | CLS model, China site | `TencentCloud/tencentcloud-cli` @ `6e53beb521ad` | 208 actions, 595 objects |",
  "| `cls-2020-10-16.intl-en.api.json` | CLS model, international site | `TencentCloud/tencentcloud-cli-intl-en` @ `94ed72eb3dd2` | 188 actions, 538 objects |",
  "",
  "```text",
  `${A}  cls-2020-10-16.cn.api.json`,
  `${A}  cls-2020-10-16.intl-en.api.json`,
  "```",
].join("\n");

describe("updateReadme", () => {
  it("rewrites the count, the source and the hash of a file it lists, and nothing else", () => {
    const text = updateReadme(README, [
      { name: "cls-2020-10-16.intl-en.api.json", sha256: B, count: "87 actions, 246 objects", source: "`X` @ `1`" },
    ]);
    const lines = text.split("\n");
    expect(lines[3]).toBe("| `cls-2020-10-16.intl-en.api.json` | CLS model, international site | `X` @ `1` | 87 actions, 246 objects |");
    expect(lines[7]).toBe(`${B}  cls-2020-10-16.intl-en.api.json`);
    expect(lines.filter((line, index) => line !== README.split("\n")[index])).toHaveLength(2);
  });

  it("keeps the source when none is given", () => {
    const text = updateReadme(README, [{ name: "cls-2020-10-16.cn.api.json", sha256: B, count: "210 actions, 600 objects" }]);
    expect(text).toContain(
      "| `cls-2020-10-16.cn.api.json` | CLS model, China site | `TencentCloud/tencentcloud-cli` @ `6e53beb521ad` | 210 actions, 600 objects |",
    );
  });

  it("adds a row after the last one and a hash in name order for a file it did not list", () => {
    const lines = updateReadme(README, [{ name: "cls-2020-10-16.errors.json", sha256: C, count: "121 codes, 208 actions" }]).split("\n");
    expect(lines[4]).toMatch(/^\| `cls-2020-10-16\.errors\.json` \| .* \| 121 codes, 208 actions \|$/);
    expect(lines.slice(7, 10)).toEqual([
      `${A}  cls-2020-10-16.cn.api.json`,
      `${C}  cls-2020-10-16.errors.json`,
      `${A}  cls-2020-10-16.intl-en.api.json`,
    ]);
  });
});

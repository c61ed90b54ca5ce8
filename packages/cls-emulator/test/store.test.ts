import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LineCursor } from "../src/store/line-cursor.js";
import { normalizeLogLine, storedLineTime } from "../src/store/log-line.js";
import { cleanup, tempDir } from "./helpers.js";

afterEach(cleanup);

async function readAll(path: string, backwards: boolean): Promise<string[]> {
  const cursor = await LineCursor.open(path, backwards);
  const lines: string[] = [];
  try {
    for (let guard = 0; guard < 10_000 && (await cursor.advance()); guard++) lines.push(cursor.line);
  } finally {
    await cursor.close();
  }
  return lines;
}

describe("line cursor", () => {
  it("reads lines forwards and backwards across chunk borders, long lines and multi-byte characters", async () => {
    const lines = Array.from({ length: 300 }, (_, i) =>
      JSON.stringify({ __TIMESTAMP__: i, text: i % 50 === 7 ? "\u4e2d".repeat(70_000) : `line ${i} ${"é".repeat(i)}` }),
    );
    const path = join(await tempDir(), "segment.ndjson");
    await writeFile(path, `${lines.join("\n")}\n`);
    expect(await readAll(path, false)).toEqual(lines);
    expect(await readAll(path, true)).toEqual([...lines].reverse());
  });

  it("handles an empty file and a file without a final newline", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "empty"), "");
    await writeFile(join(dir, "open-ended"), "a\nb");
    expect(await readAll(join(dir, "empty"), false)).toEqual([]);
    expect(await readAll(join(dir, "empty"), true)).toEqual([]);
    expect(await readAll(join(dir, "open-ended"), false)).toEqual(["a", "b"]);
    expect(await readAll(join(dir, "open-ended"), true)).toEqual(["b", "a"]);
  });
});

describe("stored log lines", () => {
  const cases: [string, string, number][] = [
    ['{"__TIMESTAMP__":5,"a":"x"}', '{"__TIMESTAMP__":5,"a":"x"}', 5],
    ['{"a":"x","__TIMESTAMP__":5}', '{"__TIMESTAMP__":5,"a":"x"}', 5],
    ['{"__TIMESTAMP__":"6","a":1}', '{"__TIMESTAMP__":6,"a":1}', 6],
    ['{"__TIMESTAMP__":7.9}', '{"__TIMESTAMP__":7}', 7],
    ['{"__TIMESTAMP__":1,"a":2,"__TIMESTAMP__":3}', '{"__TIMESTAMP__":3,"a":2}', 3],
    ['{"__TIMESTAMP__":8,"n":null,"o":[1]}', '{"__TIMESTAMP__":8,"o":"[1]"}', 8],
    ['{"__proto__":"p"}', '{"__TIMESTAMP__":99,"__proto__":"p"}', 99],
    ['  {"__TIMESTAMP__":9}  ', '{"__TIMESTAMP__":9}', 9],
  ];
  it.each(cases)("%s is stored as %s", (input, stored, ts) => {
    const line = normalizeLogLine(input, 1, 99);
    expect(line.text).toBe(stored);
    expect(line.ts).toBe(ts);
    expect(storedLineTime(line.text)).toBe(ts);
  });
});

/**
 * The README's quick start, as a user would copy it.
 * @packageDocumentation
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { REPO_ROOT } from "./workspace.js";

const START = "<!-- quickstart:start -->";
const END = "<!-- quickstart:end -->";

/** The ```js block between the quick-start markers of the root README. */
export async function readQuickStart(): Promise<string> {
  const readme = await readFile(path.join(REPO_ROOT, "README.md"), "utf8");
  const start = readme.indexOf(START);
  const end = readme.indexOf(END, start);
  if (start === -1 || end === -1) throw new Error(`README.md has no ${START} … ${END} block`);
  const block = /```js\n([\s\S]*?)```/.exec(readme.slice(start + START.length, end));
  if (block?.[1] === undefined) throw new Error("the quick-start block holds no ```js fence");
  return block[1];
}

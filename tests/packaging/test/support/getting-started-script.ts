/**
 * `docs/getting-started.md` as one bash script that does what its reader does, block by block, in one
 * terminal: each `sh` block runs as written (the emulator's, which the page runs "in a second
 * terminal", in the background until the script ends), each `js` block is written to the file the
 * text before it names. Each block's output follows a `::block N::` line, so a test can check it.
 * Sections are run up to the first whose heading says it needs the real service.
 * @packageDocumentation
 */

/** A fenced block of the page. */
export interface PageBlock {
  /** Its language: `sh` or `js`. */
  readonly language: string;
  /** Its text. */
  readonly code: string;
  /** For a `js` block: the file the text before it names (`first-call.mjs`). */
  readonly file: string | undefined;
}

/** The blocks of `markdown` before the heading matching `stopAt`. */
export function pageBlocks(markdown: string, stopAt: RegExp): PageBlock[] {
  const end = markdown.search(stopAt);
  const page = end === -1 ? markdown : markdown.slice(0, end);
  const blocks: PageBlock[] = [];
  let last = 0;
  for (const match of page.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)) {
    const before = page.slice(last, match.index);
    const files = [...before.matchAll(/`([\w-]+\.mjs)`/g)].map((named) => named[1]);
    blocks.push({ language: match[1] ?? "", code: match[2] ?? "", file: files.at(-1) });
    last = (match.index ?? 0) + match[0].length;
  }
  return blocks;
}

/** How the script stands in for what a reader has that a test has not. */
export interface ScriptSetting {
  /** The tarballs `npm install <name>` installs, by package name (a package's own dependencies among them). */
  readonly tarballs: Readonly<Record<string, readonly string[]>>;
  /** The port the page gives the emulator, and the free one used instead. */
  readonly port: { readonly page: number; readonly free: number };
}

/** The script; `after` runs at the end, in the folder the page's commands left the terminal in. */
export function pageScript(blocks: readonly PageBlock[], setting: ScriptSetting, after: string): string {
  const cases = Object.entries(setting.tarballs)
    .map(([name, files]) => `      ${name}) args+=(${files.map((file) => JSON.stringify(file)).join(" ")}) ;;`)
    .join("\n");
  const lines = [
    "set -euo pipefail",
    "# npm install <package> installs the packed tarballs (the packages are not fetched from the registry)",
    "npm() {",
    '  if [ "$1" != install ]; then command npm "$@"; return; fi',
    "  shift; local args=()",
    '  for arg in "$@"; do',
    '    case "$arg" in',
    cases,
    '      *) args+=("$arg") ;;',
    "    esac",
    "  done",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: bash, not a template
    '  command npm install --no-audit --no-fund "${args[@]}"',
    "}",
    "# background jobs in their own process group, so that the emulator stops with everything it started",
    "set -m",
    "emulator=",
    'trap \'[ -n "$emulator" ] && kill -- "-$emulator" 2>/dev/null; wait\' EXIT',
  ];
  blocks.forEach((block, index) => {
    const code = block.code.replaceAll(String(setting.port.page), String(setting.port.free)).trimEnd();
    lines.push(`echo "::block ${index}::"`);
    if (block.language === "js") {
      if (block.file === undefined) throw new Error(`js block ${index} of the page names no file before it`);
      lines.push(`cat > ${block.file} <<'TCSDK_PAGE_EOF'`, code, "TCSDK_PAGE_EOF");
    } else if (/^npx tcsdk-cls-emulator /.test(code)) {
      lines.push(
        `${code} > emulator.out 2>&1 &`,
        "emulator=$!",
        "for _ in $(seq 150); do grep -q '^listening' emulator.out && break; sleep 0.2; done",
        "cat emulator.out",
      );
    } else lines.push(code);
  });
  lines.push('echo "::block after::"', after);
  return `${lines.join("\n")}\n`;
}

/** The output of each block of a run of {@link pageScript}, by block number (and `after`). */
export function blockOutputs(stdout: string): Map<string, string> {
  const outputs = new Map<string, string>();
  const parts = stdout.split(/^::block (\w+)::\n/m);
  for (let index = 1; index < parts.length; index += 2) outputs.set(parts[index] ?? "", parts[index + 1] ?? "");
  return outputs;
}

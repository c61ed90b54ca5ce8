/**
 * Tencent's documentation text as clean Markdown for TSDoc. The model's `document` fields mix Markdown
 * with HTML (`<p>`, `<br>`, `<ul><li>`, `<a href>`, `<code>`, `<pre>`, `<table>`, styling `<span>`s) and
 * entities. The Markdown is kept as written (an HTML-to-Markdown library would escape it, and would fold
 * the newlines that carry its lists); the known HTML tags become Markdown, unknown ones are dropped
 * keeping their text. Code (Markdown fences and spans, `<pre>`, `<code>`) is set aside first, so no later
 * step touches it, and entities are decoded once. Links lose the `from_cn_redirect` tracking parameter
 * and relative ones get the site's host; the boilerplate "may return null" sentence goes (the
 * `nullable` flag says it).
 * @packageDocumentation
 */

/** Where the documentation comes from: the host that relative links point to. */
export type DocsSite = "https://www.tencentcloud.com" | "https://cloud.tencent.com";

/** Sentences the model appends to response fields that may be `null`; the spec's `nullable` carries that. */
const NULL_NOTES = [
  /\s*Note: This field may return null, indicating that no valid values can be obtained\.?/gi,
  /\s*Note: this field may return `?null`?, indicating that no valid values can be obtained\.?/gi,
  /\s*注意：此字段可能返回 null，表示取不到有效值。?/g,
];

const ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", apos: "'", nbsp: " " };

/** Marks where a piece of code was set aside: `\u0000<index>\u0000`. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL marks are ours, chosen because no documentation text holds one
const HELD = /\u0000(\d+)\u0000/g;

/** Converts one `document` field. Returns `""` for an empty one. */
export function docsToMarkdown(text: string, site: DocsSite): string {
  const held: string[] = [];
  const hold = (markdown: string): string => `\u0000${held.push(markdown) - 1}\u0000`;
  let out = text.replaceAll("\r\n", "\n").replaceAll("\u0000", "");
  for (const note of NULL_NOTES) out = out.replace(note, "");
  out = out
    .replace(/```[\s\S]*?```/g, (fence) => hold(fence))
    .replace(/<pre(\s[^>]*)?>([\s\S]*?)<\/pre>/gi, (_m, _attrs, inner: string) => {
      const code = decode(stripTags(inner)).replace(/^\n+|\n+$/g, "");
      return `\n\n${hold(`\`\`\`text\n${code}\n\`\`\``)}\n\n`;
    })
    .replace(/<code(\s[^>]*)?>([\s\S]*?)<\/code>/gi, (_m, _attrs, inner: string) => hold(codeSpan(decode(stripTags(inner)))))
    .replace(/`[^`\n]*`/g, (span) => hold(span));
  out = convertTables(out);
  // A paragraph inside a list item is a line of the item, not a paragraph that would end the list.
  out = out.replace(
    /<li(\s[^>]*)?>([\s\S]*?)(?=<\/?li|<\/?[uo]l)/gi,
    (_m, attrs: string | undefined, inner: string) =>
      `<li${attrs ?? ""}>${inner
        .replace(/^\s*<p(\s[^>]*)?>/i, "")
        .replace(/<\/p>\s*$/i, "")
        .replace(/<\/p>\s*<p(\s[^>]*)?>/gi, "<br>")
        .replace(/<\/?p(\s[^>]*)?>/gi, "<br>")}`,
  );
  out = convertLists(out)
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/?p(\s[^>]*)?>/gi, "\n\n")
    .replace(/<(strong|b)(\s[^>]*)?>([\s\S]*?)<\/\1>/gi, (_m, _tag, _attrs, inner: string) => emphasis("**", inner))
    .replace(/<(em|i)(\s[^>]*)?>([\s\S]*?)<\/\1>/gi, (_m, _tag, _attrs, inner: string) => emphasis("*", inner))
    .replace(/<a\s[^>]*href\s*=\s*["']([^"']*)["'][^>]*>([\s\S]*?)<\/a>/gi, (_m, href: string, inner: string) =>
      link(stripTags(inner), href, site),
    )
    .replace(/<\/?(span|font|div|u|sup|sub|h\d|a)(\s[^>]*)?>/gi, "");
  out = decode(out).replace(/\]\(([^)\s]+)\)/g, (_m, href: string) => `](${cleanUrl(href, site)})`);
  return tidy(out).replace(HELD, (_m, index: string) => held[Number(index)] ?? "");
}

/** `<table>` as a Markdown table: one row per `<tr>`, cells flattened to one line. */
function convertTables(text: string): string {
  return text.replace(/<table(\s[^>]*)?>([\s\S]*?)<\/table>/gi, (_m, _attrs, inner: string) => {
    const rows = [...inner.matchAll(/<tr(\s[^>]*)?>([\s\S]*?)<\/tr>/gi)].map((row) =>
      [...(row[2] ?? "").matchAll(/<t[hd](\s[^>]*)?>([\s\S]*?)<\/t[hd]>/gi)].map((cell) =>
        stripTags((cell[2] ?? "").replace(/<br\s*\/?>/gi, " "))
          .replace(/\s+/g, " ")
          .replaceAll("|", "\\|")
          .trim(),
      ),
    );
    const width = Math.max(0, ...rows.map((row) => row.length));
    if (rows.length === 0 || width === 0) return "";
    const line = (cells: readonly string[]): string => `| ${Array.from({ length: width }, (_, index) => cells[index] ?? "").join(" | ")} |`;
    const [head = [], ...body] = rows;
    return `\n\n${[line(head), line(Array(width).fill("---")), ...body.map(line)].join("\n")}\n\n`;
  });
}

/** `<ul>`/`<ol>` with `<li>` items as Markdown lists, nested lists indented by two spaces. */
function convertLists(text: string): string {
  let out = "";
  const stack: ("ul" | "ol")[] = [];
  const counters: number[] = [];
  let index = 0;
  const tag = /<(\/?)(ul|ol|li)(\s[^>]*)?>/gi;
  for (let match = tag.exec(text); match !== null; match = tag.exec(text)) {
    out += text.slice(index, match.index);
    index = match.index + match[0].length;
    const closing = match[1] === "/";
    const name = (match[2] ?? "").toLowerCase();
    if (name === "ul" || name === "ol") {
      if (closing) {
        stack.pop();
        counters.pop();
      } else {
        stack.push(name);
        counters.push(0);
      }
      out += "\n";
    } else if (!closing) {
      const depth = Math.max(0, stack.length - 1);
      const number = (counters[counters.length - 1] ?? 0) + 1;
      if (counters.length > 0) counters[counters.length - 1] = number;
      out += `\n${"  ".repeat(depth)}${stack[stack.length - 1] === "ol" ? `${number}.` : "-"} `;
    }
  }
  return out + text.slice(index);
}

function emphasis(marker: string, inner: string): string {
  const text = stripTags(inner).trim();
  return text === "" ? "" : `${marker}${text}${marker}`;
}

function codeSpan(code: string): string {
  const text = code.replace(/\s+/g, " ").trim();
  if (text === "") return "";
  return text.includes("`") ? `\`\` ${text} \`\`` : `\`${text}\``;
}

/** A Markdown link (the label is decoded with the rest of the text later). */
function link(label: string, href: string, site: DocsSite): string {
  const url = cleanUrl(decode(href), site);
  const text = label.replace(/\s+/g, " ").trim();
  if (text === "" || decode(text) === url) return `<${url}>`;
  return `[${text.replace(/^\[(.*)\]$/, "$1")}](${url})`;
}

/** Drops Tencent's `from_cn_redirect` tracking parameter; makes a site-relative or protocol-relative link absolute. */
export function cleanUrl(href: string, site: DocsSite): string {
  let url = href.trim();
  if (url.startsWith("//")) url = `https:${url}`;
  else if (url.startsWith("/")) url = `${site}${url}`;
  return url.replace(/([?&])from_cn_redirect=1(?=&|#|$)&?/, "$1").replace(/[?&](?=#|$)/, "");
}

function stripTags(text: string): string {
  return text.replace(/<\/?[A-Za-z][^>]*>/g, "");
}

function decode(text: string): string {
  return text.replace(/&(#?[a-z0-9]+);/gi, (entity, name: string) => {
    const known = ENTITIES[name.toLowerCase()];
    if (known !== undefined) return known;
    if (/^#\d+$/.test(name)) return String.fromCodePoint(Number(name.slice(1)));
    if (/^#x[0-9a-f]+$/i.test(name)) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    return entity;
  });
}

/**
 * Normalises whitespace (a line keeps leading spaces only before a nested list item), the model's
 * `-item` lists and stray `<` (code is still set aside).
 */
function tidy(text: string): string {
  return text
    .split("\n")
    .map((line) =>
      line
        .replace(/[ \t]+$/, "")
        // biome-ignore lint/suspicious/noControlCharactersInRegex: a NUL starts a set-aside code mark (see HELD)
        .replace(/^[ \t]+(?![ \t]|- |\d+\. |\u0000)/, "")
        .replace(/^-(?=[\p{L}[])/u, "- ")
        .replace(/<(?!https?:\/\/[^\s>]+>)/g, "\\<"),
    )
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

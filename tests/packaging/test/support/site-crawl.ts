/**
 * Crawls a served site from its first page over HTTP, following every link that stays on the site
 * (`href` and `src`), and reports each one that does not lead anywhere (a status other than 200),
 * and each `#fragment` that no `id` (or `name`) of the target's HTML carries: a page may make that
 * anchor with its script (TypeDoc's hierarchy page does), which only a browser can tell.
 * @packageDocumentation
 */

/** A link that leads nowhere. */
export interface BrokenLink {
  /** The page it is on, relative to the site. */
  readonly from: string;
  /** Where it points, relative to the site. */
  readonly to: string;
  /** Why it is broken. */
  readonly problem: string;
}

/** What a crawl found. */
export interface CrawlResult {
  /** Every page and file fetched, relative to the site. */
  readonly fetched: readonly string[];
  /** How many links were followed or checked. */
  readonly links: number;
  /** The broken ones. */
  readonly broken: readonly BrokenLink[];
  /** Links whose target is there but whose `#fragment` is not in its HTML, as `page#fragment`. */
  readonly anchorsNotInHtml: readonly BrokenLink[];
}

/** Most fetches at once. */
const CONCURRENCY = 8;

/** Most files fetched, a bound that a site growing out of control would hit. */
const MAX_FILES = 40_000;

/** Crawls `base` (ending in `/`) from `start`. */
export async function crawlSite(base: string, start = "index.html"): Promise<CrawlResult> {
  const status = new Map<string, number>();
  const anchors = new Map<string, Set<string>>();
  const links: { from: string; to: string; fragment: string }[] = [];
  const queue: string[] = [start];
  const seen = new Set(queue);

  const fetchOne = async (file: string): Promise<void> => {
    const response = await fetch(new URL(file, base));
    status.set(file, response.status);
    const type = response.headers.get("content-type") ?? "";
    if (response.status !== 200 || !/html|svg/.test(type)) {
      await response.arrayBuffer();
      return;
    }
    const text = await response.text();
    anchors.set(file, new Set([...text.matchAll(/\s(?:id|name)="([^"]+)"/g)].map((match) => decodeEntities(match[1] ?? ""))));
    if (!type.includes("html")) return;
    for (const match of text.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
      const target = internalTarget(decodeEntities(match[1] ?? ""), new URL(file, base), base);
      if (target === undefined) continue;
      links.push({ from: file, ...target });
      if (!seen.has(target.to)) {
        if (seen.size >= MAX_FILES) throw new Error(`the site has more than ${MAX_FILES} files`);
        seen.add(target.to);
        queue.push(target.to);
      }
    }
  };

  let active = 0;
  await new Promise<void>((resolve, reject) => {
    const pump = (): void => {
      if (queue.length === 0 && active === 0) resolve();
      while (active < CONCURRENCY && queue.length > 0) {
        const file = queue.shift() as string;
        active++;
        fetchOne(file).then(() => {
          active--;
          pump();
        }, reject);
      }
    };
    pump();
  });

  const broken: BrokenLink[] = [];
  const anchorsNotInHtml: BrokenLink[] = [];
  for (const { from, to, fragment } of links) {
    const code = status.get(to);
    if (code !== 200) broken.push({ from, to, problem: `HTTP ${String(code)}` });
    else if (fragment !== "" && !anchors.get(to)?.has(fragment)) {
      anchorsNotInHtml.push({ from, to: `${to}#${fragment}`, problem: "no such anchor in the HTML" });
    }
  }
  return { fetched: [...status.keys()].sort(), links: links.length, broken, anchorsNotInHtml };
}

/** The site file and fragment a link points to, or `undefined` for a link off the site (or to nothing). */
function internalTarget(href: string, page: URL, base: string): { to: string; fragment: string } | undefined {
  if (href === "" || href === "#" || /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith("//")) return undefined;
  const url = new URL(href, page);
  if (!url.href.startsWith(base)) return undefined;
  const to = decodeURIComponent(url.pathname.slice(new URL(base).pathname.length)) || "index.html";
  return { to: to.endsWith("/") ? `${to}index.html` : to, fragment: decodeURIComponent(url.hash.slice(1)) };
}

function decodeEntities(text: string): string {
  return text.replaceAll("&amp;", "&").replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">");
}

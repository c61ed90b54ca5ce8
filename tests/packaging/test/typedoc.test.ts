/**
 * The reference site as a user reads it. typedoc builds it once with the repo's own `typedoc.json`
 * (every package, the Markdown docs, the site plugin, `treatWarningsAsErrors`, full validation) into a
 * temp folder; the files are checked (zero warnings, one page per declaration, errors on each action's
 * page, Markdown as pages, comments in the search index), then the site is served on 127.0.0.1 and
 * crawled link by link, and opened in headless Chromium: pages render without a console error and the
 * search box finds `CreateExport` first for "export".
 */
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { inflateSync } from "node:zlib";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCommand } from "./support/run-command.js";
import { CHROMIUM, HAS_CHROMIUM, launchChromium, search, visit } from "./support/site-browser.js";
import { crawlSite } from "./support/site-crawl.js";
import { serveStatic, type StaticSite } from "./support/static-site.js";
import { REPO_ROOT } from "./support/workspace.js";

/** The site's search index: rows shown, and lunr's inverted index (term → field → row ids). */
interface SearchIndex {
  readonly rows: readonly { readonly name: string; readonly parent?: string; readonly url: string }[];
  readonly index: { readonly invertedIndex: readonly [string, Record<string, Record<string, unknown>>][] };
}

let out = "";
let output = "";
let exitCode: number | null = null;

beforeAll(async () => {
  out = await mkdtemp(path.join(tmpdir(), "tcsdk-typedoc-"));
  const typedoc = path.join(REPO_ROOT, "node_modules", "typedoc", "bin", "typedoc");
  const result = await runCommand(process.execPath, [typedoc, "--out", out, "--logLevel", "Info"], {
    cwd: REPO_ROOT,
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
    timeoutMs: 480_000,
  });
  output = `${result.stdout}${result.stderr}`;
  exitCode = result.code;
}, 500_000);

afterAll(async () => {
  if (out !== "") await rm(out, { recursive: true, force: true });
});

const read = (page: string): Promise<string> => readFile(path.join(out, page), "utf8");

/** The JSON a site script holds as a deflated, base64 string (`window.searchData = "…"`). */
async function deflatedJson(script: string): Promise<unknown> {
  const text = await read(script);
  return JSON.parse(inflateSync(Buffer.from(text.slice(text.indexOf('"') + 1, text.lastIndexOf('"')), "base64")).toString("utf8"));
}

const searchIndex = (): Promise<SearchIndex> => deflatedJson("assets/search.js") as Promise<SearchIndex>;

describe("typedoc", () => {
  it("documents every package with zero warnings and zero errors", async () => {
    expect(output.split("\n").filter((line) => /\[(warning|error)\]/.test(line))).toEqual([]);
    expect(exitCode, output).toBe(0);
    const packages = (await readdir(path.join(REPO_ROOT, "packages"))).sort();
    expect(packages.length).toBeGreaterThanOrEqual(9);
    for (const page of [
      "index.html",
      ...packages.map((name) => `modules/_tcsdk_${name}.html`),
      "classes/_tcsdk_cls.ClsClient.html",
      "classes/_tcsdk_cvm.CvmClient.html",
    ]) {
      expect(existsSync(path.join(out, page)), page).toBe(true);
    }
  });

  it("gives each declaration one page: core's errors, options and functions re-exported by a service link to core's", async () => {
    const pages = new Set(
      (await Promise.all(["classes", "functions", "interfaces", "types", "variables"].map((dir) => readdir(path.join(out, dir))))).flat(),
    );
    for (const service of ["cls", "cvm", "vpc", "cam", "sts", "region"]) {
      // the re-exports are listed on the module page, as links to core's page (users import errors from @tcsdk/cls)
      const modulePage = await read(`modules/_tcsdk_${service}.html`);
      const reexported = [...modulePage.matchAll(/href="\.\.\/\w+\/_tcsdk_core\.(\w+)\.html"/g)].map((match) => match[1]);
      expect(reexported, service).toEqual(
        expect.arrayContaining(["TcServiceError", "TcValidationError", "ClientOptions", "credentialChain"]),
      );
      // and none of them has a page of its own in the service
      expect(reexported.filter((name) => pages.has(`_tcsdk_${service}.${name}.html`))).toEqual([]);
    }
    expect(pages.has("_tcsdk_core.TcServiceError.html")).toBe(true);
    // types that use them point at core's page too
    expect(await read("types/_tcsdk_cls.CreateExportError.html")).toContain('href="../classes/_tcsdk_core.TcServiceError.html"');
  });

  it("links each action's errors from its request page and its client method", async () => {
    const createExport = await read("interfaces/_tcsdk_cls.CreateExportRequest.html");
    for (const target of [
      "../functions/_tcsdk_cls.isCreateExportError.html",
      "../types/_tcsdk_cls.CreateExportKnownErrorCode.html",
      "../types/_tcsdk_cls.CommonErrorCode.html",
    ]) {
      expect(createExport).toContain(`href="${target}"`);
    }
    expect(createExport).toContain("<code>LimitExceeded.Export</code>: Too many log export tasks.");

    // every action of every service: its request page links its guard
    const functions = await readdir(path.join(out, "functions"));
    const guards = functions.map((file) => /^_tcsdk_(?!core\.)(\w+)\.is(\w+)Error\.html$/.exec(file)).filter((match) => match !== null);
    expect(guards.length).toBeGreaterThanOrEqual(872);
    const unlinked: string[] = [];
    for (const [guard, service, action] of guards) {
      const request = `interfaces/_tcsdk_${service}.${action}Request.html`;
      if (!(await read(request)).includes(`href="../functions/${guard}"`)) unlinked.push(request);
    }
    expect(unlinked).toEqual([]);

    const client = await read("classes/_tcsdk_cls.ClsClient.html");
    const method = client.slice(client.indexOf('id="createexport"'), client.indexOf('id="createindex"'));
    expect(method).toContain('href="../functions/_tcsdk_cls.isCreateExportError.html"');
    expect(method).toContain('href="../interfaces/_tcsdk_cls.CreateExportRequest.html"');
    expect(method).toContain("<code>ResourceNotFound.TopicNotExist</code>");
  });

  it("renders the Markdown docs and the files they link to as pages, Getting started first", async () => {
    const index = await read("index.html");
    for (const document of [
      "Getting_started",
      "Architecture",
      "Contributing",
      "The_spec_format",
      "examples_export-demo_demo.mjs",
      "LICENSE",
    ]) {
      expect(existsSync(path.join(out, "documents", `${document}.html`)), document).toBe(true);
    }
    expect(index).toContain('href="documents/Architecture.html"');
    expect(index).toContain('href="documents/examples_export-demo_demo.mjs.html"');
    expect(existsSync(path.join(out, "media")) ? await readdir(path.join(out, "media")) : []).toEqual([]);
    expect(await read("documents/examples_export-demo_demo.mjs.html")).toContain("startEmulator");
    expect(await read("documents/Architecture.html")).toContain('href="The_spec_format.html"');
    // documents keep their order: Getting started comes first in the site's navigation, once
    const navigation = (await deflatedJson("assets/navigation.js")) as { text: string; path?: string }[];
    expect(navigation[0]?.path).toBe("documents/Getting_started.html");
    expect(navigation.filter((node) => node.text === "Getting started")).toHaveLength(1);
  });

  it("searches names, comments and documents: 'milliseconds' and '50000000' reach CreateExport's fields", async () => {
    const { rows, index } = await searchIndex();
    const found = (name: string): string[] => rows.filter((row) => row.name === name).map((row) => row.parent ?? "");
    expect(found("DescribeInstancesRequest")).toEqual(["@tcsdk/cvm"]);
    expect(found("CreateExportRequest")).toEqual(["@tcsdk/cls"]);
    expect(found("AssumeRoleWithWebIdentityRequest")).toEqual(["@tcsdk/sts"]);
    expect(found("fromAssumeRole")).toEqual(["@tcsdk/credential-providers"]);
    expect(found("TcServiceError")).toEqual(["@tcsdk/core"]);

    const inComments = (term: string): string[] => {
      const postings = new Map(index.invertedIndex).get(term)?.["comment"] ?? {};
      return Object.keys(postings).map((id) => {
        const row = rows[Number(id)];
        return `${row?.parent ?? ""}.${row?.name ?? ""}`;
      });
    };
    expect(inComments("50000000")).toContain("@tcsdk/cls.CreateExportRequest.Count");
    expect(inComments("milliseconds")).toEqual(
      expect.arrayContaining(["@tcsdk/cls.CreateExportRequest.From", "@tcsdk/cls.CreateExportRequest.To"]),
    );
    const inDocuments = new Map(index.invertedIndex).get("exportlogs")?.["document"] ?? {};
    expect(Object.keys(inDocuments).map((id) => rows[Number(id)]?.name)).toContain("Getting started");
  });
});

if (!HAS_CHROMIUM) {
  console.warn(
    `\n*** SKIPPED: the reference site in a headless browser: no Chromium at ${CHROMIUM}. ` +
      "Install it (Debian: apt-get install -y chromium; .ci/run does as root) or set CHROMIUM to a binary. ***\n",
  );
}

describe.skipIf(!HAS_CHROMIUM)("the reference site in headless Chromium, served on 127.0.0.1", () => {
  let site: StaticSite;
  let browser: Browser;

  beforeAll(async () => {
    site = await serveStatic(out);
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it("has no broken link: every page and file it links to is there, with every anchor", async () => {
    const crawl = await crawlSite(site.url);
    expect(crawl.fetched.length).toBeGreaterThan(5_000);
    expect(crawl.fetched).toEqual(expect.arrayContaining(["documents/Getting_started.html", "classes/_tcsdk_core.TcServiceError.html"]));
    expect(crawl.broken).toEqual([]);

    // anchors a page's script makes (the hierarchy page) are looked for once the page ran
    const byPage = new Map<string, Set<string>>();
    for (const link of crawl.anchorsNotInHtml) {
      const [page = "", fragment = ""] = link.to.split("#");
      byPage.set(page, (byPage.get(page) ?? new Set()).add(fragment));
    }
    expect(byPage.size, [...byPage.keys()].join(", ")).toBeLessThanOrEqual(3);
    for (const [page, fragments] of byPage) {
      const { missingAnchors, problems } = await visit(browser, new URL(page, site.url).href, [...fragments]);
      expect(problems, page).toEqual([]);
      expect(missingAnchors, page).toEqual([]);
    }
  }, 300_000);

  it.each([
    ["index.html", "tcsdk"],
    ["documents/Getting_started.html", "Getting started"],
    ["modules/_tcsdk_cls.html", "Module @tcsdk/cls"],
    ["classes/_tcsdk_cls.ClsClient.html", "Class ClsClient"],
    ["interfaces/_tcsdk_cls.CreateExportRequest.html", "Interface CreateExportRequest"],
    ["classes/_tcsdk_core.TcServiceError.html", "Class TcServiceError"],
    ["documents/examples_export-demo_demo.mjs.html", "examples/export-demo/demo.mjs"],
  ])("renders %s without a console error, with its title and the navigation", async (page, title) => {
    const shown = await visit(browser, new URL(page, site.url).href);
    expect(shown.problems).toEqual([]);
    expect(shown.title).toContain(title);
    expect(shown.navigationLinks).toBeGreaterThan(10);
  });

  it("finds CreateExport first when 'export' is typed in the search box", async () => {
    const results = await search(browser, new URL("index.html", site.url).href, "export");
    expect(results[0], results.join("\n")).toMatch(/^@tcsdk\/cls\.ClsClient\.createExport$/);
  });

  it("finds CreateExport's fields by words of their comments", async () => {
    expect(await search(browser, new URL("index.html", site.url).href, "50000000")).toContain("@tcsdk/cls.CreateExportRequest.Count");
  });
});

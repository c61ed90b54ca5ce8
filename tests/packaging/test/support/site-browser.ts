/**
 * The reference site in a real headless browser: Debian's Chromium driven by playwright-core, with
 * the flags it needs to run headless in a container and to reach nothing but the site.
 * @packageDocumentation
 */
import { existsSync } from "node:fs";
import { type Browser, type Page, chromium } from "playwright-core";

/** The Chromium binary (`apt-get install -y chromium` on Debian); `CHROMIUM` names another. */
export const CHROMIUM = process.env["CHROMIUM"] ?? "/usr/bin/chromium";

/** Whether there is a Chromium to run. */
export const HAS_CHROMIUM = existsSync(CHROMIUM);

/** Longest wait for one page or one search, so that a broken page fails the test instead of hanging it. */
const STEP_MS = 30_000;

/** Starts headless Chromium with a fresh profile (playwright makes a temporary one per launch). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: STEP_MS,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** What opening a page showed. */
export interface PageVisit {
  /** Its `<h1>`. */
  readonly title: string;
  /** Console errors, uncaught exceptions and failed or non-200 requests, in order. */
  readonly problems: readonly string[];
  /** Links the sidebar's script put in the navigation tree. */
  readonly navigationLinks: number;
  /** Of the `fragments` asked about, those with no element of that id once the page's scripts ran. */
  readonly missingAnchors: readonly string[];
}

/** Opens `url` in a new page, waits until its scripts have built the navigation, and reports. */
export async function visit(browser: Browser, url: string, fragments: readonly string[] = []): Promise<PageVisit> {
  const page = await browser.newPage();
  const problems = watchProblems(page);
  try {
    await page.goto(url, { waitUntil: "load", timeout: STEP_MS });
    await page.waitForFunction('document.querySelectorAll("#tsd-nav-container a").length > 0', undefined, { timeout: STEP_MS });
    await page.waitForLoadState("networkidle", { timeout: STEP_MS });
    const title = (await page.textContent("h1", { timeout: STEP_MS }))?.trim() ?? "";
    const navigationLinks = await page.locator("#tsd-nav-container a").count();
    const missingAnchors = (await page.evaluate(
      `${JSON.stringify(fragments)}.filter((id) => document.getElementById(id) === null)`,
    )) as string[];
    return { title, problems: [...problems], navigationLinks, missingAnchors };
  } finally {
    await page.close();
  }
}

/** Types `query` in the search box of `url`'s page and returns the results shown, as their text. */
export async function search(browser: Browser, url: string, query: string): Promise<string[]> {
  const page = await browser.newPage();
  const problems = watchProblems(page);
  try {
    await page.goto(url, { waitUntil: "load", timeout: STEP_MS });
    // The index loads asynchronously; the box says so until it is ready.
    await page.click("#tsd-search-trigger", { timeout: STEP_MS });
    await page.waitForFunction('!document.getElementById("tsd-search-status")?.textContent?.includes("Preparing")', undefined, {
      timeout: STEP_MS,
    });
    // One input event, so the search runs once, for the whole query.
    await page.fill("#tsd-search-input", query, { timeout: STEP_MS });
    await page.waitForSelector("#tsd-search-results li", { timeout: STEP_MS });
    const results = await page.$$eval("#tsd-search-results li", (items) =>
      items.map((item) => (item.textContent ?? "").replace(/\s+/g, "").trim()),
    );
    if (problems.length > 0) throw new Error(`searching ${JSON.stringify(query)} on ${url}: ${problems.join("; ")}`);
    return results;
  } finally {
    await page.close();
  }
}

/** Collects what goes wrong on `page`: console errors, uncaught exceptions, failed and non-200 requests. */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => problems.push(`exception: ${error.message}`));
  page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()} (${request.failure()?.errorText ?? "?"})`));
  page.on("response", (response) => {
    if (response.status() !== 200) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return problems;
}

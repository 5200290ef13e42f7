/**
 * Headless Chromium for browser tests, shared by every test that opens a page.
 *
 * ```ts
 * import { deepStrictEqual } from "node:assert";
 * import { withPage } from "./_browser.ts";
 * await withPage(async (page, errors) => {
 *   await page.goto("data:text/html,<p>hello</p>");
 *   deepStrictEqual(await page.textContent("p"), "hello");
 *   deepStrictEqual(errors, []); // console errors, page errors, failed or network requests
 * });
 * ```
 *
 * `errors` collects, as they happen: `console.error` messages, uncaught page
 * exceptions, failed requests, and any request that is not `file:`, `data:`,
 * `blob:` or `about:` (pages must work offline, from `file://`). To share one
 * browser between several pages, wrap them in {@link withBrowser} and pass
 * `{ browser }` to `withPage`.
 *
 * The browser is Debian's `/usr/bin/chromium` (override with the `CHROMIUM`
 * environment variable) driven by npm `playwright-core`.
 *
 * @module
 */

import { type Browser, chromium, type Page } from "playwright-core";

export type { Browser, Page };

/** Flags for a quiet, offline, sandbox-free headless Chromium. */
export const CHROMIUM_ARGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Path of the Chromium binary: `$CHROMIUM` or `/usr/bin/chromium`. */
export function chromiumPath(): string {
  return Deno.env.get("CHROMIUM") ?? "/usr/bin/chromium";
}

/** Launches headless Chromium, runs `fn`, and always closes the browser. */
export async function withBrowser<T>(fn: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [...CHROMIUM_ARGS],
  });
  try {
    return await fn(browser);
  } finally {
    await browser.close();
  }
}

/** Options for {@link withPage}. */
export interface PageOptions {
  /** A browser from {@link withBrowser}; without it, one is launched for this page. */
  browser?: Browser;
  /** Viewport size in CSS pixels; default 1200 × 900. */
  viewport?: { width: number; height: number };
  /** Device pixel ratio (2 for sharp screenshots); default 1. */
  deviceScaleFactor?: number;
  /** Run page scripts (default true); false shows what readers without JavaScript see. */
  javaScriptEnabled?: boolean;
}

const LOCAL = /^(file|data|blob|about):/;

/**
 * Opens a fresh page (own context), runs `fn(page, errors)`, and closes it.
 * `errors` is a live list of problems seen on the page so far, each a string
 * such as `"console.error: x is not defined"`, `"pageerror: ..."`,
 * `"requestfailed: file:///missing.js"` or `"network: https://..."`.
 */
export async function withPage<T>(
  fn: (page: Page, errors: string[]) => Promise<T>,
  {
    browser,
    viewport = { width: 1200, height: 900 },
    deviceScaleFactor = 1,
    javaScriptEnabled = true,
  }: PageOptions = {},
): Promise<T> {
  if (browser === undefined) {
    return withBrowser((b) =>
      withPage(fn, { browser: b, viewport, deviceScaleFactor, javaScriptEnabled })
    );
  }
  const context = await browser.newContext({ viewport, deviceScaleFactor, javaScriptEnabled });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(`console.error: ${msg.text()}`);
  });
  page.on("pageerror", (err) => errors.push(`pageerror: ${err.message}`));
  page.on("requestfailed", (req) => errors.push(`requestfailed: ${req.url()}`));
  page.on("request", (req) => {
    if (!LOCAL.test(req.url())) errors.push(`network: ${req.url()}`);
  });
  try {
    return await fn(page, errors);
  } finally {
    await context.close();
  }
}

/** Drags the first rotatable surface on the page; says whether its scene changed. */
export async function dragFirstSurface(page: Page): Promise<{ turned: boolean; outline: string }> {
  const svg = (await page.$$(".ll-s3d svg"))[0]!;
  const scene = () => page.$eval(".ll-s3d g.ll-s3d-scene", (g) => g.innerHTML);
  const before = await scene();
  await svg.scrollIntoViewIfNeeded();
  const box = (await svg.boundingBox())!;
  const x = box.x + box.width / 2, y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let k = 1; k <= 5; k++) await page.mouse.move(x + 12 * k, y + 4 * k);
  await page.mouse.up();
  await page.evaluate(() =>
    new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 20)))
  );
  const outline = await page.$eval(".ll-s3d", (e) => getComputedStyle(e).outlineStyle);
  return { turned: (await scene()) !== before, outline };
}

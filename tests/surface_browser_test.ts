// The rotatable 3D surface in a real browser: a notebook whose outputs are
// surface3d display bundles is exported by nbconvert (the same path as the
// book) and opened from file:// in headless Chromium.
import { deepStrictEqual, notStrictEqual, ok, strictEqual } from "node:assert";
import { DISPLAY } from "../lib/plot/show.ts";
import { picturesIn } from "../lib/plot/_live_svg.ts";
import { surface3d } from "../lib/plot/3d/surface3d.ts";
import { type Page, withBrowser, withPage } from "./_browser.ts";
import { bowl, himmelblau, himmelblauDescent, sampleGrid } from "./plots/_grid.ts";
import { ensureJupyter } from "../tools/setup.ts";

const bowlFigure = surface3d(sampleGrid(bowl, [-5, 5], [-5, 5], 100), {
  title: "A Simple 3D Loss Landscape",
  xLabel: "Weight 1 (X-axis)",
  yLabel: "Weight 2 (Y-axis)",
  zLabel: "Loss (Z-axis)",
  colorbar: { label: "Loss Value" },
});
const pathFigure = surface3d(sampleGrid(himmelblau, [-5, 5], [-5, 5], 60), {
  title: "Himmelblau",
  paths: [{ ...himmelblauDescent([-0.5, 4.5]), label: "gradient descent" }],
});

/** A notebook whose code cells display the given bundles, as the Deno kernel would. */
function notebook(bundles: Record<string, unknown>[]): string {
  return JSON.stringify({
    cells: bundles.map((data, k) => ({
      cell_type: "code",
      execution_count: k + 1,
      id: `cell-${k}`,
      metadata: {},
      source: "await show(fig);",
      outputs: [{ output_type: "display_data", data, metadata: {} }],
    })),
    metadata: {
      kernelspec: { name: "deno", display_name: "Deno", language: "typescript" },
      language_info: { name: "typescript", file_extension: ".ts" },
    },
    nbformat: 4,
    nbformat_minor: 5,
  });
}

/**
 * Exports the notebook with the nbconvert of the Python the book uses (not a
 * fixed `/usr/bin/jupyter`: pip installs elsewhere) and returns the page's
 * file:// URL.
 */
async function exportPage(bundles: Record<string, unknown>[]): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "surface_browser_" });
  await Deno.writeTextFile(`${dir}/figures.ipynb`, notebook(bundles));
  const out = await new Deno.Command(await ensureJupyter(), {
    // nbconvert's default (lab) template; its require.js and MathJax URLs point
    // at Debian paths that may be missing, and the book ships its own, so
    // blank them here: this page needs neither.
    args: [
      "-m",
      "nbconvert",
      "--to",
      "html",
      "--HTMLExporter.require_js_url=data:text/javascript,",
      "--HTMLExporter.mathjax_url=data:text/javascript,",
      `${dir}/figures.ipynb`,
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  return `file://${dir}/figures.html`;
}

/**
 * Each surface's drawing, canonicalised: every element as its tag, its
 * attributes sorted by name, its text and its children, so two drawings are
 * equal exactly when they draw the same, whatever order a serialiser (such as
 * nbconvert 7's, which sorts attributes) wrote the attributes in.
 */
const scenes = (page: Page) =>
  page.$$eval("g.ll-s3d-scene", (gs) => {
    const canonical = (e: Element): string => {
      const attrs = [...e.attributes].map((a) => `${a.name}="${a.value}"`).sort().join(" ");
      const inner = [...e.childNodes].map((c) =>
        c.nodeType === Node.ELEMENT_NODE ? canonical(c as Element) : c.textContent ?? ""
      ).join("");
      return `<${e.tagName} ${attrs}>${inner}</${e.tagName}>`;
    };
    return gs.map(canonical);
  });
const views = (page: Page) =>
  page.$$eval(
    ".ll-s3d",
    (es) => es.map((e) => [e.getAttribute("data-azimuth"), e.getAttribute("data-elevation")]),
  );

/** Waits until the figures have redrawn (one animation frame and a bit). */
const settle = (page: Page) =>
  page.evaluate(() =>
    new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 20)))
  );

async function drag(page: Page, index: number, dx: number, dy: number): Promise<void> {
  const svg = (await page.$$(".ll-s3d svg"))[index]!;
  await svg.scrollIntoViewIfNeeded();
  const box = (await svg.boundingBox())!;
  const x = box.x + box.width / 2, y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let k = 1; k <= 5; k++) await page.mouse.move(x + dx * k / 5, y + dy * k / 5);
  await page.mouse.up();
  await settle(page);
}

const bundles = [bowlFigure[DISPLAY](), bowlFigure[DISPLAY](), pathFigure[DISPLAY]()];
const url = await exportPage(bundles);

Deno.test("surfaces exported by nbconvert show, with no console errors and no network, from file://", async () => {
  await withPage(async (page, errors) => {
    await page.goto(url);
    await settle(page);
    strictEqual(await page.$$eval(".ll-s3d[data-ll-ready]", (es) => es.length), 3);
    for (const svg of await page.$$(".ll-s3d svg")) {
      const box = await svg.boundingBox();
      ok(box !== null && box.width > 100 && box.height > 100, `figure size ${JSON.stringify(box)}`);
    }
    deepStrictEqual(errors, []);
  });
});

Deno.test("a drag rotates the surface under the pointer, and only that one (the same figure twice)", async () => {
  await withPage(async (page, errors) => {
    await page.goto(url);
    await settle(page);
    const before = await scenes(page);
    strictEqual(before[0], before[1], "the two copies start identical");
    const figure = (await page.$$(".ll-s3d svg"))[0]!;
    const pixelsBefore = await figure.screenshot();
    await drag(page, 0, 120, 40);
    const after = await scenes(page);
    notStrictEqual(after[0], before[0], "the dragged figure re-rendered");
    strictEqual(after[1], before[1], "its twin did not move");
    strictEqual(after[2], before[2]);
    const [azimuth, elevation] = (await views(page))[0]!;
    ok(Number(azimuth) < -60 && Number(elevation) > 30, `view ${azimuth}, ${elevation}`);
    ok(!pixelsBefore.equals(await figure.screenshot()), "the rendered pixels changed");
    deepStrictEqual(errors, []);
  });
});

Deno.test("arrow keys rotate the focused surface; turning back redraws the server's exact figure; Home resets", async () => {
  await withPage(async (page, errors) => {
    await page.goto(url);
    await settle(page);
    const initial = (await scenes(page))[2]!;
    await page.focus(".ll-s3d >> nth=2");
    await page.keyboard.press("ArrowLeft");
    await settle(page);
    deepStrictEqual((await views(page))[2], ["-55", "30"]);
    notStrictEqual((await scenes(page))[2], initial);
    await page.keyboard.press("ArrowRight");
    await settle(page);
    strictEqual((await scenes(page))[2], initial, "client-side rendering equals the static SVG");
    await page.keyboard.press("ArrowDown");
    await drag(page, 2, -80, 0);
    notStrictEqual((await scenes(page))[2], initial);
    await page.focus(".ll-s3d >> nth=2");
    await page.keyboard.press("Home");
    await settle(page);
    strictEqual((await scenes(page))[2], initial);
    deepStrictEqual(errors, []);
  });
});

Deno.test("re-running a cell (output replaced, scripts re-run as JupyterLab does) gives a working figure", async () => {
  await withPage(async (page, errors) => {
    await page.goto(url);
    await settle(page);
    const html = String(pathFigure[DISPLAY]()["text/html"]);
    await page.evaluate((markup) => {
      const output = document.querySelectorAll(".ll-s3d")[2]!.parentElement!;
      output.innerHTML = markup; // scripts inserted this way do not run…
      for (const old of output.querySelectorAll("script:not([type])")) {
        const fresh = document.createElement("script"); // …so JupyterLab re-creates them
        fresh.textContent = old.textContent;
        old.replaceWith(fresh);
      }
    }, html);
    await settle(page);
    strictEqual(await page.$$eval(".ll-s3d[data-ll-ready]", (es) => es.length), 3);
    const before = await scenes(page);
    await drag(page, 2, 60, 0);
    notStrictEqual((await scenes(page))[2], before[2]);
    deepStrictEqual(errors, []);
  });
});

Deno.test("without JavaScript the exported page still shows the static figure", async () => {
  await withBrowser(async (browser) => {
    await withPage(async (page) => {
      await page.goto(url);
      const img = (await page.$$(".ll-s3d img.ll-svg"))[0]!;
      const box = await img.boundingBox();
      ok(box !== null && box.width > 100 && box.height > 100);
      ok(await img.evaluate((i) => (i as HTMLImageElement).naturalWidth > 0), "picture loaded");
      const [svg] = picturesIn(`<img class="ll-svg" src="${await img.getAttribute("src")}"`);
      const faces = svg!.match(/<g class="ll-faces">(.*?)<\/g>/)![1]!;
      strictEqual(faces.split("<path ").length - 1, 2500);
      strictEqual(await page.$$eval(".ll-s3d[data-ll-ready]", (es) => es.length), 0);
    }, { browser, javaScriptEnabled: false });
  });
});

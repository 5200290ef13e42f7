import { deepStrictEqual, ok, strictEqual } from "node:assert";
import { testBook } from "./_book.ts";
import { dragFirstSurface, withBrowser, withPage } from "./_browser.ts";
import { readNotebook, text } from "./_notebook.ts";

// The exported book, opened from file:// in headless Chromium as a reader
// would: no console errors, no network, every figure of the executed
// notebook visible (nbconvert's HTML export can blank SVG figures, see
// docs/ARCHITECTURE.md), math typeset, chapter links working.

const { dir, chapters } = await testBook();
const href = (name: string) => new URL(`file://${dir}/${name}`).href;

Deno.test("the book's index links every chapter in reading order", async () => {
  await withPage(async (page, errors) => {
    await page.goto(href("index.html"));
    const links = await page.$$eval("ol li a", (as) => as.map((a) => a.getAttribute("href")));
    deepStrictEqual(links, chapters.map((c) => `${c.stem}.html`));
    deepStrictEqual(errors, []);
  });
});

Deno.test("every chapter page shows every figure, typesets its math, and links its neighbours", async () => {
  await withBrowser(async (browser) => {
    for (const [k, chapter] of chapters.entries()) {
      const nb = await readNotebook(`${dir}/${chapter.stem}.ipynb`);
      const svgOutputs = nb.cells.flatMap((c) =>
        c.outputs ?? []
      ).filter((o) => /<svg\b|class="ll-svg"/.test(text(o.data?.["text/html"] as string))).length;
      const hasMath = nb.cells.some((c) =>
        c.cell_type === "markdown" && /\$/.test(text(c.source))
      );

      await withPage(async (page, errors) => {
        await page.goto(href(`${chapter.stem}.html`));
        await page.evaluate(() =>
          (globalThis as { MathJax?: { startup?: { promise?: Promise<unknown> } } }).MathJax
            ?.startup?.promise
        );
        // Scroll through the page as a reader does: live figures start near the view.
        const live = await page.$$eval("[data-ll-id]", async (roots) => {
          for (const r of roots) {
            r.scrollIntoView();
            await new Promise((f) => requestAnimationFrame(() => requestAnimationFrame(f)));
          }
          globalThis.scrollTo(0, 0);
          return roots.length;
        });
        strictEqual(
          await page.$$eval("[data-ll-id] .ll-live-controls", (c) => c.length),
          live,
          `${chapter.stem}.html: live figures whose controls did not appear`,
        );
        // Each live figure answers a click on its map: its state changes.
        for (let r = 0; r < live; r++) {
          const root = page.locator("[data-ll-id]").nth(r);
          const before = await root.getAttribute("data-state");
          const map = root.locator("svg.ll-map").first();
          await map.scrollIntoViewIfNeeded();
          const box = (await map.boundingBox())!;
          await page.mouse.click(box.x + box.width * 0.37, box.y + box.height * 0.41);
          ok(
            (await root.getAttribute("data-state")) !== before,
            `${chapter.stem}.html: live figure ${r + 1} did not answer a click`,
          );
        }
        const figures = await page.$$eval(".jp-OutputArea-output", (outputs) =>
          outputs.flatMap((o) => {
            // The largest SVG, inline or a picture, is the figure (a Plot legend adds
            // small swatches).
            const svgs = [...o.querySelectorAll("svg, img.ll-svg")].map((s) => ({
              s,
              box: s.getBoundingClientRect(),
            })).sort((a, b) =>
              b.box.width * b.box.height - a.box.width * a.box.height
            );
            if (svgs.length === 0) return [];
            const { s: svg, box } = svgs[0]!;
            const marks = svg.querySelectorAll("path, line, rect, circle, polygon, polyline, text")
              .length;
            return [{ width: box.width, height: box.height, marks, tag: svg.tagName }];
          }));
        const where = `${chapter.stem}.html`;
        strictEqual(figures.length, svgOutputs, `${where}: figures on the page vs in the notebook`);
        for (const [i, f] of figures.entries()) {
          ok(
            f.width > 50 && f.height > 50,
            `${where}: figure ${i + 1} renders ${f.width}×${f.height}`,
          );
          ok(f.marks >= 3, `${where}: figure ${i + 1} is empty (${f.marks} marks, ${f.tag})`);
        }
        if (hasMath) {
          const typeset = await page.$$eval("mjx-container", (m) =>
            m.length);
          ok(typeset > 0, `${where}: no math was typeset`);
        }
        const surfaces = await page.$$(".ll-s3d svg");
        const ready = await page.$$eval(".ll-s3d[data-ll-ready]", (es) => es.length);
        strictEqual(ready, surfaces.length, `${where}: 3D surfaces whose script did not start`);
        if (surfaces.length > 0) {
          const { turned } = await dragFirstSurface(page);
          ok(turned, `${where}: dragging the first 3D surface changed nothing`);
        }
        const prev = await page.$$eval("nav.book-nav-top a[rel=prev]", (a) => a.length);
        const next = await page.$$eval("nav.book-nav-top a[rel=next]", (a) => a.length);
        strictEqual(prev, k > 0 ? 1 : 0, `${where}: previous link`);
        strictEqual(next, k + 1 < chapters.length ? 1 : 0, `${where}: next link`);
        deepStrictEqual(errors, [], `${where}: problems on the page`);
      }, { browser });
    }
  });
});

// Every figure of the executed book shows in every viewer, and its text reads
// in light and dark themes:
// - JupyterLab 4's own output area, renderers and sanitizer (tests/_jupyterlab/),
//   trusted (a live session: inline SVG, surfaces turn) and untrusted (an .ipynb
//   opened from disk: the static picture, no jumbled text), light and dark theme;
// - nbconvert's HTML export with the `lab` and `classic` templates, opened with
//   JavaScript on and off.
// A figure output is one whose bundle carries SVG (a picture or inline).
import { deepStrictEqual, ok, strictEqual } from "node:assert";
import { testBook } from "./_book.ts";
import { dragFirstSurface, type Page, withBrowser, withPage } from "./_browser.ts";
import { type Cell, type Notebook, readNotebook, text } from "./_notebook.ts";
import { cellsOf, openLab, renderNotebook, type Theme } from "./_jupyterlab/harness.ts";
import { ensureJupyter } from "../tools/setup.ts";
import { svgFigure } from "../lib/plot/_figure.ts";
import { DISPLAY } from "../lib/plot/show.ts";

const { dir, chapters } = await testBook();
const books: { stem: string; nb: Notebook }[] = [];
for (const c of chapters) {
  books.push({ stem: c.stem, nb: await readNotebook(`${dir}/${c.stem}.ipynb`) });
}

/** The figure outputs' HTML of each code cell (by cell index) that has any. */
function figuresByCell(nb: Notebook): Map<number, string[]> {
  const out = new Map<number, string[]>();
  nb.cells.forEach((c: Cell, index) => {
    const figures = (c.outputs ?? []).flatMap((o) => {
      const html = text(o.data?.["text/html"] as string | string[] | undefined);
      return /<svg\b|class="ll-svg"/.test(html) || o.data?.["image/svg+xml"] !== undefined
        ? [html]
        : [];
    });
    if (figures.length > 0) out.set(index, figures);
  });
  return out;
}

/** The text a figure's HTML shows outside its SVGs (captions, HTML legends), spaces collapsed. */
function textOutsideSvg(html: string): string {
  return html.replace(/<(script|style|svg)\b[\s\S]*?<\/\1>/g, " ").replace(/<[^>]*>/g, " ")
    .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&").replace(/\s+/g, "");
}

/** What each figure output on the page shows. */
interface Shown {
  cell: number;
  /** Largest inline SVG or picture: size, marks (inline only) and whether a picture loaded. */
  width: number;
  height: number;
  inline: boolean;
  loaded: boolean;
  marks: number;
  /** Pictures not turned into inline SVG. */
  pictures: number;
  /** SVGs and pictures of the output (all, not only the largest) of zero size or not loaded. */
  hidden: number;
  /** The output's visible text, spaces removed. */
  text: string;
  /** Top-left pixel of the largest picture, drawn alone: its card colour. */
  corner: number[] | null;
}

/**
 * Scrolls every output into view in turn, as a reader does: live figures
 * start only when they come near the view (lib/plot/page.ts).
 */
async function revealAll(page: Page, outputSelector: string): Promise<void> {
  if ((await page.$$("[data-ll-id]")).length === 0) return;
  await page.$$eval(outputSelector, async (outputs) => {
    for (const o of outputs) {
      o.scrollIntoView();
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    }
    globalThis.scrollTo(0, 0);
  });
}

/** Every output holding an SVG or an image, in page order, under `scope` (each output element). */
function shownFigures(page: Page, outputSelector: string, cellOf: string | null) {
  return page.$$eval(outputSelector, (outputs, cellAttr) =>
    outputs.flatMap((o) => {
      const candidates = [...o.querySelectorAll("svg, img")].filter((e) =>
        !(e.parentElement && e.parentElement.closest("svg"))
      ).map((e) => ({ e, box: e.getBoundingClientRect() }))
        .sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
      if (candidates.length === 0) return [];
      const { e, box } = candidates[0]!;
      const inline = e.tagName.toLowerCase() === "svg";
      let corner: number[] | null = null;
      if (!inline) {
        const img = e as HTMLImageElement;
        try {
          const canvas = document.createElement("canvas");
          canvas.width = 4;
          canvas.height = 4;
          const g = canvas.getContext("2d")!;
          g.drawImage(img, 0, 0, img.naturalWidth, img.naturalHeight);
          corner = [...g.getImageData(1, 1, 1, 1).data];
        } catch (_) {
          corner = null;
        }
      }
      const cellEl = cellAttr === null ? null : o.closest(`[${cellAttr}]`);
      return [{
        cell: cellEl === null ? -1 : Number(cellEl.getAttribute(cellAttr!)),
        width: box.width,
        height: box.height,
        inline,
        loaded: inline || ((e as HTMLImageElement).complete &&
          (e as HTMLImageElement).naturalWidth > 0),
        marks: inline
          ? e.querySelectorAll("path, line, rect, circle, polygon, polyline, text").length
          : 0,
        pictures: o.querySelectorAll("img.ll-svg").length,
        hidden: candidates.filter(({ e, box }) =>
          box.width === 0 || box.height === 0 ||
          (e.tagName.toLowerCase() === "img" &&
            !((e as HTMLImageElement).complete && (e as HTMLImageElement).naturalWidth > 0))
        ).length,
        text: (o as HTMLElement).innerText.replace(/\s+/g, ""),
        corner,
      }];
    }), cellOf) as Promise<Shown[]>;
}

/** Text whose contrast with what is behind it is below 4.5:1. */
interface LowContrast {
  cell: number;
  text: string;
  ratio: number;
}

/**
 * The contrast of every text of the inline figures and of the HTML around
 * them: the text's fill (with its opacity) against its halo when it has one
 * (a stroke painted first), else the nearest opaque background behind it
 * (the figure's card, the page).
 */
function lowContrast(page: Page): Promise<LowContrast[]> {
  return page.$$eval("[data-cell]", (cells) => {
    const rgba = (c: string): number[] | null => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return null;
      const p = m[1]!.split(/[\s,/]+/).filter((s) => s !== "").map(Number);
      return [p[0]!, p[1]!, p[2]!, p.length > 3 ? p[3]! : 1];
    };
    const lum = (c: number[]) => {
      const f = (v: number) => {
        const s = v / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(c[0]!) + 0.7152 * f(c[1]!) + 0.0722 * f(c[2]!);
    };
    const over = (top: number[], alpha: number, bottom: number[]) =>
      [0, 1, 2].map((k) => top[k]! * alpha + bottom[k]! * (1 - alpha));
    const backdrop = (el: Element): number[] => {
      for (let e: Element | null = el; e !== null; e = e.parentElement) {
        const bg = rgba(getComputedStyle(e).backgroundColor);
        if (bg && bg[3]! > 0.99) return bg;
      }
      return [255, 255, 255, 1];
    };
    const ratio = (a: number[], b: number[]) => {
      const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
      return (hi! + 0.05) / (lo! + 0.05);
    };
    const found: { cell: number; text: string; ratio: number }[] = [];
    for (const cell of cells) {
      const index = Number(cell.getAttribute("data-cell"));
      for (const t of cell.querySelectorAll(".jp-OutputArea-output svg text")) {
        const label = (t.textContent ?? "").trim();
        const cs = getComputedStyle(t);
        if (label === "" || cs.visibility === "hidden" || cs.display === "none") continue;
        const fill = rgba(cs.fill);
        if (fill === null) continue; // no fill, or a gradient
        let alpha = Number(cs.fillOpacity) * fill[3]!;
        for (let e: Element | null = t; e !== null && e.tagName !== "svg"; e = e.parentElement) {
          alpha *= Number(getComputedStyle(e).opacity);
        }
        const stroke = rgba(cs.stroke);
        const halo = stroke !== null && stroke[3]! > 0.99 && parseFloat(cs.strokeWidth) >= 2 &&
          cs.paintOrder.startsWith("stroke");
        const behind = halo ? stroke : backdrop(t);
        const r = ratio(over(fill, alpha, behind), behind);
        if (r < 4.5) found.push({ cell: index, text: label, ratio: Math.round(r * 100) / 100 });
      }
      // HTML text beside the figures: captions, legends.
      for (const e of cell.querySelectorAll(".ll-fig *:not(svg):not(svg *)")) {
        const own = [...e.childNodes].some((n) =>
          n.nodeType === 3 && (n.textContent ?? "").trim() !== ""
        );
        if (!own) continue;
        const color = rgba(getComputedStyle(e).color)!;
        const behind = backdrop(e);
        const r = ratio(over(color, color[3]!, behind), behind);
        if (r < 4.5) {
          found.push({
            cell: index,
            text: (e.textContent ?? "").trim().slice(0, 40),
            ratio: Math.round(r * 100) / 100,
          });
        }
      }
    }
    return found;
  });
}

const THEMES: Theme[] = ["light", "dark"];

Deno.test("JupyterLab's renderers show every figure: trusted as live inline SVG, untrusted as the static picture, in light and dark", async () => {
  const low = new Set<string>();
  await withBrowser(async (browser) => {
    for (const { stem, nb } of books) {
      const expected = figuresByCell(nb);
      const total = [...expected.values()].reduce((n, f) => n + f.length, 0);
      const surfaces = [...expected.values()].flat().join("").split('class="ll-s3d ').length - 1;
      for (const theme of THEMES) {
        for (const trusted of [true, false]) {
          const where = `${stem} (${theme}, ${trusted ? "trusted" : "untrusted"})`;
          await withPage(async (page, errors) => {
            await openLab(page, theme);
            await renderNotebook(page, cellsOf(nb), { trusted });
            if (trusted) await revealAll(page, "[data-cell] .jp-OutputArea-output");
            const shown = await shownFigures(
              page,
              "[data-cell] .jp-OutputArea-output",
              "data-cell",
            );
            const figures = shown.filter((s) => expected.has(s.cell));
            strictEqual(figures.length, total, `${where}: figures shown vs in the notebook`);
            for (const [i, f] of figures.entries()) {
              const what = `${where}: figure ${i + 1} (cell ${f.cell})`;
              ok(f.width > 50 && f.height > 50, `${what} renders ${f.width}×${f.height}`);
              ok(f.loaded, `${what}: the picture did not load`);
              strictEqual(f.hidden, 0, `${what}: SVGs or pictures not shown`);
              if (trusted) {
                ok(f.inline, `${what} is not inline SVG`);
                strictEqual(f.pictures, 0, `${what}: pictures left static`);
                ok(f.marks >= 3, `${what} is empty (${f.marks} marks)`);
              } else {
                ok(!f.inline, `${what}: untrusted inline SVG`);
                // A white card inside the picture, whatever the page's colour.
                deepStrictEqual(f.corner, [255, 255, 255, 255], `${what}: card corner`);
              }
            }
            if (!trusted) {
              // No jumbled text: an output shows only the text of its HTML outside the SVGs.
              for (const [cell, htmls] of expected) {
                const want = htmls.map(textOutsideSvg).join("");
                const got = shown.filter((s) => s.cell === cell).map((s) => s.text).join("");
                strictEqual(got, want, `${where}: cell ${cell} shows text of its figure`);
              }
            } else {
              strictEqual(
                await page.$$eval(".ll-s3d[data-ll-ready]", (es) => es.length),
                surfaces,
                `${where}: 3D surfaces whose script did not start`,
              );
              if (surfaces > 0) {
                // Keyboard focus first, as after running a cell with Shift+Enter.
                await page.keyboard.press("Tab");
                strictEqual(await page.evaluate(() => document.activeElement?.id), "keyboard");
                const { turned, outline } = await dragFirstSurface(page);
                ok(turned, `${where}: dragging the first surface changed nothing`);
                strictEqual(outline, "none", `${where}: a focus ring after a drag`);
                // Back to the button and forward again from the keyboard: now a ring.
                await page.keyboard.press("Shift+Tab");
                await page.keyboard.press("Tab");
                const ring = await page.$eval(
                  ".ll-s3d",
                  (e) =>
                    document.activeElement === e ? getComputedStyle(e).outlineStyle : "not focused",
                );
                ok(
                  ring !== "none" && ring !== "not focused",
                  `${where}: keyboard focus ring ${ring}`,
                );
              }
              for (const l of await lowContrast(page)) {
                low.add(`${stem} ${l.cell}: ${l.text} (${l.ratio}:1, ${theme})`);
              }
            }
            deepStrictEqual(errors, [], `${where}: problems on the page`);
          }, { browser });
        }
      }
    }
  });
  deepStrictEqual([...low], [], "figure text below 4.5:1 against what is behind it");
});

Deno.test("the harness can fail: an inline SVG in text/html (the old display) is jumbled text when untrusted", async () => {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">' +
    '<rect width="200" height="100" fill="#eee"/><text x="10" y="50">tick 0.5</text></svg>';
  const old = { "text/html": svg, "image/svg+xml": svg, "text/plain": "A figure" };
  const now = svgFigure(svg, "A figure")[DISPLAY]();
  const cells = [old, now].map((data, index) => ({
    index,
    outputs: [{ output_type: "display_data", data, metadata: {} }],
  }));
  await withPage(async (page, errors) => {
    await openLab(page, "dark");
    await renderNotebook(page, cells, { trusted: false });
    const shown = await shownFigures(page, "[data-cell] .jp-OutputArea-output", "data-cell");
    deepStrictEqual(shown.map((s) => [s.cell, s.loaded, s.text]), [[1, true, ""]]);
    const oldText = await page.$eval('[data-cell="0"]', (e) => (e as HTMLElement).innerText);
    strictEqual(oldText.trim(), "tick 0.5");
    deepStrictEqual(errors, []);
  });
});

/** Exports a notebook with nbconvert's `template` and returns the page's path. */
async function nbconvert(path: string, template: "lab" | "classic"): Promise<string> {
  const out = await Deno.makeTempDir({ prefix: `viewers_${template}_` });
  const result = await new Deno.Command(await ensureJupyter(), {
    args: [
      "-m",
      "nbconvert",
      "--to",
      "html",
      "--template",
      template,
      // Debian's require.js and MathJax URLs point at paths that may be missing,
      // and these pages need neither; blank them.
      "--HTMLExporter.require_js_url=data:text/javascript,",
      "--HTMLExporter.mathjax_url=data:text/javascript,",
      "--output-dir",
      out,
      path,
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!result.success) throw new Error(new TextDecoder().decode(result.stderr));
  return `${out}/${path.split("/").pop()!.replace(/\.ipynb$/, ".html")}`;
}

/**
 * The outside scripts and style sheets an exported page's template links
 * (nbconvert 7's `classic` template loads jQuery from a CDN): a teacher's
 * export has a network, this test has none, and our figures must not need
 * them.
 */
function externalAssets(html: string): Set<string> {
  const urls = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="(https?:[^"]+)"/g)];
  return new Set(urls.map((m) => m[1]!));
}

/**
 * `errors` without the failed loads of `assets` and, for each, one console
 * error of the same failed load (which Chromium reports without its URL).
 */
function withoutTemplateAssets(errors: readonly string[], assets: ReadonlySet<string>): string[] {
  let failed = 0;
  const rest = errors.filter((e) => {
    const url = e.replace(/^(network|requestfailed): /, "");
    if (url === e || !assets.has(url)) return true;
    if (e.startsWith("requestfailed: ")) failed++;
    return false;
  });
  return rest.filter((e) =>
    !(e.startsWith("console.error: Failed to load resource: net::") && failed-- > 0)
  );
}

Deno.test("nbconvert's lab and classic HTML show every figure, with JavaScript on and off", async () => {
  // The chapter with the most kinds of figure: 3D surfaces, Plot figures with captions.
  const { stem, nb } = books.reduce((best, b) =>
    [...figuresByCell(b.nb).values()].flat().length >
        [...figuresByCell(best.nb).values()].flat().length
      ? b
      : best
  );
  const total = [...figuresByCell(nb).values()].flat().length;
  await withBrowser(async (browser) => {
    for (const template of ["lab", "classic"] as const) {
      const html = await nbconvert(`${dir}/${stem}.ipynb`, template);
      const templateAssets = externalAssets(await Deno.readTextFile(html));
      const removeExport = () => Deno.remove(html.replace(/\/[^/]*$/, ""), { recursive: true });
      for (const javaScriptEnabled of [true, false]) {
        const where = `${stem} (${template}, JavaScript ${javaScriptEnabled ? "on" : "off"})`;
        await withPage(async (page, errors) => {
          await page.goto(`file://${html}`);
          if (javaScriptEnabled) {
            await page.evaluate(() =>
              new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 20)))
            );
          }
          const output = template === "lab" ? ".jp-OutputArea-output" : ".output_subarea";
          if (javaScriptEnabled) await revealAll(page, output);
          const figures = await shownFigures(page, output, null);
          strictEqual(figures.length, total, `${where}: figures shown vs in the notebook`);
          for (const [i, f] of figures.entries()) {
            ok(
              f.width > 50 && f.height > 50,
              `${where}: figure ${i + 1} is ${f.width}×${f.height}`,
            );
            ok(f.loaded, `${where}: figure ${i + 1} did not load`);
            strictEqual(f.hidden, 0, `${where}: figure ${i + 1} has SVGs or pictures not shown`);
            strictEqual(f.inline, javaScriptEnabled, `${where}: figure ${i + 1} inline`);
          }
          deepStrictEqual(
            withoutTemplateAssets(errors, templateAssets),
            [],
            `${where}: problems on the page`,
          );
        }, { browser, javaScriptEnabled });
      }
      await removeExport();
    }
  });
});

/** The classic Notebook's server (Debian's `jupyter-notebook`, 6.4) on a free local port. */
async function classicNotebook<T>(
  notebooks: Record<string, Notebook>,
  trusted: string[],
  fn: (url: (name: string) => string) => Promise<T>,
): Promise<T> {
  const home = await Deno.makeTempDir({ prefix: "viewers_classic_" });
  const env = {
    // Debian's classic Notebook runs on Debian's own Jupyter libraries, even
    // when the book runs on another Jupyter put first on PYTHONPATH.
    PYTHONPATH: "",
    JUPYTER_CONFIG_DIR: `${home}/config`,
    JUPYTER_DATA_DIR: `${home}/data`,
    JUPYTER_RUNTIME_DIR: `${home}/runtime`,
    JUPYTER_PATH: `${home}/data`,
  };
  await Deno.mkdir(`${home}/nb`);
  for (const [name, nb] of Object.entries(notebooks)) {
    // No kernel: the outputs are what is tested, and none should start.
    const copy = {
      ...nb,
      metadata: { ...nb.metadata, kernelspec: { name: "none", display_name: "none" } },
    };
    await Deno.writeTextFile(`${home}/nb/${name}.ipynb`, JSON.stringify(copy));
  }
  for (const name of trusted) {
    const sign = await new Deno.Command("/usr/bin/python3", {
      args: [
        "-c",
        "from nbformat.sign import TrustNotebookApp as A; A.launch_instance()",
        `${home}/nb/${name}.ipynb`,
      ],
      env,
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!sign.success) throw new Error(new TextDecoder().decode(sign.stderr));
  }
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  const token = crypto.randomUUID();
  const server = new Deno.Command("/usr/bin/jupyter-notebook", {
    args: [
      "--no-browser",
      "--allow-root",
      "--ip=127.0.0.1",
      `--port=${port}`,
      "--port-retries=0",
      `--NotebookApp.token=${token}`,
      `--notebook-dir=${home}/nb`,
    ],
    env,
    stdout: "null",
    stderr: "piped",
  }).spawn();
  try {
    // Ready once it says where it serves.
    const reader = server.stderr.pipeThrough(new TextDecoderStream()).getReader();
    let log = "";
    while (!log.includes(`127.0.0.1:${port}/`)) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the classic Notebook did not start:\n${log}`);
      log += value;
    }
    reader.releaseLock();
    server.stderr.cancel().catch(() => {});
    return await fn((name) => `http://127.0.0.1:${port}/notebooks/${name}.ipynb?token=${token}`);
  } finally {
    server.kill("SIGTERM");
    await server.status;
    await Deno.remove(home, { recursive: true });
  }
}

Deno.test("the classic Notebook shows every figure: trusted as live inline SVG, untrusted as the static picture", async () => {
  // The chapter with 3D surfaces and the most figures.
  const { stem, nb } = books.reduce((best, b) =>
    [...figuresByCell(b.nb).values()].flat().length >
        [...figuresByCell(best.nb).values()].flat().length
      ? b
      : best
  );
  const expected = figuresByCell(nb);
  const total = [...expected.values()].flat().length;
  const surfaces = [...expected.values()].flat().join("").split('class="ll-s3d ').length - 1;
  // A different copy for each, as the Notebook trusts by content.
  const untrusted = { ...nb, metadata: { ...nb.metadata, copy: "untrusted" } };
  await classicNotebook({ trusted: nb, untrusted }, ["trusted"], async (url) => {
    await withBrowser(async (browser) => {
      for (const trusted of [true, false]) {
        const where = `${stem} (classic Notebook, ${trusted ? "trusted" : "untrusted"})`;
        await withPage(async (page, errors) => {
          await page.goto(url(trusted ? "trusted" : "untrusted"));
          await page.waitForFunction(
            (n) => document.querySelectorAll("#notebook-container > .cell").length === n,
            nb.cells.length,
            { timeout: 60_000 },
          );
          await page.waitForFunction(() => [...document.images].every((i) => i.complete));
          await page.evaluate(() => {
            document.querySelectorAll("#notebook-container > .cell").forEach((c, k) =>
              c.setAttribute("data-cell", String(k))
            );
            return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 20)));
          });
          if (trusted) await revealAll(page, "[data-cell] .output_subarea");
          const shown = await shownFigures(page, "[data-cell] .output_subarea", "data-cell");
          const figures = shown.filter((s) => expected.has(s.cell));
          strictEqual(figures.length, total, `${where}: figures shown vs in the notebook`);
          for (const [i, f] of figures.entries()) {
            const what = `${where}: figure ${i + 1} (cell ${f.cell})`;
            ok(f.width > 50 && f.height > 50, `${what} renders ${f.width}×${f.height}`);
            ok(f.loaded, `${what}: the picture did not load`);
            strictEqual(f.hidden, 0, `${what}: SVGs or pictures not shown`);
            strictEqual(f.inline, trusted, `${what} inline`);
          }
          if (trusted) {
            strictEqual(await page.$$eval(".ll-s3d[data-ll-ready]", (es) => es.length), surfaces);
            if (surfaces > 0) {
              // Close the "kernel not found" dialog, whose backdrop would take the drag.
              await page.evaluate(() =>
                document.querySelectorAll(".modal, .modal-backdrop").forEach((e) => e.remove())
              );
              ok((await dragFirstSurface(page)).turned, `${where}: dragging the first surface`);
            }
          } else {
            for (const [cell, htmls] of expected) {
              const want = htmls.map(textOutsideSvg).join("");
              const got = shown.filter((s) => s.cell === cell).map((s) => s.text).join("");
              strictEqual(got, want, `${where}: cell ${cell} shows text of its figure`);
            }
          }
          // The Notebook's own page loads fonts and a kernel list from its server;
          // only script errors count here.
          deepStrictEqual(errors.filter((e) => e.startsWith("pageerror")), [], where);
        }, { browser });
      }
    });
  });
});

Deno.test("only the template's own outside assets are forgiven on exported pages", () => {
  const assets = externalAssets(
    '<script src="https://cdn.example/jquery.js"></script><img src="https://x.example/a.png">',
  );
  deepStrictEqual([...assets], ["https://cdn.example/jquery.js"]);
  deepStrictEqual(
    withoutTemplateAssets([
      "network: https://cdn.example/jquery.js",
      "requestfailed: https://cdn.example/jquery.js",
      "console.error: Failed to load resource: net::ERR_NAME_NOT_RESOLVED",
      "console.error: Failed to load resource: net::ERR_NAME_NOT_RESOLVED",
      "network: https://x.example/a.png",
      "pageerror: boom",
    ], assets),
    [
      "console.error: Failed to load resource: net::ERR_NAME_NOT_RESOLVED",
      "network: https://x.example/a.png",
      "pageerror: boom",
    ],
  );
});

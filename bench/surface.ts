/**
 * The article's 3D figure — the 100 × 100 bowl `w1² + w2²` on [−5, 5]² with
 * title, axis labels and colour bar — drawn by `surface3d(...).toSVG()`
 * versus the article's own matplotlib code saving SVG and PNG
 * (`peers/surface_matplotlib.py`), in the same run: medians, ratios and
 * output sizes.
 *
 * `deno run -A bench/surface.ts --picture docs/surface-vs-matplotlib.png`
 * also writes a side-by-side PNG: our SVG rendered by headless Chromium at
 * matplotlib's 1000 × 700 px next to matplotlib's PNG from the same run.
 *
 * @module
 */

import { landscape } from "../lib/landscape/landscape.ts";
import { surface3d } from "../lib/plot/3d/surface3d.ts";
import { withPage } from "../tests/_browser.ts";
import { findPython, ms, printTable, runPeer, timeMs } from "./_util.ts";

const ARTICLE = {
  title: "A Simple 3D Loss Landscape",
  xLabel: "Weight 1 (X-axis)",
  yLabel: "Weight 2 (Y-axis)",
  zLabel: "Loss (Z-axis)",
  colorbar: { label: "Loss Value", shrink: 0.5, aspect: 5 },
};

// Two significant digits: ratios here are far below 1, where `ratio()` rounds to 0.1.
const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || !(a > 0) || !(b > 0) ? "–" : `${(a / b).toPrecision(2)}×`;

const kb = (bytes: number | undefined) =>
  bytes === undefined ? "–" : `${(bytes / 1000).toFixed(0)} KB`;

async function gzipSize(text: string): Promise<number> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

/** Renders `svg` in Chromium at 1000 × 700 px beside matplotlib's PNG and saves a PNG. */
async function picture(svg: string, matplotlibPng: string, out: string): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "surface_picture_" });
  await Deno.copyFile(matplotlibPng, `${dir}/matplotlib.png`);
  const sized = svg.replace(
    /^<svg([^>]*?) width="\d+" height="\d+"/,
    '<svg$1 width="1000" height="700"',
  );
  const caption = "font: 15px DejaVu Sans, sans-serif; text-align: center; padding: 6px 0 10px";
  await Deno.writeTextFile(
    `${dir}/index.html`,
    `<!DOCTYPE html><html><body style="margin:0;background:#fff"><div id="pair" style="display:flex;width:2000px">` +
      `<figure style="margin:0"><figcaption style="${caption}">surface3d(grid, …).toSVG(): SVG rendered by Chromium</figcaption>${sized}</figure>` +
      `<figure style="margin:0"><figcaption style="${caption}">matplotlib 3.6 plot_surface: PNG at 100 dpi</figcaption>` +
      `<img src="matplotlib.png" width="1000" height="700" style="display:block"></figure>` +
      `</div></body></html>`,
  );
  await withPage(async (page, errors) => {
    await page.goto(`file://${dir}/index.html`);
    await (await page.$("#pair"))!.screenshot({ path: out });
    if (errors.length > 0) throw new Error(errors.join("\n"));
  }, { viewport: { width: 2000, height: 800 } });
}

/** Runs the benchmark and prints its table; see the module documentation. */
export async function main(args: readonly string[] = Deno.args): Promise<void> {
  const p = args.indexOf("--picture");
  const pictureOut = p >= 0 ? args[p + 1] ?? "docs/surface-vs-matplotlib.png" : undefined;

  const grid = landscape("w1^2 + w2^2").grid({ x: [-5, 5], y: [-5, 5], n: 100 });
  const svg = surface3d(grid, ARTICLE).toSVG();
  const html = surface3d(grid, ARTICLE).toHTML();
  const oursSvg = await timeMs(() => surface3d(grid, ARTICLE).toSVG(), { reps: 15, warmup: 5 });
  const oursHtml = await timeMs(() => surface3d(grid, ARTICLE).toHTML(), { reps: 15, warmup: 5 });

  const python = await findPython(["matplotlib", "numpy"]);
  let peer: Record<string, unknown> | undefined;
  const outDir = await Deno.makeTempDir({ prefix: "surface_bench_" });
  if (python === undefined) {
    console.log("matplotlib not found (Debian python3-matplotlib): peer skipped");
  } else {
    const script = new URL("./peers/surface_matplotlib.py", import.meta.url).pathname;
    peer = await runPeer(python, script, ["--reps", "7", "--out", outDir]);
  }
  const num = (k: string) => (typeof peer?.[k] === "number" ? peer[k] as number : undefined);
  const mplSvg = num("svg_ms"), mplPng = num("png_ms");

  console.log(
    `The article's figure (100 × 100 bowl, 10 × 7 in): medians of 15 runs (ours) and ` +
      `7 runs (matplotlib ${peer?.matplotlib ?? "–"}), timed in the same run.\n`,
  );
  printTable(["renderer", "median time", "vs matplotlib SVG", "output", "gzipped"], [
    [
      "surface3d().toSVG()",
      `${ms(oursSvg)} ms`,
      ratio(oursSvg, mplSvg),
      kb(svg.length),
      kb(await gzipSize(svg)),
    ],
    [
      "surface3d().toHTML() (SVG + rotation script)",
      `${ms(oursHtml)} ms`,
      ratio(oursHtml, mplSvg),
      kb(html.length),
      kb(await gzipSize(html)),
    ],
    ["matplotlib savefig SVG", `${ms(mplSvg)} ms`, "1×", kb(num("svg_bytes")), "–"],
    [
      "matplotlib savefig PNG",
      `${ms(mplPng)} ms`,
      ratio(mplPng, mplSvg),
      kb(num("png_bytes")),
      "–",
    ],
  ]);
  if (mplSvg !== undefined) {
    console.log(
      `\ngoals: render ≤ 0.5× matplotlib's SVG save: ${
        oursSvg <= 0.5 * mplSvg ? "met" : "NOT met"
      } ` +
        `(${ratio(oursSvg, mplSvg)}); SVG ≤ 250 KB: ${svg.length <= 250_000 ? "met" : "NOT met"} (${
          kb(svg.length)
        })`,
    );
  }

  if (pictureOut !== undefined) {
    if (peer === undefined) throw new Error("--picture needs matplotlib for the peer PNG");
    const slash = pictureOut.lastIndexOf("/");
    if (slash > 0) await Deno.mkdir(pictureOut.slice(0, slash), { recursive: true });
    await picture(svg, `${outDir}/surface-matplotlib.png`, pictureOut);
    console.log(`\nwrote ${pictureOut}`);
  }
  await Deno.remove(outDir, { recursive: true });
}

if (import.meta.main) await main();

import { deepStrictEqual, ok, strictEqual, throws } from "node:assert";
import { drawAxes3d } from "../lib/plot/3d/_axes.ts";
import { colormap } from "../lib/plot/colormap.ts";
import { camera, defaultBox } from "../lib/plot/3d/_camera.ts";
import { DISPLAY } from "../lib/plot/show.ts";
import { picturesIn } from "../lib/plot/_live_svg.ts";
import { portableSource } from "../lib/plot/3d/_surface_script.ts";
import { surface3d } from "../lib/plot/3d/surface3d.ts";
import { assertWellFormedXml } from "./_xml.ts";
import type { Grid } from "../lib/core/types.ts";
import { bowl, himmelblau, himmelblauDescent, rastrigin, sampleGrid } from "./plots/_grid.ts";

const article = {
  title: "A Simple 3D Loss Landscape",
  xLabel: "Weight 1 (X-axis)",
  yLabel: "Weight 2 (Y-axis)",
  zLabel: "Loss (Z-axis)",
  colorbar: { label: "Loss Value" },
};
const bowlGrid = sampleGrid(bowl, [-5, 5], [-5, 5], 100);

/** Face fills in drawing order. */
const faceFills = (svg: string) => {
  const faces = svg.match(/<g class="ll-faces">(.*?)<\/g>/)?.[1] ?? "";
  return [...faces.matchAll(/<path d="[^"]*z" fill="(#[0-9a-f]{6})"\/>/g)].map((m) => m[1]!);
};
const sceneData = (html: string) =>
  JSON.parse(
    html.match(/<script type="application\/json" class="ll-s3d-data">(.*?)<\/script>/)![1]!,
  );

Deno.test("surface3d() lays out the article's figure where matplotlib 3.6 puts its axes", () => {
  const data = sceneData(surface3d(bowlGrid, article).toHTML());
  // matplotlib: axes 539 px square at x = 206 px, 84 px from the top of a
  // 1000 × 700 px figure; our units are points (1 pt = 100/72 px).
  const k = 100 / 72;
  ok(Math.abs(data.layout.left * k - 206) < 1e-3, `left ${data.layout.left * k}`);
  ok(Math.abs(data.layout.top * k - 84) < 1e-3, `top ${data.layout.top * k}`);
  ok(Math.abs(data.layout.side * k - 539) < 1e-3, `side ${data.layout.side * k}`);
  deepStrictEqual(data.lims.slice(0, 4), [-5.5, 5.5, -5.5, 5.5]);
  deepStrictEqual(data.axes.ticks, [[-4, -2, 0, 2, 4], [-4, -2, 0, 2, 4], [10, 20, 30, 40, 50]]);
});

Deno.test("surface3d() draws the article's bowl as 50 × 50 faces in under 250 KB, with a colour bar", () => {
  const fig = surface3d(bowlGrid, article);
  const svg = fig.toSVG();
  ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
  strictEqual(faceFills(svg).length, 2500);
  ok(svg.length <= 250_000, `SVG is ${svg.length} bytes`);
  for (
    const text of [article.title, article.xLabel, article.yLabel, article.zLabel, "Loss Value"]
  ) {
    ok(svg.includes(`>${text}</text>`), `missing ${text}`);
  }
  // matplotlib's colour bar ticks for this figure: 10, 20, 30, 40.
  const bar = svg.match(/<g class="ll-colorbar".*?<\/g>/)![0];
  deepStrictEqual([...bar.matchAll(/dy="0.32em">([^<]*)</g)].map((m) => m[1]), [
    "10",
    "20",
    "30",
    "40",
  ]);
});

Deno.test("surface3d() displays as text/html (SVG + script), image/svg+xml and a text alternative", () => {
  const bundle = surface3d(bowlGrid, article)[DISPLAY]();
  const html = String(bundle["text/html"]);
  ok(html.startsWith('<div class="ll-s3d') && html.includes('<img class="ll-svg"'));
  ok(html.includes("<script>"));
  const picture = picturesIn(html)[0] ?? "";
  ok(String(bundle["image/svg+xml"]).startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
  ok(!String(bundle["image/svg+xml"]).includes("<script"), "the standalone SVG has no script");
  const text = String(bundle["text/plain"]);
  ok(text.startsWith("A Simple 3D Loss Landscape: 3D surface of Loss (Z-axis)"), text);
  ok(text.includes("100 × 100 samples"), text);
  ok(
    picture.includes('role="img"') && picture.includes("<title>A Simple 3D Loss Landscape</title>"),
  );
});

Deno.test("surface3d({ interactive: false }) gives text/html without any script", () => {
  const html = String(surface3d(bowlGrid, { interactive: false })[DISPLAY]()["text/html"]);
  ok(html.includes('<img class="ll-svg"') && !html.includes("<script"));
});

Deno.test("the embedded renderer, run in an empty scope, draws exactly the server's markup", () => {
  const fig = surface3d(sampleGrid(himmelblau, [-5, 5], [-5, 5], 60), {
    title: "Himmelblau",
    paths: [himmelblauDescent([-0.5, 4.5])],
    shade: 0.4,
    azimuth: 20,
    elevation: 40,
  });
  const data = sceneData(fig.toHTML());
  const render = new Function(
    "enc",
    `${portableSource()}\nreturn renderScene(decodeScene(enc), { azimuth: enc.azimuth, elevation: enc.elevation });`,
  ) as (enc: unknown) => string;
  const client = render(data);
  const server = fig.toSVG().match(/<g class="ll-s3d-scene">(.*?)<\/g><text/)![1]!;
  ok(client.length > 10_000);
  strictEqual(client, server);
});

Deno.test("surface3d() draws faces far to near (painter's algorithm)", () => {
  // A plane rising along x, coloured by height: seen from the +x side
  // (azimuth 0) the low faces are farthest and are drawn first; from the −x
  // side, last.
  const plane = sampleGrid((x) => x, [0, 1], [0, 1], [5, 2]);
  const rank = (fills: string[]) => fills.map((f) => parseInt(f.slice(1), 16));
  const fromPlusX = faceFills(surface3d(plane, { azimuth: 0, elevation: 20 }).toSVG());
  const fromMinusX = faceFills(surface3d(plane, { azimuth: 180, elevation: 20 }).toSVG());
  strictEqual(fromPlusX.length, 4);
  const colours = ["#440154", "#31688e", "#35b779", "#fde725"]; // viridis at face heights 0, ⅓, ⅔, 1
  deepStrictEqual(fromPlusX.map((f) => colours.indexOf(closest(f, colours))), [0, 1, 2, 3]);
  deepStrictEqual(fromMinusX.map((f) => colours.indexOf(closest(f, colours))), [3, 2, 1, 0]);
  ok(rank(fromPlusX).length === 4);
});

function closest(hex: string, options: string[]): string {
  const rgb = (h: string) => [1, 3, 5].map((k) => parseInt(h.slice(k, k + 2), 16));
  const d = (a: string, b: string) => rgb(a).reduce((s, v, k) => s + (v - rgb(b)[k]!) ** 2, 0);
  return options.reduce((best, o) => (d(hex, o) < d(hex, best) ? o : best));
}

Deno.test("surface3d() throws a RangeError for an empty grid and for a 1 × 1 grid", () => {
  const empty: Grid = {
    nx: 0,
    ny: 0,
    xs: new Float64Array(),
    ys: new Float64Array(),
    values: new Float64Array(),
    min: NaN,
    max: NaN,
    argmin: [NaN, NaN],
    nonFinite: 0,
  };
  throws(() => surface3d(empty), {
    name: "RangeError",
    message: /at least 2 × 2 points but found 0 × 0/,
  });
  const one = {
    ...empty,
    nx: 1,
    ny: 1,
    xs: new Float64Array([0]),
    ys: new Float64Array([0]),
    values: new Float64Array([1]),
  };
  throws(() => surface3d(one), { name: "RangeError", message: /found 1 × 1/ });
  throws(() => surface3d({ ...bowlGrid, values: new Float64Array(10) }), RangeError);
});

Deno.test("surface3d() rejects non-finite angles with a RangeError naming the option", () => {
  for (const v of [NaN, Infinity, -Infinity]) {
    throws(() => surface3d(bowlGrid, { azimuth: v }), {
      name: "RangeError",
      message: new RegExp(`Expected azimuth to be a finite number of degrees but found ${v}`),
    });
    throws(() => surface3d(bowlGrid, { elevation: v }), {
      name: "RangeError",
      message: /elevation/,
    });
  }
});

Deno.test("surface3d() rejects an unknown colour map, listing schemes it knows", () => {
  throws(() => surface3d(bowlGrid, { colormap: "jet" }), {
    name: "TypeError",
    message: /invalid colormap: "jet".*"viridis".*"magma"/,
  });
});

Deno.test("surface3d() escapes a title and labels containing markup", () => {
  const evil = '</script><script>alert("x")</script>';
  const fig = surface3d(bowlGrid, { title: evil, xLabel: evil, colorbar: { label: evil } });
  const html = fig.toHTML();
  ok(!html.includes("<script>alert"), "no injected script element");
  strictEqual(html.split("<script>").length, 2, "only the rotation script");
  ok(fig.toSVG().includes("&lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)"));
  strictEqual(
    sceneData(html).axes.labels[0],
    "&lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;",
  );
});

Deno.test("surface3d() draws an all-NaN grid as an empty axis box with a message", () => {
  const svg = surface3d(sampleGrid(() => NaN, [-1, 1], [-1, 1], 10), { title: "Nothing" }).toSVG();
  strictEqual(faceFills(svg).length, 0);
  ok(svg.includes("No finite values to draw"));
  ok(svg.includes('class="ll-panes"'), "the axis box is still drawn");
  ok(!svg.includes("NaN"), "no NaN coordinates");
  ok(!svg.includes("ll-colorbar"));
});

Deno.test("surface3d() colours a constant grid with the middle colour, without dividing by zero", () => {
  const svg = surface3d(sampleGrid(() => 3, [-1, 1], [-1, 1], 5)).toSVG();
  const fills = faceFills(svg);
  strictEqual(fills.length, 16);
  deepStrictEqual(new Set(fills), new Set([colormap("viridis")(0.5)]));
  ok(!/NaN|Infinity/.test(svg));
});

Deno.test("surface3d() leaves holes where samples are not finite", () => {
  // One NaN sample at an interior vertex removes the four faces around it.
  const grid = sampleGrid(bowl, [-1, 1], [-1, 1], 5);
  grid.values[2 + 2 * 5] = NaN;
  strictEqual(faceFills(surface3d(grid).toSVG()).length, 16 - 4);
  grid.values[0] = Infinity;
  strictEqual(faceFills(surface3d(grid).toSVG()).length, 16 - 5);
});

Deno.test("surface3d() of a landscape with NaN and infinite regions writes valid SVG", async () => {
  const holes = sampleGrid((x, y) => Math.log(x * y), [-2, 2], [-2, 2], 41);
  ok(holes.nonFinite > 0);
  const fig = surface3d(holes, { title: "log(x y)", zLabel: "loss", logColor: false });
  const svg = fig.toSVG();
  ok(!/NaN|Infinity/.test(svg), "a non-finite number reached the SVG");
  ok(faceFills(svg).length > 0, "the finite part was not drawn");
  await assertWellFormedXml(svg);
});

Deno.test("surface3d() decimates a 200 × 200 grid to at most 50 × 50 faces when that draws it faithfully", () => {
  const svg = surface3d(sampleGrid(himmelblau, [-5, 5], [-5, 5], 200)).toSVG();
  strictEqual(faceFills(svg).length, 50 * 50);
  ok(svg.length < 250_000, `${svg.length} bytes`);
});

Deno.test("surface3d() uses a finer mesh for a rugged surface, and exactly the faces asked for", () => {
  const rugged = sampleGrid(rastrigin, [-5.12, 5.12], [-5.12, 5.12], 200);
  const auto = faceFills(surface3d(rugged).toSVG()).length;
  ok(auto > 2500 && auto <= 100 * 100, `${auto} faces`);
  strictEqual(faceFills(surface3d(rugged, { faces: 20 }).toSVG()).length, 20 * 20);
  throws(() => surface3d(rugged, { faces: 0 }), RangeError);
});

Deno.test("surface3d({ logColor }) puts powers of ten on the colour bar", () => {
  const svg = surface3d(sampleGrid(himmelblau, [-5, 5], [-5, 5], 80), { logColor: true }).toSVG();
  const bar = svg.match(/<g class="ll-colorbar".*?<\/g>/)![0];
  const labels = [...bar.matchAll(/dy="0.32em">([^<]*)</g)].map((m) => m[1]);
  ok(labels.includes("1") && labels.includes("10") && labels.includes("100"), labels.join(" "));
});

Deno.test("surface3d() draws a path with start and end markers and stops at a diverged point", () => {
  const run = himmelblauDescent([-0.5, 4.5]);
  const svg = surface3d(sampleGrid(himmelblau, [-5, 5], [-5, 5], 60), {
    paths: [{ ...run, label: "descent" }, { points: [[0, 0], [1, 1], [NaN, NaN], [2, 2]] }],
  }).toSVG();
  ok(svg.includes('stroke="#d62728"') && svg.includes(">descent</text>"));
  strictEqual((svg.match(/<circle /g) ?? []).length, 4, "two markers for each path");
});

Deno.test("surface3d() accepts every d3-scale-chromatic scheme name, reversed with _r", () => {
  const grid = sampleGrid(bowl, [-1, 1], [-1, 1], 4);
  const a = faceFills(surface3d(grid, { colormap: "RdBu" }).toSVG());
  const b = faceFills(surface3d(grid, { colormap: "rdbu_r" }).toSVG());
  strictEqual(a.length, 9);
  ok(a.some((f, k) => f !== b[k]));
});

Deno.test("drawAxes3d() pushes an axis label out past long tick labels and reports how far right it reaches", () => {
  const cam = camera([-1, 1, -1, 1, 0, 50000], defaultBox(), -60, 30, 1);
  const zTicks = [10000, 20000, 30000, 40000, 50000];
  const extent = { right: -Infinity };
  const svg = drawAxes3d(cam, {
    layout: { left: 0, top: 0, side: 400 },
    fontSize: 10,
    ticks: [[], [], zTicks],
    tickLabels: [[], [], zTicks.map(String)],
    labels: ["", "", "loss"],
    extent,
  });
  const charWidth = 0.6 * 10;
  const tickRights = [...svg.matchAll(/<text x="([\d.-]+)" y="[\d.-]+" dy="0.76em">(\d+)<\/text>/g)]
    .map((m) => Number(m[1]) + charWidth * m[2]!.length / 2);
  strictEqual(tickRights.length, zTicks.length);
  const labelX = Number(svg.match(/translate\(([\d.-]+),[\d.-]+\)" dy="0.3em">loss</)![1]);
  const labelLeft = labelX - charWidth * 4 / 2;
  ok(
    labelLeft > Math.max(...tickRights),
    `label from ${labelLeft}, ticks to ${Math.max(...tickRights)}`,
  );
  ok(extent.right >= labelX + charWidth * 4 / 2 - 0.1, `extent ${extent.right}`);
});

Deno.test("surface3d() moves the colour bar right of a long z label", () => {
  const big = sampleGrid((x, y) => 1000 * (x * x + y * y), [-5, 5], [-5, 5], 40);
  const svg = surface3d(big, { zLabel: "loss", colorbar: { label: "Loss" } }).toSVG();
  const labelX = Number(svg.match(/translate\(([\d.-]+),[\d.-]+\)" dy="0.3em">loss</)![1]);
  const barX = Number(
    svg.match(/<rect x="([\d.-]+)" y="[\d.-]+" width="[\d.-]+" height="[\d.-]+" fill="url/)![1],
  );
  ok(barX > labelX + 0.6 * 10 * 4 / 2, `bar at ${barX}, label centred at ${labelX}`);
});

Deno.test("surface3d() gives an axis that the view foreshortens fewer ticks, but three at least", () => {
  const himmelblauGrid = sampleGrid(himmelblau, [-5, 5], [-5, 5], 40);
  const zTicks = (elevation: number) => {
    const html = surface3d(himmelblauGrid, { width: 480, height: 380, elevation }).toHTML();
    const scene = JSON.parse(html.match(/class="ll-s3d-data">(.*?)<\/script>/)![1]!);
    return scene.axes.ticks[2] as number[];
  };
  const side = zTicks(10).length, steep = zTicks(75).length;
  ok(steep < side, `z ticks at elevation 75: ${steep}, at 10: ${side}`);
  ok(steep >= 3, `z ticks at elevation 75: ${steep}`);
});

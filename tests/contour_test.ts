import { ok, strictEqual, throws } from "node:assert";
import { contourPlot } from "../lib/plot/contour.ts";
import { descend } from "../lib/landscape/descend.ts";
import { landscape } from "../lib/landscape/landscape.ts";
import { assertWellFormedXml } from "./_xml.ts";
import { DISPLAY } from "../lib/plot/show.ts";
import type { Grid } from "../lib/core/types.ts";
import { bowl, himmelblau, himmelblauDescent, sampleGrid } from "./plots/_grid.ts";

const him = sampleGrid(himmelblau, [-5, 5], [-5, 5], 80);

const contourBands = (svg: string) =>
  (svg.match(/<g [^>]*aria-label="contour"[^>]*>(.*?)<\/g>/)?.[1]?.match(/<path /g) ?? []).length;

Deno.test("contourPlot() fills one band per level and draws a colour bar", () => {
  const svg = contourPlot(sampleGrid(bowl, [-5, 5], [-5, 5], 50), { levels: [0, 10, 20, 30, 40] })
    .toSVG();
  strictEqual(contourBands(svg), 5);
  ok(svg.includes('class="ll-colorbar"'));
  ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
});

Deno.test("contourPlot() chooses nice levels from the minimum up", () => {
  const svg = contourPlot(sampleGrid(bowl, [-5, 5], [-5, 5], 50), { levels: 5 }).toSVG();
  // Values 0.02 … 50 in at most 5 intervals: steps of 10 from 0.
  strictEqual(contourBands(svg), 5);
  ok(contourPlot(him).toString().includes("levels"));
});

Deno.test("contourPlot() marks critical points with a symbol per kind and a legend", () => {
  const svg = contourPlot(him, {
    points: [
      { point: [3, 2], kind: "minimum" },
      { point: [-0.270845, -0.923039], kind: "maximum" },
      { point: [0.086678, 2.884255], kind: "saddle", label: "a saddle" },
    ],
  }).toSVG();
  ok(
    svg.includes(">minimum</text>") && svg.includes(">maximum</text>"),
    "legend of unlabelled kinds",
  );
  ok(svg.includes(">a saddle</text>"));
  strictEqual((svg.match(/aria-label="dot"/g) ?? []).length, 1);
});

Deno.test("contourPlot() draws a descent path with start and end markers, stopping where it diverges", () => {
  const run = himmelblauDescent([-0.5, 4.5]);
  const fig = contourPlot(him, {
    paths: [{ ...run, label: "GD" }, { points: [[0, 0], [1, 1], [Infinity, NaN]] }],
  });
  const svg = fig.toSVG();
  ok(svg.includes(">GD</text>"));
  ok(!/NaN|Infinity/.test(svg));
  ok(fig.toString().includes("2 paths"));
});

Deno.test("contourPlot({ arrows: true }) draws downhill arrows from the grid's own gradient", () => {
  const svg = contourPlot(sampleGrid(bowl, [-5, 5], [-5, 5], 41), { arrows: { n: 4 } }).toSVG();
  const vectors = svg.match(/<g [^>]*aria-label="vector".*?<\/g>/)![0];
  const rotations = [...vectors.matchAll(/rotate\((-?[\d.]+)\)/g)].map((m) => Number(m[1]));
  strictEqual(rotations.length, 16);
  // On the bowl, downhill points at the centre: the lower-left arrow (first) points up-right (45°).
  ok(Math.abs(rotations[0]! - 45) < 1, `first arrow at ${rotations[0]}°`);
});

Deno.test("contourPlot() accepts a gradient function for the arrows", () => {
  const svg = contourPlot(him, { arrows: { from: () => [1, 0], n: 3 } }).toSVG();
  const vectors = svg.match(/<g [^>]*aria-label="vector".*?<\/g>/)![0];
  const rotations = [...vectors.matchAll(/rotate\((-?[\d.]+)\)/g)].map((m) => Number(m[1]));
  ok(
    rotations.length === 9 && rotations.every((r) => Math.abs(r + 90) < 1e-6),
    rotations.join(" "),
  );
});

Deno.test("contourPlot() draws a slice line with its label", () => {
  const svg = contourPlot(him, { slice: { from: [-5, -5], to: [5, 5], label: "slice α" } }).toSVG();
  ok(svg.includes(">slice α</text>"));
  ok(svg.includes('stroke-dasharray="6,4"'));
});

Deno.test("contourPlot() keeps x and y to the same scale by default", () => {
  const svg = contourPlot(sampleGrid(bowl, [0, 4], [0, 2], 20), { colorbar: false }).toSVG();
  const height = Number(svg.match(/\sheight="(\d+)"/)![1]);
  // frame width 640 − 56 − 20 = 564 px for 4 units; 2 units → 282 px + margins 16 + 44.
  strictEqual(height, 282 + 60);
});

Deno.test("contourPlot() draws an all-NaN grid as an empty frame with a message", () => {
  const svg = contourPlot(sampleGrid(() => NaN, [-1, 1], [-1, 1], 10)).toSVG();
  ok(svg.includes("No finite values to draw"));
  ok(!svg.includes("ll-colorbar"));
});

Deno.test("contourPlot() handles a constant grid without dividing by zero", () => {
  const svg = contourPlot(sampleGrid(() => 2, [-1, 1], [-1, 1], 10)).toSVG();
  ok(!/NaN|Infinity/.test(svg));
});

Deno.test("contourPlot({ logColor }) uses log-spaced levels and a log colour bar", () => {
  const svg = contourPlot(him, { logColor: true, levels: 8 }).toSVG();
  strictEqual(contourBands(svg), 8);
  const bar = svg.match(/<g class="ll-colorbar".*?<\/g>/)![0];
  ok(bar.includes(">10</text>") && bar.includes(">100</text>"));
});

Deno.test("contourPlot() escapes the title and throws for bad input", () => {
  const fig = contourPlot(him, { title: "<script>x</script>" });
  ok(
    !fig.toSVG().includes("<script>") &&
      String(fig[DISPLAY]()["text/html"]).includes("&lt;script&gt;"),
  );
  const empty: Grid = {
    ...him,
    nx: 0,
    ny: 0,
    xs: new Float64Array(),
    ys: new Float64Array(),
    values: new Float64Array(),
  };
  throws(() => contourPlot(empty), { name: "RangeError", message: /at least 2 × 2/ });
  throws(() => contourPlot(him, { colormap: "nope" }), TypeError);
  throws(() => contourPlot(him, { levels: 0 }), RangeError);
  throws(() => contourPlot(him, { points: [{ point: [NaN, 1] }] }), TypeError);
  throws(() => contourPlot(him, { points: [{ point: [0, 1], kind: "peak" as never }] }), TypeError);
});

Deno.test("contourPlot() leaves holes where a grid is NaN or infinite and still writes valid SVG", async () => {
  // log(x*y): NaN where x*y < 0, -Infinity on the axes, finite in two quadrants.
  const holes = sampleGrid((x, y) => Math.log(x * y), [-2, 2], [-2, 2], 41);
  ok(holes.nonFinite > 0);
  const svg = contourPlot(holes, { logColor: false }).toSVG();
  ok(!/NaN|Infinity/.test(svg), "a non-finite number reached the SVG");
  ok(contourBands(svg) > 0, "no contour bands drawn for the finite part");
  await assertWellFormedXml(svg);
});

Deno.test("contourPlot says when a path leaves the map, diverged or starts in a hole, and counts holes", () => {
  const bowl = landscape("w1^2 + w2^2");
  const grid = bowl.grid({ x: [-3, 3], y: [-3, 3], n: 40 });
  const away = descend(bowl, { from: [-2.5, 2], learningRate: 1.05, steps: 30 });
  const out = contourPlot(grid, { paths: [{ ...away, label: "gd" }] });
  ok(String(out).includes('"gd" leaves the map at step 2'), String(out));
  ok(out.toSVG().includes("leaves the map at step 2"), "said on the figure too");
  const diverged = contourPlot(grid, { paths: [{ points: [[0, 0], [1, 1]], diverged: true }] });
  ok(String(diverged).includes("the path diverged after 1 steps"), String(diverged));
  const log = landscape((w1: number, w2: number) => Math.log(w1) + w2 * w2, { vars: ["w1", "w2"] });
  const holes = contourPlot(log.grid({ x: [-3, 3], y: [-3, 3], n: 40 }), {
    paths: [{ points: [[-2.5, 2]] }],
  });
  ok(String(holes).includes("with holes where the loss is not finite (800 of 1600 samples)"));
  ok(String(holes).includes("the path starts where the loss is not finite"), String(holes));
  const inside = contourPlot(grid, { paths: [{ points: [[1, 1], [0.5, 0.5]] }] });
  ok(!/leaves|diverged|starts/.test(String(inside)), String(inside));
});

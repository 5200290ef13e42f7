import { ok, strictEqual, throws } from "node:assert";
import { cellCentres } from "../lib/landscape/lattice.ts";
import { landscape } from "../lib/landscape/landscape.ts";
import { regionMap } from "../lib/plot/region_map.ts";
import type { Regions } from "../lib/core/regions.ts";

// 3 × 2 cells over [0, 3] × [0, 2]: bottom row a a b, top row b b -1.
const regions: Regions = {
  nx: 3,
  ny: 2,
  xs: cellCentres([0, 3], 3),
  ys: cellCentres([0, 2], 2),
  labels: new Int32Array([0, 0, 1, 1, 1, -1]),
  classes: ["a", "b"],
};

/** The cell rectangles: those in the rect mark's group (legend swatches and the frame are not). */
function cellRects(html: string): number {
  const group = html.match(/<g[^>]*aria-label="rect"[^>]*>(.*?)<\/g>/)?.[1] ?? "";
  return group.match(/<rect /g)?.length ?? 0;
}

Deno.test("regionMap() draws one rectangle per run of equal cells in a row", () => {
  const html = regionMap(regions).toSVG();
  // Rows: [a a][b] and [b b][none, left blank]; the frame is a rect too.
  strictEqual(cellRects(html), 3);
});

Deno.test("regionMap() paints cells without a class only when given a name for them", () => {
  const html = regionMap(regions, { noneLabel: "did not settle" }).toSVG();
  strictEqual(cellRects(html), 4);
  ok(html.includes("did not settle"), "legend entry");
  ok(html.includes("#d9d9d9"));
});

Deno.test("regionMap() names every class in its legend with its colour", () => {
  const html = regionMap(regions, { colors: ["#123456", "#abcdef"] }).toSVG();
  ok(/>a</.test(html) && />b</.test(html));
  ok(html.includes("#123456") && html.includes("#abcdef"));
});

Deno.test("regionMap() draws contour lines, points with labels and paths on top", () => {
  const grid = landscape("x^2 + y^2").grid({ x: [0, 3], y: [0, 2], n: 20 });
  const html = regionMap(regions, {
    contours: grid,
    levels: [1, 2],
    points: [{ point: [1, 1], label: "here" }],
    paths: [[[0.5, 0.5], [1, 1], [2, 1.5]]],
    title: "Test map",
  }).toSVG();
  ok(html.includes(">here<") && html.includes(">Test map<"));
  ok(html.includes("<circle"));
  strictEqual(html.match(/aria-label="contour"/g)?.length, 1);
  strictEqual(html.match(/aria-label="line"/g)?.length, 1);
});

Deno.test("regionMap() repeats colours for more classes than colours and shortens a long legend", () => {
  const svg = regionMap(regions, { colors: ["#123456"] }).toSVG();
  strictEqual(
    svg.match(/fill="#123456"/g)!.length,
    3 + 2,
    "three cell runs and two legend swatches",
  );
  const many: Regions = {
    nx: 20,
    ny: 1,
    xs: cellCentres([0, 20], 20),
    ys: cellCentres([0, 1], 1),
    labels: Int32Array.from({ length: 20 }, (_, k) => k),
    classes: Array.from({ length: 20 }, (_, k) => `class ${k}`),
  };
  const long = regionMap(many).toSVG();
  ok(
    long.includes(">class 11<") && !long.includes(">class 12<") && long.includes(">… and 8 more<"),
  );
  throws(() => regionMap(regions, { colors: [] }), TypeError);
});

Deno.test("regionMap() leaves the name for unlabelled cells out of the legend when every cell has a class", () => {
  const full = { ...regions, labels: new Int32Array([0, 0, 1, 1, 1, 1]) };
  ok(!regionMap(full, { noneLabel: "did not settle" }).toSVG().includes("did not settle"));
});

Deno.test("regionMap() is a figure with a text alternative that names the classes", () => {
  const fig = regionMap(regions, { title: "Basins", xLabel: "w1", yLabel: "w2" });
  ok(
    fig.toString().startsWith(
      "Basins: Map of 2 regions over w1 (0 to 3) and w2 (0 to 2), 3 × 2 cells: a; b",
    ),
  );
  ok(fig.toSVG().startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
  throws(() => regionMap(regions, { width: 50 }), /width/);
});

Deno.test("regionMap() puts the legend right of the map, below it, or nowhere", () => {
  const right = regionMap(regions, { width: 400 }).toSVG();
  const bottom = regionMap(regions, { width: 400, legend: "bottom" }).toSVG();
  const none = regionMap(regions, { width: 400, legend: "none" }).toSVG();
  const height = (svg: string) => Number(svg.match(/<svg[^>]*\sheight="([\d.]+)"/)![1]);
  ok(right.includes(">a</text>") && bottom.includes(">a</text>") && !none.includes(">a</text>"));
  ok(height(bottom) > height(none), "the legend below adds height");
  ok(height(none) > height(right), "without a legend on the right the map is wider, so taller");
  throws(() => regionMap(regions, { legend: "left" as never }), /invalid legend/);
});

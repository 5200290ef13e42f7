import { ok, strictEqual, throws } from "node:assert";
import { cellCentres } from "../lib/lattice.ts";
import { landscape } from "../lib/landscape.ts";
import { regionMap } from "../lib/plot/region_map.ts";
import type { Regions } from "../lib/regions.ts";

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
  const html = regionMap(regions).outerHTML;
  // Rows: [a a][b] and [b b][none, left blank]; the frame is a rect too.
  strictEqual(cellRects(html), 3);
});

Deno.test("regionMap() paints cells without a class only when given a name for them", () => {
  const html = regionMap(regions, { noneLabel: "did not settle" }).outerHTML;
  strictEqual(cellRects(html), 4);
  ok(html.includes("did not settle"), "legend entry");
  ok(html.includes("#d9d9d9"));
});

Deno.test("regionMap() names every class in its legend with its colour", () => {
  const html = regionMap(regions, { colors: ["#123456", "#abcdef"] }).outerHTML;
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
  }).outerHTML;
  ok(html.includes(">here<") && html.includes(">Test map<"));
  ok(html.includes("<circle"));
  strictEqual(html.match(/aria-label="contour"/g)?.length, 1);
  strictEqual(html.match(/aria-label="line"/g)?.length, 1);
});

Deno.test("regionMap() rejects more classes than colours", () => {
  throws(
    () => regionMap(regions, { colors: ["red"] }),
    /at most 1 classes for 1 colours but found 2/,
  );
});

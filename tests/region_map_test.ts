import { deepStrictEqual, ok, strictEqual, throws } from "node:assert";
import { basins } from "../lib/landscape/basins.ts";
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

/** The texts of the legend's rows, in order (the legend is the last group of texts). */
function legendTexts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
}

Deno.test("regionMap() paints and counts each kind of unlabelled cell that noneClasses names", () => {
  // Bottom row: a, not converged, not converged; top row: diverged, b, label −3 (no name).
  const kinds: Regions = {
    ...regions,
    labels: new Int32Array([0, -1, -1, -2, 1, -3]),
    noneClasses: ["not converged", "diverged"],
  };
  const svg = regionMap(kinds, { noneLabel: "other" }).toSVG();
  const texts = legendTexts(svg);
  for (const row of ["a", "b", "not converged (2 of 6)", "diverged (1 of 6)", "other"]) {
    strictEqual(texts.filter((t) => t === row).length, 1, row);
  }
  ok(texts.indexOf("b") < texts.indexOf("not converged (2 of 6)"), "after the classes");
  ok(svg.includes("#d9d9d9") && svg.includes("#969696"), "two shades of grey");
  strictEqual(cellRects(svg), 5, "every cell painted: [a][nc nc] and [div][b][other]");
  // Without noneLabel the unnamed cell stays blank, and the named kinds are still drawn.
  const plain = regionMap(kinds).toSVG();
  strictEqual(cellRects(plain), 4);
  ok(!legendTexts(plain).includes("other"));
  ok(
    regionMap(kinds).toString().includes(
      "cells: a; b; not converged (2 of 6); diverged (1 of 6)",
    ),
  );
  // A kind no cell has is not listed.
  const none = regionMap({ ...kinds, labels: new Int32Array([0, 0, 1, -1, 1, 1]) }).toSVG();
  ok(legendTexts(none).includes("not converged (1 of 6)"));
  ok(!legendTexts(none).some((t) => t.startsWith("diverged")));
});

Deno.test("regionMap() of chapter 05's six-hump camel at learning rate 0.2 lists each minimum once and counts the rest apart", () => {
  const sixHump = landscape("(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (-4 + 4*y^2)*y^2");
  const map = basins(sixHump, {
    x: [-2, 2],
    y: [-1.2, 1.2],
    n: 60,
    optimizer: "gd",
    learningRate: 0.2,
    steps: 500,
  });
  const texts = legendTexts(
    regionMap(map, { noneLabel: "no minimum reached", width: 760 }).toSVG(),
  );
  const minima = texts.filter((t) => t.startsWith("minimum ("));
  deepStrictEqual(minima, map.classes);
  strictEqual(new Set(minima).size, minima.length);
  const n = (v: number) => v.toLocaleString("en-US");
  ok(map.notConverged > 0 && map.diverged > 0);
  ok(texts.includes(`not converged (${n(map.notConverged)} of 3,600)`), texts.join(" | "));
  ok(texts.includes(`diverged (${n(map.diverged)} of 3,600)`));
  ok(!texts.includes("no minimum reached"), "the basin map names its own unlabelled cells");
});

import { deepStrictEqual, strictEqual } from "node:assert";
import { cellCentres } from "../lib/landscape/lattice.ts";
import { regionAt, regionCounts } from "../lib/core/regions.ts";

// A 4 × 2 map of [0, 4] × [0, 2]: labels 0 1 2 -1 on the bottom row, 3 3 3 3 on top.
const regions = {
  nx: 4,
  ny: 2,
  xs: cellCentres([0, 4], 4),
  ys: cellCentres([0, 2], 2),
  labels: new Int32Array([0, 1, 2, -1, 3, 3, 3, 3]),
  classes: ["a", "b", "c", "d", "unused"],
};

Deno.test("regionAt() gives the label of the cell that holds the point, edges included", () => {
  strictEqual(regionAt(regions, 0.5, 0.5), 0);
  strictEqual(regionAt(regions, 1.99, 0.2), 1);
  strictEqual(regionAt(regions, 2, 0.2), 2);
  strictEqual(regionAt(regions, 3.5, 0.5), -1);
  strictEqual(regionAt(regions, 0, 0), 0);
  strictEqual(regionAt(regions, 4, 2), 3);
});

Deno.test("regionAt() gives −1 outside the map and for NaN", () => {
  strictEqual(regionAt(regions, -0.01, 1), -1);
  strictEqual(regionAt(regions, 1, 2.01), -1);
  strictEqual(regionAt(regions, NaN, 1), -1);
});

Deno.test("regionCounts() counts cells per class and the unlabelled ones", () => {
  deepStrictEqual(regionCounts(regions), { counts: [1, 1, 1, 4, 0], none: 1 });
});

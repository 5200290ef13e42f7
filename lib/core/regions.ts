/**
 * Labelled maps of weight space: each cell of a lattice carries the index of
 * a class (the minimum a descent reaches, whether the loss is convex there),
 * so a figure can colour regions and a test can ask which class a point is
 * in.
 *
 * @module
 */

/**
 * A map of classes over a lattice of cell centres: `labels[i + j * nx]` is
 * the class of the cell centred at `(xs[i], ys[j])`, an index into
 * `classes`, or a negative number where no class applies (−1, or −1 − k for
 * the kind of cell that `noneClasses[k]` names). Cells are the same size,
 * so they tile the rectangle from `xs[0] − dx/2` to `xs[nx − 1] + dx/2`
 * (and likewise in y).
 */
export interface Regions {
  /** Number of cells along x: the length of `xs`. */
  nx: number;
  /** Number of cells along y: the length of `ys`. */
  ny: number;
  /** The x of each column of cell centres, increasing and evenly spaced. */
  xs: Float64Array;
  /** The y of each row of cell centres, increasing and evenly spaced. */
  ys: Float64Array;
  /** The `nx × ny` class indices, row-major (`labels[i + j * nx]`); −1 for no class. */
  labels: Int32Array;
  /** A short name for each class, as a legend shows it. */
  classes: string[];
  /**
   * Names for the kinds of cells without a class, when there is more than
   * one kind: `noneClasses[k]` names the cells labelled −1 − k (so the
   * first names −1). A legend lists them apart from the classes, with their
   * counts; e.g. `["not converged", "diverged"]` for a basin map.
   */
  noneClasses?: readonly string[];
}

/**
 * The class of the cell that contains the point `(x, y)`: its index into
 * `regions.classes`; the cell's negative label when it has none; −1 when the
 * point lies outside the map.
 *
 * @example
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { regionAt } from "./regions.ts";
 *
 * const regions = {
 *   nx: 2, ny: 1, xs: new Float64Array([0.5, 1.5]), ys: new Float64Array([0.5]),
 *   labels: new Int32Array([0, 1]), classes: ["left", "right"],
 * };
 * strictEqual(regionAt(regions, 1.2, 0.3), 1);
 * strictEqual(regionAt(regions, 2.5, 0.3), -1);
 * ```
 */
export function regionAt(regions: Regions, x: number, y: number): number {
  const i = _cellIndex(regions.xs, x);
  const j = _cellIndex(regions.ys, y);
  return i < 0 || j < 0 ? -1 : regions.labels[i + j * regions.nx]!;
}

/**
 * How many cells each class holds: `counts[k]` for class `k`, and the
 * number of unlabelled cells (every negative label) in `none`.
 *
 * @example
 * ```ts
 * import { deepStrictEqual } from "node:assert";
 * import { regionCounts } from "./regions.ts";
 *
 * const regions = {
 *   nx: 3, ny: 1, xs: new Float64Array([0, 1, 2]), ys: new Float64Array([0]),
 *   labels: new Int32Array([1, -1, 1]), classes: ["a", "b"],
 * };
 * deepStrictEqual(regionCounts(regions), { counts: [0, 2], none: 1 });
 * ```
 */
export function regionCounts(regions: Regions): { counts: number[]; none: number } {
  const counts = regions.classes.map(() => 0);
  let none = 0;
  for (const label of regions.labels) {
    if (label >= 0 && label < counts.length) counts[label]!++;
    else none++;
  }
  return { counts, none };
}

/** Half the spacing of evenly spaced centres (½ for a single centre). */
export function halfStep(centres: Float64Array): number {
  return centres.length > 1
    ? (centres[centres.length - 1]! - centres[0]!) / (centres.length - 1) / 2
    : 0.5;
}

function _cellIndex(centres: Float64Array, v: number): number {
  const n = centres.length;
  if (n === 0 || !Number.isFinite(v)) return -1;
  const half = halfStep(centres);
  const k = Math.floor((v - (centres[0]! - half)) / (2 * half));
  // A point exactly on the far edge belongs to the last cell.
  if (k === n && v <= centres[n - 1]! + half) return n - 1;
  return k >= 0 && k < n ? k : -1;
}

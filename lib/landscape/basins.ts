/**
 * Basins of attraction: drop a marble at every cell of a lattice, let it
 * roll downhill with {@linkcode descend}, and colour the cell by the minimum
 * where it comes to rest. On a convex loss the whole map has one colour; on
 * a non-convex one it splits into regions, one per minimum.
 *
 * @module
 */

import { descend } from "./descend.ts";
import { eigen2 } from "./eigen.ts";
import { checkInterval } from "../core/grid_spec.ts";
import { checkTwoWeights } from "./landscape.ts";
import { cellCentres, checkSides } from "./lattice.ts";
import type { Regions } from "../core/regions.ts";
import type { Domain, Landscape } from "../core/types.ts";

/** A minimum that descents reach, and how many of them reach it. */
export interface Basin {
  /** Where the minimum is: the lowest end point among the descents that reach it, or the given point. */
  point: [number, number];
  /** The loss there. */
  value: number;
  /** How many ends are labelled with this minimum. */
  count: number;
}

/** Labels for a list of end points: an index into `minima`, or −1. */
export interface EndLabels {
  /** One label per end, in the order of the ends: the index in `minima` of its minimum, or −1. */
  labels: Int32Array;
  /** The minima the labels point at, with how many ends each one has. */
  minima: Basin[];
}

/**
 * A basin-of-attraction map: {@linkcode Regions} whose classes are the
 * minima reached, with the end point of the descent from each cell.
 * A cell is −1 when its descent diverged or stopped away from every minimum
 * (still on a slope, on a plateau, or balanced on a saddle).
 */
export interface BasinMap extends Regions, EndLabels {
  /** `ends[i + j * nx]` is where the descent from cell (i, j) stopped. */
  ends: [number, number][];
}

/** The descent options that {@linkcode basins} passes on to `descend`. */
export interface DescentOptions {
  /** The update rule of every descent; default `"gd"`. */
  optimizer?: "gd" | "momentum" | "nesterov" | "rmsprop" | "adam";
  /** The learning rate γ; default 0.01. */
  learningRate?: number;
  /** Number of updates of each descent; default 500. */
  steps?: number;
  /** μ for `momentum` and `nesterov` (default 0.9) and `rmsprop` (default 0), as in `descend`. */
  momentum?: number;
}

function checkTolerance(tolerance: unknown): number {
  if (typeof tolerance !== "number" || !(tolerance > 0) || !Number.isFinite(tolerance)) {
    throw new RangeError(
      `Expected tolerance to be a finite number > 0 but found ${String(tolerance)}`,
    );
  }
  return tolerance;
}

function isPoint(p: unknown): p is readonly [number, number] {
  return Array.isArray(p) && p.length === 2 &&
    p.every((v) => typeof v === "number" && Number.isFinite(v));
}

/** Equal up to rounding: the four minima of Himmelblau all have loss 0 ± 1e-15. */
function sameValue(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * The class name of a minimum for a legend: `"minimum (3, 2)"`.
 *
 * @example
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { basinName } from "./basins.ts";
 *
 * strictEqual(basinName([3, 2]), "minimum (3, 2)");
 * strictEqual(basinName([-2.805118, 3.131312]), "minimum (−2.81, 3.13)");
 * ```
 */
export function basinName([x, y]: readonly [number, number]): string {
  const f = (v: number) => String(Number(v.toFixed(2)) || 0).replace("-", "−");
  return `minimum (${f(x)}, ${f(y)})`;
}

/**
 * Labels end points of descents by the minimum each one stopped at.
 *
 * With `minima` given, an end takes the index of the nearest one within
 * `tolerance` (a distance in weight space), and the minima keep their
 * order. Without, the ends are grouped: an end joins the first group whose
 * first end is within `tolerance`, each group is represented by its lowest
 * end, and groups that do not sit at a minimum — where the gradient is
 * larger than `tolerance` times the largest curvature, or the Hessian has a
 * negative eigenvalue — are dropped. The minima found are ordered by loss
 * (lowest, the global one, first), then by x and y.
 *
 * Ends that are not finite, or near no minimum, get −1.
 *
 * @param l The landscape the descents ran on.
 * @param ends The end points.
 * @param options `minima` to label by (optional) and `tolerance` (default 0.01).
 * @returns Labels, one per end, and the minima with their counts.
 * @throws {TypeError | RangeError} On a landscape of one weight, or bad minima or tolerance.
 *
 * @example Ends near (0, 0) and (2, 0), and one that ran off
 * ```ts
 * import { deepStrictEqual } from "node:assert";
 * import { landscape } from "./landscape.ts";
 * import { labelEnds } from "./basins.ts";
 *
 * const twoWells = landscape("(x^2 - 2*x)^2 + y^2 + 0.1*x");
 * const { labels } = labelEnds(twoWells, [[0, 0], [2, 0], [NaN, 5]], { minima: [[0, 0], [2, 0]], tolerance: 0.1 });
 * deepStrictEqual([...labels], [0, 1, -1]);
 * ```
 */
export function labelEnds(
  l: Landscape,
  ends: readonly (readonly number[])[],
  { minima, tolerance = 0.01 }: {
    minima?: readonly (readonly [number, number])[];
    tolerance?: number;
  } = {},
): EndLabels {
  const land = checkTwoWeights(l);
  const tol = checkTolerance(tolerance);
  if (!Array.isArray(ends)) {
    throw new TypeError(`Expected ends to be an array of points but found ${String(ends)}`);
  }
  const labels = new Int32Array(ends.length).fill(-1);
  if (minima !== undefined) {
    if (!Array.isArray(minima) || !minima.every(isPoint)) {
      throw new TypeError(
        `Expected minima to be an array of [x, y] points but found ${String(minima)}`,
      );
    }
    const counts = minima.map(() => 0);
    ends.forEach((e, k) => {
      let best = -1;
      let bestDistance = tol;
      minima.forEach((m, b) => {
        const d = Math.hypot(e[0]! - m[0], e[1]! - m[1]);
        if (d <= bestDistance) [best, bestDistance] = [b, d];
      });
      labels[k] = best;
      if (best >= 0) counts[best]!++;
    });
    return {
      labels,
      minima: minima.map((m, b) => ({
        point: [m[0], m[1]],
        value: land.at(m[0], m[1]),
        count: counts[b]!,
      })),
    };
  }

  const groups: { first: readonly number[]; members: number[]; lowest: number; value: number }[] =
    [];
  ends.forEach((e, k) => {
    if (!isPoint(e)) return;
    const value = land.at(e[0], e[1]);
    if (!Number.isFinite(value)) return;
    const group = groups.find((g) => Math.hypot(e[0] - g.first[0]!, e[1] - g.first[1]!) <= tol);
    if (group === undefined) {
      groups.push({ first: e, members: [k], lowest: k, value });
    } else {
      group.members.push(k);
      if (value < group.value) [group.lowest, group.value] = [k, value];
    }
  });
  const found = groups.flatMap((g) => {
    const [x, y] = ends[g.lowest]! as [number, number];
    const [lo, hi] = eigen2(land.hessian(x, y)).values;
    const slope = Math.hypot(...land.gradient(x, y));
    const atMinimum = lo >= -1e-8 * Math.max(1, Math.abs(hi)) &&
      slope <= tol * Math.max(1, Math.abs(hi));
    return atMinimum
      ? [{ point: [x, y] as [number, number], value: g.value, members: g.members }]
      : [];
  });
  found.sort((a, b) =>
    sameValue(a.value, b.value)
      ? a.point[0] - b.point[0] || a.point[1] - b.point[1]
      : a.value - b.value
  );
  found.forEach((m, b) => m.members.forEach((k) => labels[k] = b));
  return {
    labels,
    minima: found.map((m) => ({ point: m.point, value: m.value, count: m.members.length })),
  };
}

/**
 * A basin-of-attraction map: runs {@linkcode descend} from the centre of
 * every cell of an `n × n` lattice over `domain` (or `nx × ny` with
 * `n: [nx, ny]`) and labels each cell by the minimum its descent stops at
 * (see {@linkcode labelEnds}). The classes are named after the minima, for
 * a legend.
 *
 * The map belongs to the optimizer as much as to the landscape: a larger
 * learning rate or momentum can carry a marble over a ridge into another
 * basin, and too few steps leave it short of any minimum (−1).
 *
 * @param l A landscape of two weights.
 * @param options The domain `x`, `y`; `n` cells per side (default 40); the descent's `optimizer`
 *   (default `"gd"`), `learningRate` (default 0.01), `steps` (default 500) and `momentum`; and
 *   `minima` and `tolerance` as for {@linkcode labelEnds}.
 * @returns The map, its minima (with how many cells reach each) and every end point.
 * @throws {TypeError | RangeError} On a bad landscape, domain, count, minima or tolerance.
 *
 * @example One basin for the bowl, two for a double well
 * ```ts
 * import { deepStrictEqual, strictEqual } from "node:assert";
 * import { landscape } from "./landscape.ts";
 * import { basins } from "./basins.ts";
 *
 * const bowl = basins(landscape("x^2 + y^2"), { x: [-2, 2], y: [-2, 2], n: 8 });
 * strictEqual(bowl.minima.length, 1);
 * strictEqual(bowl.minima[0]!.count, 64);
 *
 * const wells = basins(landscape("(x^2 - 1)^2 + y^2"), { x: [-2, 2], y: [-1, 1], n: [8, 4] });
 * deepStrictEqual(wells.minima.map((m) => m.count), [16, 16]);
 * deepStrictEqual(wells.classes, ["minimum (−1, 0)", "minimum (1, 0)"]);
 * ```
 */
export function basins(
  l: Landscape,
  {
    x,
    y,
    n = 40,
    optimizer = "gd",
    learningRate = 0.01,
    steps = 500,
    momentum,
    minima,
    tolerance = 0.01,
  }: Domain & DescentOptions & {
    n?: number | [number, number];
    minima?: readonly (readonly [number, number])[];
    tolerance?: number;
  },
): BasinMap {
  const land = checkTwoWeights(l);
  const xi = checkInterval(x, "x");
  const yi = checkInterval(y, "y");
  const [nx, ny] = checkSides(n);
  checkTolerance(tolerance);
  const xs = cellCentres(xi, nx);
  const ys = cellCentres(yi, ny);
  const options = momentum === undefined
    ? { optimizer, learningRate, steps }
    : { optimizer, learningRate, steps, momentum };
  const ends: [number, number][] = [];
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const run = descend(land, { ...options, from: [xs[i]!, ys[j]!] });
      const last = run.points.at(-1);
      ends.push(run.diverged || last === undefined ? [NaN, NaN] : [last[0]!, last[1]!]);
    }
  }
  const labelled = labelEnds(
    land,
    ends,
    minima === undefined ? { tolerance } : { minima, tolerance },
  );
  return {
    nx,
    ny,
    xs,
    ys,
    ...labelled,
    classes: labelled.minima.map((m) => basinName(m.point)),
    ends,
  };
}

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
import type { Domain, Interval, Landscape } from "../core/types.ts";

/** A minimum that descents reach, and how many of them reach it. */
export interface Basin {
  /**
   * Where the minimum is: the given point, or the point where the gradient
   * vanishes that Newton's method finds from the ends near it.
   */
  point: [number, number];
  /** The loss there. */
  value: number;
  /** How many ends are labelled with this minimum. */
  count: number;
}

/**
 * Labels for a list of end points: an index into `minima`; −1 for an end
 * that did not converge to a minimum; −2 for one that diverged.
 */
export interface EndLabels {
  /**
   * One label per end, in the order of the ends: the index in `minima` of
   * the minimum it reached (it is within `tolerance` of it); −1 when it did
   * not converge (farther than `tolerance` from every minimum: still moving,
   * or stuck on a saddle or a plateau); −2 when it diverged (the end, or the
   * loss there, is not finite).
   */
  labels: Int32Array;
  /**
   * The minima the labels point at, with how many ends each one has; any two
   * found from the ends are more than `tolerance` apart.
   */
  minima: Basin[];
  /** How many ends did not converge (label −1). */
  notConverged: number;
  /** How many ends diverged (label −2). */
  diverged: number;
  /** The distance in weight space within which an end reaches a minimum. */
  tolerance: number;
}

/** What a basin map's `noneClasses` call the cells labelled −1 and −2. */
const BASIN_NONE_CLASSES: readonly string[] = Object.freeze(["not converged", "diverged"]);

/**
 * A basin-of-attraction map: {@linkcode Regions} whose classes are the
 * minima reached, with the end point of the descent from each cell.
 * A cell is −1 when its descent did not converge (it ended farther than the
 * tolerance from every minimum: still moving, on a plateau, or balanced on
 * a saddle) and −2 when it diverged; `noneClasses` names the two
 * `["not converged", "diverged"]`, so a legend counts them apart.
 */
export interface BasinMap extends Regions, EndLabels {
  /** `ends[i + j * nx]` is where the descent from cell (i, j) stopped; `[NaN, NaN]` if it diverged. */
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

/** The default tolerance over a domain: 1 % of its diagonal. */
function domainTolerance(x: Interval, y: Interval): number {
  return 0.01 * Math.hypot(x[1] - x[0], y[1] - y[0]);
}

/**
 * A descent reaches a minimum in {@linkcode basins} when its end, and the
 * mean of its last this many points (the centre it circles), are within the
 * tolerance of it.
 */
const SETTLE_POINTS = 20;

/** Newton's iterations to find the minimum near an end. */
const MAX_NEWTON_STEPS = 60;

/**
 * The minimum near the end `e`, found by Newton's method from it: the point
 * the iteration converges to (its last step shorter than 1e-4 × `tol`)
 * without straying more than 2 × `tol` from `e`, if it lies within `tol` of
 * `e`, is no higher than `e`, and its Hessian is positive semi-definite
 * (so not a saddle or a maximum); otherwise undefined.
 */
function minimumNear(
  land: Landscape,
  e: readonly [number, number],
  tol: number,
): [number, number] | undefined {
  let [x, y] = e;
  let converged = false;
  for (let k = 0; k < MAX_NEWTON_STEPS && !converged; k++) {
    const [gx, gy] = land.gradient(x, y) as [number, number];
    if (gx === 0 && gy === 0) break;
    const [[a, b], [, d]] = land.hessian(x, y) as [[number, number], [number, number]];
    const det = a * d - b * b;
    const dx = (d * gx - b * gy) / det;
    const dy = (a * gy - b * gx) / det;
    if (!Number.isFinite(dx) || !Number.isFinite(dy)) return undefined;
    x -= dx;
    y -= dy;
    if (!(Math.hypot(x - e[0], y - e[1]) <= 2 * tol)) return undefined;
    converged = Math.hypot(dx, dy) <= 1e-4 * tol;
  }
  const [gx, gy] = land.gradient(x, y) as [number, number];
  if (!converged && !(gx === 0 && gy === 0)) return undefined;
  const [lo, hi] = eigen2(land.hessian(x, y)).values;
  const [start, value] = [land.at(e[0], e[1]), land.at(x, y)];
  return Math.hypot(x - e[0], y - e[1]) <= tol &&
      lo >= -1e-8 * Math.max(1, Math.abs(hi)) &&
      value <= start + 1e-9 * Math.max(1, Math.abs(start))
    ? [x, y]
    : undefined;
}

/** The index of the point of `list` nearest to `p` within `tol`, or −1. */
function nearest(
  p: readonly number[],
  list: readonly { point: readonly [number, number] }[],
  tol: number,
): number {
  let best = -1;
  let bestDistance = tol;
  list.forEach(({ point }, k) => {
    const d = Math.hypot(p[0]! - point[0], p[1]! - point[1]);
    if (d <= bestDistance) [best, bestDistance] = [k, d];
  });
  return best;
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
 * Labels end points of descents by the minimum each one reached.
 *
 * An end reaches a minimum when it lies within `tolerance` of it (a
 * distance in weight space), whether it came to rest there or is still
 * circling it, as RMSprop and Adam do with a fixed learning rate. The
 * minima are found from the ends: from each end, Newton's method looks for
 * a point where the gradient vanishes within `tolerance` of it, no higher
 * than the end, where the Hessian has no negative eigenvalue (a minimum,
 * not a saddle or a maximum). Minima closer than `tolerance` to one already
 * found are the same one, so no two are within `tolerance` of each other.
 * With `minima` given, those come first, in their order (with a count of
 * 0 if no end reaches them), and an end near one of them joins it; minima
 * found that are not near a given one follow. The minima found are ordered
 * by loss (lowest, the global one, first), then by x and y.
 *
 * An end near no minimum is labelled −1, "not converged" (it is still
 * moving, or stuck on a saddle or a plateau); an end that is not finite, or
 * where the loss is not finite, is labelled −2, "diverged".
 *
 * The default tolerance is 1 % of the diagonal of `domain` when one is
 * given (as {@linkcode basins} does), else 0.01.
 *
 * @param l The landscape the descents ran on.
 * @param ends The end points, each `[x, y]` (NaN for a descent that diverged).
 * @param options `minima` to label by (optional), `tolerance`, and the `domain` that scales its default.
 * @returns Labels, one per end, the minima with their counts, the counts of ends that did not converge or diverged, and the tolerance used.
 * @throws {TypeError | RangeError} On a landscape of one weight, an end that is not a pair of numbers, or bad minima, tolerance or domain.
 *
 * @example Ends near (0, 0) and (2, 0), one still on the slope, and one that ran off
 * ```ts
 * import { deepStrictEqual, strictEqual } from "node:assert";
 * import { landscape } from "./landscape.ts";
 * import { labelEnds } from "./basins.ts";
 *
 * const twoWells = landscape("(x^2 - 2*x)^2 + y^2 + 0.1*x");
 * const ends = [[0.01, 0], [2, 0.05], [1, 1], [NaN, 5]];
 * const found = labelEnds(twoWells, ends, { tolerance: 0.1 });
 * deepStrictEqual([...found.labels], [0, 1, -1, -2]);
 * strictEqual(found.minima.length, 2);
 * deepStrictEqual([found.notConverged, found.diverged], [1, 1]);
 * ```
 */
export function labelEnds(
  l: Landscape,
  ends: readonly (readonly number[])[],
  { minima, tolerance, domain }: {
    minima?: readonly (readonly [number, number])[];
    tolerance?: number;
    domain?: Domain;
  } = {},
): EndLabels {
  const land = checkTwoWeights(l);
  let tol: number;
  if (tolerance !== undefined) {
    tol = checkTolerance(tolerance);
  } else if (domain !== undefined) {
    if (typeof domain !== "object" || domain === null) {
      throw new TypeError(`Expected domain to be { x, y } but found ${String(domain)}`);
    }
    tol = domainTolerance(checkInterval(domain.x, "domain.x"), checkInterval(domain.y, "domain.y"));
  } else {
    tol = 0.01;
  }
  if (!Array.isArray(ends)) {
    throw new TypeError(`Expected ends to be an array of points but found ${String(ends)}`);
  }
  ends.forEach((e, k) => {
    if (!Array.isArray(e) || e.length !== 2 || !e.every((v) => typeof v === "number")) {
      throw new TypeError(
        `Expected ends[${k}] to be a point [x, y] (NaN for a diverged descent) but found ${
          Array.isArray(e) ? `[${e.join(", ")}]` : String(e)
        }`,
      );
    }
  });
  return labelWith(land, ends, checkMinima(minima), tol);
}

function checkMinima(
  minima: readonly (readonly [number, number])[] | undefined,
): readonly (readonly [number, number])[] {
  if (minima !== undefined && (!Array.isArray(minima) || !minima.every(isPoint))) {
    throw new TypeError(
      `Expected minima to be an array of [x, y] points but found ${String(minima)}`,
    );
  }
  return minima ?? [];
}

/**
 * {@linkcode labelEnds} once its arguments are checked. With `stays`, an end
 * near a minimum reaches it only if `stays(k, minimum)` (the descent's last
 * points are near it too); minima found from the ends that no end reaches
 * are then left out.
 */
function labelWith(
  land: Landscape,
  ends: readonly (readonly number[])[],
  minima: readonly (readonly [number, number])[],
  tol: number,
  stays?: (k: number, minimum: readonly [number, number]) => boolean,
): EndLabels {
  const given = minima.map((m) => ({
    point: [m[0], m[1]] as [number, number],
    value: land.at(m[0], m[1]),
  }));
  const finite = ends.map((e) => isPoint(e) && Number.isFinite(land.at(e[0], e[1])));

  // The minima the ends are near, by Newton's method from each end not near one already known.
  const found: { point: [number, number]; value: number }[] = [];
  ends.forEach((e, k) => {
    if (!finite[k] || nearest(e, given, tol) >= 0) return;
    const m = minimumNear(land, e as [number, number], tol);
    if (m === undefined || nearest(m, given, tol) >= 0 || nearest(m, found, tol) >= 0) return;
    found.push({ point: m, value: land.at(m[0], m[1]) });
  });
  found.sort((a, b) =>
    sameValue(a.value, b.value)
      ? a.point[0] - b.point[0] || a.point[1] - b.point[1]
      : a.value - b.value
  );

  const all = [...given, ...found];
  const counts = all.map(() => 0);
  const labels = new Int32Array(ends.length);
  ends.forEach((e, k) => {
    let label = finite[k] ? nearest(e, all, tol) : -2;
    if (label >= 0 && stays !== undefined && !stays(k, all[label]!.point)) label = -1;
    labels[k] = label;
    if (label >= 0) counts[label]!++;
  });
  // Given minima stay, reached or not; found ones only if some end reaches them.
  const index = all.map((_, b) => b);
  let kept = 0;
  all.forEach((_, b) => index[b] = b < given.length || counts[b]! > 0 ? kept++ : -1);
  let notConverged = 0;
  let diverged = 0;
  labels.forEach((label, k) => {
    if (label >= 0) labels[k] = index[label]!;
    else if (label === -1) notConverged++;
    else diverged++;
  });
  return {
    labels,
    minima: all.flatMap((m, b) =>
      index[b]! >= 0 ? [{ point: m.point, value: m.value, count: counts[b]! }] : []
    ),
    notConverged,
    diverged,
    tolerance: tol,
  };
}

/**
 * A basin-of-attraction map: runs {@linkcode descend} from the centre of
 * every cell of an `n × n` lattice over `domain` (or `nx × ny` with
 * `n: [nx, ny]`) and labels each cell by the minimum its descent reaches,
 * found as {@linkcode labelEnds} does. A descent reaches a minimum when its
 * end is within `tolerance` of it (by default 1 % of the domain's diagonal)
 * and so is the mean of its last 20 points: a path that circles the
 * minimum, as RMSprop and Adam do, reaches it; one that only passes by at
 * its last step does not. The classes are named after the minima, for a
 * legend; the descents that did not converge (−1) and those that diverged
 * (−2) are counted apart, named by `noneClasses`.
 *
 * The map belongs to the optimizer as much as to the landscape: a larger
 * learning rate or momentum can carry a marble over a ridge into another
 * basin, too large a one keeps it bouncing (not converged) or throws it
 * out (diverged), and too few steps leave it short of any minimum.
 *
 * @param l A landscape of two weights.
 * @param options The domain `x`, `y`; `n` cells per side (default 40); the descent's `optimizer`
 *   (default `"gd"`), `learningRate` (default 0.01), `steps` (default 500) and `momentum`; and
 *   `minima` and `tolerance` as for {@linkcode labelEnds} (default tolerance: 1 % of the diagonal of
 *   the domain).
 * @returns The map, its minima (with how many cells reach each), the counts of descents that did
 *   not converge or diverged, the tolerance used and every end point.
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
 * deepStrictEqual(wells.noneClasses, ["not converged", "diverged"]);
 * deepStrictEqual([wells.notConverged, wells.diverged], [0, 0]);
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
    tolerance,
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
  const tol = tolerance === undefined ? domainTolerance(xi, yi) : checkTolerance(tolerance);
  const known = checkMinima(minima);
  const xs = cellCentres(xi, nx);
  const ys = cellCentres(yi, ny);
  const options = momentum === undefined
    ? { optimizer, learningRate, steps }
    : { optimizer, learningRate, steps, momentum };
  const ends: [number, number][] = [];
  const tails: number[][][] = [];
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const run = descend(land, { ...options, from: [xs[i]!, ys[j]!] });
      const last = run.points.at(-1);
      ends.push(run.diverged || last === undefined ? [NaN, NaN] : [last[0]!, last[1]!]);
      tails.push(run.points.slice(-SETTLE_POINTS));
    }
  }
  // A descent reaches a minimum when it circles it: the mean of its last points is near it too.
  const stays = (k: number, [mx, my]: readonly [number, number]) => {
    const tail = tails[k]!;
    const cx = tail.reduce((sum, p) => sum + p[0]!, 0) / tail.length;
    const cy = tail.reduce((sum, p) => sum + p[1]!, 0) / tail.length;
    return Math.hypot(cx - mx, cy - my) <= tol;
  };
  const labelled = labelWith(land, ends, known, tol, stays);
  return {
    nx,
    ny,
    xs,
    ys,
    ...labelled,
    classes: labelled.minima.map((m) => basinName(m.point)),
    noneClasses: BASIN_NONE_CLASSES,
    ends,
  };
}

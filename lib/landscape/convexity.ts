/**
 * A convexity test for two-weight losses: a twice-differentiable function is
 * convex on a convex region exactly when its Hessian is positive
 * semi-definite at every point there, that is when its smallest eigenvalue
 * is never negative. The map below samples that eigenvalue on a lattice.
 *
 * @module
 */

import { eigen2 } from "./eigen.ts";
import { checkInterval } from "../core/grid_spec.ts";
import { checkTwoWeights } from "./landscape.ts";
import { cellCentres, checkSides } from "./lattice.ts";
import type { Regions } from "../core/regions.ts";
import type { Domain, Grid, Landscape } from "../core/types.ts";

/** The class names of a {@linkcode ConvexityMap}, in label order. */
export const CONVEXITY_CLASSES: readonly string[] = Object.freeze([
  "convex here (H ⪰ 0)",
  "not convex here",
]);

/**
 * Where a loss curves up in every direction. As a {@linkcode Grid},
 * `values` holds the smallest eigenvalue of the Hessian at each cell centre;
 * as {@linkcode Regions}, `labels` is 0 where the Hessian is positive
 * semi-definite, 1 where it is not, and −1 where it is not finite.
 */
export interface ConvexityMap extends Grid, Regions {
  /** The largest eigenvalue of the Hessian at each cell centre. */
  largest: Float64Array;
  /** The share of cells with a finite Hessian where it is positive semi-definite. */
  convexFraction: number;
}

/**
 * Samples the Hessian of a two-weight loss at the centres of an `n × n`
 * lattice of cells over `domain` and marks where it is positive
 * semi-definite: where the smallest eigenvalue λ₁ satisfies
 * `λ₁ ≥ −tolerance · max(1, |λ₂|)`. The tolerance absorbs rounding (and,
 * for landscapes given as TypeScript functions, the error of finite
 * differences; raise it to about 1e-4 for those).
 *
 * The loss is convex on the rectangle when `convexFraction` is 1 — up to
 * what a lattice can see: a sliver of negative curvature thinner than a
 * cell can hide between samples.
 *
 * @param l A landscape of two weights.
 * @param options `x` and `y` intervals, `n` cells per side (or `[nx, ny]`, default 100) and `tolerance` (default 1e-8).
 * @returns The map: smallest and largest eigenvalues, labels and the convex share.
 * @throws {TypeError | RangeError} On a landscape of one weight or a bad domain, count or tolerance.
 *
 * @example The bowl is convex everywhere; x² − y² nowhere
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { landscape } from "./landscape.ts";
 * import { convexityMap } from "./convexity.ts";
 *
 * const domain = { x: [-2, 2] as [number, number], y: [-2, 2] as [number, number], n: 20 };
 * strictEqual(convexityMap(landscape("x^2 + y^2"), domain).convexFraction, 1);
 * strictEqual(convexityMap(landscape("x^2 - y^2"), domain).convexFraction, 0);
 * ```
 */
export function convexityMap(
  l: Landscape,
  { x, y, n = 100, tolerance = 1e-8 }: Domain & {
    n?: number | [number, number];
    tolerance?: number;
  },
): ConvexityMap {
  const land = checkTwoWeights(l);
  const xi = checkInterval(x, "x");
  const yi = checkInterval(y, "y");
  const [nx, ny] = checkSides(n);
  if (typeof tolerance !== "number" || !(tolerance >= 0) || !Number.isFinite(tolerance)) {
    throw new RangeError(
      `Expected tolerance to be a finite number ≥ 0 but found ${String(tolerance)}`,
    );
  }
  const xs = cellCentres(xi, nx);
  const ys = cellCentres(yi, ny);
  const values = new Float64Array(nx * ny);
  const largest = new Float64Array(nx * ny);
  const labels = new Int32Array(nx * ny);
  let min = Infinity;
  let max = -Infinity;
  let at = -1;
  let nonFinite = 0;
  let convex = 0;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const k = i + j * nx;
      const [lo, hi] = eigen2(land.hessian(xs[i]!, ys[j]!)).values;
      values[k] = lo;
      largest[k] = hi;
      if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
        labels[k] = -1;
        nonFinite++;
        continue;
      }
      const psd = lo >= -tolerance * Math.max(1, Math.abs(hi));
      labels[k] = psd ? 0 : 1;
      if (psd) convex++;
      if (lo < min) {
        min = lo;
        at = k;
      }
      if (lo > max) max = lo;
    }
  }
  const finite = nx * ny - nonFinite;
  return {
    nx,
    ny,
    xs,
    ys,
    values,
    largest,
    labels,
    classes: [...CONVEXITY_CLASSES],
    min: at < 0 ? NaN : min,
    max: at < 0 ? NaN : max,
    argmin: at < 0 ? [NaN, NaN] : [xs[at % nx]!, ys[Math.floor(at / nx)]!],
    nonFinite,
    convexFraction: finite === 0 ? NaN : convex / finite,
  };
}

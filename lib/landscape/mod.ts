/**
 * Landscapes of one or two weights: {@linkcode landscape} turns a loss string
 * or a TypeScript function into values, exact gradients and Hessians, curves
 * and grids; around it sit the catalogue of test functions, critical points,
 * gradient descent with five optimizers, basins of attraction, convexity
 * maps and escape directions from saddles. Imports `lib/core/` and
 * `lib/expression/`.
 *
 * @example
 * ```ts
 * import { deepStrictEqual, ok } from "node:assert";
 * import { descend, landscape } from "./mod.ts";
 *
 * const bowl = landscape("w1^2 + w2^2");
 * deepStrictEqual(bowl.gradient(1, 2), [2, 4]);
 * const run = descend(bowl, { from: [1, 1], learningRate: 0.1, steps: 50 });
 * ok(run.values.at(-1)! < 1e-9);
 * ```
 *
 * @module
 */

export { landscape, landscapeSource } from "./landscape.ts";
export type { LandscapeOptions, LandscapeSource, LossFunction } from "./landscape.ts";
export { catalog } from "./catalog.ts";
export type {
  CatalogEntry,
  CatalogEntry1D,
  StationaryPoint,
  StationaryPoint1D,
} from "./catalog.ts";
export { criticalPoints } from "./critical_points.ts";
export type { CriticalPoint, CriticalPoint1D, CriticalPointOptions } from "./critical_points.ts";
export { descend, descentPath } from "./descend.ts";
export type { DescendOptions, DescendResult, DescentSettings, Optimizer } from "./descend.ts";
export { lossCurve } from "./loss_curve.ts";
export { basinName, basins, labelEnds } from "./basins.ts";
export type { Basin, BasinMap, DescentOptions, EndLabels } from "./basins.ts";
export { CONVEXITY_CLASSES, convexityMap } from "./convexity.ts";
export type { ConvexityMap } from "./convexity.ts";
export { eigen2 } from "./eigen.ts";
export type { Eigen2 } from "./eigen.ts";
export { escapeDirections } from "./escape_directions.ts";
export type { EscapeDirection } from "./escape_directions.ts";
export { cellCentres, lattice } from "./lattice.ts";
export { centralGradient, centralHessian } from "./finite_difference.ts";

/**
 * Shapes shared by the engine, the figures and the high-dimensional slices.
 *
 * These are the public contract (docs/ARCHITECTURE.md): notebooks, README examples and
 * outside checks rely on them, so change them only in ways that keep the old
 * form working.
 *
 * @module
 */

/** The kind of a stationary point, from the eigenvalues of its Hessian. */
export type StationaryKind = "minimum" | "maximum" | "saddle" | "degenerate";

/** A closed interval `[lo, hi]` on one axis. */
export type Interval = [number, number];

/** A rectangle of weight space: `x` is the first weight, `y` the second. */
export interface Domain {
  /** The range of the first weight, `[lo, hi]`. */
  x: Interval;
  /** The range of the second weight, `[lo, hi]`. */
  y: Interval;
}

/**
 * A loss sampled on a regular two-dimensional grid.
 *
 * `values` is row-major: `values[i + j * nx] = f(xs[i], ys[j])`. Non-finite
 * values (NaN, ±Infinity) stay in the array as holes and are counted in
 * `nonFinite`; `min`, `max` and `argmin` describe the finite values only.
 */
export interface Grid {
  /** Number of samples along x: the length of `xs`, the length of a row of `values`. */
  nx: number;
  /** Number of samples along y: the length of `ys`, the number of rows of `values`. */
  ny: number;
  /** The sample positions of the first weight (columns), increasing. */
  xs: Float64Array;
  /** The sample positions of the second weight (rows), increasing. */
  ys: Float64Array;
  /** The `nx × ny` loss values, row-major: `values[i + j * nx]` is at `(xs[i], ys[j])`. */
  values: Float64Array;
  /** The smallest finite value; NaN when no value is finite. */
  min: number;
  /** The largest finite value; NaN when no value is finite. */
  max: number;
  /** `[x, y]` of the smallest finite value; `[NaN, NaN]` when no value is finite. */
  argmin: [number, number];
  /** How many of `values` are NaN or ±Infinity (0 for a loss finite everywhere on the grid). */
  nonFinite: number;
}

/**
 * A loss sampled along one axis. `min`, `max` and `argmin` (the x of the
 * smallest value) describe the finite values only.
 */
export interface Curve {
  /** The sample positions of the weight, increasing. */
  xs: Float64Array;
  /** The loss at each sample: `values[i]` is at `xs[i]`; NaN or ±Infinity where undefined. */
  values: Float64Array;
  /** The smallest finite value; NaN when no value is finite. */
  min: number;
  /** The largest finite value; NaN when no value is finite. */
  max: number;
  /** The x of the smallest finite value; NaN when no value is finite. */
  argmin: number;
}

/** Where to sample a two-weight landscape: see {@linkcode Landscape.grid}. */
export interface GridSpec {
  /** The range of the first weight, `[lo, hi]` with `lo < hi`, both finite. */
  x: Interval;
  /** The range of the second weight, `[lo, hi]` with `lo < hi`, both finite. */
  y: Interval;
  /**
   * Samples per side, or `[nx, ny]` for different counts along x and y;
   * integers from 2 to 4096, 100 when left out.
   */
  n?: number | [number, number];
  /** An array of exactly `nx × ny` values to fill and return as the grid's `values`. */
  out?: Float64Array;
}

/** A loss as a function of one or two weights. */
export interface Landscape {
  /** How many weights the loss takes: 1 (use `curve()`) or 2 (use `grid()`). */
  readonly dims: 1 | 2;
  /** Names of the weights, in argument order. */
  readonly vars: readonly string[];
  /** The source expression, when built from a string. */
  readonly expr?: string;
  /** A display name, e.g. `"Himmelblau"`. */
  readonly name?: string;
  /** The loss at a point given as one number per weight, in the order of `vars`. */
  at(...w: number[]): number;
  /** Exact (symbolic) for strings; central differences for TS functions. */
  gradient(...w: number[]): number[];
  /**
   * The matrix of second derivatives at a point, `dims × dims` and symmetric:
   * `hessian(...w)[i][j]` is ∂²f/∂wᵢ∂wⱼ. Exact for strings; central
   * differences for TS functions.
   */
  hessian(...w: number[]): number[][];
  /**
   * Samples a two-weight landscape; `n` defaults to 100 per side. Pass `out`
   * (a Float64Array of nx × ny values) to fill it instead of a fresh array,
   * like numpy's `out=`: re-sampling in a loop then reuses memory the system
   * has already mapped.
   */
  grid(spec: GridSpec): Grid;
  /** Samples a one-weight landscape; `n` defaults to 100. */
  curve(spec: { x: Interval; n?: number }): Curve;
}

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
  x: Interval;
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
  nx: number;
  ny: number;
  xs: Float64Array;
  ys: Float64Array;
  values: Float64Array;
  min: number;
  max: number;
  /** `[x, y]` of the smallest finite value. */
  argmin: [number, number];
  nonFinite: number;
}

/**
 * A loss sampled along one axis. `min`, `max` and `argmin` (the x of the
 * smallest value) describe the finite values only.
 */
export interface Curve {
  xs: Float64Array;
  values: Float64Array;
  min: number;
  max: number;
  argmin: number;
}

/** Where to sample a two-weight landscape: see {@linkcode Landscape.grid}. */
export interface GridSpec {
  x: Interval;
  y: Interval;
  n?: number | [number, number];
  out?: Float64Array;
}

/** A loss as a function of one or two weights. */
export interface Landscape {
  readonly dims: 1 | 2;
  /** Names of the weights, in argument order. */
  readonly vars: readonly string[];
  /** The source expression, when built from a string. */
  readonly expr?: string;
  /** A display name, e.g. `"Himmelblau"`. */
  readonly name?: string;
  at(...w: number[]): number;
  /** Exact (symbolic) for strings; central differences for TS functions. */
  gradient(...w: number[]): number[];
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

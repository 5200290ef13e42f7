/**
 * Grid and curve specifications: validation (before anything is allocated),
 * evenly spaced axes, and the summary fields of {@linkcode Grid} and
 * {@linkcode Curve}. Shared by the landscape engine and anything else that
 * produces grids.
 *
 * @module
 */

import type { Curve, Grid, Interval } from "./types.ts";

/** Fewest samples per side of a grid or curve. */
export const MIN_SAMPLES = 2;
/** Most samples per side of a grid or curve (4096² doubles are 128 MiB). */
export const MAX_SAMPLES = 4096;
/** Samples per side when a spec leaves `n` out. */
export const DEFAULT_SAMPLES = 100;

/** A validated grid spec. */
export interface GridShape {
  x: Interval;
  y: Interval;
  nx: number;
  ny: number;
  /** The array to fill, when the caller passed one. */
  out?: Float64Array;
}

function withOut(shape: GridShape, out: unknown): GridShape {
  if (out === undefined) return shape;
  const { nx, ny } = shape;
  if (!(out instanceof Float64Array)) {
    throw new TypeError(`Expected out to be a Float64Array but found ${String(out)}`);
  }
  if (out.length !== nx * ny) {
    throw new RangeError(
      `Expected out to hold nx × ny = ${nx} × ${ny} = ${nx * ny} values but found ${out.length}`,
    );
  }
  return { ...shape, out };
}

function checkCount(n: unknown, name: string): number {
  if (typeof n !== "number") {
    throw new TypeError(
      `Expected ${name} to be an integer from ${MIN_SAMPLES} to ${MAX_SAMPLES} but found ${typeof n}`,
    );
  }
  if (!Number.isInteger(n) || n < MIN_SAMPLES || n > MAX_SAMPLES) {
    throw new RangeError(
      `Expected ${name} to be an integer from ${MIN_SAMPLES} to ${MAX_SAMPLES} but found ${n}`,
    );
  }
  return n;
}

/**
 * Checks an interval `[lo, hi]`: two finite numbers with `lo < hi`.
 *
 * @throws {TypeError} When it is not a pair of numbers.
 * @throws {RangeError} When an end is not finite or `lo >= hi`; for `lo > hi`
 *   the message says to swap them, such as `[-2, 2]` for `[2, -2]`.
 *
 * @example
 * ```ts
 * import { deepStrictEqual, throws } from "node:assert";
 * import { checkInterval } from "./grid_spec.ts";
 *
 * deepStrictEqual(checkInterval([-2, 2], "x"), [-2, 2]);
 * throws(() => checkInterval([2, -2], "x"), { name: "RangeError", message: /swap them: \[-2, 2\]/ });
 * ```
 */
export function checkInterval(v: unknown, name: string): Interval {
  const text = Array.isArray(v) ? `[${v.join(", ")}]` : String(v);
  if (!Array.isArray(v) || v.length !== 2 || typeof v[0] !== "number" || typeof v[1] !== "number") {
    throw new TypeError(
      `Expected ${name} to be an interval [lo, hi] of two numbers but found ${text}`,
    );
  }
  const [lo, hi] = v as [number, number];
  if (Number.isFinite(lo) && Number.isFinite(hi) && lo > hi) {
    throw new RangeError(
      `Expected ${name} to be a range [low, high] but found ${text}; swap them: [${hi}, ${lo}]`,
    );
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(lo < hi)) {
    throw new RangeError(
      `Expected ${name} to be an interval [lo, hi] of finite numbers with lo < hi but found ${text}`,
    );
  }
  return [lo, hi];
}

/**
 * Validates a grid spec `{ x, y, n }`; `n` is a number for both sides or
 * `[nx, ny]`, from 2 to 4096 each, 100 when left out.
 *
 * @throws {TypeError | RangeError} Naming the bad field and value.
 *
 * @example
 * ```ts
 * import { deepStrictEqual, throws } from "node:assert";
 * import { checkGridSpec } from "./grid_spec.ts";
 *
 * deepStrictEqual(checkGridSpec({ x: [-1, 1], y: [0, 2], n: [3, 4] }).ny, 4);
 * throws(() => checkGridSpec({ x: [-1, 1], y: [0, 2], n: 1.5 }), RangeError);
 * ```
 */
export function checkGridSpec(spec: unknown): GridShape {
  if (typeof spec !== "object" || spec === null) {
    throw new TypeError(`Expected a grid spec { x, y, n } but found ${String(spec)}`);
  }
  const { x, y, n = DEFAULT_SAMPLES, out } = spec as Record<string, unknown>;
  const xi = checkInterval(x, "x");
  const yi = checkInterval(y, "y");
  if (Array.isArray(n)) {
    if (n.length !== 2) {
      throw new TypeError(
        `Expected n to be a number or a pair [nx, ny] but found [${n.join(", ")}]`,
      );
    }
    return withOut({ x: xi, y: yi, nx: checkCount(n[0], "nx"), ny: checkCount(n[1], "ny") }, out);
  }
  const count = checkCount(n, "n");
  return withOut({ x: xi, y: yi, nx: count, ny: count }, out);
}

/** Validates a curve spec `{ x, n }`; `n` from 2 to 4096, 100 when left out. */
export function checkCurveSpec(spec: unknown): { x: Interval; n: number } {
  if (typeof spec !== "object" || spec === null) {
    throw new TypeError(`Expected a curve spec { x, n } but found ${String(spec)}`);
  }
  const { x, n = DEFAULT_SAMPLES } = spec as Record<string, unknown>;
  return { x: checkInterval(x, "x"), n: checkCount(n, "n") };
}

/**
 * `n` evenly spaced numbers from `lo` to `hi` inclusive, computed as numpy's
 * `linspace` does (`lo + i * step`, last one exactly `hi`), so grids match
 * numpy's bit for bit.
 *
 * @example
 * ```ts
 * import { deepStrictEqual } from "node:assert";
 * import { linspace } from "./grid_spec.ts";
 *
 * deepStrictEqual([...linspace(-1, 1, 5)], [-1, -0.5, 0, 0.5, 1]);
 * ```
 */
export function linspace(lo: number, hi: number, n: number): Float64Array {
  const out = new Float64Array(n);
  const step = (hi - lo) / (n - 1);
  for (let i = 0; i < n; i++) out[i] = lo + i * step;
  if (n > 1) out[n - 1] = hi;
  return out;
}

/**
 * Completes a grid from its axes and values: `min`, `max` and `argmin` over
 * the finite values (NaN when there are none) and the count of non-finite
 * ones, which stay in `values` as holes.
 */
export function summarizeGrid(xs: Float64Array, ys: Float64Array, values: Float64Array): Grid {
  return assembleGrid(xs, ys, values, scan(values));
}

/**
 * A grid from its axes, values and a summary already taken (`at` is the
 * index in `values` of the smallest finite value, -1 when there is none).
 */
export function assembleGrid(
  xs: Float64Array,
  ys: Float64Array,
  values: Float64Array,
  { min, max, at, nonFinite }: { min: number; max: number; at: number; nonFinite: number },
): Grid {
  const nx = xs.length;
  if (at < 0) {
    return { nx, ny: ys.length, xs, ys, values, min: NaN, max: NaN, argmin: [NaN, NaN], nonFinite };
  }
  const argmin: [number, number] = [xs[at % nx]!, ys[Math.floor(at / nx)]!];
  return { nx, ny: ys.length, xs, ys, values, min, max, argmin, nonFinite };
}

/** Completes a curve from its axis and values, like {@linkcode summarizeGrid}. */
export function summarizeCurve(
  xs: Float64Array,
  values: Float64Array,
): Curve & { nonFinite: number } {
  const { min, max, at, nonFinite } = scan(values);
  return { xs, values, min, max, argmin: at < 0 ? NaN : xs[at]!, nonFinite };
}

function scan(values: Float64Array): { min: number; max: number; at: number; nonFinite: number } {
  let min = Infinity;
  let max = -Infinity;
  let at = -1;
  let nonFinite = 0;
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    // v - v is 0 for finite v and NaN for NaN and ±Infinity.
    if (v - v !== 0) {
      nonFinite++;
    } else {
      if (v < min) {
        min = v;
        at = k;
      }
      if (v > max) max = v;
    }
  }
  return at < 0 ? { min: NaN, max: NaN, at, nonFinite } : { min, max, at, nonFinite };
}

/**
 * The points of a grid over `xs` and `ys` as interleaved pairs, row by row
 * (`[x0, y0, x1, y0, …]`), in the grid's row-major order.
 *
 * @example
 * ```ts
 * import { deepStrictEqual } from "node:assert";
 * import { gridPoints } from "./grid_spec.ts";
 * deepStrictEqual([...gridPoints([0, 1], [5, 6])], [0, 5, 1, 5, 0, 6, 1, 6]);
 * ```
 */
export function gridPoints(xs: ArrayLike<number>, ys: ArrayLike<number>): Float64Array {
  const points = new Float64Array(2 * xs.length * ys.length);
  for (let j = 0, p = 0; j < ys.length; j++) {
    for (let i = 0; i < xs.length; i++, p += 2) {
      points[p] = xs[i]!;
      points[p + 1] = ys[j]!;
    }
  }
  return points;
}

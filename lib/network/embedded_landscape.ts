/**
 * A ground truth for slices: a known two-dimensional landscape hidden inside
 * many dimensions by a random rotation.
 *
 * Slicing a real network, we never know what the full landscape looks like.
 * Here we do: the loss at w ∈ ℝᵈ is f(u·w, v·w) + (κ/2)·|w⊥|², where u and v
 * are the first two rows of a seeded random rotation of ℝᵈ, f a familiar
 * landscape such as Himmelblau's, and w⊥ the part of w outside the plane of
 * u and v (a bowl of curvature κ in the other d − 2 directions). Every
 * critical point of f is then a critical point of the hidden landscape of
 * the same kind, and we can compare what random slices show with the truth:
 * a random plane through a minimum meets the hidden plane in at most a line,
 * so it can miss the other minima entirely; and through a saddle of f, most
 * directions curve upwards (the bowl), so a random slice can make the saddle
 * look like a minimum.
 *
 * Pure TypeScript: no tfjs.
 *
 * @module
 */

import { standardNormal } from "../core/standard_normal.ts";
import {
  checkCurveSpec,
  checkGridSpec,
  linspace,
  summarizeCurve,
  summarizeGrid,
} from "../core/grid_spec.ts";
import type { Curve, Grid, Interval, Landscape } from "../core/types.ts";

/** Options of {@linkcode embedLandscape}. */
export interface EmbedOptions {
  /** Dimensions of the space the landscape hides in, from 3 to 10,000. Default 50. */
  dims?: number;
  /** Seed of the random rotation. Default 0. */
  seed?: number;
  /** Curvature κ of the bowl in the d − 2 other directions (0 for flat). Default 1. */
  curvature?: number;
}

/** A two-dimensional landscape hidden in `dims` dimensions. */
export interface EmbeddedLandscape {
  /** d, the number of coordinates of a point: the length of every vector this landscape takes or returns. */
  readonly dims: number;
  /** The orthonormal vectors u and v spanning the hidden plane. */
  readonly basis: readonly [Float64Array, Float64Array];
  /** The loss at a point of ℝᵈ. */
  at(w: ArrayLike<number>): number;
  /** The point of ℝᵈ whose hidden coordinates are (x, y), with no other component. */
  embed(x: number, y: number): Float64Array;
  /** The hidden coordinates (u·w, v·w) of a point. */
  project(w: ArrayLike<number>): [number, number];
  /** A seeded random unit direction of ℝᵈ (uniform on the sphere). */
  randomDirection(seed: number): Float64Array;
  /** The loss along `center + α·d`, α over `range` (default [-1, 1]) with `n` samples (default 101). */
  line(
    center: ArrayLike<number>,
    d: ArrayLike<number>,
    spec?: { range?: Interval; n?: number },
  ): Curve;
  /** The loss over `center + α·d1 + β·d2`, like `randomPlane` (x = α, y = β). */
  plane(
    center: ArrayLike<number>,
    directions: readonly [ArrayLike<number>, ArrayLike<number>],
    spec?: { range?: Interval; x?: Interval; y?: Interval; n?: number | [number, number] },
  ): Grid;
}

/**
 * Hides a two-dimensional landscape in `dims` dimensions behind a seeded
 * random rotation (see the module notes).
 *
 * @param f A two-weight {@linkcode Landscape} or a function `(x, y) => loss`.
 * @param options Dimensions, seed and the curvature of the other directions.
 * @returns The hidden landscape.
 *
 * @example The hidden plane shows f itself
 * ```ts
 * import { ok } from "node:assert";
 * import { embedLandscape } from "./embedded_landscape.ts";
 *
 * const f = (x: number, y: number) => (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2;
 * const h = embedLandscape(f, { dims: 50, seed: 1 });
 * ok(Math.abs(h.at(h.embed(3, 2))) < 1e-9); // a minimum of Himmelblau's function
 * const [u, v] = h.basis;
 * const grid = h.plane(h.embed(0, 0), [u, v], { range: [-5, 5], n: 11 });
 * ok(Math.abs(grid.values[8 + 7 * 11]! - f(3, 2)) < 1e-9);
 * ```
 */
export function embedLandscape(
  f: Landscape | ((x: number, y: number) => number),
  { dims = 50, seed = 0, curvature = 1 }: EmbedOptions = {},
): EmbeddedLandscape {
  const fn = typeof f === "function" ? f : checkLandscape(f);
  if (!Number.isInteger(dims) || dims < 3 || dims > 10_000) {
    throw new RangeError(`Expected dims to be an integer from 3 to 10000 but found ${dims}`);
  }
  if (!Number.isFinite(curvature) || curvature < 0) {
    throw new RangeError(`Expected curvature to be a finite number from 0 but found ${curvature}`);
  }
  const basis = randomOrthonormal(dims, 2, seed) as [Float64Array, Float64Array];
  const [u, v] = basis;
  const check = (w: ArrayLike<number>, name: string) => {
    if (w?.length !== dims) {
      throw new RangeError(`Expected ${name} to have ${dims} numbers but found ${w?.length}`);
    }
  };
  const at = (w: ArrayLike<number>) => {
    let a = 0;
    let b = 0;
    let ww = 0;
    for (let i = 0; i < dims; i++) {
      a += u[i]! * w[i]!;
      b += v[i]! * w[i]!;
      ww += w[i]! * w[i]!;
    }
    // |w⊥|² = |w|² − a² − b², clamped against rounding below zero.
    return fn(a, b) + (curvature / 2) * Math.max(ww - a * a - b * b, 0);
  };
  const combine = (c: ArrayLike<number>, terms: [number, ArrayLike<number>][]) => {
    // A plain loop: Float64Array.from with a map function is ~10× slower here.
    const w = new Float64Array(dims);
    for (let i = 0; i < dims; i++) w[i] = c[i]!;
    for (const [s, d] of terms) for (let i = 0; i < dims; i++) w[i] = w[i]! + s * d[i]!;
    return w;
  };
  return {
    dims,
    basis,
    at(w) {
      check(w, "w");
      return at(w);
    },
    embed: (x, y) => Float64Array.from({ length: dims }, (_, i) => x * u[i]! + y * v[i]!),
    project(w) {
      check(w, "w");
      let a = 0;
      let b = 0;
      for (let i = 0; i < dims; i++) {
        a += u[i]! * w[i]!;
        b += v[i]! * w[i]!;
      }
      return [a, b];
    },
    randomDirection: (s) => randomOrthonormal(dims, 1, s)[0]!,
    line(center, d, { range = [-1, 1], n = 101 } = {}) {
      check(center, "center");
      check(d, "d");
      const spec = checkCurveSpec({ x: range, n });
      const xs = linspace(spec.x[0], spec.x[1], spec.n);
      return summarizeCurve(xs, xs.map((a) => at(combine(center, [[a, d]]))));
    },
    plane(center, [d1, d2], { range = [-1, 1], x, y, n = 41 } = {}) {
      check(center, "center");
      check(d1, "directions[0]");
      check(d2, "directions[1]");
      const shape = checkGridSpec({ x: x ?? range, y: y ?? range, n });
      const xs = linspace(shape.x[0], shape.x[1], shape.nx);
      const ys = linspace(shape.y[0], shape.y[1], shape.ny);
      const values = new Float64Array(xs.length * ys.length);
      ys.forEach((b, j) =>
        xs.forEach((a, i) => (values[i + j * xs.length] = at(combine(center, [[a, d1], [b, d2]]))))
      );
      return summarizeGrid(xs, ys, values);
    },
  };
}

function checkLandscape(l: Landscape): (x: number, y: number) => number {
  if (typeof l?.at !== "function" || l.dims !== 2) {
    throw new TypeError("Expected a two-weight Landscape or a function (x, y) => number");
  }
  return (x, y) => l.at(x, y);
}

/**
 * `count` orthonormal vectors of ℝᵈ: Gram–Schmidt on seeded Gaussian
 * vectors, i.e. the first rows of a uniformly random rotation.
 */
function randomOrthonormal(dims: number, count: number, seed: number): Float64Array[] {
  const next = standardNormal(seed);
  const out: Float64Array[] = [];
  while (out.length < count) {
    const w = Float64Array.from({ length: dims }, () => next());
    for (const q of out) {
      let d = 0;
      for (let i = 0; i < dims; i++) d += w[i]! * q[i]!;
      for (let i = 0; i < dims; i++) w[i] = w[i]! - d * q[i]!;
    }
    let norm = 0;
    for (let i = 0; i < dims; i++) norm += w[i]! * w[i]!;
    norm = Math.sqrt(norm);
    if (norm < 1e-8) continue;
    out.push(w.map((x) => x / norm));
  }
  return out;
}

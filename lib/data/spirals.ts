/**
 * Seeded spirals: the classic toy classification data set whose classes
 * wind around each other, so no straight line separates them and a network
 * needs hidden units to learn it (as in Stanford's CS231n notes).
 *
 * @module
 */

import { standardNormal } from "../core/standard_normal.ts";
import { mulberry32 } from "../core/random.ts";

/** Points in the plane with a class each. */
export interface Spirals {
  /** Number of points. */
  n: number;
  /** Number of classes (arms). */
  classes: number;
  /** Coordinates, `n × 2` row-major: `[x0, y0, x1, y1, …]`. */
  x: Float32Array;
  /** Class of each point, from 0 to `classes − 1`. */
  labels: Int32Array;
}

/** Options of {@linkcode spirals}. */
export interface SpiralOptions {
  /** Number of points, shared as evenly as possible between the classes. Default 2048. */
  n?: number;
  /** Number of arms. Default 3. */
  classes?: number;
  /** How many turns each arm makes from the centre to radius 1. Default 0.75. */
  turns?: number;
  /** Standard deviation of the Gaussian noise on each point's angle, in radians. Default 0.2. */
  noise?: number;
  /** Seed of the noise and of the order of the points. Default 0. */
  seed?: number;
}

/**
 * Generates `classes` interleaved spiral arms. Point `j` of arm `k` (of `m`)
 * lies at radius r = (j + 1) / m and angle 2π·(k / classes + turns·r) plus
 * noise. The points come in a seeded random order, so consecutive batches
 * mix the classes and training needs no shuffling of its own.
 *
 * @param options Size, shape, noise and seed.
 * @returns The points and their classes.
 *
 * @example
 * ```ts
 * import { deepStrictEqual, strictEqual } from "node:assert";
 * import { spirals } from "./spirals.ts";
 *
 * const s = spirals({ n: 300, seed: 1 });
 * strictEqual(s.x.length, 600);
 * deepStrictEqual([0, 1, 2].map((k) => s.labels.filter((l) => l === k).length), [100, 100, 100]);
 * deepStrictEqual(spirals({ n: 300, seed: 1 }).x, s.x);
 * ```
 */
export function spirals(
  { n = 2048, classes = 3, turns = 0.75, noise = 0.2, seed = 0 }: SpiralOptions = {},
): Spirals {
  if (!Number.isInteger(n) || n < 1 || n > 10_000_000) {
    throw new RangeError(`Expected n to be an integer from 1 to 10000000 but found ${n}`);
  }
  if (!Number.isInteger(classes) || classes < 1 || classes > n) {
    throw new RangeError(
      `Expected classes to be an integer from 1 to n (${n}) but found ${classes}`,
    );
  }
  if (!Number.isFinite(turns)) {
    throw new RangeError(`Expected turns to be finite but found ${turns}`);
  }
  if (!(noise >= 0) || !Number.isFinite(noise)) {
    throw new RangeError(`Expected noise to be a finite number from 0 but found ${noise}`);
  }
  const normal = standardNormal(seed);
  const uniform = mulberry32(seed ^ 0x5bd1e995);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(uniform() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const x = new Float32Array(2 * n);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = i % classes;
    const j = Math.floor(i / classes);
    const m = Math.floor(n / classes) + (k < n % classes ? 1 : 0);
    const r = (j + 1) / m;
    const angle = 2 * Math.PI * (k / classes + turns * r) + noise * normal();
    const at = order[i]!;
    x[2 * at] = r * Math.cos(angle);
    x[2 * at + 1] = r * Math.sin(angle);
    labels[at] = k;
  }
  return { n, classes, x, labels };
}

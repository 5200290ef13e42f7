/**
 * Seeded train/test splits of a labelled data set, so a chapter can measure
 * a network on points it was not trained on.
 *
 * The split takes and gives the shape `spirals()` returns — points
 * row-major in `x`, a class per point in `labels`, the number of `classes` —
 * which is what `classification()` turns into tensors:
 * `classification(trainTestSplit(spirals()).train)`.
 *
 * @module
 */

import { mulberry32 } from "../core/random.ts";

/** A labelled data set as `spirals()` gives it. */
export interface LabelledSet {
  /** Points, row-major (`n × features`), or one array per point. */
  x: ArrayLike<number> | readonly (readonly number[])[];
  /** Class of each point, an integer from 0. */
  labels: ArrayLike<number>;
  /** Number of classes (default: the largest label + 1). */
  classes?: number;
}

/** One side of a split, in the shape of `spirals()`. */
export interface SplitPart {
  /** Number of points. */
  n: number;
  /** Number of classes of the whole set, the same on both sides (a side may lack some). */
  classes: number;
  /** Points, row-major `n × features`. */
  x: Float32Array;
  /** Class of each point, from 0 to `classes − 1`, in the order of `x`. */
  labels: Int32Array;
  /** Row of each point in the original set, ascending. */
  indices: Int32Array;
}

/** Options of {@linkcode trainTestSplit}. */
export interface SplitOptions {
  /** Share of the points held out for testing, in (0, 1). Default 0.25. */
  testFraction?: number;
  /** Seed of the choice. Default 0. */
  seed?: number;
  /**
   * Keep each class's share the same on both sides (default true): each
   * class gives its own share of test points, rounded so that the total is
   * `round(n · testFraction)`.
   */
  stratify?: boolean;
}

/**
 * Splits a labelled set into disjoint training and test sets, at random but
 * seeded: the same seed gives the same split. Points keep their original
 * order on each side.
 *
 * @param set Points and their classes, e.g. `spirals()`.
 * @param options testFraction, seed, stratify.
 * @returns `{ train, test }`, together holding every point exactly once.
 * @throws {RangeError} When `x` and `labels` disagree on the number of
 *   points, labels are not class indices, or a side would be empty.
 *
 * @example A quarter of the spirals held out, a quarter of each class
 * ```ts
 * import { deepStrictEqual, strictEqual } from "node:assert";
 * import { spirals } from "./spirals.ts";
 * import { trainTestSplit } from "./split.ts";
 *
 * const { train, test } = trainTestSplit(spirals({ n: 300, seed: 1 }), { seed: 2 });
 * strictEqual(train.n + test.n, 300);
 * strictEqual(test.n, 75);
 * deepStrictEqual([0, 1, 2].map((k) => test.labels.filter((l) => l === k).length), [25, 25, 25]);
 * strictEqual(test.x.length, 2 * 75);
 * ```
 */
export function trainTestSplit(
  set: LabelledSet,
  { testFraction = 0.25, seed = 0, stratify = true }: SplitOptions = {},
): { train: SplitPart; test: SplitPart } {
  const labels = set?.labels;
  if (!labels || typeof labels.length !== "number") {
    throw new TypeError("Expected set to be { x, labels } (as spirals() returns)");
  }
  const n = labels.length;
  const flat = flatten(set.x, n);
  const width = flat.length / n;
  let classes = set.classes;
  for (let i = 0; i < n; i++) {
    const k = labels[i]!;
    if (!Number.isInteger(k) || k < 0 || (classes !== undefined && k >= classes)) {
      throw new RangeError(
        `Expected labels to be class indices from 0${
          classes === undefined ? "" : ` to ${classes - 1}`
        } but found ${k} at ${i}`,
      );
    }
  }
  classes ??= n === 0 ? 0 : Math.max(...Array.from(labels)) + 1;
  if (!(testFraction > 0 && testFraction < 1)) {
    throw new RangeError(`Expected testFraction between 0 and 1 but found ${testFraction}`);
  }
  const total = Math.round(n * testFraction);
  if (total < 1 || total > n - 1) {
    throw new RangeError(
      `Expected both sides to hold a point, but ${n} points with testFraction ${testFraction} ` +
        `give ${total} test and ${n - total} training points; change testFraction or add points`,
    );
  }
  const random = mulberry32(seed);
  const groups: number[][] = stratify ? Array.from({ length: classes }, () => []) : [[]];
  for (let i = 0; i < n; i++) groups[stratify ? labels[i]! : 0]!.push(i);
  // Largest remainders: each group's share of `total`, rounded to sum to it.
  const quotas = groups.map((g) => (g.length * total) / n);
  const counts = quotas.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = quotas.map((q, k) => [q - Math.floor(q), k] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, k] of byRemainder) {
    if (left-- <= 0) break;
    counts[k]!++;
  }
  const isTest = new Uint8Array(n);
  groups.forEach((g, k) => {
    const order = [...g];
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (let i = 0; i < counts[k]!; i++) isTest[order[i]!] = 1;
  });
  const part = (flag: number): SplitPart => {
    const indices = Int32Array.from({ length: n }, (_, i) => i).filter((i) => isTest[i] === flag);
    const x = new Float32Array(indices.length * width);
    indices.forEach((row, r) => x.set(flat.subarray(row * width, (row + 1) * width), r * width));
    return {
      n: indices.length,
      classes: classes!,
      x,
      labels: Int32Array.from(indices, (i) => labels[i]!),
      indices,
    };
  };
  return { train: part(0), test: part(1) };
}

function flatten(x: LabelledSet["x"], n: number): Float32Array {
  const rows = x as readonly (readonly number[])[];
  if (Array.isArray(x) && x.length > 0 && Array.isArray(rows[0])) {
    const width = rows[0]!.length;
    if (rows.length !== n || rows.some((r) => r.length !== width)) {
      throw new RangeError(
        `Expected x to hold ${n} rows of equal length (one per label) but found ${rows.length}`,
      );
    }
    return Float32Array.from(rows.flat());
  }
  const flat = Float32Array.from(x as ArrayLike<number>);
  if (n < 1 || flat.length % n !== 0) {
    throw new RangeError(
      `Expected x to hold the same number of rows as labels (${n}) but found ${flat.length} numbers`,
    );
  }
  return flat;
}

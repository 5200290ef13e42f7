/**
 * Standardizing a feature: measuring it in standard deviations from its
 * mean, so it is centred on 0 with spread 1. For a line fitted by least
 * squares this turns a long, narrow valley of the loss into a round bowl.
 *
 * @module
 */

import type { Line } from "./least_squares.ts";

/** A standardized column and the mean and standard deviation it was scaled by. */
export interface Standardized {
  /** `(v - mean) / std` for each value. */
  values: Float64Array;
  /** The arithmetic mean of the original values, in their unit. */
  mean: number;
  /** The population standard deviation (dividing by n, as scikit-learn's StandardScaler). */
  std: number;
}

/**
 * Standardizes a column: `z = (v − mean) / std`, with the population
 * standard deviation $\sqrt{\frac1n \sum_i (v_i - \bar v)^2}$.
 *
 * @param values The column, at least one finite number, not all equal.
 * @returns The standardized values with the mean and standard deviation used.
 * @throws {TypeError} When `values` is not an array.
 * @throws {RangeError} When it is empty, holds a non-finite value, or every
 *   value is the same (its spread is 0, so there is nothing to scale by).
 *
 * @example
 * ```ts
 * import { deepStrictEqual, strictEqual } from "node:assert";
 * import { standardize } from "./standardize.ts";
 * const s = standardize([1, 3]);
 * strictEqual(s.mean, 2);
 * strictEqual(s.std, 1);
 * deepStrictEqual([...s.values], [-1, 1]);
 * ```
 */
export function standardize(values: ArrayLike<number>): Standardized {
  if (values === null || typeof values !== "object" || typeof values.length !== "number") {
    throw new TypeError(`Expected values to be an array of numbers but found ${String(values)}`);
  }
  const n = values.length;
  if (n === 0) throw new RangeError("Expected at least one value but found none");
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new RangeError(`Expected values to be finite numbers but found ${v} at ${i}`);
    }
    sum += v;
  }
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i]! - mean) ** 2;
  const std = Math.sqrt(ss / n);
  if (std === 0) {
    throw new RangeError(`Expected values that differ but found only ${values[0]}`);
  }
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) z[i] = (values[i]! - mean) / std;
  return { values: z, mean, std };
}

/**
 * Converts a line fitted to a standardized feature, `ŷ = m·z + b` with
 * `z = (x − mean) / std`, into the same line in the feature's own units,
 * `ŷ = (m / std)·x + (b − m·mean / std)`. The predictions do not change.
 *
 * @param line The line in standardized units.
 * @param scale The `mean` and `std` the feature was standardized with.
 * @returns The same line in raw units.
 *
 * @example
 * ```ts
 * import { deepStrictEqual } from "node:assert";
 * import { unstandardizeLine } from "./standardize.ts";
 * // z = (x - 10) / 2, so 4z + 1 = 2x - 19
 * deepStrictEqual(
 *   unstandardizeLine({ slope: 4, intercept: 1 }, { mean: 10, std: 2 }),
 *   { slope: 2, intercept: -19 },
 * );
 * ```
 */
export function unstandardizeLine(
  line: Line,
  scale: { mean: number; std: number },
): Line {
  const slope = line.slope / scale.std;
  return { slope, intercept: line.intercept - slope * scale.mean };
}

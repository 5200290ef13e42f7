/**
 * Closed-form least squares for the two models of the early chapters: a line
 * through the origin (`ŷ = w·x`, one weight) and a line with an intercept
 * (`ŷ = m·x + b`, two weights). Both minimise the mean squared error exactly,
 * so the landscapes' minima can be checked against them.
 *
 * @module
 */

import { checkColumns, mean } from "./_columns.ts";

/** A straight line `ŷ = slope · x + intercept`. */
export interface Line {
  /** How much `ŷ` changes per unit of `x`, in units of y per unit of x. */
  slope: number;
  /** `ŷ` at `x = 0`, in units of y. */
  intercept: number;
}

/**
 * The weight `w` of the line through the origin `ŷ = w·x` with the smallest
 * mean squared error on `(x, y)`:
 *
 * $$w^\star = \frac{\sum_i x_i y_i}{\sum_i x_i^2}$$
 *
 * (set the derivative of $\frac1n\sum_i (w x_i - y_i)^2$ to zero).
 *
 * @param x The feature of each example.
 * @param y The target of each example, as many as `x`.
 * @returns The best weight.
 * @throws {RangeError} When the lengths differ, there are no examples, a value
 *   is not finite, or every `x` is 0 (then every `w` is equally good).
 *
 * @example
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { leastSquaresThroughOrigin } from "./least_squares.ts";
 * strictEqual(leastSquaresThroughOrigin([1, 2, 3], [2, 4, 6]), 2);
 * ```
 */
export function leastSquaresThroughOrigin(x: ArrayLike<number>, y: ArrayLike<number>): number {
  checkColumns(x, y);
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += x[i]! * y[i]!;
    sxx += x[i]! * x[i]!;
  }
  if (sxx === 0) {
    throw new RangeError("Expected x to hold a non-zero value but found only zeros");
  }
  return sxy / sxx;
}

/**
 * The line `ŷ = m·x + b` with the smallest mean squared error on `(x, y)`
 * (ordinary least squares):
 *
 * $$m^\star = \frac{\sum_i (x_i - \bar x)(y_i - \bar y)}{\sum_i (x_i - \bar x)^2},
 *   \qquad b^\star = \bar y - m^\star \bar x$$
 *
 * Sums are taken about the means, which keeps them accurate when the
 * feature is far from 0 (flipper lengths around 200 mm, say).
 *
 * @param x The feature of each example.
 * @param y The target of each example, as many as `x`.
 * @returns The best slope and intercept.
 * @throws {RangeError} When the lengths differ, there are no examples, a value
 *   is not finite, or every `x` is the same (then the slope is undetermined).
 *
 * @example
 * ```ts
 * import { deepStrictEqual } from "node:assert";
 * import { leastSquaresLine } from "./least_squares.ts";
 * deepStrictEqual(leastSquaresLine([0, 1, 2], [1, 3, 5]), { slope: 2, intercept: 1 });
 * ```
 */
export function leastSquaresLine(x: ArrayLike<number>, y: ArrayLike<number>): Line {
  checkColumns(x, y);
  const xbar = mean(x);
  const ybar = mean(y);
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < x.length; i++) {
    const dx = x[i]! - xbar;
    sxy += dx * (y[i]! - ybar);
    sxx += dx * dx;
  }
  if (sxx === 0) {
    throw new RangeError(
      `Expected x to hold at least two different values but found only ${x[0]}`,
    );
  }
  const slope = sxy / sxx;
  return { slope, intercept: ybar - slope * xbar };
}

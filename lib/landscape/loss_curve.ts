/**
 * The loss of a descent, step by step, as a {@linkcode Curve}, so that
 * several optimizers' progress can be drawn on one chart with `curvePlot`.
 *
 * @module
 */

import { summarizeCurve } from "../core/grid_spec.ts";
import type { Curve } from "../core/types.ts";

/**
 * The losses of a descent against the step number: `xs` is 0, 1, 2, … and
 * `values` the loss after that many steps. Accepts the result of `descend()`
 * or a plain list of losses.
 *
 * @param run `{ values }` from `descend()`, or the losses themselves.
 * @returns The curve, with `min`, `max` and `argmin` (the step of the lowest loss) over its finite values.
 * @throws {TypeError} When the losses are not a list of numbers.
 * @throws {RangeError} When there are none.
 *
 * @example
 * ```ts
 * import { deepStrictEqual, strictEqual } from "node:assert";
 * import { lossCurve } from "./loss_curve.ts";
 *
 * const curve = lossCurve({ values: [4, 1, 0.25, 0.5] });
 * deepStrictEqual([...curve.xs], [0, 1, 2, 3]);
 * strictEqual(curve.argmin, 2);
 * strictEqual(curve.max, 4);
 * ```
 */
export function lossCurve(run: readonly number[] | { readonly values: readonly number[] }): Curve {
  const values = Array.isArray(run) ? run : (run as { values?: unknown })?.values;
  if (!Array.isArray(values) || !values.every((v) => typeof v === "number")) {
    throw new TypeError(`Expected a list of losses or { values } but found ${String(run)}`);
  }
  if (values.length === 0) throw new RangeError("Expected at least one loss but found none");
  const xs = Float64Array.from(values, (_, k) => k);
  const { min, max, argmin } = summarizeCurve(xs, Float64Array.from(values));
  return { xs, values: Float64Array.from(values), min, max, argmin };
}

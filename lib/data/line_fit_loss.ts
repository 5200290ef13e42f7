/**
 * The loss of a straight-line model on a data set, as a landscape over the
 * model's weights: the bridge from "a loss scores predictions" to "a loss is
 * a surface over weights".
 *
 * @module
 */

import { landscape } from "../landscape/landscape.ts";
import { checkColumns, mean } from "./_columns.ts";
import { binaryCrossEntropy } from "./losses.ts";
import type { Landscape } from "../core/types.ts";

/** The losses {@linkcode lineFitLoss} can score a line with. */
export const LINE_FIT_LOSSES = ["mse", "mae", "huber", "cross-entropy"] as const;

/** One of {@linkcode LINE_FIT_LOSSES}. */
export type LineFitLossName = typeof LINE_FIT_LOSSES[number];

/** Options of {@linkcode lineFitLoss}. */
export interface LineFitLossOptions {
  /** Which loss scores the predictions; default `"mse"`. */
  loss?: LineFitLossName;
  /** Fit `ŷ = m·x + b` (true, default: two weights) or `ŷ = w·x` through the origin (one weight). */
  intercept?: boolean;
  /** The Huber loss's threshold between its quadratic and linear parts; default 1. */
  delta?: number;
  /** Names of the weights; default `["m", "b"]`, or `["w"]` without an intercept. */
  vars?: readonly string[];
  /** A display name for the landscape; default e.g. `"MSE of a line"`. */
  name?: string;
}

const NAMES: Record<LineFitLossName, string> = {
  "mse": "MSE",
  "mae": "MAE",
  "huber": "Huber loss",
  "cross-entropy": "Cross-entropy",
};

/** A number as expression source: exact (shortest round-trip form), parenthesised when negative. */
function num(v: number): string {
  return v < 0 || Object.is(v, -0) ? `(${v})` : String(v);
}

/**
 * The mean squared error of a line is a quadratic in its weights whose
 * coefficients are sums over the data. Written about the means of x and y,
 * so no large terms cancel when the feature sits far from 0:
 *
 *   L(m, b) = var(x)·m² − 2·cov(x, y)·m + (mean(x)·m + b − mean(y))² + var(y)
 *   L(w)    = mean(x²)·w² − 2·mean(x·y)·w + mean(y²)
 */
function mseExpression(x: ArrayLike<number>, y: ArrayLike<number>, vars: readonly string[]) {
  const n = x.length;
  if (vars.length === 1) {
    let a = 0;
    let b = 0;
    let c = 0;
    for (let i = 0; i < n; i++) {
      a += x[i]! * x[i]!;
      b += x[i]! * y[i]!;
      c += y[i]! * y[i]!;
    }
    const [w] = vars;
    return `${num(a / n)} * ${w}^2 - ${num((2 * b) / n)} * ${w} + ${num(c / n)}`;
  }
  const xbar = mean(x);
  const ybar = mean(y);
  let vxx = 0;
  let cxy = 0;
  let vyy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - xbar;
    const dy = y[i]! - ybar;
    vxx += dx * dx;
    cxy += dx * dy;
    vyy += dy * dy;
  }
  const [m, b] = vars;
  return `${num(vxx / n)} * ${m}^2 - ${num((2 * cxy) / n)} * ${m} + ` +
    `(${num(xbar)} * ${m} + ${b} - ${num(ybar)})^2 + ${num(vyy / n)}`;
}

/**
 * The mean absolute error or Huber loss of the line `m·x + b` on `(xs, ys)`:
 * the per-example losses of `mae` and `huber` (losses.ts), summed from 0 in
 * order and divided by n, as those functions compute them. It is the value
 * of `lineFitLoss`'s MAE and Huber landscapes, and it is portable (no
 * outside names but `Math` and `Number`), so the scorecard runs it in the
 * page by its source: one function for Deno and the page. NaN for a
 * non-finite weight or prediction (a hole in a grid, not an error).
 *
 * @param xs The feature.
 * @param ys The targets.
 * @param loss `"mae"` or `"huber"`.
 * @param delta Huber's threshold.
 * @param m The slope.
 * @param b The intercept.
 * @returns The loss of the line.
 *
 * @example
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { lineLossValue } from "./line_fit_loss.ts";
 * strictEqual(lineLossValue([0, 1], [0, 3], "mae", 1, 1, 0), 1);
 * strictEqual(lineLossValue([0, 1], [0, 3], "huber", 1, 1, 0), 0.75);
 * ```
 */
export function lineLossValue(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  loss: string,
  delta: number,
  m: number,
  b: number,
): number {
  if (!Number.isFinite(m) || !Number.isFinite(b)) return NaN;
  let s = 0;
  for (let i = 0; i < xs.length; i++) {
    const p = m * xs[i]! + b;
    if (!Number.isFinite(p)) return NaN;
    const e = Math.abs(p - ys[i]!);
    if (loss === "mae") s += e;
    else {
      const quadratic = Math.min(e, delta);
      s += 0.5 * quadratic * quadratic + delta * (e - quadratic);
    }
  }
  return s / xs.length;
}

/**
 * The loss of the line `ŷ = m·x + b` (or `ŷ = w·x` through the origin) on
 * the data `(x, y)`, as a {@linkcode Landscape} over its weights.
 *
 * - `"mse"`: built as an expression string (a quadratic whose coefficients
 *   are data sums, readable in `expr`), so its gradient and Hessian are
 *   exact and grids are fast.
 * - `"mae"`, `"huber"`: TypeScript functions over the data using the losses
 *   of `losses.ts`; derivatives by central differences.
 * - `"cross-entropy"`: the line gives a logit, the model's probability is
 *   `σ(m·x + b)`, and `y` holds 0/1 labels (or probabilities); binary
 *   cross-entropy from logits, as `tf.losses.sigmoidCrossEntropy`.
 *
 * @param x The feature of each example.
 * @param y The target of each example (a label from 0 to 1 for cross-entropy).
 * @param options `loss`, `intercept`, Huber's `delta`, weight names `vars`, `name`.
 * @returns A landscape of one weight (`w`) or two (`m`, `b`).
 * @throws {RangeError} When the columns differ in length, are empty or hold
 *   non-finite numbers, a cross-entropy label lies outside [0, 1], the loss
 *   is unknown, or `vars` does not name one weight per parameter.
 *
 * @example The MSE of a line, exact at every point
 * ```ts
 * import { ok, strictEqual } from "node:assert";
 * import { lineFitLoss } from "./line_fit_loss.ts";
 *
 * const l = lineFitLoss([0, 1, 2], [1, 3, 5]);    // y = 2x + 1 exactly
 * strictEqual(l.at(2, 1), 0);
 * strictEqual(l.at(0, 0), (1 + 9 + 25) / 3);   // predicting 0 everywhere
 * ok(l.expr!.includes("m^2"));
 * ```
 *
 * @example One weight and the absolute error
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { lineFitLoss } from "./line_fit_loss.ts";
 *
 * const l = lineFitLoss([1, 2], [1, 2], { loss: "mae", intercept: false });
 * strictEqual(l.dims, 1);
 * strictEqual(l.at(2), 1.5);                   // errors 1 and 2
 * ```
 */
export function lineFitLoss(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: LineFitLossOptions = {},
): Landscape {
  const { loss = "mse", intercept = true, delta = 1 } = options;
  checkColumns(x, y);
  if (!(LINE_FIT_LOSSES as readonly string[]).includes(loss)) {
    throw new RangeError(
      `Expected loss to be one of ${LINE_FIT_LOSSES.join(", ")} but found ${String(loss)}`,
    );
  }
  const vars = options.vars ?? (intercept ? ["m", "b"] : ["w"]);
  if (vars.length !== (intercept ? 2 : 1)) {
    throw new RangeError(
      `Expected vars to name ${intercept ? "two weights" : "one weight"} but found ` +
        JSON.stringify(vars),
    );
  }
  if (loss === "huber" && !(delta > 0 && Number.isFinite(delta))) {
    throw new RangeError(`Expected delta to be a positive finite number but found ${delta}`);
  }
  if (loss === "cross-entropy") {
    for (let i = 0; i < y.length; i++) {
      if (!(y[i]! >= 0 && y[i]! <= 1)) {
        throw new RangeError(`Expected y to hold labels from 0 to 1 but found ${y[i]} at ${i}`);
      }
    }
  }
  const name = options.name ?? `${NAMES[loss]} of a line`;
  if (loss === "mse") return landscape(mseExpression(x, y, vars), { vars, name });

  const xs = Float64Array.from(x as ArrayLike<number>);
  const ys = Float64Array.from(y as ArrayLike<number>);
  if (loss === "mae" || loss === "huber") {
    const f = (m: number, b = 0): number => lineLossValue(xs, ys, loss, delta, m, b);
    return landscape(f, { vars, name });
  }
  const prediction = new Float64Array(xs.length);
  const score = () => binaryCrossEntropy(prediction, ys, { fromLogits: true });
  const f = (m: number, b = 0): number => {
    // The losses reject non-finite predictions; as a landscape value a
    // weight of ±Infinity or NaN is a hole in the grid instead.
    if (!Number.isFinite(m) || !Number.isFinite(b)) return NaN;
    for (let i = 0; i < xs.length; i++) prediction[i] = m * xs[i]! + b;
    return score();
  };
  return landscape(f, { vars, name });
}

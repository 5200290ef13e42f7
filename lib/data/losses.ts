/**
 * Losses on data: each compares predictions with targets element by element
 * and reduces the per-example losses to one number (their mean, by default).
 *
 * The definitions mirror `tf.losses` and Keras (`tf.metrics`), computed in
 * float64 on plain arrays or typed arrays:
 *
 * | here                              | tfjs                                          |
 * | --------------------------------- | --------------------------------------------- |
 * | `mse`                             | `tf.losses.meanSquaredError`                  |
 * | `mae`                             | `tf.losses.absoluteDifference`                |
 * | `huber`                           | `tf.losses.huberLoss` (same `delta`)          |
 * | `binaryCrossEntropy`              | `tf.metrics.binaryCrossentropy` (Keras)       |
 * | `binaryCrossEntropy`, from logits | `tf.losses.sigmoidCrossEntropy`               |
 * | `crossEntropy`                    | `tf.metrics.categoricalCrossentropy` (Keras)  |
 * | `crossEntropy`, from logits       | `tf.losses.softmaxCrossEntropy`               |
 *
 * Arguments come in the order (predictions, targets). tfjs and Keras take
 * (labels, predictions); for the symmetric `mse`, `mae` and `huber` the order
 * does not matter, for the cross-entropies it does.
 *
 * Probabilities are clipped before the logarithm to [ε, 1 − ε] with ε = 1e-7,
 * as Keras does (its `epsilon()`), and with the two bounds rounded to float32
 * as Keras and tfjs round them: [1.0000000117e-7, 1 − 1.19e-7]. So a confident
 * wrong answer costs −ln(1e-7) ≈ 16.118 at p = 0 and −ln(1.19e-7) ≈ 15.942 at
 * p = 1 instead of Infinity, and a perfect one costs about 1.19e-7 at p = 1
 * instead of exactly 0, as in Keras and tfjs. (`tf.losses.logLoss` adds ε
 * inside the logarithm instead of clipping: the two agree to within about ε / p.)
 *
 * Inputs are validated at the entry: equal lengths, at least one example,
 * finite numbers, probabilities from 0 to 1.
 *
 * @module
 */

/** How per-example losses become the result: their mean, their sum, or the array itself. */
export type Reduction = "mean" | "sum" | "none";

/** The result type for a reduction: one number, or one loss per example for `"none"`. */
export type Reduced<R extends Reduction> = R extends "none" ? number[] : number;

/** Options every loss takes. */
export interface LossOptions<R extends Reduction = "mean"> {
  /** `"mean"` (default, as tf.losses), `"sum"`, or `"none"` for one loss per example. */
  reduction?: R;
}

/** Options of the cross-entropies. */
export interface CrossEntropyOptions<R extends Reduction = "mean"> extends LossOptions<R> {
  /** Treat predictions as raw scores (logits) instead of probabilities. Default false. */
  fromLogits?: boolean;
  /** Clip probabilities to [epsilon, 1 − epsilon] before the logarithm. Default 1e-7. */
  epsilon?: number;
}

/**
 * The ε that Keras (and so tfjs) clips probabilities with. The clip bounds
 * are ε and 1 − ε rounded to float32, as there: `Math.fround(1 - EPSILON)`
 * is 1 − 1.19e-7.
 */
export const EPSILON = 1e-7;

/** How far a target row may sum from 1 (rounding in float32 sources such as tfjs). */
const ROW_SUM_TOLERANCE = 1e-5;

/**
 * Mean squared error: the average of the squared differences.
 *
 * $$\mathrm{MSE} = \frac{1}{n}\sum_{i=1}^{n} (\hat y_i - y_i)^2$$
 *
 * Same as `tf.losses.meanSquaredError(targets, predictions)`.
 *
 * @param predictions The model's outputs ŷ.
 * @param targets The true answers y, as many as predictions.
 * @param options `reduction`: `"mean"` (default), `"sum"` or `"none"`.
 * @returns The mean (or sum) of the squared errors, or each squared error for `"none"`.
 *
 * @example
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { mse } from "./losses.ts";
 * strictEqual(mse([1, 2, 3], [1, 2, 5]), 4 / 3);
 * ```
 */
export function mse<R extends Reduction = "mean">(
  predictions: ArrayLike<number>,
  targets: ArrayLike<number>,
  options: LossOptions<R> = {},
): Reduced<R> {
  const reduction = _reduction(options.reduction);
  _checkPair(predictions, targets);
  const losses = _map(predictions, targets, (p, t) => (p - t) ** 2);
  return _reduce(losses, reduction) as Reduced<R>;
}

/**
 * Mean absolute error: the average of the absolute differences.
 *
 * $$\mathrm{MAE} = \frac{1}{n}\sum_{i=1}^{n} |\hat y_i - y_i|$$
 *
 * Same as `tf.losses.absoluteDifference(targets, predictions)`.
 *
 * @param predictions The model's outputs ŷ.
 * @param targets The true answers y, as many as predictions.
 * @param options `reduction`: `"mean"` (default), `"sum"` or `"none"`.
 * @returns The mean (or sum) of the absolute errors, or each absolute error for `"none"`.
 *
 * @example
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { mae } from "./losses.ts";
 * strictEqual(mae([1, 2, 3], [1, 2, 6]), 1);
 * ```
 */
export function mae<R extends Reduction = "mean">(
  predictions: ArrayLike<number>,
  targets: ArrayLike<number>,
  options: LossOptions<R> = {},
): Reduced<R> {
  const reduction = _reduction(options.reduction);
  _checkPair(predictions, targets);
  const losses = _map(predictions, targets, (p, t) => Math.abs(p - t));
  return _reduce(losses, reduction) as Reduced<R>;
}

/**
 * Huber loss: squared for small errors, linear for large ones, so a few far
 * outliers weigh less than in MSE. With e = |ŷ − y|:
 *
 * $$\ell_\delta(e) = \begin{cases} \tfrac12 e^2 & e \le \delta \\ \delta\,(e - \tfrac12\delta) & e > \delta \end{cases}$$
 *
 * Same as `tf.losses.huberLoss(targets, predictions, undefined, delta)`.
 *
 * @param predictions The model's outputs ŷ.
 * @param targets The true answers y, as many as predictions.
 * @param options `delta`: where the loss turns from quadratic to linear (default 1,
 *   as tf); `reduction`: `"mean"` (default), `"sum"` or `"none"`.
 * @returns The mean (or sum) of the per-example Huber losses, or each of them for `"none"`.
 *
 * @example
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { huber } from "./losses.ts";
 * // errors 0.5 and 3: 0.5 * 0.25 and 1 * (3 - 0.5)
 * strictEqual(huber([0.5, 3], [0, 0]), (0.125 + 2.5) / 2);
 * ```
 */
export function huber<R extends Reduction = "mean">(
  predictions: ArrayLike<number>,
  targets: ArrayLike<number>,
  options: LossOptions<R> & { delta?: number } = {},
): Reduced<R> {
  const reduction = _reduction(options.reduction);
  const delta = options.delta ?? 1;
  if (typeof delta !== "number" || !(delta > 0) || !Number.isFinite(delta)) {
    throw new RangeError(
      `Expected delta to be a positive finite number but found ${_show(delta)}`,
    );
  }
  _checkPair(predictions, targets);
  const losses = _map(predictions, targets, (p, t) => {
    const e = Math.abs(p - t);
    const quadratic = Math.min(e, delta);
    return 0.5 * quadratic * quadratic + delta * (e - quadratic);
  });
  return _reduce(losses, reduction) as Reduced<R>;
}

/**
 * Binary cross-entropy (log loss): how surprised a model is by yes/no answers
 * when it predicted the probability p of "yes".
 *
 * $$\mathrm{BCE} = -\frac{1}{n}\sum_{i=1}^{n} \bigl[y_i \ln p_i + (1 - y_i)\ln(1 - p_i)\bigr]$$
 *
 * Probabilities are clipped to [ε, 1 − ε] (ε = `epsilon`, default 1e-7; both
 * bounds rounded to float32) first, as Keras's `binaryCrossentropy`
 * (`tf.metrics.binaryCrossentropy`) does, so the loss stays finite. With
 * `fromLogits: true` the predictions are scores z and p = σ(z) =
 * 1 / (1 + e^{−z}); the loss is then computed without clipping in
 * the stable form max(z, 0) − z·y + ln(1 + e^{−|z|}), as
 * `tf.losses.sigmoidCrossEntropy` does.
 *
 * @param predictions Probabilities from 0 to 1 (or any finite scores with `fromLogits`).
 * @param targets The answers: 0 or 1 (soft labels from 0 to 1 are accepted too).
 * @param options `fromLogits` (default false), `epsilon` (default 1e-7),
 *   `reduction`: `"mean"` (default), `"sum"` or `"none"`.
 * @returns The mean (or sum) cross-entropy in nats, or each example's for `"none"`.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert";
 * import { binaryCrossEntropy } from "./losses.ts";
 * ok(Math.abs(binaryCrossEntropy([0.9, 0.2], [1, 0]) - (-Math.log(0.9) - Math.log(0.8)) / 2) < 1e-12);
 * // Clipped, not Infinity: to float32's ε at p = 0 and 1 − ε at p = 1, as Keras.
 * ok(Math.abs(binaryCrossEntropy([0], [1]) - -Math.log(Math.fround(1e-7))) < 1e-12);
 * ok(Math.abs(binaryCrossEntropy([1], [0]) - -Math.log(1 - Math.fround(1 - 1e-7))) < 1e-12);
 * ```
 */
export function binaryCrossEntropy<R extends Reduction = "mean">(
  predictions: ArrayLike<number>,
  targets: ArrayLike<number>,
  options: CrossEntropyOptions<R> = {},
): Reduced<R> {
  const reduction = _reduction(options.reduction);
  const epsilon = _epsilon(options.epsilon);
  _checkPair(predictions, targets);
  _checkProbabilities(targets, "targets");
  let losses: number[];
  if (options.fromLogits) {
    losses = _map(
      predictions,
      targets,
      (z, y) => Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z))),
    );
  } else {
    _checkProbabilities(predictions, "predictions");
    losses = _map(predictions, targets, (p, y) => {
      const q = _clip(p, epsilon);
      return -(y * Math.log(q) + (1 - y) * Math.log(1 - q));
    });
  }
  return _reduce(losses, reduction) as Reduced<R>;
}

/**
 * Categorical cross-entropy: for each example, minus the log of the
 * probability the model gave to the right class, averaged over examples.
 *
 * $$\mathrm{CE} = -\frac{1}{n}\sum_{i=1}^{n}\sum_{k=1}^{K} y_{ik} \ln p_{ik}$$
 *
 * Each prediction is a row of K class probabilities from 0 to 1; the row is
 * divided by its sum first, as Keras does, so a row that does not sum to 1
 * (but not to 0) is scaled to one that does. Targets are either class
 * indices (0 … K − 1) or rows of K probabilities (one-hot, or soft labels
 * summing to 1 within 1e-5). Probabilities are clipped to [ε, 1 − ε]
 * (ε = `epsilon`, default 1e-7; both bounds rounded to float32) before the
 * logarithm, as Keras's `categoricalCrossentropy`
 * (`tf.metrics.categoricalCrossentropy`) does. With `fromLogits: true` the
 * rows are raw scores z turned into probabilities by softmax,
 * p_k = e^{z_k} / Σ_j e^{z_j}, and the loss is computed from the stable
 * log-softmax without clipping, as `tf.losses.softmaxCrossEntropy` does.
 *
 * @param predictions One row of K class probabilities per example (or scores with `fromLogits`).
 * @param targets One class index per example, or one row of K probabilities per example.
 * @param options `fromLogits` (default false), `epsilon` (default 1e-7),
 *   `reduction`: `"mean"` (default), `"sum"` or `"none"`.
 * @returns The mean (or sum) cross-entropy in nats, or each example's for `"none"`.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert";
 * import { crossEntropy } from "./losses.ts";
 * const p = [[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]];
 * const expected = -(Math.log(0.7) + Math.log(0.8)) / 2;
 * ok(Math.abs(crossEntropy(p, [0, 2]) - expected) < 1e-12);                  // class indices
 * ok(Math.abs(crossEntropy(p, [[1, 0, 0], [0, 0, 1]]) - expected) < 1e-12);  // one-hot rows
 * // A row summing to 2 is divided by 2, as Keras does.
 * ok(Math.abs(crossEntropy([[0.6, 1]], [1]) - -Math.log(1 / 1.6)) < 1e-12);
 * ```
 */
export function crossEntropy<R extends Reduction = "mean">(
  predictions: ArrayLike<ArrayLike<number>>,
  targets: ArrayLike<number> | ArrayLike<ArrayLike<number>>,
  options: CrossEntropyOptions<R> = {},
): Reduced<R> {
  const reduction = _reduction(options.reduction);
  const epsilon = _epsilon(options.epsilon);
  _checkLengths(predictions, targets);
  const k = _checkRows(predictions, "predictions", options.fromLogits ? false : "scaled");
  const targetRows = _targetRows(targets, k);
  const losses: number[] = new Array(predictions.length);
  for (let i = 0; i < predictions.length; i++) {
    const row = predictions[i]!;
    const target = targetRows[i]!;
    const logP = options.fromLogits ? _logSoftmax(row) : _clippedLog(row, epsilon);
    let loss = 0;
    for (let c = 0; c < k; c++) {
      const y = target[c]!;
      // Skipping y = 0 keeps 0 · ln(ε) out of the sum; it is zero either way.
      if (y !== 0) loss -= y * logP[c]!;
    }
    losses[i] = loss;
  }
  return _reduce(losses, reduction) as Reduced<R>;
}

function _show(x: unknown): string {
  if (typeof x === "string") return JSON.stringify(x);
  if (Array.isArray(x)) return "an array";
  if (ArrayBuffer.isView(x)) return `a ${x.constructor.name}`;
  if (x === null) return "null";
  if (typeof x === "object") return "an object";
  return String(x);
}

function _isArrayLike(x: unknown): x is ArrayLike<unknown> {
  return Array.isArray(x) ||
    (ArrayBuffer.isView(x) && !(x instanceof DataView));
}

function _reduction<R extends Reduction>(reduction: R | undefined): Reduction {
  if (reduction === undefined) return "mean";
  if (reduction !== "mean" && reduction !== "sum" && reduction !== "none") {
    throw new TypeError(
      `Expected reduction to be "mean", "sum" or "none" but found ${_show(reduction)}`,
    );
  }
  return reduction;
}

function _epsilon(epsilon: number | undefined): number {
  if (epsilon === undefined) return EPSILON;
  if (typeof epsilon !== "number" || !(epsilon >= 0 && epsilon < 0.5)) {
    throw new RangeError(
      `Expected epsilon to be a number from 0 to less than 0.5 but found ${_show(epsilon)}`,
    );
  }
  return epsilon;
}

function _checkLengths(predictions: unknown, targets: unknown): void {
  for (const [name, x] of [["predictions", predictions], ["targets", targets]] as const) {
    if (!_isArrayLike(x)) {
      throw new TypeError(`Expected ${name} to be an array or typed array but found ${_show(x)}`);
    }
  }
  const np = (predictions as ArrayLike<unknown>).length;
  const nt = (targets as ArrayLike<unknown>).length;
  if (np !== nt) {
    throw new RangeError(
      `Expected predictions and targets to have the same length but found ${np} and ${nt}`,
    );
  }
  if (np === 0) {
    throw new RangeError("Expected at least one prediction and target but found empty arrays");
  }
}

function _checkFinite(xs: ArrayLike<unknown>, name: string): void {
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (x === undefined && i < xs.length) {
      // What a learner's rule gives when it forgets `return`: say so.
      throw new TypeError(
        `Expected ${name}[${i}] to be a number but found no value: a function that makes ` +
          `${name} must return a number (an arrow function with braces { } needs return)`,
      );
    }
    if (typeof x !== "number") {
      throw new TypeError(`Expected ${name}[${i}] to be a number but found ${_show(x)}`);
    }
    if (!Number.isFinite(x)) {
      throw new RangeError(`Expected ${name}[${i}] to be a finite number but found ${x}`);
    }
  }
}

function _checkPair(predictions: ArrayLike<number>, targets: ArrayLike<number>): void {
  _checkLengths(predictions, targets);
  _checkFinite(predictions, "predictions");
  _checkFinite(targets, "targets");
}

function _checkProbabilities(xs: ArrayLike<number>, name: string): void {
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    if (!(x >= 0 && x <= 1)) {
      throw new RangeError(`Expected ${name}[${i}] to be a probability from 0 to 1 but found ${x}`);
    }
  }
}

/**
 * Checks that `rows` holds rows of one width K ≥ 1 of finite numbers (and,
 * for probabilities, numbers from 0 to 1 summing to 1, or for `"scaled"`
 * ones, to more than 0); returns K.
 */
function _checkRows(
  rows: ArrayLike<unknown>,
  name: string,
  probabilities: boolean | "scaled",
): number {
  let k = -1;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (!_isArrayLike(row)) {
      throw new TypeError(
        `Expected ${name}[${i}] to be an array of ${
          probabilities ? "class probabilities" : "class scores"
        } but found ${_show(row)}`,
      );
    }
    if (k === -1) {
      if (row.length === 0) {
        throw new RangeError(`Expected ${name}[0] to have at least one class but found 0`);
      }
      k = row.length;
    } else if (row.length !== k) {
      throw new RangeError(
        `Expected every row of ${name} to have ${k} classes but ${name}[${i}] has ${row.length}`,
      );
    }
    _checkFinite(row, `${name}[${i}]`);
    if (probabilities) {
      _checkProbabilities(row as ArrayLike<number>, `${name}[${i}]`);
      const sum = _sum(row as ArrayLike<number>);
      if (probabilities === "scaled") {
        if (!(sum > 0)) {
          throw new RangeError(
            `Expected ${name}[${i}] to have a positive sum to divide by but found ${sum}`,
          );
        }
      } else if (Math.abs(sum - 1) > ROW_SUM_TOLERANCE) {
        throw new RangeError(`Expected ${name}[${i}] to sum to 1 but found ${sum}`);
      }
    }
  }
  return k;
}

/** Class indices or probability rows as rows of K probabilities. */
function _targetRows(
  targets: ArrayLike<number> | ArrayLike<ArrayLike<number>>,
  k: number,
): ArrayLike<number>[] {
  if (_isArrayLike(targets[0])) {
    const width = _checkRows(targets, "targets", true);
    if (width !== k) {
      throw new RangeError(
        `Expected every row of targets to have ${k} classes like predictions but found ${width}`,
      );
    }
    return Array.from(targets as ArrayLike<ArrayLike<number>>);
  }
  const rows: number[][] = new Array(targets.length);
  for (let i = 0; i < targets.length; i++) {
    const c = targets[i];
    if (typeof c !== "number" || !Number.isInteger(c) || c < 0 || c >= k) {
      throw new RangeError(
        `Expected targets[${i}] to be a class index from 0 to ${k - 1} but found ${_show(c)}`,
      );
    }
    const row = new Array<number>(k).fill(0);
    row[c] = 1;
    rows[i] = row;
  }
  return rows;
}

function _sum(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return s;
}

/**
 * p clipped to [ε, 1 − ε] with both bounds rounded to float32, as Keras's
 * `clip(output, epsilon(), 1.0 - epsilon())` and tfjs's `clipByValue` do on
 * float32 tensors: 1 − 1e-7 becomes 1 − 1.19e-7.
 */
function _clip(p: number, epsilon: number): number {
  return Math.min(Math.max(p, Math.fround(epsilon)), Math.fround(1 - epsilon));
}

/** ln of a probability row after Keras's normalization by the row sum and clipping. */
function _clippedLog(row: ArrayLike<number>, epsilon: number): number[] {
  const sum = _sum(row);
  return Array.from(row, (p) => Math.log(_clip(p / sum, epsilon)));
}

/** ln softmax(z), computed as z − logsumexp(z) with the max subtracted first. */
function _logSoftmax(z: ArrayLike<number>): number[] {
  let max = -Infinity;
  for (let i = 0; i < z.length; i++) max = Math.max(max, z[i]!);
  let s = 0;
  for (let i = 0; i < z.length; i++) s += Math.exp(z[i]! - max);
  const lse = max + Math.log(s);
  return Array.from(z, (v) => v - lse);
}

function _map(
  predictions: ArrayLike<number>,
  targets: ArrayLike<number>,
  f: (p: number, t: number) => number,
): number[] {
  const out: number[] = new Array(predictions.length);
  for (let i = 0; i < predictions.length; i++) out[i] = f(predictions[i]!, targets[i]!);
  return out;
}

function _reduce(losses: number[], reduction: Reduction): number | number[] {
  if (reduction === "none") return losses;
  let s = 0;
  for (const l of losses) s += l;
  return reduction === "sum" ? s : s / losses.length;
}

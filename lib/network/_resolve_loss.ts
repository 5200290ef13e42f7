/**
 * The losses a slice can be measured with: a model's compiled loss or an
 * explicit one, by name or as a tfjs function.
 *
 * Named losses exist twice: as tfjs's own functions (the reference, used for
 * any model) and as plain loops over a model's outputs that mirror them in
 * float64, for the fast dense path of `lib/network/_slice_eval.ts`, which reads the
 * outputs of many weight settings without going through tfjs's loss kernels.
 * Tests check that the two agree.
 *
 * @module
 */

import { tf } from "./tf.ts";

/** Losses known by name (tfjs-layers names; `mse` and `mae` also work). */
export type LossName =
  | "meanSquaredError"
  | "meanAbsoluteError"
  | "categoricalCrossentropy"
  | "sparseCategoricalCrossentropy"
  | "binaryCrossentropy"
  | "softmaxCrossEntropy"
  | "sigmoidCrossEntropy";

/** A loss given to a slice: a name, or `(yTrue, yPred) => tensor` (its mean is taken). */
export type SliceLossFunction = string | ((yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor);

/** A loss resolved once at the entry of a slice. */
export interface ResolvedLoss {
  /** The name, or `"custom"` for a function that is not one of tfjs's own. */
  name: LossName | "custom";
  /** The mean loss of predictions against targets, as a scalar tensor. */
  tensor: (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;
}

const ALIASES: Record<string, LossName> = {
  meanSquaredError: "meanSquaredError",
  mse: "meanSquaredError",
  MSE: "meanSquaredError",
  meanAbsoluteError: "meanAbsoluteError",
  mae: "meanAbsoluteError",
  MAE: "meanAbsoluteError",
  categoricalCrossentropy: "categoricalCrossentropy",
  sparseCategoricalCrossentropy: "sparseCategoricalCrossentropy",
  binaryCrossentropy: "binaryCrossentropy",
  softmaxCrossEntropy: "softmaxCrossEntropy",
  sigmoidCrossEntropy: "sigmoidCrossEntropy",
};

// tfjs computes in float32: its clip bounds are the float32 numbers nearest
// to 1e-7 and 1 − 1e-7, and the plain loops below clip to the same ones.
const EPS = Math.fround(1e-7);
const ONE_MINUS_EPS = Math.fround(1 - 1e-7);

/** tfjs's functions for each name: what `model.compile` and `model.evaluate` use. */
const TFJS: Record<LossName, (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor> = {
  meanSquaredError: (t, p) => tf.metrics.meanSquaredError(t, p),
  meanAbsoluteError: (t, p) => tf.metrics.meanAbsoluteError(t, p),
  categoricalCrossentropy: (t, p) => tf.metrics.categoricalCrossentropy(t, p),
  // Not in tf.metrics; the same steps as tfjs-layers' sparseCategoricalCrossentropy.
  sparseCategoricalCrossentropy: (t, p) => {
    const classes = tf.cast(tf.floor(tf.reshape(t, [-1])), "int32") as tf.Tensor1D;
    const clipped = tf.clipByValue(p, EPS, ONE_MINUS_EPS);
    const oneHot = tf.reshape(tf.oneHot(classes, p.shape[p.shape.length - 1]!), p.shape);
    return tf.metrics.categoricalCrossentropy(oneHot, clipped);
  },
  binaryCrossentropy: (t, p) => tf.metrics.binaryCrossentropy(t, p),
  softmaxCrossEntropy: (t, p) => tf.losses.softmaxCrossEntropy(t, p),
  sigmoidCrossEntropy: (t, p) => tf.losses.sigmoidCrossEntropy(t, p),
};

/** tfjs functions a model may have been compiled with, recognised by identity. */
function knownFunction(f: unknown): LossName | undefined {
  const table: [unknown, LossName][] = [
    [tf.losses.meanSquaredError, "meanSquaredError"],
    [tf.metrics.meanSquaredError, "meanSquaredError"],
    [tf.losses.absoluteDifference, "meanAbsoluteError"],
    [tf.metrics.meanAbsoluteError, "meanAbsoluteError"],
    [tf.metrics.categoricalCrossentropy, "categoricalCrossentropy"],
    [tf.metrics.binaryCrossentropy, "binaryCrossentropy"],
    [tf.losses.softmaxCrossEntropy, "softmaxCrossEntropy"],
    [tf.losses.sigmoidCrossEntropy, "sigmoidCrossEntropy"],
  ];
  return table.find(([g]) => g === f)?.[1];
}

/**
 * Resolves the loss of a slice: `loss` when given, else the model's compiled
 * loss.
 *
 * @param loss An explicit loss, or undefined.
 * @param compiled `model.loss` (undefined when the model is not compiled).
 * @returns The loss with its name, when it has one.
 * @throws {TypeError} When there is no loss, or its name is unknown.
 */
export function resolveLoss(loss: SliceLossFunction | undefined, compiled: unknown): ResolvedLoss {
  const given: unknown = loss ?? compiled;
  if (given === undefined || given === null) {
    throw new TypeError("Expected a loss: compile the model or pass options.loss");
  }
  if (Array.isArray(given)) {
    if (given.length !== 1) {
      throw new TypeError(`Expected one loss but found ${given.length} (one per output)`);
    }
    return resolveLoss(given[0], undefined);
  }
  if (typeof given === "string") {
    const name = ALIASES[given];
    if (name === undefined) {
      throw new TypeError(
        `invalid loss: ${given} (expected one of ${
          Object.keys(ALIASES).join(", ")
        }, or a function)`,
      );
    }
    return { name, tensor: mean(TFJS[name]) };
  }
  if (typeof given === "function") {
    const name = knownFunction(given);
    if (name !== undefined) return { name, tensor: mean(TFJS[name]) };
    return { name: "custom", tensor: mean(given as (t: tf.Tensor, p: tf.Tensor) => tf.Tensor) };
  }
  throw new TypeError(`invalid loss: ${String(given)} (expected a name or a function)`);
}

function mean(
  f: (t: tf.Tensor, p: tf.Tensor) => tf.Tensor,
): (t: tf.Tensor, p: tf.Tensor) => tf.Tensor {
  return (t, p) => tf.tidy(() => tf.mean(f(t, p)));
}

/**
 * The mean loss of a model's outputs, in float64, mirroring tfjs's function
 * of the same name.
 *
 * @param name A named loss.
 * @param out Outputs, `rows × width` row-major.
 * @param target Targets: `rows × width` row-major, or one class index per row
 *   for `sparseCategoricalCrossentropy`.
 * @param rows Number of examples.
 * @returns The loss (NaN or Infinity when the outputs are).
 */
export function meanLoss(
  name: LossName,
  out: Float32Array,
  target: Float32Array,
  rows: number,
): number {
  const width = out.length / rows;
  let total = 0;
  switch (name) {
    case "meanSquaredError":
      for (let i = 0; i < out.length; i++) total += (out[i]! - target[i]!) ** 2;
      return total / out.length;
    case "meanAbsoluteError":
      for (let i = 0; i < out.length; i++) total += Math.abs(out[i]! - target[i]!);
      return total / out.length;
    case "softmaxCrossEntropy":
      for (let r = 0, o = 0; r < rows; r++, o += width) {
        let max = -Infinity;
        for (let j = 0; j < width; j++) max = Math.max(max, out[o + j]!);
        let sum = 0;
        for (let j = 0; j < width; j++) sum += Math.exp(out[o + j]! - max);
        const lse = max + Math.log(sum);
        for (let j = 0; j < width; j++) total += target[o + j]! * (lse - out[o + j]!);
      }
      return total / rows;
    case "sigmoidCrossEntropy":
      for (let i = 0; i < out.length; i++) total += logistic(out[i]!, target[i]!);
      return total / out.length;
    case "binaryCrossentropy":
      for (let i = 0; i < out.length; i++) {
        const p = clip(out[i]!);
        total += logistic(Math.log(p / (1 - p)), target[i]!);
      }
      return total / out.length;
    case "categoricalCrossentropy":
    case "sparseCategoricalCrossentropy":
      for (let r = 0, o = 0; r < rows; r++, o += width) {
        let sum = 0;
        for (let j = 0; j < width; j++) sum += out[o + j]!;
        if (name === "sparseCategoricalCrossentropy") {
          // tfjs clips before normalizing the sparse form, and again after.
          sum = 0;
          for (let j = 0; j < width; j++) sum += clip(out[o + j]!);
          const j = Math.floor(target[r]!);
          total -= Math.log(clip(clip(out[o + j]!) / sum));
        } else {
          for (let j = 0; j < width; j++) {
            const t = target[o + j]!;
            if (t !== 0) total -= t * Math.log(clip(out[o + j]! / sum));
          }
        }
      }
      return total / rows;
  }
}

function clip(p: number): number {
  return p < EPS ? EPS : p > ONE_MINUS_EPS ? ONE_MINUS_EPS : p;
}

/** tfjs's stable logistic loss of logit `x` against label `z`. */
function logistic(x: number, z: number): number {
  return Math.max(x, 0) - x * z + Math.log1p(Math.exp(-Math.abs(x)));
}

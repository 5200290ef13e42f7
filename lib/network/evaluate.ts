/**
 * A model's loss on a data set as a plain number: what `model.evaluate`
 * computes, without the tensor bookkeeping.
 *
 * @module
 */

import { tf } from "./tf.ts";
import type { Model } from "./weights.ts";

/**
 * The model's loss on the data: its compiled loss (the one it trains on),
 * averaged over all examples by `model.evaluate` with tfjs's default batch
 * size. Metrics the model was compiled with are left out, and every tensor
 * made on the way is disposed.
 *
 * @param model A compiled tfjs layers model, such as `mlp()` returns.
 * @param data Inputs `x` and targets `y` with one row per example.
 * @returns The loss, a number (float32 precision, as tfjs computes it).
 * @throws {TypeError} For a model that is not compiled, or data that are not
 *   two tensors with the same number of rows.
 *
 * @example The mean squared error of a line
 * ```ts
 * import { ok } from "node:assert";
 * import { modelLoss, tf } from "../mod.ts";
 *
 * // y = 2x, with weights set by hand; the targets miss by 1 and by 3.
 * const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [1], units: 1 })] });
 * model.setWeights([tf.tensor2d([[2]]), tf.tensor1d([0])]);
 * model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
 * const data = { x: tf.tensor2d([[1], [2]]), y: tf.tensor2d([[3], [7]]) };
 * ok(Math.abs(modelLoss(model, data) - (1 + 9) / 2) < 1e-6);
 * ```
 */
export function modelLoss(model: Model, data: { x: tf.Tensor; y: tf.Tensor }): number {
  if (!(model instanceof tf.LayersModel)) {
    throw new TypeError(`Expected model to be a tfjs layers model but found ${String(model)}`);
  }
  if (model.loss === undefined || model.loss === null) {
    throw new TypeError(
      "Expected a compiled model but found none: call model.compile({ optimizer, loss }) first",
    );
  }
  const { x, y } = data ?? {};
  if (!(x instanceof tf.Tensor) || !(y instanceof tf.Tensor)) {
    throw new TypeError("Expected data to be { x, y } tensors with one row per example");
  }
  if (x.rank === 0 || y.rank === 0 || x.shape[0] !== y.shape[0] || x.shape[0] === 0) {
    throw new TypeError(
      `Expected x and y to have the same number of rows, at least one, but found ` +
        `${x.shape[0] ?? "a scalar"} and ${y.shape[0] ?? "a scalar"}`,
    );
  }
  return tf.tidy(() => {
    const result = model.evaluate(x, y);
    // [loss, ...metrics] when the model was compiled with metrics.
    const loss = Array.isArray(result) ? result[0]! : result;
    return loss.dataSync()[0]!;
  });
}

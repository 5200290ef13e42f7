/**
 * What a trained classifier does with its inputs: how many points it gets
 * right, and which class it favours at every point of a two-feature plane
 * (its decision regions, to draw over the data).
 *
 * @module
 */

import { checkGridSpec, gridPoints, linspace, summarizeGrid } from "../core/grid_spec.ts";
import { tf } from "./tf.ts";
import type { Grid, Interval } from "../core/types.ts";
import type { Model } from "./weights.ts";

/**
 * The share of examples whose largest output is the class of their one-hot
 * target (ties go to the first class, as `argMax` does).
 *
 * @param model A tfjs model with one input and one output per class.
 * @param data Inputs `[n, features]` and one-hot targets `[n, classes]`.
 * @returns A number from 0 to 1.
 * @throws {TypeError} When the data are not two rank-2 tensors with the same number of rows.
 *
 * @example Two points, one right
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { accuracy, tf } from "../mod.ts";
 *
 * const model = tf.sequential({
 *   layers: [tf.layers.dense({ inputShape: [1], units: 2, kernelInitializer: "ones" })],
 * });
 * // Outputs (x, x) plus zero biases: a tie, so class 0 everywhere.
 * const data = { x: tf.tensor2d([[1], [2]]), y: tf.tensor2d([[1, 0], [0, 1]]) };
 * strictEqual(accuracy(model, data), 0.5);
 * ```
 */
export function accuracy(model: Model, data: { x: tf.Tensor; y: tf.Tensor }): number {
  const { x, y } = data ?? {};
  if (!(x instanceof tf.Tensor) || !(y instanceof tf.Tensor) || x.rank !== 2 || y.rank !== 2) {
    throw new TypeError("Expected data to be { x: [n, features], y: [n, classes] } tensors");
  }
  if (x.shape[0] !== y.shape[0] || x.shape[0] === 0) {
    throw new TypeError(
      `Expected x and y to have the same number of rows but found ${x.shape[0]} and ${y.shape[0]}`,
    );
  }
  return tf.tidy(() => {
    const predicted = (model.predict(x) as tf.Tensor).argMax(-1);
    return tf.mean(tf.cast(tf.equal(predicted, y.argMax(-1)), "float32")).dataSync()[0]!;
  });
}

/**
 * A classifier of two features, sampled over a plane of inputs: the
 * probability of each class (softmax of the model's outputs, which are
 * taken to be logits, as `mlp()`'s are) at every grid point.
 *
 * @param model A tfjs model with two inputs and one logit per class.
 * @param spec The ranges of the first (`x`) and second (`y`) feature and
 *   the samples per side (default 100, or `[nx, ny]`).
 * @returns One {@linkcode Grid} per class: `grids[k].values[i + j * nx]` is
 *   the probability of class k at `(xs[i], ys[j])`.
 * @throws {RangeError} For bad ranges or sizes.
 * @throws {TypeError} For a model that does not take two inputs.
 *
 * @example Probabilities add up to one
 * ```ts
 * import { ok } from "node:assert";
 * import { classProbabilities, mlp } from "../mod.ts";
 *
 * const model = mlp({ inputs: 2, outputs: 3, hidden: [4], seed: 1 });
 * const grids = classProbabilities(model, { x: [-1, 1], y: [-1, 1], n: 5 });
 * const sum = grids[0]!.values.map((p, k) => p + grids[1]!.values[k]! + grids[2]!.values[k]!);
 * ok(sum.every((s) => Math.abs(s - 1) < 1e-6));
 * ```
 */
export function classProbabilities(
  model: Model,
  spec: { x: Interval; y: Interval; n?: number | [number, number] },
): Grid[] {
  const shape = checkGridSpec(spec);
  const features = model.inputs[0]?.shape.at(-1);
  if (model.inputs.length !== 1 || features !== 2) {
    throw new TypeError(`Expected a model of two input features but found ${features}`);
  }
  const xs = linspace(shape.x[0], shape.x[1], shape.nx);
  const ys = linspace(shape.y[0], shape.y[1], shape.ny);
  const points = Float32Array.from(gridPoints(xs, ys));
  const probabilities = tf.tidy(() => {
    const logits = model.predict(tf.tensor2d(points, [shape.nx * shape.ny, 2])) as tf.Tensor;
    return tf.softmax(logits).dataSync() as Float32Array;
  });
  const classes = probabilities.length / (shape.nx * shape.ny);
  return Array.from({ length: classes }, (_, k) =>
    summarizeGrid(
      xs,
      ys,
      Float64Array.from({ length: shape.nx * shape.ny }, (_, p) => probabilities[p * classes + k]!),
    ));
}

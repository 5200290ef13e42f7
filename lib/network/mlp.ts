/**
 * Small seeded multilayer perceptrons and their training, with the weights
 * recorded along the way: the models the high-dimensional chapter slices.
 *
 * Everything is seeded — initial weights from `seed`, batches in the data's
 * own order — so a notebook gives the same network, path and figures on
 * every run.
 *
 * @module
 */

import type { Dataset } from "./tf.ts";
import { tf } from "./tf.ts";
import { recordTrajectory, type Trajectory } from "./trajectory.ts";

/** The shape and training set-up of a perceptron. */
export interface MlpOptions {
  /** Number of input features. */
  inputs: number;
  /** Number of outputs: classes for a classifier. */
  outputs: number;
  /** Units of each hidden layer. Default [64, 64]. */
  hidden?: number[];
  /** Activation of the hidden layers. Default "relu". */
  activation?: "relu" | "tanh" | "sigmoid" | "elu";
  /**
   * `"softmaxCrossEntropy"` (default: outputs are logits, the loss is softmax
   * cross-entropy, as PyTorch's `CrossEntropyLoss`) or `"meanSquaredError"`.
   */
  loss?: "softmaxCrossEntropy" | "meanSquaredError";
  /** Default "adam". */
  optimizer?: "adam" | "sgd";
  /** Default 0.01. */
  learningRate?: number;
  /** Seed of the initial weights (Glorot uniform kernels, zero biases). Default 0. */
  seed?: number;
}

/**
 * A compiled perceptron with seeded initial weights.
 *
 * @param options Its shape and set-up.
 * @returns A `tf.Sequential` of dense layers, compiled.
 *
 * @example The benchmark's network has 4,547 weights
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { mlp } from "./mlp.ts";
 *
 * const model = mlp({ inputs: 2, outputs: 3, hidden: [64, 64] });
 * strictEqual(model.countParams(), 2 * 64 + 64 + 64 * 64 + 64 + 64 * 3 + 3);
 * ```
 */
export function mlp(options: MlpOptions): tf.Sequential {
  const {
    inputs,
    outputs,
    hidden = [64, 64],
    activation = "relu",
    loss = "softmaxCrossEntropy",
    optimizer = "adam",
    learningRate = 0.01,
    seed = 0,
  } = options;
  for (const [name, v] of [["inputs", inputs], ["outputs", outputs]] as const) {
    if (!Number.isInteger(v) || v < 1) {
      throw new RangeError(`Expected ${name} to be a positive integer but found ${v}`);
    }
  }
  if (!Array.isArray(hidden) || !hidden.every((h) => Number.isInteger(h) && h >= 1)) {
    throw new RangeError(`Expected hidden to be a list of positive integers but found ${hidden}`);
  }
  if (!["relu", "tanh", "sigmoid", "elu"].includes(activation)) {
    throw new TypeError(`invalid activation: ${activation}`);
  }
  if (loss !== "softmaxCrossEntropy" && loss !== "meanSquaredError") {
    throw new TypeError(
      `invalid loss: ${loss} (expected "softmaxCrossEntropy" or "meanSquaredError")`,
    );
  }
  if (!(learningRate > 0)) {
    throw new RangeError(`Expected learningRate to be positive but found ${learningRate}`);
  }
  const sizes = [...hidden, outputs];
  const model = tf.sequential({
    layers: sizes.map((units, k) =>
      tf.layers.dense({
        ...(k === 0 ? { inputShape: [inputs] } : {}),
        units,
        activation: k < hidden.length ? activation : "linear",
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed * 1009 + k }),
        biasInitializer: "zeros",
      })
    ),
  });
  const opt = optimizer === "adam"
    ? tf.train.adam(learningRate)
    : optimizer === "sgd"
    ? tf.train.sgd(learningRate)
    : undefined;
  if (!opt) throw new TypeError(`invalid optimizer: ${optimizer} (expected "adam" or "sgd")`);
  model.compile({
    optimizer: opt,
    loss: loss === "softmaxCrossEntropy" ? tf.losses.softmaxCrossEntropy : "meanSquaredError",
  });
  return model;
}

/**
 * Tensors for a classifier: inputs `[n, features]` and one-hot targets
 * `[n, classes]`.
 *
 * @param set Points row-major in `x`, their classes in `labels`.
 * @returns `{ x, y }`, ready for `trainMlp` and the slices.
 */
export function classification(
  set: { x: ArrayLike<number>; labels: ArrayLike<number>; classes: number },
): { x: tf.Tensor2D; y: tf.Tensor2D } {
  const n = set.labels.length;
  if (n < 1 || set.x.length % n !== 0) {
    throw new RangeError(
      `Expected x to hold the same number of rows as labels (${n}) but found ${set.x.length} numbers`,
    );
  }
  const y = new Float32Array(n * set.classes);
  for (let i = 0; i < n; i++) {
    const k = set.labels[i]!;
    if (!Number.isInteger(k) || k < 0 || k >= set.classes) {
      throw new RangeError(`Expected labels from 0 to ${set.classes - 1} but found ${k} at ${i}`);
    }
    y[i * set.classes + k] = 1;
  }
  return {
    x: tf.tensor2d(Float32Array.from(set.x), [n, set.x.length / n]),
    y: tf.tensor2d(y, [n, set.classes]),
  };
}

/** Options of {@linkcode trainMlp}: the network's and the training's. */
export interface TrainOptions extends Partial<Omit<MlpOptions, "inputs" | "outputs">> {
  /** Default 30. */
  epochs?: number;
  /** Default 64. */
  batchSize?: number;
  /** Record the weights after every epoch (default) or batch. */
  every?: "epoch" | "batch";
}

/** A trained perceptron with its path. */
export interface Trained {
  /** The trained network, compiled; dispose of it when done. */
  model: tf.Sequential;
  /** The seed its initial weights were drawn from (`TrainOptions.seed`). */
  seed: number;
  /** Weights at the start and after every epoch (or batch). */
  trajectory: Trajectory;
  /** Training loss after each epoch. */
  losses: number[];
}

/**
 * Builds a seeded perceptron for the data and trains it, recording its
 * weights: sizes come from the data (`x` is `[n, inputs]`, `y` `[n, outputs]`).
 *
 * @param data Inputs and targets.
 * @param options Network and training set-up.
 * @returns The model, its recorded path and losses.
 */
export async function trainMlp(data: Dataset, options: TrainOptions = {}): Promise<Trained> {
  const { epochs = 30, batchSize = 64, every = "epoch", seed = 0, ...net } = options;
  if (data?.x?.rank !== 2 || data?.y?.rank !== 2) {
    throw new TypeError("Expected data to be { x: [n, inputs], y: [n, outputs] } tensors");
  }
  if (!Number.isInteger(epochs) || epochs < 1) {
    throw new RangeError(`Expected epochs to be a positive integer but found ${epochs}`);
  }
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(
      `Expected batchSize to be a positive integer (a whole number of examples) but found ${batchSize}`,
    );
  }
  const model = mlp({ ...net, seed, inputs: data.x.shape[1]!, outputs: data.y.shape[1]! });
  const { trajectory, callbacks } = recordTrajectory(model, { every });
  const history = await model.fit(data.x, data.y, {
    epochs,
    batchSize,
    shuffle: false,
    verbose: 0,
    callbacks,
  });
  return { model, seed, trajectory, losses: (history.history.loss ?? []).map(Number) };
}

/**
 * Trains one perceptron per seed with the same data and set-up, to compare
 * the solutions they reach.
 *
 * @param data Inputs and targets.
 * @param seeds One seed per network.
 * @param options Network and training set-up.
 * @returns One trained network per seed, in order.
 */
export async function trainSeeds(
  data: Dataset,
  seeds: readonly number[],
  options: Omit<TrainOptions, "seed"> = {},
): Promise<Trained[]> {
  const out: Trained[] = [];
  for (const seed of seeds) out.push(await trainMlp(data, { ...options, seed }));
  return out;
}

/**
 * A copy of a ReLU perceptron that computes exactly the same function with
 * differently scaled weights: layer `layer`'s kernel and bias times
 * `factor`, the next layer's kernel divided by it (ReLU(c·z) = c·ReLU(z) for
 * c > 0). Same losses, same predictions — yet a slice along raw random
 * directions looks different, which is why Li et al. normalize filters.
 *
 * @param model A compiled `tf.Sequential` of dense layers.
 * @param options Which layer (0-based; its activation must be `relu` or
 *   `linear`, and a dense layer must follow it) and the factor (> 0).
 * @returns A new compiled model (same loss; plain SGD optimizer).
 *
 * @example Same predictions, different weights
 * ```ts
 * import { ok } from "node:assert";
 * import { mlp, rescaledCopy, tf } from "../mod.ts";
 *
 * const model = mlp({ inputs: 2, outputs: 3, hidden: [8], seed: 1 });
 * const copy = await rescaledCopy(model, { layer: 0, factor: 10 });
 * const x = tf.tensor2d([[0.3, -0.7], [1, 2]]);
 * const a = (model.predict(x) as tf.Tensor).dataSync();
 * const b = (copy.predict(x) as tf.Tensor).dataSync();
 * ok(a.every((v, i) => Math.abs(v - b[i]!) < 1e-5 * Math.max(1, Math.abs(v))));
 * ```
 */
export async function rescaledCopy(
  model: tf.Sequential,
  { layer, factor }: { layer: number; factor: number },
): Promise<tf.LayersModel> {
  const layers = model.layers;
  const first = layers[layer];
  const next = layers[layer + 1];
  if (!Number.isInteger(layer) || !first || !next) {
    throw new RangeError(
      `Expected layer to be an index from 0 to ${layers.length - 2} but found ${layer}`,
    );
  }
  if (first.getClassName() !== "Dense" || next.getClassName() !== "Dense") {
    throw new TypeError("Expected two dense layers, at layer and layer + 1");
  }
  const activation = String(first.getConfig().activation);
  if (activation !== "relu" && activation !== "linear") {
    throw new TypeError(`Expected layer ${layer} to use relu or linear but found ${activation}`);
  }
  if (!(factor > 0) || !Number.isFinite(factor)) {
    throw new RangeError(`Expected factor to be a positive number but found ${factor}`);
  }
  const copy = await tf.models.modelFromJSON({
    modelTopology: model.toJSON(null, false) as tf.io.ModelJSON["modelTopology"],
  });
  const weights = layers.flatMap((l, k) =>
    l.getWeights().map((w, i) =>
      k === layer ? tf.mul(w, factor) : k === layer + 1 && i === 0 ? tf.div(w, factor) : w.clone()
    )
  );
  copy.setWeights(weights);
  tf.dispose(weights);
  copy.compile({ optimizer: "sgd", loss: model.loss });
  return copy;
}

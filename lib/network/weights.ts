/**
 * A model's trainable weights as one flat vector, and back.
 *
 * Slices, directions and trajectories all live in weight space, so they work
 * on one `Float32Array` holding every trainable weight of the model, tensor
 * after tensor in the order of `model.trainableWeights`, each tensor
 * row-major (tfjs's own order). A {@linkcode WeightLayout} remembers where
 * each tensor sits and how it splits into filters, for filter normalization.
 *
 * In tfjs a kernel's last axis is its output: a dense kernel is `[in, out]`
 * and a conv2d kernel `[height, width, in, out]`. So a *filter* — the weights
 * feeding one output unit or channel, as Li et al. (2018) define it — is one
 * index of the last axis: one column of a dense kernel.
 *
 * @module
 */

import { tf } from "./tf.ts";

/** Where one weight tensor sits in the flat vector. */
export interface WeightEntry {
  /** The variable's name, e.g. `"dense_Dense1/kernel"`. */
  name: string;
  /** The tensor's shape, e.g. `[2, 3]` for the kernel of a dense layer from 2 inputs to 3 units. */
  shape: number[];
  /** Index of the tensor's first element in the vector. */
  offset: number;
  /** Number of elements. */
  size: number;
  /**
   * Number of filters (the length of the last axis) for tensors of rank 2
   * and more; 0 for biases and normalization parameters (rank 0 or 1), which
   * Li et al. leave out of random directions.
   */
  filters: number;
}

/** The tensors of a weight vector, in order. */
export interface WeightLayout {
  /** One entry per trainable weight tensor, in the order of `model.trainableWeights`. */
  entries: WeightEntry[];
  /** Total number of weights: the vector's length. */
  size: number;
}

/** The part of a tfjs model this module needs (any `tf.LayersModel`). */
export type Model = tf.LayersModel;

/**
 * The layout of a model's trainable weights.
 *
 * @param model A tfjs layers model with at least one trainable weight.
 * @returns The entries in the order of `model.trainableWeights`.
 * @throws {TypeError} When the model has no trainable weights.
 *
 * @example A dense layer has a kernel with one filter per unit and a bias
 * ```ts
 * import { deepStrictEqual, strictEqual } from "node:assert";
 * import { tf } from "./tf.ts";
 * import { weightLayout } from "./weights.ts";
 *
 * const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 3 })] });
 * const layout = weightLayout(model);
 * strictEqual(layout.size, 2 * 3 + 3);
 * deepStrictEqual(layout.entries.map((e) => [e.shape, e.filters]), [[[2, 3], 3], [[3], 0]]);
 * ```
 */
export function weightLayout(model: Model): WeightLayout {
  checkModel(model);
  const entries: WeightEntry[] = [];
  let offset = 0;
  for (const v of model.trainableWeights) {
    const shape = [...v.shape] as number[];
    const size = shape.reduce((a, b) => a * b, 1);
    const filters = shape.length >= 2 ? shape[shape.length - 1]! : 0;
    entries.push({ name: v.name, shape, offset, size, filters });
    offset += size;
  }
  if (offset === 0) throw new TypeError("Expected a model with trainable weights but found none");
  return { entries, size: offset };
}

/**
 * Reads a model's trainable weights into one new vector.
 *
 * @param model A tfjs layers model with at least one trainable weight.
 * @returns The weights in the order of {@linkcode weightLayout}.
 *
 * @example Reading and writing back gives the same weights
 * ```ts
 * import { deepStrictEqual, strictEqual } from "node:assert";
 * import { tf } from "./tf.ts";
 * import { setWeightVector, weightVector } from "./weights.ts";
 *
 * const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1 })] });
 * const v = weightVector(model);
 * strictEqual(v.length, 3);
 * v[2] = 0.5; // the bias
 * setWeightVector(model, v);
 * deepStrictEqual(weightVector(model), v);
 * ```
 */
export function weightVector(model: Model): Float32Array {
  const layout = weightLayout(model);
  const out = new Float32Array(layout.size);
  model.trainableWeights.forEach((v, k) => {
    out.set(v.read().dataSync() as Float32Array, layout.entries[k]!.offset);
  });
  return out;
}

/**
 * Writes a vector into a model's trainable weights (non-trainable ones, such
 * as batch-normalization statistics, are left as they are).
 *
 * @param model A tfjs layers model.
 * @param vector One number per trainable weight, in the order of {@linkcode weightLayout}.
 * @throws {RangeError} When the vector's length is not the number of trainable weights.
 */
export function setWeightVector(model: Model, vector: ArrayLike<number>): void {
  const layout = weightLayout(model);
  checkVector(vector, layout, "vector");
  const tensors = vectorToTensors(vector, layout);
  model.trainableWeights.forEach((v, k) => v.write(tensors[k]!));
  tf.dispose(tensors);
}

/**
 * Splits a vector into one tensor per entry of the layout (new tensors: the
 * caller disposes them).
 *
 * @param vector One number per weight.
 * @param layout Where each tensor sits.
 * @returns Tensors with the layout's shapes, in its order.
 */
export function vectorToTensors(vector: ArrayLike<number>, layout: WeightLayout): tf.Tensor[] {
  checkVector(vector, layout, "vector");
  const flat = vector instanceof Float32Array ? vector : Float32Array.from(vector);
  return layout.entries.map((e) => tf.tensor(flat.slice(e.offset, e.offset + e.size), e.shape));
}

/**
 * Joins tensors into one vector, in order: the inverse of {@linkcode vectorToTensors}.
 *
 * @param tensors Any tensors, e.g. `model.getWeights(true)`.
 * @returns A new vector with every element of every tensor.
 */
export function tensorsToVector(tensors: readonly tf.Tensor[]): Float32Array {
  const out = new Float32Array(tensors.reduce((n, t) => n + t.size, 0));
  let offset = 0;
  for (const t of tensors) {
    out.set(t.dataSync(), offset);
    offset += t.size;
  }
  return out;
}

/**
 * The trainable part of a list of weight tensors as one vector: accepts
 * either `model.getWeights()` (all weights; trainable ones come first) or
 * `model.getWeights(true)` (trainable only).
 *
 * @param model The model the tensors belong to.
 * @param tensors Its weights, all or trainable only.
 * @param name What to call the list in error messages.
 * @returns The trainable weights as one vector.
 * @throws {RangeError} When the list's length or shapes do not fit the model.
 */
export function trainableVector(
  model: Model,
  tensors: readonly tf.Tensor[],
  name: string,
): Float32Array {
  const layout = weightLayout(model);
  const all = model.weights.length;
  const trainable = layout.entries.length;
  if (!Array.isArray(tensors) || (tensors.length !== all && tensors.length !== trainable)) {
    throw new RangeError(
      `Expected ${name} to hold ${trainable} tensors (model.getWeights(true)) or ${all} ` +
        `(model.getWeights()) but found ${
          Array.isArray(tensors) ? tensors.length : typeof tensors
        }`,
    );
  }
  // model.weights lists trainable weights first; map by identity to be sure.
  const trainableSet = new Set(model.trainableWeights);
  const picked = tensors.length === trainable
    ? tensors
    : tensors.filter((_, k) => trainableSet.has(model.weights[k]!));
  layout.entries.forEach((e, k) => {
    const t = picked[k];
    if (!(t instanceof tf.Tensor) || t.shape.join() !== e.shape.join()) {
      const found = t instanceof tf.Tensor ? `[${t.shape.join(", ")}]` : typeof t;
      throw new RangeError(
        `Expected ${name}[${k}] (${e.name}) to have shape [${
          e.shape.join(", ")
        }] but found ${found}`,
      );
    }
  });
  return tensorsToVector(picked);
}

function checkModel(model: unknown): asserts model is Model {
  if (!(model instanceof tf.LayersModel)) {
    throw new TypeError(`Expected a tfjs LayersModel but found ${describe(model)}`);
  }
}

/** Throws unless `vector` has one finite-or-not number per weight of `layout`. */
export function checkVector(vector: unknown, layout: WeightLayout, name: string): void {
  const length = (vector as ArrayLike<number> | null)?.length;
  if (typeof length !== "number" || length !== layout.size) {
    throw new RangeError(
      `Expected ${name} to have ${layout.size} numbers (one per trainable weight) but found ${
        typeof length === "number" ? length : describe(vector)
      }`,
    );
  }
}

function describe(x: unknown): string {
  if (x === null) return "null";
  if (typeof x !== "object") return typeof x;
  return (x as object).constructor?.name ?? "an object";
}

/**
 * The fast path for slices of multilayer perceptrons: a stack of dense
 * layers evaluated at many weight settings θ = c + α·d1 + β·d2 without
 * touching the model.
 *
 * The usual way (Li et al.'s code, the `loss-landscapes` package) writes θ
 * into the model and runs a forward pass, point after point. Here a
 * {@linkcode DenseEvaluator} builds each layer's kernel and bias for the
 * point in plain arrays and runs the layers as fused matrix products
 * (product, bias and activation in one wasm kernel, `tf.fused.matMul`), then
 * reads the outputs and takes the loss in float64. What does not change from
 * point to point is computed once: the data tensor, and — when the first
 * layer has many inputs — the first layer's pre-activations, which are linear
 * in (α, β): X·W1(α, β) = X·W1 + α·X·D1 + β·X·D2.
 *
 * Measured on this toolkit's machine (tfjs-backend-wasm 4.22, one core, the
 * 2→64→64→3 benchmark model on 2,048 points): a 2,048×64 by 64×64 fused
 * product takes 0.44 ms (40 GFLOP/s, the practical wasm SIMD limit here),
 * while batching several points into one `tf.matMul` with a batch of weight
 * matrices takes 5.5 ms per point (the wasm batched product does not reach
 * XNNPACK), so points go one by one through 2-D products. The first-layer
 * reuse costs four element-wise passes over a 2,048×64 array (0.28 ms); the
 * fused product it replaces costs 0.13 ms with 2 inputs, 0.22 ms with 16 and
 * 0.34 ms with 32, so the reuse starts at {@linkcode PRECOMPUTE_MIN_INPUTS}
 * inputs (the benchmark's 2-input network does not use it).
 *
 * This module is shared by the main thread and the workers of
 * `lib/network/_slice_eval.ts`, so a job is plain data that can be posted.
 *
 * @module
 */

import { type LossName, meanLoss } from "./_resolve_loss.ts";
import { tf } from "./tf.ts";
import type { Model, WeightLayout } from "./weights.ts";

/** Activations the fast path computes (tfjs-layers names). */
export type DenseActivation = "linear" | "relu" | "relu6" | "elu" | "sigmoid" | "tanh" | "softmax";

const FUSED: ReadonlySet<string> = new Set(["linear", "relu", "relu6", "elu", "sigmoid"]);
const ACTIVATIONS: ReadonlySet<string> = new Set([...FUSED, "tanh", "softmax"]);

/**
 * From this many inputs on, the first layer's products with the data are
 * computed once per slice instead of once per point (see the module notes).
 */
export const PRECOMPUTE_MIN_INPUTS = 32;

/** One dense layer: where its kernel and bias sit in the weight vector. */
export interface DenseLayerPlan {
  inputs: number;
  units: number;
  activation: DenseActivation;
  /** Offset of the `[inputs, units]` kernel in the weight vector. */
  kernel: number;
  /** Offset of the bias, or -1 for a layer without one. */
  bias: number;
}

/** A model the fast path can evaluate: dense layers, one after the other. */
export interface DensePlan {
  layers: DenseLayerPlan[];
  /** Length of the weight vector. */
  size: number;
}

/**
 * Describes a model as a stack of dense layers, or returns undefined when it
 * is anything else (then slices take the general path through the model).
 *
 * @param model A tfjs model.
 * @param layout Its trainable weights' layout.
 * @returns The plan, or undefined.
 */
export function densePlan(model: Model, layout: WeightLayout): DensePlan | undefined {
  if (!(model instanceof tf.Sequential)) return undefined;
  if (model.inputs.length !== 1 || model.inputs[0]!.shape.length !== 2) return undefined;
  if (model.nonTrainableWeights.length > 0) return undefined;
  const offsets = new Map(layout.entries.map((e) => [e.name, e.offset]));
  const layers: DenseLayerPlan[] = [];
  for (const layer of model.layers) {
    if (layer.getClassName() === "InputLayer") continue;
    if (layer.getClassName() !== "Dense") return undefined;
    const config = layer.getConfig();
    const activation = String(config.activation ?? "linear");
    if (!ACTIVATIONS.has(activation)) return undefined;
    const [kernel, bias, ...rest] = layer.trainableWeights;
    if (kernel === undefined || kernel.shape.length !== 2 || rest.length > 0) return undefined;
    if (bias !== undefined && bias.shape.length !== 1) return undefined;
    const k = offsets.get(kernel.name);
    const b = bias === undefined ? -1 : offsets.get(bias.name);
    if (k === undefined || b === undefined) return undefined;
    layers.push({
      inputs: kernel.shape[0]!,
      units: kernel.shape[1]!,
      activation: activation as DenseActivation,
      kernel: k,
      bias: b,
    });
  }
  if (layers.length === 0) return undefined;
  return { layers, size: layout.size };
}

/** Everything a worker needs to evaluate points: plain data, so it can be posted. */
export interface DenseJob {
  plan: DensePlan;
  loss: LossName;
  /** Inputs, `rows × plan.layers[0].inputs` row-major. */
  x: Float32Array;
  rows: number;
  /** Targets, as {@linkcode meanLoss} takes them. */
  target: Float32Array;
  center: Float32Array;
  d1: Float32Array;
  d2: Float32Array;
}

/**
 * Evaluates a job's loss at points (α, β). Holds tensors: call `dispose()`.
 */
export class DenseEvaluator {
  readonly #job: DenseJob;
  readonly #x: tf.Tensor2D;
  /** X·W1 + b1, X·D1 + d1b, X·D2 + d2b, when the first layer is reused. */
  readonly #first: [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D] | undefined;

  constructor(job: DenseJob) {
    this.#job = job;
    const first = job.plan.layers[0]!;
    this.#x = tf.tensor2d(job.x, [job.rows, first.inputs]);
    if (first.inputs >= PRECOMPUTE_MIN_INPUTS) {
      this.#first = [job.center, job.d1, job.d2].map((v) => {
        const [kernel, bias] = this.#weights(first, v, 1, 0, v, v, 0);
        const out = tf.fused.matMul({ a: this.#x, b: kernel, bias });
        tf.dispose([kernel, bias]);
        return out;
      }) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
    }
  }

  /**
   * The loss at each point.
   *
   * @param points `[α0, β0, α1, β1, …]`.
   * @returns One loss per point.
   */
  evaluate(points: Float64Array): Float64Array {
    const out = new Float64Array(points.length / 2);
    for (let p = 0; p < out.length; p++) out[p] = this.#at(points[2 * p]!, points[2 * p + 1]!);
    return out;
  }

  dispose(): void {
    this.#x.dispose();
    if (this.#first) tf.dispose(this.#first);
  }

  #at(alpha: number, beta: number): number {
    const { plan, center, d1, d2, target, rows, loss } = this.#job;
    const made: tf.Tensor[] = [];
    let h: tf.Tensor2D = this.#x;
    plan.layers.forEach((layer, k) => {
      if (k === 0 && this.#first) {
        const [a, b, c] = this.#first;
        const pre = tf.add(a, tf.add(tf.mul(b, alpha), tf.mul(c, beta)));
        made.push(pre);
        h = activate(pre as tf.Tensor2D, layer.activation, made);
        return;
      }
      const [kernel, bias] = this.#weights(layer, center, 1, alpha, d1, d2, beta);
      made.push(kernel);
      if (bias) made.push(bias);
      const fused = FUSED.has(layer.activation);
      h = tf.fused.matMul({
        a: h,
        b: kernel,
        bias,
        activation: fused ? layer.activation as tf.fused.Activation : "linear",
      }) as tf.Tensor2D;
      made.push(h);
      if (!fused) h = activate(h, layer.activation, made);
    });
    const values = h.dataSync() as Float32Array;
    tf.dispose(made);
    return meanLoss(loss, values, target, rows);
  }

  /** The kernel and bias tensors of `layer` at `s·c + α·d1 + β·d2`. */
  #weights(
    layer: DenseLayerPlan,
    c: Float32Array,
    s: number,
    alpha: number,
    d1: Float32Array,
    d2: Float32Array,
    beta: number,
  ): [tf.Tensor2D, tf.Tensor1D | undefined] {
    const combine = (offset: number, size: number) => {
      const w = new Float32Array(size);
      for (let i = 0, k = offset; i < size; i++, k++) {
        w[i] = s * c[k]! + alpha * d1[k]! + beta * d2[k]!;
      }
      return w;
    };
    const kernel = tf.tensor2d(combine(layer.kernel, layer.inputs * layer.units), [
      layer.inputs,
      layer.units,
    ]);
    const bias = layer.bias < 0 ? undefined : tf.tensor1d(combine(layer.bias, layer.units));
    return [kernel, bias];
  }
}

function activate(h: tf.Tensor2D, activation: DenseActivation, made: tf.Tensor[]): tf.Tensor2D {
  if (activation === "linear") return h;
  const out: tf.Tensor2D = activation === "relu"
    ? tf.relu(h)
    : activation === "relu6"
    ? tf.relu6(h)
    : activation === "elu"
    ? tf.elu(h)
    : activation === "sigmoid"
    ? tf.sigmoid(h)
    : activation === "tanh"
    ? tf.tanh(h)
    : tf.softmax(h);
  made.push(out);
  return out;
}

/**
 * One- and two-dimensional slices of a tfjs model's loss landscape.
 *
 * A network has thousands of weights; we look at its loss along a line or
 * over a plane through weight space:
 * - {@linkcode interpolate}: along (1 − α)·θ_from + α·θ_to, from the initial
 *   weights to the trained ones (Goodfellow et al. 2015), or between two
 *   solutions;
 * - {@linkcode randomPlane} and {@linkcode randomLine}: around the current
 *   weights θ along seeded random directions, θ + α·d1 + β·d2, with
 *   filter normalization (Li et al. 2018) so that slices of different
 *   networks can be compared;
 * - {@linkcode planeSlice} and {@linkcode lineSlice}: the same along directions
 *   you choose, such as the principal components of a training path
 *   (`lib/network/trajectory.ts`).
 *
 * The loss is the model's compiled loss or `options.loss`, on the data given,
 * without regularization penalties. Planes are {@linkcode Grid}s and lines
 * {@linkcode Curve}s, so the figure helpers draw them; the model's weights are
 * exactly the same after a call as before.
 *
 * @module
 */

import { type DirectionOptions, drawDirections, orthogonalize } from "./directions.ts";
import {
  checkCurveSpec,
  checkGridSpec,
  gridPoints,
  linspace,
  summarizeCurve,
  summarizeGrid,
} from "../core/grid_spec.ts";
import { lossesAt, sliceContext, type WorkerOptions } from "./_slice_eval.ts";
import type { Dataset } from "./tf.ts";
import type { SliceLossFunction } from "./_resolve_loss.ts";
import { initialWeights } from "./trajectory.ts";
import type { tf } from "./tf.ts";
import type { Curve, Grid, Interval } from "../core/types.ts";
import {
  checkVector,
  type Model,
  trainableVector,
  type WeightLayout,
  weightVector,
} from "./weights.ts";

export type { WorkerOptions } from "./_slice_eval.ts";
export type { SliceLossFunction } from "./_resolve_loss.ts";
export { closeWorkers } from "./_slice_eval.ts";

/** Options every slice takes. */
export interface SliceOptions extends WorkerOptions {
  /** The loss: a tfjs name or `(yTrue, yPred) => tensor`. Default: the model's compiled loss. */
  loss?: SliceLossFunction;
}

/** Where a line is and how finely it is sampled. */
export interface LineOptions extends SliceOptions {
  /** Samples along the line, from 2 to 4096. Default 41. */
  n?: number;
  /** The range of α. Default [-1, 1]. */
  range?: Interval;
  /** The weights at α = 0 (one number per trainable weight). Default: the model's weights. */
  center?: Float32Array;
}

/** Where a plane is and how finely it is sampled. */
export interface PlaneOptions extends SliceOptions {
  /** Samples per side, from 2 to 4096, or `[nx, ny]`. Default 41. */
  n?: number | [number, number];
  /** The range of both α and β. Default [-1, 1]. */
  range?: Interval;
  /** The range of α, when it differs from `range`. */
  x?: Interval;
  /** The range of β, when it differs from `range`. */
  y?: Interval;
  /** The weights at (0, 0). Default: the model's weights. */
  center?: Float32Array;
}

/** A loss along a line through weight space, with where the line is. */
export interface LineSlice extends Curve {
  /** How many of `values` are NaN or ±Infinity (a loss that diverged along the line). */
  nonFinite: number;
  /** The weights at α = 0. */
  center: Float32Array;
  /** d, the direction of the line θ + α·d, one number per trainable weight. */
  direction: Float32Array;
}

/** A loss over a plane through weight space (x = α, y = β), with where the plane is. */
export interface PlaneSlice extends Grid {
  /** The weights at (0, 0). */
  center: Float32Array;
  /** The directions of α and β. */
  directions: [Float32Array, Float32Array];
}

/** Options of {@linkcode randomPlane}. */
export interface RandomPlaneOptions extends PlaneOptions, DirectionOptions {
  /** Make β's direction exactly orthogonal to α's (one Gram–Schmidt step). Default false. */
  orthogonal?: boolean;
}

/** Options of {@linkcode interpolate}. */
export interface InterpolateOptions extends SliceOptions {
  /**
   * Weights at α = 0: `model.getWeights()` or `model.getWeights(true)`.
   * Default: the initial weights recorded when the model was trained with
   * `recordTrajectory` or `trainMlp`.
   */
  from?: tf.Tensor[];
  /** Weights at α = 1, in the same form. */
  to: tf.Tensor[];
  /** Samples, from 2 to 4096. Default 41. */
  steps?: number;
  /** The range of α. Default [-0.5, 1.5], to see a little past both ends. */
  range?: Interval;
}

/**
 * The loss over a plane θ + α·d1 + β·d2 through the model's weights, along
 * seeded random directions (by default filter-normalized, biases fixed).
 *
 * @param model A tfjs layers model; its weights are the centre and are left unchanged.
 * @param data Inputs and targets.
 * @param options Grid, directions and loss.
 * @returns The grid (x = α, y = β) with its centre and directions.
 *
 * @example The centre of the plane is the model's own loss
 * ```ts
 * import { ok } from "node:assert";
 * import { randomPlane, tf } from "../mod.ts";
 *
 * const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1 })] });
 * model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
 * const data = { x: tf.tensor2d([[1, 2], [3, 4], [5, 6]]), y: tf.tensor2d([[1], [0], [1]]) };
 * const plane = await randomPlane(model, data, { n: 5, seed: 3, workers: 0 });
 * const own = (model.evaluate(data.x, data.y) as tf.Scalar).dataSync()[0]!;
 * ok(Math.abs(plane.values[2 + 2 * 5]! - own) < 1e-5 * own);
 * ```
 */
export async function randomPlane(
  model: Model,
  data: Dataset,
  options: RandomPlaneOptions = {},
): Promise<PlaneSlice> {
  const ctx = sliceContext(model, data, options.loss);
  const shape = planeShape(options);
  const center = centerOf(ctx.layout, model, options.center);
  let [d1, d2] = drawDirections(ctx.layout, center, 2, options) as [Float32Array, Float32Array];
  if (options.orthogonal) d2 = orthogonalize(d2, d1);
  return await plane(ctx, center, [d1, d2], shape, options);
}

/**
 * The loss over a plane θ + α·d1 + β·d2 along directions you give, such as
 * the principal components of a training path.
 *
 * @param model A tfjs layers model; its weights are the centre and are left unchanged.
 * @param data Inputs and targets.
 * @param options The two directions, grid and loss.
 * @returns The grid (x = α, y = β) with its centre and directions.
 */
export async function planeSlice(
  model: Model,
  data: Dataset,
  options: PlaneOptions & { directions: [Float32Array, Float32Array] },
): Promise<PlaneSlice> {
  const ctx = sliceContext(model, data, options.loss);
  const shape = planeShape(options);
  const center = centerOf(ctx.layout, model, options.center);
  const dirs = options.directions;
  if (!Array.isArray(dirs) || dirs.length !== 2) {
    throw new TypeError("Expected options.directions to be a pair [d1, d2]");
  }
  checkVector(dirs[0], ctx.layout, "directions[0]");
  checkVector(dirs[1], ctx.layout, "directions[1]");
  return await plane(
    ctx,
    center,
    [Float32Array.from(dirs[0]), Float32Array.from(dirs[1])],
    shape,
    options,
  );
}

/**
 * The loss along a line θ + α·d through the model's weights, along a seeded
 * random direction (the α direction of {@linkcode randomPlane} with the same
 * options).
 *
 * @param model A tfjs layers model; its weights are the centre and are left unchanged.
 * @param data Inputs and targets.
 * @param options Samples, direction and loss.
 * @returns The curve (x = α) with its centre and direction.
 */
export async function randomLine(
  model: Model,
  data: Dataset,
  options: LineOptions & DirectionOptions = {},
): Promise<LineSlice> {
  const ctx = sliceContext(model, data, options.loss);
  const spec = lineSpec(options.n, options.range, "n");
  const center = centerOf(ctx.layout, model, options.center);
  const [d] = drawDirections(ctx.layout, center, 1, options);
  return await line(ctx, center, d!, spec, options);
}

/**
 * The loss along a line θ + α·d in a direction you give.
 *
 * @param model A tfjs layers model; its weights are the centre and are left unchanged.
 * @param data Inputs and targets.
 * @param options The direction, samples and loss.
 * @returns The curve (x = α) with its centre and direction.
 */
export async function lineSlice(
  model: Model,
  data: Dataset,
  options: LineOptions & { direction: Float32Array },
): Promise<LineSlice> {
  const ctx = sliceContext(model, data, options.loss);
  const spec = lineSpec(options.n, options.range, "n");
  const center = centerOf(ctx.layout, model, options.center);
  checkVector(options.direction, ctx.layout, "direction");
  return await line(ctx, center, Float32Array.from(options.direction), spec, options);
}

/**
 * The loss along the straight line (1 − α)·θ_from + α·θ_to (Goodfellow et
 * al. 2015): by default from the weights the model started training with to
 * its weights now. Between two trained solutions, a bump in the middle is a
 * barrier between their valleys.
 *
 * @param model A tfjs layers model that evaluates the loss; its weights are left unchanged.
 * @param data Inputs and targets.
 * @param options The two ends, samples and loss.
 * @returns The curve, x = α (0 at `from`, 1 at `to`).
 *
 * @example Between two weight settings
 * ```ts
 * import { ok } from "node:assert";
 * import { interpolate, tf } from "../mod.ts";
 *
 * const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [1], units: 1 })] });
 * model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
 * const data = { x: tf.tensor2d([[0], [1], [2]]), y: tf.tensor2d([[1], [3], [5]]) };
 * const from = [tf.tensor2d([[0]]), tf.tensor1d([0])];
 * const to = [tf.tensor2d([[2]]), tf.tensor1d([1])]; // y = 2x + 1 fits exactly
 * const curve = await interpolate(model, data, { from, to, steps: 21, range: [0, 2] });
 * ok(Math.abs(curve.argmin - 1) < 1e-9 && curve.min < 1e-9);
 * ```
 */
export async function interpolate(
  model: Model,
  data: Dataset,
  options: InterpolateOptions,
): Promise<LineSlice> {
  const ctx = sliceContext(model, data, options.loss);
  const spec = lineSpec(options.steps, options.range ?? [-0.5, 1.5], "steps");
  if (options.to === undefined) throw new TypeError("Expected options.to: the weights at α = 1");
  const to = trainableVector(model, options.to, "options.to");
  let from: Float32Array;
  if (options.from !== undefined) {
    from = trainableVector(model, options.from, "options.from");
  } else {
    const initial = initialWeights(model);
    if (!initial) {
      throw new TypeError(
        "Expected options.from: no initial weights were recorded for this model " +
          "(train it with recordTrajectory or trainMlp, or pass from)",
      );
    }
    from = initial;
  }
  return await line(ctx, from, to.map((t, i) => t - from[i]!), spec, options);
}

type PlaneShape = ReturnType<typeof checkGridSpec>;

function planeShape({ n = 41, range = [-1, 1], x, y }: PlaneOptions): PlaneShape {
  return checkGridSpec({ x: x ?? range, y: y ?? range, n });
}

function lineSpec(n = 41, range: Interval = [-1, 1], name: string) {
  try {
    return checkCurveSpec({ x: range, n });
  } catch (e) {
    // checkCurveSpec names them n and x; say what the caller called them.
    if (e instanceof Error) e.message = e.message.replace(/^Expected n /, `Expected ${name} `);
    if (e instanceof Error) e.message = e.message.replace(/^Expected x /, "Expected range ");
    throw e;
  }
}

function centerOf(
  layout: WeightLayout,
  model: Model,
  center: Float32Array | undefined,
): Float32Array {
  if (center === undefined) return weightVector(model);
  checkVector(center, layout, "center");
  return Float32Array.from(center);
}

async function plane(
  ctx: ReturnType<typeof sliceContext>,
  center: Float32Array,
  directions: [Float32Array, Float32Array],
  shape: PlaneShape,
  options: WorkerOptions,
): Promise<PlaneSlice> {
  const xs = linspace(shape.x[0], shape.x[1], shape.nx);
  const ys = linspace(shape.y[0], shape.y[1], shape.ny);
  const points = gridPoints(xs, ys);
  const values = await lossesAt(ctx, center, directions[0], directions[1], points, options);
  return { ...summarizeGrid(xs, ys, values), center, directions };
}

async function line(
  ctx: ReturnType<typeof sliceContext>,
  center: Float32Array,
  direction: Float32Array,
  spec: { x: Interval; n: number },
  options: WorkerOptions,
): Promise<LineSlice> {
  const xs = linspace(spec.x[0], spec.x[1], spec.n);
  const points = new Float64Array(2 * xs.length);
  xs.forEach((x, i) => (points[2 * i] = x));
  const zero = new Float32Array(direction.length);
  const values = await lossesAt(ctx, center, direction, zero, points, options);
  return { ...summarizeCurve(xs, values), center, direction };
}

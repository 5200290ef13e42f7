/**
 * The Hessian of a network's loss with respect to all its trainable weights,
 * seen through Hessian-vector products: its top eigenvalues (how sharp the
 * valley is along its steepest directions), its trace (the sum of all
 * curvatures) and its eigenvalue density — the measurements of "wide and
 * narrow valleys" (Keskar et al. 2017; Yao et al.'s PyHessian 2020; Ghorbani,
 * Krishnan & Xiao 2019).
 *
 * The Hessian is never formed: everything is built from products H·v, each
 * as costly as a few gradients. Weights are ordered as in
 * {@linkcode weightVector}, the loss is the model's compiled one (as
 * {@linkcode randomPlane} resolves it), averaged over all of `data`.
 *
 * **How H·v is computed.** `method: "exact"` (the default) gives the exact
 * product (up to float32 rounding) for `tf.Sequential` stacks of dense layers
 * with activations linear, relu, relu6, tanh, sigmoid, elu or softmax, and
 * the losses meanSquaredError, meanAbsoluteError, softmaxCrossEntropy or
 * sigmoidCrossEntropy; any other layer or loss gets a `TypeError` naming it.
 * For ReLU networks it is the Hessian almost everywhere (the kinks carry no
 * curvature), as every autodiff framework computes it.
 *
 * Double backpropagation — g(θ) = ∇L(θ) with `tf.grads`, then the gradient of
 * g·v — needs care in tfjs 4.22. The backward pass is recorded on the tape,
 * so second derivatives work for ops whose gradient reads their *inputs*
 * (`matMul`, `add`, `relu`, squared and absolute errors), but an op whose
 * gradient reads its own *output* (Tanh, Sigmoid, Exp, Softmax, LogSoftmax,
 * Elu, Pow) saves a copy of it that is not connected to the tape, so its
 * second-order terms are silently dropped (measured: a tanh layer's H·v
 * comes out wrong, with no error; for tanh alone it is an error, tensorflow/tfjs#3252);
 * `tf.losses.softmaxCrossEntropy`,
 * a `customGrad`, is cut off the tape (an error), and `relu6`'s and
 * `clipByValue`'s gradients use comparison ops that have no gradient (an
 * error). tfjs's `matMul` gradient also multiplies with transpose flags,
 * which the wasm backend runs about 20 times slower than a plain product.
 *
 * So the exact method never differentiates the model's own layers twice. For
 * a dense stack with a linear output layer (the usual logits + loss set-up)
 * it uses Pearlmutter's R-operator written out by hand: the forward and
 * backward passes, which do not depend on v, are computed once per call,
 * and each product costs six matrix products per layer (about a gradient's cost). Other covered
 * stacks (a softmax output layer) use double backpropagation through a
 * functional copy of the stack built from ops whose gradients are recomputed
 * from their inputs. Tests check the two against each other (to 1e-7) and
 * against finite differences of the model's own gradient.
 *
 * `method: "differences"` works for any model whose gradient tfjs computes:
 * central differences of gradients, H·v ≈ (∇L(θ + εv) − ∇L(θ − εv)) / 2ε with
 * ε = 0.01 / ‖v‖ (a step of length 0.01 in weight space), writing θ ± εv into
 * the model and the original weights back. On the test network (MLP 2→8→8→3,
 * tanh, 300 spiral points) its products differ from the exact ones by about
 * 1e-4 of their norm, and its top eigenvalue by 1e-4 relative. It is wrong
 * for ReLU networks: a step across a kink changes the gradient by a jump, and
 * the difference quotient divides that jump by ε (measured: 60–400% off).
 *
 * @module
 */

import { mulberry32 } from "../core/random.ts";
import { standardNormal } from "../core/standard_normal.ts";
import type { Curve } from "../core/types.ts";
import { hessianOperator } from "./_hessian_operator.ts";
import {
  closeHessianWorker,
  type ParallelHessianOperator,
  parallelHessianOperator,
} from "./_hessian_parallel.ts";
import { tridiagonalEigen } from "./_symmetric_eigen.ts";
import type { Dataset } from "./tf.ts";
import type { Model } from "./weights.ts";

/** How Hessian-vector products are computed (see the module notes). */
export type HessianMethod = "exact" | "differences";

/** Options shared by the Hessian functions. */
export interface HessianOptions {
  /**
   * `"exact"` (default): exact products for stacks of dense layers (an
   * analytic R-operator, or double backpropagation; see the module notes).
   * `"differences"`: central differences of gradients, for any model.
   */
  method?: HessianMethod;
  /**
   * Worker threads besides the main thread (at most one is used): with the
   * analytic exact path and at least 512 rows, a worker with its own tfjs
   * wasm instance takes half of the rows of every product. Default 0 (all
   * on the main thread): on this project's shared 2-core machine under load
   * the worker made products slower (median 53 ms against 40 ms for the
   * benchmark network; a message round trip to the worker took 1 to 11 ms).
   * The split is fixed, so the numbers do not depend on timing; they differ
   * from `workers: 0` by float32 rounding only.
   */
  workers?: number;
}

export { closeHessianWorker };

/** Options of {@linkcode hessianEigenvalues}. */
export interface HessianEigenOptions extends HessianOptions {
  /** How many of the largest eigenvalues. Default 1. */
  k?: number;
  /** Seed of the Lanczos start vector. Default 0. */
  seed?: number;
  /**
   * Stop when every one of the k Ritz pairs has a residual ‖Hx − θx‖ below
   * `tolerance·|θ|`, which bounds each eigenvalue's relative error by
   * `tolerance`. Default 1e-4.
   */
  tolerance?: number;
  /** Most Lanczos steps (Hessian-vector products). Default min(n, 300) for n weights. */
  maxIterations?: number;
}

/** The k largest eigenvalues of a Hessian. */
export interface HessianEigen {
  /** Eigenvalues, largest first. */
  values: number[];
  /** A unit eigenvector (in weight-vector order) for each value. */
  vectors: Float32Array[];
  /** Hessian-vector products used (Lanczos steps). */
  iterations: number;
  /** Whether every value met the tolerance (else `maxIterations` ran out). */
  converged: boolean;
}

/** Options of {@linkcode hessianTrace}. */
export interface HessianTraceOptions extends HessianOptions {
  /** Number of random vectors (one Hessian-vector product each). Default 64. */
  samples?: number;
  /** Seed of the Rademacher vectors. Default 0. */
  seed?: number;
}

/** Options of {@linkcode hessianDensity}. */
export interface HessianDensityOptions extends HessianOptions {
  /** Independent Lanczos runs averaged. Default 10. */
  runs?: number;
  /** Lanczos steps per run. Default min(n, 80) for n weights. */
  steps?: number;
  /** Seed of the runs' start vectors. Default 0. */
  seed?: number;
  /**
   * Standard deviation of the Gaussian that smooths each Ritz value.
   * Default 1% of the range of all Ritz values (or 1e-3 when they coincide).
   */
  width?: number;
  /** Number of grid points of the curve. Default 512. */
  points?: number;
}

/** The eigenvalue density as a curve, with the quadrature it comes from. */
export interface HessianDensity extends Curve {
  /** The Gaussian's standard deviation. */
  width: number;
  /** Ritz values of every run, run after run. */
  nodes: Float64Array;
  /** Their weights (each run's sum to 1/runs). */
  weights: Float64Array;
  /** Hessian-vector products used. */
  iterations: number;
}

/**
 * A Hessian-vector product H·v of a model's loss on `data`.
 *
 * @param model A compiled tfjs model (see the module notes for `"exact"`).
 * @param data Inputs and targets whose shapes fit the model.
 * @param vector One number per trainable weight, in {@linkcode weightVector} order.
 * @param options The method (one product runs on the main thread only).
 * @returns H·v, in the same order; the model's weights are unchanged.
 * @throws {TypeError} For a model without trainable weights or loss, or
 *   (`"exact"`) a layer or loss the exact path does not cover.
 * @throws {RangeError} For data or a vector that do not fit the model.
 *
 * @example The Hessian of a linear model under mean squared error is 2·XᵀX/n
 * ```ts
 * import { ok } from "node:assert";
 * import { hessianVectorProduct, tf } from "./mod.ts";
 *
 * const model = tf.sequential({
 *   layers: [tf.layers.dense({ inputShape: [1], units: 1, useBias: false })],
 * });
 * model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
 * const data = { x: tf.tensor2d([[1], [2], [3]]), y: tf.tensor2d([[0], [1], [5]]) };
 * const hv = hessianVectorProduct(model, data, [1]);
 * ok(Math.abs(hv[0]! - 2 * (1 + 4 + 9) / 3) < 1e-4);
 * ```
 */
export function hessianVectorProduct(
  model: Model,
  data: Dataset,
  vector: ArrayLike<number>,
  options: Omit<HessianOptions, "workers"> = {},
): Float32Array {
  const { method = "exact" } = options;
  if (method !== "exact" && method !== "differences") {
    throw new TypeError(`invalid method: ${method} (expected "exact" or "differences")`);
  }
  const op = hessianOperator(model, data, method);
  try {
    if (vector?.length !== op.size) {
      throw new RangeError(
        `Expected vector to have ${op.size} numbers (one per trainable weight) but found ${vector?.length}`,
      );
    }
    return op.apply(Float32Array.from(vector));
  } finally {
    op.dispose();
  }
}

/**
 * The k largest (algebraic, so most positive) eigenvalues of the Hessian and
 * their eigenvectors, by the Lanczos method with full reorthogonalization
 * (not PyHessian's power iteration with deflation, which finds the largest
 * *magnitudes* — a large negative eigenvalue can win — and needs many more
 * products when eigenvalues are close). Single-vector Lanczos finds each
 * distinct eigenvalue once: a repeated eigenvalue appears once among the k.
 *
 * @param model A compiled tfjs model.
 * @param data Inputs and targets whose shapes fit the model.
 * @param options k, seed, tolerance, maxIterations, method.
 * @returns Values largest first, unit vectors, products used, convergence.
 * @throws {TypeError} For a model without trainable weights or loss, or an
 *   unsupported layer with `"exact"`.
 * @throws {RangeError} For data that do not fit the model, k larger than the
 *   number of weights, or bad options.
 *
 * @example The top eigenvalue of a linear least-squares loss
 * ```ts
 * import { ok } from "node:assert";
 * import { hessianEigenvalues, tf } from "./mod.ts";
 *
 * // H = 2·XᵀX/n = [[1, 0], [0, 4]]: the top eigenvalue is 4, along the second weight.
 * const model = tf.sequential({
 *   layers: [tf.layers.dense({ inputShape: [2], units: 1, useBias: false })],
 * });
 * model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
 * const data = { x: tf.tensor2d([[1, 0], [0, 2]]), y: tf.tensor2d([[1], [0]]) };
 * const { values, vectors } = await hessianEigenvalues(model, data);
 * ok(Math.abs(values[0]! - 4) < 1e-4 && Math.abs(Math.abs(vectors[0]![1]!) - 1) < 1e-4);
 * ```
 */
export async function hessianEigenvalues(
  model: Model,
  data: Dataset,
  options: HessianEigenOptions = {},
): Promise<HessianEigen> {
  const op = await operator(model, data, options);
  try {
    const n = op.size;
    const { k = 1, seed = 0, tolerance = 1e-4, maxIterations = Math.min(n, 300) } = options;
    if (!Number.isInteger(k) || k < 1 || k > n) {
      throw new RangeError(
        `Expected k to be an integer from 1 to the number of trainable weights (${n}) but found ${k}; ask for fewer eigenvalues`,
      );
    }
    checkPositiveInteger("maxIterations", maxIterations);
    if (maxIterations < k) {
      throw new RangeError(
        `Expected maxIterations to be at least k (${k}) but found ${maxIterations}`,
      );
    }
    if (!(tolerance > 0 && tolerance < 1)) {
      throw new RangeError(`Expected tolerance between 0 and 1 but found ${tolerance}`);
    }
    const normal = standardNormal(seed);
    const start = Float64Array.from({ length: n }, () => normal());
    const run = await lanczos(op, start, Math.min(maxIterations, n), (alpha, beta, m, last) => {
      // Check the Ritz values now and then: each check costs O(m³).
      if (!last && m < k) return false;
      if (!last && m > 20 && m % Math.ceil(m / 20) !== 0) return false;
      const eig = tridiagonalEigen(alpha, beta);
      const b = beta[m - 1] ?? 0;
      for (let i = 0; i < k; i++) {
        const residual = Math.abs(b * eig.vectors[i]![m - 1]!);
        if (!(residual <= tolerance * Math.abs(eig.values[i]!))) return false;
      }
      return true;
    });
    const m = run.alpha.length;
    const eig = tridiagonalEigen(run.alpha, run.beta);
    const b = run.beta[m - 1] ?? 0;
    const values: number[] = [];
    const vectors: Float32Array[] = [];
    let converged = true;
    for (let i = 0; i < Math.min(k, m); i++) {
      const s = eig.vectors[i]!;
      values.push(eig.values[i]!);
      const x = new Float64Array(n);
      for (let j = 0; j < m; j++) axpy(s[j]!, run.basis[j]!, x);
      const norm = Math.sqrt(dot(x, x));
      vectors.push(Float32Array.from(x, (t) => t / norm));
      if (!run.exhausted && !(Math.abs(b * s[m - 1]!) <= tolerance * Math.abs(eig.values[i]!))) {
        converged = false;
      }
    }
    if (values.length < k) {
      // The start vector's Krylov space holds fewer than k eigenvalues.
      throw new RangeError(
        `Expected to find ${k} eigenvalues but the Krylov space of the start vector holds only ${values.length}; ask for fewer or change the seed`,
      );
    }
    return { values, vectors, iterations: m, converged };
  } finally {
    op.dispose();
  }
}

/**
 * An estimate of the Hessian's trace — the sum of its eigenvalues — by
 * Hutchinson's method: the mean of zᵀHz over Rademacher vectors z (entries
 * ±1, seeded with `mulberry32`), whose expectation is the trace.
 *
 * @param model A compiled tfjs model.
 * @param data Inputs and targets whose shapes fit the model.
 * @param options samples, seed, method.
 * @returns The estimate and its standard error (sample standard deviation
 *   over √samples).
 * @throws {TypeError} As {@linkcode hessianEigenvalues}.
 * @throws {RangeError} For data that do not fit the model, or fewer than 2 samples.
 *
 * @example The trace of 2·XᵀX/n, here 1 + 4
 * ```ts
 * import { ok } from "node:assert";
 * import { hessianTrace, tf } from "./mod.ts";
 *
 * const model = tf.sequential({
 *   layers: [tf.layers.dense({ inputShape: [2], units: 1, useBias: false })],
 * });
 * model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
 * const data = { x: tf.tensor2d([[1, 0], [0, 2]]), y: tf.tensor2d([[1], [0]]) };
 * const { estimate, stderr } = await hessianTrace(model, data, { samples: 8 });
 * // A diagonal Hessian: every Rademacher vector gives the trace exactly.
 * ok(Math.abs(estimate - 5) < 1e-4 && stderr < 1e-4);
 * ```
 */
export async function hessianTrace(
  model: Model,
  data: Dataset,
  options: HessianTraceOptions = {},
): Promise<{ estimate: number; stderr: number }> {
  const op = await operator(model, data, options);
  try {
    const { samples = 64, seed = 0 } = options;
    checkPositiveInteger("samples", samples);
    if (samples < 2) {
      throw new RangeError(
        `Expected at least 2 samples (for a standard error) but found ${samples}`,
      );
    }
    const random = mulberry32(seed);
    const z = new Float32Array(op.size);
    const draws: number[] = [];
    for (let s = 0; s < samples; s++) {
      for (let i = 0; i < z.length; i++) z[i] = random() < 0.5 ? -1 : 1;
      draws.push(dot(z, await op.apply(z)));
    }
    const mean = draws.reduce((a, b) => a + b, 0) / samples;
    const variance = draws.reduce((a, d) => a + (d - mean) ** 2, 0) / (samples - 1);
    return { estimate: mean, stderr: Math.sqrt(variance / samples) };
  } finally {
    op.dispose();
  }
}

/**
 * The Hessian's eigenvalue density by stochastic Lanczos quadrature
 * (Ghorbani, Krishnan & Xiao 2019; PyHessian's `density`): each run starts
 * Lanczos from a normalized Rademacher vector; the eigenvalues θᵢ of its
 * tridiagonal matrix, weighted by the squared first components τᵢ of their
 * eigenvectors, are a quadrature rule for the spectral measure (1/n)·Σ δ(λ −
 * λⱼ); runs are averaged and each node is smoothed by a Gaussian of standard
 * deviation `width`. The curve integrates to 1 (up to the Gaussians' tails
 * beyond the grid, 5 widths past the extreme nodes).
 *
 * @param model A compiled tfjs model.
 * @param data Inputs and targets whose shapes fit the model.
 * @param options runs, steps, seed, width, points, method.
 * @returns The density over eigenvalues as a `Curve` (`curvePlot` draws
 *   it), with the width, nodes and weights.
 * @throws {TypeError} As {@linkcode hessianEigenvalues}.
 * @throws {RangeError} For data that do not fit the model, or bad options.
 *
 * @example A density integrates to 1 and peaks at the eigenvalues
 * ```ts
 * import { ok } from "node:assert";
 * import { hessianDensity, tf } from "./mod.ts";
 *
 * const model = tf.sequential({
 *   layers: [tf.layers.dense({ inputShape: [2], units: 1, useBias: false })],
 * });
 * model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
 * const data = { x: tf.tensor2d([[1, 0], [0, 2]]), y: tf.tensor2d([[1], [0]]) };
 * const density = await hessianDensity(model, data, { runs: 4, width: 0.1 });
 * const dx = density.xs[1]! - density.xs[0]!;
 * ok(Math.abs(density.values.reduce((a, b) => a + b, 0) * dx - 1) < 1e-3);
 * const peak = density.xs[density.values.indexOf(density.max)]!;
 * ok(Math.abs(peak - 1) < 0.05 || Math.abs(peak - 4) < 0.05);
 * ```
 */
export async function hessianDensity(
  model: Model,
  data: Dataset,
  options: HessianDensityOptions = {},
): Promise<HessianDensity> {
  const op = await operator(model, data, options);
  try {
    const n = op.size;
    const { runs = 10, steps = Math.min(n, 80), seed = 0, width, points = 512 } = options;
    checkPositiveInteger("runs", runs);
    checkPositiveInteger("steps", steps);
    checkPositiveInteger("points", points);
    if (steps > n) {
      throw new RangeError(
        `Expected steps to be at most the number of trainable weights (${n}) but found ${steps}`,
      );
    }
    if (points < 2) throw new RangeError(`Expected at least 2 points but found ${points}`);
    if (width !== undefined && !(width > 0 && Number.isFinite(width))) {
      throw new RangeError(`Expected width to be a positive number but found ${width}`);
    }
    const random = mulberry32(seed);
    const nodes: number[] = [];
    const weights: number[] = [];
    let iterations = 0;
    for (let r = 0; r < runs; r++) {
      const start = Float64Array.from({ length: n }, () => (random() < 0.5 ? -1 : 1));
      const run = await lanczos(op, start, steps, () => false);
      iterations += run.alpha.length;
      const eig = tridiagonalEigen(run.alpha, run.beta);
      eig.values.forEach((theta, i) => {
        nodes.push(theta);
        weights.push(eig.vectors[i]![0]! ** 2 / runs);
      });
    }
    const lo = Math.min(...nodes), hi = Math.max(...nodes);
    const sigma = width ?? (hi > lo ? (hi - lo) / 100 : 1e-3 * Math.max(1, Math.abs(hi)));
    const from = lo - 5 * sigma, to = hi + 5 * sigma;
    const xs = Float64Array.from(
      { length: points },
      (_, i) => from + (to - from) * i / (points - 1),
    );
    const values = new Float64Array(points);
    const c = 1 / (sigma * Math.sqrt(2 * Math.PI));
    nodes.forEach((theta, j) => {
      const w = weights[j]! * c;
      for (let i = 0; i < points; i++) {
        values[i]! += w * Math.exp(-0.5 * ((xs[i]! - theta) / sigma) ** 2);
      }
    });
    let min = Infinity, max = -Infinity, argmin = xs[0]!;
    values.forEach((v, i) => {
      if (v < min) [min, argmin] = [v, xs[i]!];
      if (v > max) max = v;
    });
    return {
      xs,
      values,
      min,
      max,
      argmin,
      width: sigma,
      nodes: Float64Array.from(nodes),
      weights: Float64Array.from(weights),
      iterations,
    };
  } finally {
    op.dispose();
  }
}

// ---------------------------------------------------------------------------
// Lanczos

interface LanczosRun {
  alpha: number[];
  beta: number[];
  /** The orthonormal Lanczos vectors q₀ … q_{m−1}. */
  basis: Float64Array[];
  /** True when the Krylov space closed (β ≈ 0): the Ritz values are exact. */
  exhausted: boolean;
}

/**
 * Lanczos with full reorthogonalization (classical Gram–Schmidt, twice):
 * after m steps, Qᵀ·H·Q = T = tridiag(β, α, β).
 */
async function lanczos(
  op: ParallelHessianOperator,
  start: Float64Array,
  steps: number,
  done: (alpha: number[], beta: number[], m: number, last: boolean) => boolean,
): Promise<LanczosRun> {
  const n = op.size;
  const alpha: number[] = [];
  const beta: number[] = [];
  const basis: Float64Array[] = [];
  let q = scaled(start, 1 / Math.sqrt(dot(start, start)));
  const x32 = new Float32Array(n);
  for (let m = 1; m <= steps; m++) {
    basis.push(q);
    for (let i = 0; i < n; i++) x32[i] = q[i]!;
    const w = Float64Array.from(await op.apply(x32));
    const a = dot(q, w);
    alpha.push(a);
    for (let pass = 0; pass < 2; pass++) {
      for (const u of basis) axpy(-dot(u, w), u, w);
    }
    const b = Math.sqrt(dot(w, w));
    beta.push(b);
    const scale = Math.max(Math.abs(a), ...beta.slice(0, -1).map(Math.abs), 1e-30);
    const exhausted = m === n || b <= 1e-6 * scale;
    if (exhausted || m === steps || done(alpha, beta, m, false)) {
      if (exhausted) beta[m - 1] = 0;
      return { alpha, beta, basis, exhausted };
    }
    q = scaled(w, 1 / b);
  }
  return { alpha, beta, basis, exhausted: false };
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function axpy(c: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i]! += c * x[i]!;
}

function scaled(x: Float64Array, c: number): Float64Array {
  return Float64Array.from(x, (t) => t * c);
}

function operator(
  model: Model,
  data: Dataset,
  { method = "exact", workers = 0 }: HessianOptions,
): Promise<ParallelHessianOperator> {
  if (method !== "exact" && method !== "differences") {
    throw new TypeError(`invalid method: ${method} (expected "exact" or "differences")`);
  }
  if (!Number.isInteger(workers) || workers < 0) {
    throw new RangeError(`Expected workers to be a non-negative integer but found ${workers}`);
  }
  return parallelHessianOperator(model, data, method, workers);
}

function checkPositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`Expected ${name} to be a positive integer but found ${value}`);
  }
}

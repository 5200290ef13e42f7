/**
 * Training paths in weight space: record the weights while a model trains,
 * then find the plane that shows the path best — the first two principal
 * components of the path, as in Li et al. (2018), section 7 — and the path's
 * coordinates in it, ready to draw over that plane's contour map.
 *
 * Why not a random plane? Random directions in thousands of dimensions are
 * nearly orthogonal to the path, so a path projected on them barely moves.
 * The principal directions of the path itself capture most of its motion
 * (the explained variance says how much).
 *
 * @module
 */

import type { tf } from "./tf.ts";
import type { Interval } from "../core/types.ts";
import {
  checkVector,
  type Model,
  type WeightLayout,
  weightLayout,
  weightVector,
} from "./weights.ts";

/** Weights recorded during training, oldest first. */
export interface Trajectory {
  /** Where each weight tensor of the model sits in the recorded vectors. */
  layout: WeightLayout;
  /** The trainable weights at each record (see `lib/network/weights.ts`). */
  weights: Float32Array[];
  /** When each record was taken: epochs (or batches) completed, 0 for the start. */
  steps: number[];
  /** The training loss tfjs reported at each record (NaN for the start). */
  losses: number[];
}

/** The weights a model had when it started training, for `interpolate`'s default. */
const initial = new WeakMap<Model, Float32Array>();

/**
 * The weights a model had when its recorded training began (the first record
 * of {@linkcode recordTrajectory}), or undefined when none was recorded.
 *
 * @param model A tfjs model.
 * @returns A copy of the initial weights, or undefined.
 */
export function initialWeights(model: Model): Float32Array | undefined {
  const w = initial.get(model);
  return w && Float32Array.from(w);
}

/**
 * Records a model's weights during `model.fit`: once when training begins,
 * then after every epoch (or batch).
 *
 * @param model The model that will train.
 * @param options How often to record.
 * @returns The trajectory, filled in as training runs, and the callbacks to
 *   pass to `model.fit(x, y, { callbacks })`.
 *
 * @example Three epochs give four records
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { recordTrajectory, tf } from "../mod.ts";
 *
 * const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [1], units: 1 })] });
 * model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
 * const { trajectory, callbacks } = recordTrajectory(model);
 * await model.fit(tf.tensor2d([[0], [1]]), tf.tensor2d([[1], [3]]), { epochs: 3, callbacks, verbose: 0 });
 * strictEqual(trajectory.weights.length, 4);
 * ```
 */
export function recordTrajectory(
  model: Model,
  { every = "epoch" }: { every?: "epoch" | "batch" } = {},
): { trajectory: Trajectory; callbacks: tf.CustomCallbackArgs } {
  if (every !== "epoch" && every !== "batch") {
    throw new TypeError(`invalid every: ${every} (expected "epoch" or "batch")`);
  }
  const trajectory: Trajectory = {
    layout: weightLayout(model),
    weights: [],
    steps: [],
    losses: [],
  };
  let batches = 0;
  const record = (step: number, loss: number) => {
    trajectory.weights.push(weightVector(model));
    trajectory.steps.push(step);
    trajectory.losses.push(loss);
  };
  const callbacks: tf.CustomCallbackArgs = {
    onTrainBegin: () => {
      if (trajectory.weights.length > 0) return;
      record(0, NaN);
      if (!initial.has(model)) initial.set(model, trajectory.weights[0]!);
    },
  };
  if (every === "epoch") {
    callbacks.onEpochEnd = (epoch, logs) => record(epoch + 1, Number(logs?.loss ?? NaN));
  } else {
    callbacks.onBatchEnd = (_batch, logs) => record(++batches, Number(logs?.loss ?? NaN));
  }
  return { trajectory, callbacks };
}

/** A path seen in the plane of its first two principal components. */
export interface TrajectoryPlane {
  /** The weights at the origin of the plane: the path's last point unless chosen. */
  center: Float32Array;
  /** Unit vectors along the first and second principal components. */
  directions: [Float32Array, Float32Array];
  /** The share of the path's variance along each direction (0 to 1). */
  explainedVariance: [number, number];
  /** The path's `[x, y]` coordinates in the plane, one pair per record. */
  points: [number, number][];
  /** The range of x that holds the whole path with a margin, for a `planeSlice`. */
  x: Interval;
  /** The range of y that holds the whole path with a margin, for a `planeSlice`. */
  y: Interval;
}

/**
 * Projects a training path onto its first two principal components (Li et
 * al. 2018, section 7): PCA of the vectors θ_i − θ_center (centred on their
 * mean, as scikit-learn does), then each θ_i − θ_center's coordinates along
 * the two unit directions. The directions are oriented so the path starts at
 * negative coordinates.
 *
 * @param path A trajectory, or the weight vectors themselves (at least 3).
 * @param options `center` (default: the last point); `margin`, the share of
 *   the path's extent added on each side of `x` and `y` (default 0.25).
 * @returns Directions, explained variance and the projected path.
 * @throws {RangeError} With fewer than 3 points, or a path that does not move.
 *
 * @example A path along a line is all first component
 * ```ts
 * import { ok } from "node:assert";
 * import { projectTrajectory } from "./trajectory.ts";
 *
 * const path = [0, 1, 2, 3].map((t) => new Float32Array([t, 2 * t, 0.01 * (t % 2)]));
 * const p = projectTrajectory(path);
 * ok(p.explainedVariance[0] > 0.999);
 * ok(Math.abs(p.points[0]![0] + Math.sqrt(45)) < 1e-5);
 * ```
 */
export function projectTrajectory(
  path: Trajectory | readonly Float32Array[],
  { center, margin = 0.25 }: { center?: Float32Array; margin?: number } = {},
): TrajectoryPlane {
  const weights = Array.isArray(path) ? path : (path as Trajectory).weights;
  if (weights.length < 3) {
    throw new RangeError(`Expected at least 3 recorded weight vectors but found ${weights.length}`);
  }
  const size = weights[0]!.length;
  const layout = { entries: [], size };
  weights.forEach((w, k) => checkVector(w, layout, `weights[${k}]`));
  if (center !== undefined) checkVector(center, layout, "center");
  if (!(margin >= 0)) throw new RangeError(`Expected margin to be 0 or more but found ${margin}`);
  const c = center ?? weights[weights.length - 1]!;

  const t = weights.length;
  const rows = weights.map((w) => Float64Array.from(w, (v: number, i) => v - c[i]!));
  const mean = new Float64Array(size);
  for (const r of rows) for (let i = 0; i < size; i++) mean[i] = mean[i]! + r[i]! / t;
  const centred = rows.map((r) => r.map((v, i) => v - mean[i]!));
  const gram = Array.from(
    { length: t },
    (_, a) => Array.from({ length: t }, (_, b) => dot(centred[a]!, centred[b]!)),
  );
  const { values, vectors } = symmetricEigen(gram);
  const order = values.map((_, k) => k).sort((a, b) => values[b]! - values[a]!);
  const total = values.reduce((s, v) => s + Math.max(v, 0), 0);
  if (!(total > 0)) throw new RangeError("Expected a path that moves but all points are the same");

  const directions = order.slice(0, 2).map((k) => {
    const d = new Float64Array(size);
    centred.forEach((r, a) => {
      const u = vectors[a]![k]!;
      for (let i = 0; i < size; i++) d[i] = d[i]! + u * r[i]!;
    });
    const norm = Math.sqrt(dot(d, d));
    return norm > 0 ? d.map((v) => v / norm) : d;
  }) as [Float64Array, Float64Array];
  for (const d of directions) {
    if (dot(rows[0]!, d) > 0) d.forEach((v, i) => (d[i] = -v));
  }
  const points = rows.map((r) =>
    [dot(r, directions[0]), dot(r, directions[1])] as [number, number]
  );
  return {
    center: Float32Array.from(c),
    directions: [Float32Array.from(directions[0]), Float32Array.from(directions[1])],
    explainedVariance: [
      Math.max(values[order[0]!]!, 0) / total,
      Math.max(values[order[1]!]!, 0) / total,
    ],
    points,
    x: extent(points.map((p) => p[0]), margin),
    y: extent(points.map((p) => p[1]), margin),
  };
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function extent(values: number[], margin: number): Interval {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = Math.max(hi - lo, 1e-12) * margin;
  return [lo - pad, hi + pad];
}

/**
 * Eigenvalues and eigenvectors (columns of `vectors`) of a symmetric matrix
 * by cyclic Jacobi rotations: exact to rounding, and fast for the few
 * hundred records of a training path.
 */
function symmetricEigen(m: number[][]): { values: number[]; vectors: number[][] } {
  const n = m.length;
  const a = m.map((r) => [...r]);
  const v = Array.from(
    { length: n },
    (_, i) => Array.from({ length: n }, (_, j): number => (i === j ? 1 : 0)),
  );
  const scale = a.reduce((s, r, i) => s + Math.abs(r[i]!), 0) || 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p]![q]! ** 2;
    if (Math.sqrt(off) <= 1e-15 * scale) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p]![q]!;
        if (apq === 0) continue;
        const theta = (a[q]![q]! - a[p]![p]!) / (2 * apq);
        const tn = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const cs = 1 / Math.sqrt(tn * tn + 1);
        const sn = tn * cs;
        for (let k = 0; k < n; k++) {
          const akp = a[k]![p]!;
          const akq = a[k]![q]!;
          a[k]![p] = cs * akp - sn * akq;
          a[k]![q] = sn * akp + cs * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p]![k]!;
          const aqk = a[q]![k]!;
          a[p]![k] = cs * apk - sn * aqk;
          a[q]![k] = sn * apk + cs * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k]![p]!;
          const vkq = v[k]![q]!;
          v[k]![p] = cs * vkp - sn * vkq;
          v[k]![q] = sn * vkp + cs * vkq;
        }
      }
    }
  }
  return { values: a.map((r, i) => r[i]!), vectors: v };
}

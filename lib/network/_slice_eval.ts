/**
 * A model's loss at many points θ = c + α·d1 + β·d2 of weight space: the
 * engine under `interpolate`, `randomPlane` and the other slices.
 *
 * Two paths give the same numbers (tests compare them):
 * - the general path works for any tfjs model: it writes θ into the model,
 *   predicts, takes the loss, and at the end writes the original weights
 *   back, exactly;
 * - the fast path, for stacks of dense layers with a named loss
 *   (`lib/network/_dense_evaluator.ts`), never touches the model and spreads the points
 *   over the main thread and worker threads, each with its own tfjs wasm
 *   instance (`lib/network/_slice_worker.ts`). Workers are started on first use and
 *   kept for later calls without keeping the process alive; the main thread
 *   starts computing at once, so a slow start costs nothing.
 *
 * @module
 */

import { Worker } from "node:worker_threads";
import { DenseEvaluator, type DenseJob, type DensePlan, densePlan } from "./_dense_evaluator.ts";
import type { WorkerReply, WorkerRequest } from "./_slice_worker.ts";
import {
  type LossName,
  type ResolvedLoss,
  resolveLoss,
  type SliceLossFunction,
} from "./_resolve_loss.ts";
import { type Dataset, tf } from "./tf.ts";
import { type Model, vectorToTensors, type WeightLayout, weightLayout } from "./weights.ts";

/** A model, its data and its loss, checked once at the entry of a slice. */
export interface SliceContext {
  model: Model;
  layout: WeightLayout;
  data: Dataset;
  loss: ResolvedLoss;
  /** Set when the fast dense path applies. */
  plan?: DensePlan;
}

/** How a slice is computed. */
export interface WorkerOptions {
  /**
   * Worker threads besides the main thread for the fast path. Default: one
   * less than the number of cores (`navigator.hardwareConcurrency`). 0 keeps
   * everything on the main thread.
   */
  workers?: number;
}

/**
 * Checks a model, its data and its loss, and finds whether the fast path
 * applies.
 *
 * @param model A tfjs layers model with trainable weights, one input, one output.
 * @param data Inputs and targets whose shapes fit the model.
 * @param loss An explicit loss, or undefined for the model's compiled one.
 * @returns The checked context.
 * @throws {TypeError} For a model without trainable weights, without a loss,
 *   or with several inputs or outputs.
 * @throws {RangeError} For data whose shapes do not fit the model.
 */
export function sliceContext(model: Model, data: Dataset, loss?: SliceLossFunction): SliceContext {
  const layout = weightLayout(model);
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    throw new TypeError(
      `Expected a model with one input and one output but found ${model.inputs.length} and ${model.outputs.length}`,
    );
  }
  const resolved = resolveLoss(loss, model.loss);
  checkData(model, data, resolved.name);
  const ctx: SliceContext = { model, layout, data, loss: resolved };
  if (resolved.name !== "custom") ctx.plan = densePlan(model, layout);
  return ctx;
}

function checkData(model: Model, data: Dataset, loss: LossName | "custom"): void {
  if (!data || !(data.x instanceof tf.Tensor) || !(data.y instanceof tf.Tensor)) {
    throw new TypeError("Expected data to be { x: tf.Tensor, y: tf.Tensor }");
  }
  const { x, y } = data;
  const rows = x.shape[0] ?? 0;
  if (rows < 1) throw new RangeError(`Expected data.x to have at least one row but found ${rows}`);
  if (y.shape[0] !== rows) {
    throw new RangeError(
      `Expected data.x and data.y to have the same number of rows but found ${rows} and ${
        y.shape[0]
      }`,
    );
  }
  const expect = (what: string, t: tf.Tensor, shape: readonly (number | null)[]) => {
    const fits = t.shape.length === shape.length &&
      shape.every((s, k) => k === 0 || s === null || s === t.shape[k]);
    if (!fits) {
      const want = shape.map((s, k) => (k === 0 ? "N" : s ?? "any")).join(", ");
      throw new RangeError(
        `Expected ${what} to have shape [${want}] for this model but found [${t.shape.join(", ")}]`,
      );
    }
  };
  expect("data.x", x, model.inputs[0]!.shape);
  if (loss === "custom") return;
  if (loss === "sparseCategoricalCrossentropy") {
    if (y.shape.length > 2 || (y.shape.length === 2 && y.shape[1] !== 1)) {
      throw new RangeError(
        `Expected data.y to hold one class index per row, shape [N] or [N, 1], but found [${
          y.shape.join(", ")
        }]`,
      );
    }
    return;
  }
  expect("data.y", y, model.outputs[0]!.shape);
}

/**
 * The loss at points `center + α·d1 + β·d2`.
 *
 * @param ctx A checked context.
 * @param center The weights at (0, 0).
 * @param d1 The direction of α.
 * @param d2 The direction of β.
 * @param points `[α0, β0, α1, β1, …]`.
 * @param options How to compute.
 * @returns One loss per point; the model's weights are unchanged.
 */
export async function lossesAt(
  ctx: SliceContext,
  center: Float32Array,
  d1: Float32Array,
  d2: Float32Array,
  points: Float64Array,
  { workers = defaultWorkers() }: WorkerOptions = {},
): Promise<Float64Array> {
  if (!ctx.plan) return generalLosses(ctx, center, d1, d2, points);
  const { x, y } = ctx.data;
  const job: DenseJob = {
    plan: ctx.plan,
    loss: ctx.loss.name as LossName,
    x: Float32Array.from(x.dataSync()),
    rows: x.shape[0]!,
    target: Float32Array.from(y.dataSync()),
    center,
    d1,
    d2,
  };
  return await denseLosses(job, points, workers);
}

/** One less than the number of cores, so the main thread and the workers use them all. */
export function defaultWorkers(): number {
  const cores = globalThis.navigator?.hardwareConcurrency ?? 1;
  return Math.max(0, Math.min(cores, 16) - 1);
}

function generalLosses(
  { model, layout, data, loss }: SliceContext,
  center: Float32Array,
  d1: Float32Array,
  d2: Float32Array,
  points: Float64Array,
): Float64Array {
  const variables = model.trainableWeights;
  const saved = variables.map((v) => v.read().clone());
  const out = new Float64Array(points.length / 2);
  const theta = new Float32Array(layout.size);
  const batchSize = Math.min(data.x.shape[0]!, 8192);
  try {
    for (let p = 0; p < out.length; p++) {
      const alpha = points[2 * p]!;
      const beta = points[2 * p + 1]!;
      for (let i = 0; i < theta.length; i++) theta[i] = center[i]! + alpha * d1[i]! + beta * d2[i]!;
      const tensors = vectorToTensors(theta, layout);
      variables.forEach((v, k) => v.write(tensors[k]!));
      tf.dispose(tensors);
      const value = tf.tidy(() =>
        loss.tensor(data.y, model.predict(data.x, { batchSize }) as tf.Tensor)
      );
      out[p] = value.dataSync()[0]!;
      value.dispose();
    }
  } finally {
    variables.forEach((v, k) => v.write(saved[k]!));
    tf.dispose(saved);
  }
  return out;
}

/** Fewest and most points per piece of work handed out (see `pieces`). */
const MIN_PIECE = 8;
const MAX_PIECE = 64;
/** Pieces a worker holds at once, so it never waits for the busy main thread. */
const DEPTH = 2;
/** The main thread lets worker replies in at least this often (ms). */
const YIELD_EVERY = 30;

/**
 * Hands out the points in pieces, large at first and smaller towards the end
 * (guided scheduling), so that all threads finish at about the same time. A
 * piece a failed worker gives back is handed out again first.
 */
class Pieces {
  #next = 0;
  readonly #returned: [number, number][] = [];
  constructor(readonly count: number, readonly threads: number) {}

  get empty(): boolean {
    return this.#next >= this.count && this.#returned.length === 0;
  }

  take(): [number, number] | undefined {
    const back = this.#returned.pop();
    if (back) return back;
    if (this.#next >= this.count) return undefined;
    const left = this.count - this.#next;
    const size = Math.min(MAX_PIECE, Math.max(MIN_PIECE, Math.ceil(left / (3 * this.threads))));
    const piece: [number, number] = [this.#next, Math.min(this.count, this.#next + size)];
    this.#next = piece[1];
    return piece;
  }

  giveBack(piece: [number, number]): void {
    this.#returned.push(piece);
  }
}

async function denseLosses(
  job: DenseJob,
  points: Float64Array,
  workers: number,
): Promise<Float64Array> {
  const evaluator = new DenseEvaluator(job);
  const count = points.length / 2;
  try {
    if (workers < 1 || count < 4 * MAX_PIECE) return evaluator.evaluate(points);
    const out = new Float64Array(count);
    const pieces = new Pieces(count, workers + 1);
    const slice = ([a, b]: [number, number]) => points.subarray(2 * a, 2 * b);
    const inFlight = new Set<Promise<void>>();
    const helpers = pool(workers);
    for (const w of helpers) {
      w.busy = true;
      w.ref();
    }
    // Each worker keeps DEPTH pieces queued; a finished piece is replaced.
    const send = (w: PoolWorker) => {
      const piece = w.retired ? undefined : pieces.take();
      if (!piece) return;
      const task = w.run(slice(piece)).then(
        (values) => {
          out.set(values, piece[0]);
          send(w);
        },
        () => {
          pieces.giveBack(piece);
          w.retire();
        },
      ).finally(() => inFlight.delete(task));
      inFlight.add(task);
    };
    const started = helpers.map(async (w) => {
      if (!(await w.booted) || pieces.empty || w.retired) return;
      w.post({ type: "job", job });
      for (let k = 0; k < DEPTH; k++) send(w);
    });
    try {
      let last = performance.now();
      for (let piece = pieces.take(); piece; piece = pieces.take()) {
        out.set(evaluator.evaluate(slice(piece)), piece[0]);
        if (performance.now() - last >= YIELD_EVERY) {
          // A timer costs about 2 ms here; a MessageChannel round trip is
          // cheaper but, measured under Deno 2.9, starves worker_threads
          // messages (a worker got 20 pieces while the main thread did 2,580).
          await new Promise((resolve) => setTimeout(resolve, 0));
          last = performance.now();
        }
      }
      while (inFlight.size > 0) await Promise.all([...inFlight]);
      // A worker that failed gave its piece back after the main loop ended.
      for (let piece = pieces.take(); piece; piece = pieces.take()) {
        out.set(evaluator.evaluate(slice(piece)), piece[0]);
      }
    } finally {
      for (const w of helpers) w.unref();
      void Promise.all(started).then(async () => {
        while (inFlight.size > 0) await Promise.all([...inFlight]);
        helpers.forEach((w) => (w.busy = false));
      });
    }
    return out;
  } finally {
    evaluator.dispose();
  }
}

/** A worker thread of the pool; it answers requests in the order they are sent. */
class PoolWorker {
  readonly #worker: Worker;
  /** Resolves true once the worker has its tfjs ready, false if it failed to start. */
  readonly booted: Promise<boolean>;
  readonly #pending: { resolve: (v: Float64Array) => void; reject: (e: Error) => void }[] = [];
  #sent = 0;
  retired = false;
  /** Serving a slice: one slice at a time, since a job replaces the last. */
  busy = false;

  constructor() {
    this.#worker = new Worker(new URL("./_slice_worker.ts", import.meta.url));
    this.#worker.unref();
    this.booted = new Promise((resolve) => {
      this.#worker.once("message", (m: WorkerReply) => resolve(m.type === "boot"));
      this.#worker.once("error", () => resolve(false));
    });
    this.#worker.on("message", (m: WorkerReply) => {
      if (m.type === "boot") return;
      const pending = this.#pending.shift();
      if (m.type === "losses") pending?.resolve(m.values);
      else pending?.reject(new Error(m.message));
    });
    this.#worker.on("error", () => this.retire());
  }

  post(m: WorkerRequest): void {
    this.#worker.postMessage(m);
  }

  run(points: Float64Array): Promise<Float64Array> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ resolve, reject });
      this.post({ type: "points", chunk: this.#sent++, points });
    });
  }

  ref(): void {
    if (!this.retired) this.#worker.ref();
  }

  unref(): void {
    if (!this.retired) this.#worker.unref();
  }

  /** Stops the worker for good (after an error, or at shutdown). */
  retire(): Promise<unknown> {
    if (this.retired) return Promise.resolve();
    this.retired = true;
    for (const p of this.#pending.splice(0)) p.reject(new Error("the worker stopped"));
    workerPool = workerPool.filter((w) => w !== this);
    return this.#worker.terminate();
  }
}

let workerPool: PoolWorker[] = [];

/**
 * Up to `size` idle workers, started as needed; a slice running at the same
 * time keeps its own, and the pool never grows beyond `size`.
 */
function pool(size: number): PoolWorker[] {
  const idle = workerPool.filter((w) => !w.busy);
  while (idle.length < size && workerPool.length < size) {
    const w = new PoolWorker();
    workerPool.push(w);
    idle.push(w);
  }
  return idle.slice(0, size);
}

/**
 * Stops the worker threads of the fast path. They never keep a program
 * alive, so this is only needed where every thread must be gone, such as at
 * the end of a test; the next slice starts new ones.
 */
export async function closeWorkers(): Promise<void> {
  await Promise.all([...workerPool].map((w) => w.retire()));
}

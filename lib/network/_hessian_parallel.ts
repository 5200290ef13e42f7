/**
 * Hessian-vector products on two threads: the analytic path's rows split
 * between the main thread and a worker thread (`_hessian_worker.ts`) with
 * its own tfjs wasm instance, since tfjs's wasm backend uses one core.
 *
 * @module
 */

import { Worker } from "node:worker_threads";
import { densePlan } from "./_dense_evaluator.ts";
import {
  analyticSupports,
  denseHessian,
  type DenseHessianJob,
  type HessianOperator,
  hessianOperator,
  type HessianWorkerReply,
  type HessianWorkerRequest,
  type OperatorPath,
} from "./_hessian_operator.ts";
import type { LossName } from "./_resolve_loss.ts";
import { sliceContext } from "./_slice_eval.ts";
import { type Dataset, tf } from "./tf.ts";
import { type Model, vectorToTensors, weightVector } from "./weights.ts";

/** A product that may run on several threads. */
export interface ParallelHessianOperator {
  size: number;
  apply(v: Float32Array): Promise<Float32Array>;
  dispose(): void;
}

/** From this many rows on, the analytic path splits them with a worker. */
export const MIN_SPLIT_ROWS = 512;

/**
 * Like {@linkcode hessianOperator}, with the analytic path's rows split in
 * two halves — the first on this thread, the second on a worker thread with
 * its own tfjs wasm instance (tfjs's wasm backend uses one core) — when
 * `workers` > 0 and there are at least {@linkcode MIN_SPLIT_ROWS} rows. The
 * halves' products add up to the whole, always in the same order, so the
 * numbers do not depend on timing; if the worker fails, this thread computes
 * its half too.
 */
export async function parallelHessianOperator(
  model: Model,
  data: Dataset,
  path: OperatorPath,
  workers: number,
): Promise<ParallelHessianOperator> {
  const op = hessianOperator(model, data, path);
  const rows = data.x.shape[0]!;
  if (workers < 1 || rows < MIN_SPLIT_ROWS || path === "differences" || path === "tape") {
    return {
      size: op.size,
      apply: (v) => Promise.resolve(op.apply(v)),
      dispose: () => op.dispose(),
    };
  }
  const ctx = sliceContext(model, data);
  const plan = densePlan(model, ctx.layout);
  const helper = plan && analyticSupports(plan, ctx.loss.name) ? await hessianWorker() : undefined;
  if (!plan || !helper) {
    return {
      size: op.size,
      apply: (v) => Promise.resolve(op.apply(v)),
      dispose: () => op.dispose(),
    };
  }
  op.dispose();
  const loss = ctx.loss.name as LossName;
  const { layout } = ctx;
  const half = Math.ceil(rows / 2);
  const [x0, y0] = [tf.slice(data.x, 0, half), tf.slice(data.y, 0, half)];
  const weights = model.trainableWeights.map((w) => w.read());
  const local = denseHessian(plan, loss, layout, weights, x0, y0, rows);
  const rest = (t: tf.Tensor) => {
    const width = t.size / rows;
    return {
      values: Float32Array.from(t.dataSync().subarray(half * width)),
      shape: [rows - half, ...t.shape.slice(1)],
    };
  };
  const [xr, yr] = [rest(data.x), rest(data.y)];
  const job: DenseHessianJob = {
    plan,
    loss,
    layout,
    theta: weightVector(model),
    x: xr.values,
    xShape: xr.shape,
    y: yr.values,
    yShape: yr.shape,
    divisor: rows,
  };
  let id: number | undefined = await helper.job(job).catch(() => undefined);
  // The second half on this thread, if the worker fails (built on first need).
  let fallback: { op: HessianOperator; tensors: tf.Tensor[] } | undefined;
  const mine = (v: Float32Array) => {
    if (!fallback) {
      const tensors = [
        ...vectorToTensors(job.theta, layout),
        tf.tensor(job.x, job.xShape),
        tf.tensor(job.y, job.yShape),
      ];
      const [x1, y1] = tensors.slice(-2) as [tf.Tensor, tf.Tensor];
      fallback = {
        op: denseHessian(plan, loss, layout, tensors.slice(0, -2), x1, y1, rows),
        tensors,
      };
    }
    return fallback.op.apply(v);
  };
  return {
    size: layout.size,
    async apply(v: Float32Array): Promise<Float32Array> {
      const remote = id === undefined ? undefined : helper.apply(id, v);
      const first = local.apply(v);
      let second: Float32Array;
      try {
        second = remote ? await remote : mine(v);
      } catch {
        id = undefined;
        second = mine(v);
      }
      for (let i = 0; i < first.length; i++) first[i]! += second[i]!;
      return first;
    },
    dispose() {
      local.dispose();
      tf.dispose([x0, y0]);
      if (id !== undefined) helper.drop(id);
      if (fallback) {
        fallback.op.dispose();
        tf.dispose(fallback.tensors);
      }
    },
  };
}

class HessianWorker {
  readonly #worker: Worker;
  readonly booted: Promise<boolean>;
  readonly #pending = new Map<
    number,
    { resolve: (m: HessianWorkerReply) => void; reject: (e: Error) => void }
  >();
  #seq = 0;
  stopped = false;

  constructor() {
    this.#worker = new Worker(new URL("./_hessian_worker.ts", import.meta.url));
    // Referenced until it has booted, so that waiting for it keeps the program alive.
    this.booted = new Promise<boolean>((resolve) => {
      this.#worker.once("message", (m: HessianWorkerReply) => resolve(m.type === "boot"));
      this.#worker.once("error", () => resolve(false));
    }).then((ok) => {
      if (this.#pending.size === 0 && !this.stopped) this.#worker.unref();
      return ok;
    });
    this.#worker.on("message", (m: HessianWorkerReply) => {
      if (m.type === "boot") return;
      const pending = this.#pending.get(m.seq);
      this.#pending.delete(m.seq);
      if (this.#pending.size === 0) this.#worker.unref();
      if (m.type === "error") pending?.reject(new Error(m.message));
      else pending?.resolve(m);
    });
    this.#worker.on("error", () => void this.stop());
  }

  #request(m: HessianWorkerRequest & { seq: number }): Promise<HessianWorkerReply> {
    if (this.stopped) return Promise.reject(new Error("the Hessian worker stopped"));
    return new Promise((resolve, reject) => {
      if (this.#pending.size === 0) this.#worker.ref();
      this.#pending.set(m.seq, { resolve, reject });
      this.#worker.postMessage(m);
    });
  }

  /** Builds a job in the worker; resolves with its id. */
  async job(job: DenseHessianJob): Promise<number> {
    const seq = this.#seq++;
    await this.#request({ type: "job", seq, job });
    return seq;
  }

  async apply(id: number, v: Float32Array): Promise<Float32Array> {
    const reply = await this.#request({ type: "apply", seq: this.#seq++, id, v });
    return (reply as { hv: Float32Array }).hv;
  }

  drop(id: number): void {
    if (!this.stopped) this.#worker.postMessage({ type: "drop", id });
  }

  stop(): Promise<unknown> {
    if (this.stopped) return Promise.resolve();
    this.stopped = true;
    for (const p of this.#pending.values()) p.reject(new Error("the Hessian worker stopped"));
    this.#pending.clear();
    if (shared === this) shared = undefined;
    return this.#worker.terminate();
  }
}

let shared: HessianWorker | undefined;

/** The shared worker, started on first use; undefined when it cannot start. */
async function hessianWorker(): Promise<HessianWorker | undefined> {
  shared ??= new HessianWorker();
  const w = shared;
  if (await w.booted) return w;
  await w.stop();
  return undefined;
}

/**
 * Stops the Hessian functions' worker thread. It never keeps a program
 * alive, so this is only needed where every thread must be gone, such as at
 * the end of a test; the next call starts a new one.
 */
export async function closeHessianWorker(): Promise<void> {
  await shared?.stop();
}

/**
 * A worker thread that computes its share of the rows of the analytic
 * Hessian-vector products (`_hessian_operator.ts`) with its own tfjs wasm
 * instance. Started and fed by `parallelHessianOperator`.
 *
 * Messages in: `{ type: "job", seq, job }` (builds an operator, answered by
 * `{ type: "done", seq }`), `{ type: "apply", seq, id, v }` (answered by
 * `{ type: "hv", seq, hv }`), `{ type: "drop", id }`. Out: `{ type: "boot" }`
 * once, `{ type: "error", seq, message }` for a request that failed.
 *
 * @module
 */

import { parentPort } from "node:worker_threads";
import {
  denseHessian,
  type HessianOperator,
  type HessianWorkerReply,
  type HessianWorkerRequest,
} from "./_hessian_operator.ts";
import { tf, tfReady } from "./tf.ts";
import { vectorToTensors } from "./weights.ts";

const port = parentPort;
if (port) {
  const jobs = new Map<number, { op: HessianOperator; tensors: tf.Tensor[] }>();
  const reply = (m: HessianWorkerReply, transfer: ArrayBuffer[] = []) =>
    port.postMessage(m, transfer);
  port.on("message", (m: HessianWorkerRequest) => {
    try {
      if (m.type === "job") {
        const { plan, loss, layout, theta, x, xShape, y, yShape, divisor } = m.job;
        const tensors = [
          ...vectorToTensors(theta, layout),
          tf.tensor(x, xShape),
          tf.tensor(y, yShape),
        ];
        const [xt, yt] = tensors.slice(-2) as [tf.Tensor, tf.Tensor];
        const op = denseHessian(plan, loss, layout, tensors.slice(0, -2), xt, yt, divisor);
        jobs.set(m.seq, { op, tensors });
        reply({ type: "done", seq: m.seq });
      } else if (m.type === "apply") {
        const job = jobs.get(m.id);
        if (!job) throw new Error(`no Hessian job ${m.id} in the worker`);
        const hv = job.op.apply(m.v);
        reply({ type: "hv", seq: m.seq, hv }, [hv.buffer as ArrayBuffer]);
      } else if (m.type === "drop") {
        const job = jobs.get(m.id);
        jobs.delete(m.id);
        job?.op.dispose();
        if (job) tf.dispose(job.tensors);
      }
    } catch (e) {
      if (m.type !== "drop") {
        reply({ type: "error", seq: m.seq, message: e instanceof Error ? e.message : String(e) });
      }
    }
  });
  reply({ type: "boot", backend: await tfReady() });
}

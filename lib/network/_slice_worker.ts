/**
 * A worker thread that evaluates dense slices (`lib/network/_dense_evaluator.ts`) with its
 * own tfjs wasm instance: tfjs's wasm backend is single-threaded under Deno,
 * so a second core helps only through a second instance. Started and fed by
 * `lib/network/_slice_eval.ts`.
 *
 * Messages in: `{ type: "job", job }` (replaces the current job), then
 * `{ type: "points", chunk, points }`. Messages out: `{ type: "boot", backend }`
 * once, `{ type: "losses", chunk, values }` per chunk, `{ type: "error", message }`.
 *
 * @module
 */

import { parentPort } from "node:worker_threads";
import { DenseEvaluator, type DenseJob } from "./_dense_evaluator.ts";
import { tfReady } from "./tf.ts";

/** A message the worker accepts. */
export type WorkerRequest =
  | { type: "job"; job: DenseJob }
  | { type: "points"; chunk: number; points: Float64Array };

/** A message the worker sends. */
export type WorkerReply =
  | { type: "boot"; backend: string }
  | { type: "losses"; chunk: number; values: Float64Array }
  | { type: "error"; message: string };

const port = parentPort;
if (port) {
  let evaluator: DenseEvaluator | undefined;
  const reply = (m: WorkerReply) => port.postMessage(m);
  port.on("message", (m: WorkerRequest) => {
    try {
      if (m.type === "job") {
        evaluator?.dispose();
        evaluator = new DenseEvaluator(m.job);
      } else if (evaluator) {
        const values = evaluator.evaluate(m.points);
        port.postMessage({ type: "losses", chunk: m.chunk, values }, [
          values.buffer as ArrayBuffer,
        ]);
      } else {
        reply({ type: "error", message: "points arrived before a job" });
      }
    } catch (e) {
      reply({ type: "error", message: e instanceof Error ? e.message : String(e) });
    }
  });
  reply({ type: "boot", backend: await tfReady() });
}

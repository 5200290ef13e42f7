/**
 * The one TensorFlow.js instance of the toolkit, on the WebAssembly backend.
 *
 * Everything high-dimensional in `lib/` (weights, directions, slices,
 * trajectories) and every notebook uses this `tf`, so tensors and models move
 * freely between them. The backend is `wasm`, loaded from the `.wasm` files of
 * the `@tensorflow/tfjs-backend-wasm` npm package on disk (never from the
 * network); when that fails, `cpu` with a one-line notice.
 *
 * Initialization runs once when this module is first imported. Measured here
 * (tfjs 4.22, Deno 2.9, warm module cache): importing tfjs takes about 55 ms
 * and starting the wasm backend about 10 ms, so there is no point in making the
 * backend lazy — and doing it eagerly means a notebook's own `tf.sequential()`
 * runs on wasm too, instead of starting on `cpu` and migrating later.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { fileURLToPath } from "node:url";

/**
 * TensorFlow.js (`@tensorflow/tfjs`), initialized on the wasm backend: use it
 * for every tensor and model that meets `lib/`.
 */
export * as tf from "@tensorflow/tfjs";
/**
 * The tfjs types that the network layer's signatures name, exported so that
 * they are part of the documented API; the same types as `tf.Tensor`,
 * `tf.Sequential` and so on.
 */
export type {
  CustomCallbackArgs,
  LayersModel,
  Sequential,
  Tensor,
  Tensor2D,
} from "@tensorflow/tfjs";

/** The backends the toolkit runs on: `wasm` normally, `cpu` as the fallback. */
export type BackendName = "wasm" | "cpu";

/**
 * A data set as tensors: inputs and targets with one row per example, as the
 * slices, training and the Hessian take it.
 */
export interface Dataset {
  /** The inputs, shape `[examples, features]`. */
  x: tf.Tensor;
  /** The targets, one row per example (one-hot for classes). */
  y: tf.Tensor;
}

/**
 * The folder holding the `.wasm` binaries: the `dist/` folder of the resolved
 * `@tensorflow/tfjs-backend-wasm` module, as a file-system path ending in `/`.
 */
function wasmFolder(): string {
  const entry = import.meta.resolve("@tensorflow/tfjs-backend-wasm");
  if (!entry.startsWith("file:")) throw new Error(`the wasm package resolved to ${entry}`);
  return fileURLToPath(new URL("./", entry));
}

async function initialize(): Promise<BackendName> {
  let reason = "";
  try {
    setWasmPaths(wasmFolder());
    if (await tf.setBackend("wasm")) return "wasm";
    reason = "tf.setBackend('wasm') returned false";
  } catch (e) {
    reason = e instanceof Error ? e.message : String(e);
  }
  await tf.setBackend("cpu");
  console.warn(`loss-landscapes: the tfjs wasm backend is unavailable (${reason}); using cpu`);
  return "cpu";
}

const backend: Promise<BackendName> = initialize();
await backend;

/**
 * Resolves with the backend the toolkit runs on, once it is ready. The module
 * already waits for it at import; the function is there for code that wants
 * to say so, and to report the backend.
 *
 * @returns `"wasm"`, or `"cpu"` when the wasm backend could not start.
 *
 * @example The toolkit runs on the WebAssembly backend
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { tfReady, tf } from "./tf.ts";
 *
 * const name = await tfReady();
 * strictEqual(name, tf.getBackend());
 * strictEqual(name, "wasm");
 * ```
 */
export function tfReady(): Promise<BackendName> {
  return backend;
}

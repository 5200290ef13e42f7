import { strictEqual } from "node:assert";
import { tf, tfReady } from "../lib/network/mod.ts";
import { tf as own } from "../lib/network/tf.ts";

Deno.test("tf is one shared instance, on the wasm backend", async () => {
  strictEqual(await tfReady(), "wasm");
  strictEqual(tf.getBackend(), "wasm");
  strictEqual(tf, own);
  const m = tf.matMul(tf.tensor2d([[1, 2]]), tf.tensor2d([[3], [4]]));
  strictEqual(m.dataSync()[0], 11);
  m.dispose();
});

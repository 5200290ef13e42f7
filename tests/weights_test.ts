import { deepStrictEqual, strictEqual, throws } from "node:assert";
import {
  setWeightVector,
  tensorsToVector,
  tf,
  vectorToTensors,
  weightLayout,
  weightVector,
} from "../lib/network/mod.ts";
import { trainableVector } from "../lib/network/weights.ts";

function convNet() {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [6, 6, 2], filters: 4, kernelSize: 3 }),
      tf.layers.batchNormalization(),
      tf.layers.flatten(),
      tf.layers.dense({ units: 3, useBias: false }),
    ],
  });
}

Deno.test("weightLayout() lists trainable tensors with one filter per output unit or channel", () => {
  const layout = weightLayout(convNet());
  deepStrictEqual(
    layout.entries.map((e) => [e.shape, e.offset, e.filters]),
    [
      [[3, 3, 2, 4], 0, 4],
      [[4], 72, 0],
      [[4], 76, 0], // batch-norm gamma
      [[4], 80, 0], // batch-norm beta
      [[64, 3], 84, 3],
    ],
  );
  strictEqual(layout.size, 84 + 192);
});

Deno.test("weightVector() and setWeightVector() round-trip, leaving non-trainable weights alone", () => {
  const model = convNet();
  const v = weightVector(model);
  const moving = model.getWeights().slice(-2).map((t) => t.dataSync().slice());
  const changed = v.map((x, i) => x + i * 1e-3);
  setWeightVector(model, changed);
  deepStrictEqual(weightVector(model), changed);
  deepStrictEqual(model.getWeights().slice(-2).map((t) => t.dataSync().slice()), moving);
  throws(() => setWeightVector(model, new Float32Array(3)), {
    name: "RangeError",
    message: "Expected vector to have 276 numbers (one per trainable weight) but found 3",
  });
});

Deno.test("vectorToTensors() and tensorsToVector() are inverse", () => {
  const model = convNet();
  const layout = weightLayout(model);
  const v = Float32Array.from({ length: layout.size }, (_, i) => Math.sin(i));
  const tensors = vectorToTensors(v, layout);
  deepStrictEqual(tensors.map((t) => t.shape), layout.entries.map((e) => e.shape));
  deepStrictEqual(tensorsToVector(tensors), v);
  tf.dispose(tensors);
});

Deno.test("trainableVector() takes all weights or trainable ones and checks shapes", () => {
  const model = convNet();
  const all = model.getWeights();
  strictEqual(all.length, 7);
  deepStrictEqual(trainableVector(model, all, "w"), weightVector(model));
  deepStrictEqual(trainableVector(model, model.getWeights(true), "w"), weightVector(model));
  throws(() => trainableVector(model, all.slice(1), "w"), RangeError);
  throws(() => trainableVector(model, [...all.slice(0, 4), tf.zeros([3, 64])], "w"), {
    name: "RangeError",
    message:
      /^Expected w\[4\] \(dense_Dense\d+\/kernel\) to have shape \[64, 3\] but found \[3, 64\]$/,
  });
});

Deno.test("weightLayout() rejects models without trainable weights and things that are not models", () => {
  const empty = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [2, 2] })] });
  throws(() => weightLayout(empty), {
    name: "TypeError",
    message: "Expected a model with trainable weights but found none",
  });
  // deno-lint-ignore no-explicit-any
  throws(() => weightLayout({} as any), {
    name: "TypeError",
    message: "Expected a tfjs LayersModel but found Object",
  });
});

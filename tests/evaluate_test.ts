import { ok, strictEqual, throws } from "node:assert";
import { classification, mlp, modelLoss, spirals, tf } from "../lib/mod.ts";

/** y = a·x + b as a one-unit dense layer with the given weights. */
function line(a: number, b: number): tf.Sequential {
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [1], units: 1 })] });
  model.setWeights([tf.tensor2d([[a]]), tf.tensor1d([b])]);
  return model;
}

const near = (a: number, b: number, tol: number) =>
  ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

Deno.test("modelLoss() is the mean squared error of a line fitted by hand", () => {
  const model = line(2, 1);
  model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
  // Predictions 3, 5, 7 against 3, 7, 4: errors 0, 2, −3.
  const data = { x: tf.tensor2d([[1], [2], [3]]), y: tf.tensor2d([[3], [7], [4]]) };
  near(modelLoss(model, data), (0 + 4 + 9) / 3, 1e-6);
});

Deno.test("modelLoss() uses the compiled loss, not a metric the model also reports", () => {
  const model = line(1, 0);
  model.compile({ optimizer: "sgd", loss: "meanAbsoluteError", metrics: ["mse"] });
  const data = { x: tf.tensor2d([[0], [0]]), y: tf.tensor2d([[1], [3]]) };
  // Absolute errors 1 and 3: mean 2 (the squared errors would give 5).
  near(modelLoss(model, data), 2, 1e-6);
});

Deno.test("modelLoss() of an mlp is its softmax cross-entropy, averaged over every row", () => {
  // 100 rows: more than tfjs's evaluation batch of 32, so the batches are averaged too.
  const data = classification(spirals({ n: 100, classes: 3, seed: 4 }));
  const model = mlp({ inputs: 2, outputs: 3, hidden: [6], seed: 4 });
  const logits = (model.predict(data.x) as tf.Tensor).arraySync() as number[][];
  const targets = data.y.arraySync() as number[][];
  const want = logits.reduce((sum, z, i) => {
    const m = Math.max(...z);
    const logSum = m + Math.log(z.reduce((s, v) => s + Math.exp(v - m), 0));
    return sum + logSum - z[targets[i]!.indexOf(1)]!;
  }, 0) / logits.length;
  near(modelLoss(model, data), want, 1e-5);
  near(modelLoss(model, data), (model.evaluate(data.x, data.y) as tf.Scalar).dataSync()[0]!, 0);
});

Deno.test("modelLoss() leaves no tensors behind", () => {
  const model = line(1, 0);
  model.compile({ optimizer: "sgd", loss: "meanSquaredError", metrics: ["mae"] });
  const data = { x: tf.tensor2d([[1], [2]]), y: tf.tensor2d([[1], [1]]) };
  const before = tf.memory().numTensors;
  modelLoss(model, data);
  modelLoss(model, data);
  // model.evaluate alone would leave its loss and metric scalars, two per call.
  strictEqual(tf.memory().numTensors, before);
});

Deno.test("modelLoss() rejects a model that is not compiled and malformed data", () => {
  const data = { x: tf.tensor2d([[1], [2]]), y: tf.tensor2d([[1], [1]]) };
  throws(() => modelLoss(line(1, 0), data), { name: "TypeError", message: /model\.compile/ });
  const model = line(1, 0);
  model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
  throws(() => modelLoss(model, { x: data.x, y: tf.tensor2d([[1]]) }), {
    name: "TypeError",
    message: /same number of rows.*2 and 1/,
  });
  throws(
    () => modelLoss(model, { x: [[1]], y: [[1]] } as unknown as typeof data),
    { name: "TypeError", message: /tensors/ },
  );
  throws(() => modelLoss({} as unknown as tf.Sequential, data), {
    name: "TypeError",
    message: /layers model/,
  });
});

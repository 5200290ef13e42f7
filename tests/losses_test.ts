import { deepStrictEqual, ok, strictEqual, throws } from "node:assert";
import * as tf from "@tensorflow/tfjs";
import { binaryCrossEntropy, crossEntropy, EPSILON, huber, mae, mse } from "../lib/data/losses.ts";

await tf.setBackend("cpu");

/** A small seeded generator (mulberry32), so every run sees the same numbers. */
function random(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function close(actual: number, expected: number, tolerance: number, what = ""): void {
  ok(
    Math.abs(actual - expected) <= tolerance,
    `${what} expected ${expected} but found ${actual} (tolerance ${tolerance})`,
  );
}

/**
 * tfjs computes in float32: each operation rounds to about 6e-8 relative, and
 * measured differences from our float64 results stay under 1e-7 relative. We
 * allow 1e-6 relative (about 8 float32 units in the last place) on numbers of
 * size at least 1, and 1e-6 absolute below that.
 */
const FLOAT32_TOLERANCE = 1e-6;
function closeToTf(ours: number, theirs: tf.Tensor, what: string): void {
  const t = theirs.dataSync()[0]!;
  close(ours, t, FLOAT32_TOLERANCE * Math.max(1, Math.abs(t)), what);
}

// Hand-computed values

Deno.test("mse() averages squared errors", () => {
  strictEqual(mse([1, 2, 3], [2, 2, 5]), (1 + 0 + 4) / 3);
  strictEqual(mse([1, 2, 3], [2, 2, 5], { reduction: "sum" }), 5);
  deepStrictEqual(mse([1, 2, 3], [2, 2, 5], { reduction: "none" }), [1, 0, 4]);
});

Deno.test("mae() averages absolute errors", () => {
  strictEqual(mae([1, 2, 3], [2, 2, 6]), (1 + 0 + 3) / 3);
  strictEqual(mae([-1], [1]), 2);
  deepStrictEqual(mae([1, 2, 3], [2, 2, 6], { reduction: "none" }), [1, 0, 3]);
});

Deno.test("huber() is quadratic up to delta and linear beyond", () => {
  // errors 0.5, 1, 3 with delta 1: 0.125, 0.5, 1 * (3 - 0.5)
  deepStrictEqual(huber([0.5, 1, 3], [0, 0, 0], { reduction: "none" }), [0.125, 0.5, 2.5]);
  // delta 2: error 3 costs 2 * (3 - 1) = 4, error 1 costs 0.5
  strictEqual(huber([1, -3], [0, 0], { delta: 2 }), (0.5 + 4) / 2);
});

Deno.test("binaryCrossEntropy() is minus the mean log-probability of the right answer", () => {
  const expected = -(Math.log(0.9) + Math.log(1 - 0.2) + Math.log(0.6)) / 3;
  close(binaryCrossEntropy([0.9, 0.2, 0.6], [1, 0, 1]), expected, 1e-15);
  // soft label 0.5 at p = 0.5 costs ln 2
  close(binaryCrossEntropy([0.5], [0.5]), Math.LN2, 1e-15);
});

Deno.test("crossEntropy() takes class indices or probability rows as targets", () => {
  const p = [[0.7, 0.2, 0.1], [0.1, 0.1, 0.8], [0.25, 0.5, 0.25]];
  const expected = -(Math.log(0.7) + Math.log(0.8) + Math.log(0.5)) / 3;
  close(crossEntropy(p, [0, 2, 1]), expected, 1e-15);
  close(crossEntropy(p, [[1, 0, 0], [0, 0, 1], [0, 1, 0]]), expected, 1e-15);
  // a soft target mixes the log-probabilities
  close(crossEntropy([[0.7, 0.3]], [[0.5, 0.5]]), -(Math.log(0.7) + Math.log(0.3)) / 2, 1e-15);
  close(crossEntropy(p, [0, 2, 1], { reduction: "sum" }), 3 * expected, 1e-14);
  strictEqual(crossEntropy(p, [0, 2, 1], { reduction: "none" }).length, 3);
});

Deno.test("losses accept typed arrays and give the same result as plain arrays", () => {
  const p = [0.25, 0.5, 0.75];
  const t = [0, 1, 1];
  strictEqual(mse(Float64Array.from(p), Float64Array.from(t)), mse(p, t));
  strictEqual(mae(Float64Array.from(p), t), mae(p, t));
  strictEqual(huber(p, Float64Array.from(t)), huber(p, t));
  strictEqual(
    binaryCrossEntropy(Float64Array.from(p), Uint8Array.from(t)),
    binaryCrossEntropy(p, t),
  );
  const rows = [[0.5, 0.5], [0.25, 0.75]];
  strictEqual(
    crossEntropy(rows.map((r) => Float32Array.from(r)), Int32Array.from([0, 1])),
    crossEntropy(rows, [0, 1]),
  );
});

// Agreement with tfjs on the same numbers

Deno.test("mse(), mae() and huber() agree with tf.losses within float32 rounding", () => {
  const r = random(1);
  for (let trial = 0; trial < 30; trial++) {
    const n = 1 + Math.floor(r() * 400);
    const scale = [1, 100, 5000][trial % 3]!;
    // Float32Array inputs, so tf and we start from exactly the same numbers.
    const p = Float32Array.from({ length: n }, () => (r() - 0.5) * scale);
    const t = Float32Array.from({ length: n }, () => (r() - 0.5) * scale);
    const delta = scale / 4;
    closeToTf(mse(p, t), tf.losses.meanSquaredError(t, p), `mse trial ${trial}`);
    closeToTf(mae(p, t), tf.losses.absoluteDifference(t, p), `mae trial ${trial}`);
    closeToTf(huber(p, t), tf.losses.huberLoss(t, p), `huber trial ${trial}`);
    closeToTf(
      huber(p, t, { delta }),
      tf.losses.huberLoss(t, p, undefined, delta),
      `huber delta trial ${trial}`,
    );
  }
});

Deno.test("binaryCrossEntropy() agrees with Keras's binaryCrossentropy and tf.losses.sigmoidCrossEntropy", () => {
  const r = random(2);
  for (let trial = 0; trial < 30; trial++) {
    const n = 1 + Math.floor(r() * 400);
    const p = Float32Array.from({ length: n }, () => r());
    const y = Float32Array.from({ length: n }, () => (r() < 0.5 ? 0 : 1));
    const z = Float32Array.from({ length: n }, () => (r() - 0.5) * 20);
    closeToTf(
      binaryCrossEntropy(p, y),
      tf.metrics.binaryCrossentropy(tf.tensor1d(y), tf.tensor1d(p)),
      `probabilities trial ${trial}`,
    );
    closeToTf(
      binaryCrossEntropy(z, y, { fromLogits: true }),
      tf.losses.sigmoidCrossEntropy(y, z),
      `logits trial ${trial}`,
    );
  }
});

Deno.test("binaryCrossEntropy() differs from tf.losses.logLoss by at most epsilon / p", () => {
  // logLoss adds ε inside the logarithm; we clip like Keras. For p in
  // [0.01, 0.99] the two differ by at most ε / 0.01 = 1e-5 per example.
  const r = random(3);
  const p = Float32Array.from({ length: 300 }, () => 0.01 + 0.98 * r());
  const y = Float32Array.from({ length: 300 }, () => (r() < 0.5 ? 0 : 1));
  const theirs = tf.losses.logLoss(y, p).dataSync()[0]!;
  close(binaryCrossEntropy(p, y), theirs, EPSILON / 0.01 + FLOAT32_TOLERANCE, "logLoss");
});

Deno.test("crossEntropy() agrees with Keras's categoricalCrossentropy and tf.losses.softmaxCrossEntropy", () => {
  const r = random(4);
  for (let trial = 0; trial < 30; trial++) {
    const n = 1 + Math.floor(r() * 300);
    const k = 2 + (trial % 4);
    const logits = Array.from(
      { length: n },
      () => Array.from({ length: k }, () => (r() - 0.5) * 10),
    );
    const classes = Array.from({ length: n }, () => Math.floor(r() * k));
    const oneHot = tf.oneHot(tf.tensor1d(classes, "int32"), k);
    // Probabilities as tf computes them (float32), so both sides see the same rows.
    const probs = tf.softmax(tf.tensor2d(logits)).arraySync() as number[][];
    closeToTf(
      crossEntropy(probs, classes),
      tf.metrics.categoricalCrossentropy(oneHot, tf.tensor2d(probs)).mean(),
      `probabilities trial ${trial}`,
    );
    closeToTf(
      crossEntropy(logits, classes, { fromLogits: true }),
      tf.losses.softmaxCrossEntropy(oneHot, tf.tensor2d(logits)),
      `logits trial ${trial}`,
    );
  }
});

Deno.test("log(0) is clipped to [1e-7, 1 − 1e-7] rounded to float32, as Keras and tfjs do", () => {
  strictEqual(EPSILON, 1e-7);
  strictEqual(tf.backend().epsilon(), EPSILON);
  const bceTf = (p: number[], y: number[]) =>
    tf.metrics.binaryCrossentropy(tf.tensor1d(y), tf.tensor1d(p)).dataSync()[0]!;
  // The float32 bounds: 1e-7 moves by 1.2e-16, 1 − 1e-7 becomes 1 − 2^-23 = 1 − 1.19e-7.
  const low = Math.fround(1e-7);
  const high = Math.fround(1 - 1e-7);
  strictEqual(1 - high, 2 ** -23);

  // Confidently wrong at p = 0: −ln(1e-7) ≈ 16.118, finite, as in tfjs.
  const wrongLow = binaryCrossEntropy([0], [1]);
  close(wrongLow, -Math.log(low), 1e-12);
  close(wrongLow, bceTf([0], [1]), FLOAT32_TOLERANCE * wrongLow, "wrong at p = 0");

  // Confidently wrong at p = 1: −ln(1 − high) = 23 ln 2 ≈ 15.942, as tfjs and
  // Keras charge (clipping at 1 − 1e-7 in float64 would give 16.118).
  const wrongHigh = binaryCrossEntropy([1], [0]);
  close(wrongHigh, 23 * Math.LN2, 1e-12);
  close(wrongHigh, bceTf([1], [0]), FLOAT32_TOLERANCE * wrongHigh, "wrong at p = 1");

  // Perfectly right: −ln(high) ≈ 1.19e-7 at p = 1 and −ln(1 − low) ≈ 1e-7 at p = 0, not 0.
  const right = binaryCrossEntropy([1, 0], [1, 0]);
  close(right, -(Math.log(high) + Math.log1p(-low)) / 2, 1e-15);
  close(bceTf([1, 0], [1, 0]), right, 2e-8, "right");

  const oneHot = [[1, 0, 0], [0, 1, 0]];
  close(crossEntropy(oneHot, [0, 1]), -Math.log(high), 1e-15);
  close(crossEntropy(oneHot, [2, 2]), -Math.log(low), 1e-12);
  closeToTf(
    crossEntropy(oneHot, [2, 2]),
    tf.metrics.categoricalCrossentropy(tf.tensor2d([[0, 0, 1], [0, 0, 1]]), tf.tensor2d(oneHot))
      .mean(),
    "categorical wrong",
  );

  // A custom epsilon moves the cap; epsilon 0 lets it reach Infinity.
  close(binaryCrossEntropy([0], [1], { epsilon: 1e-3 }), -Math.log(Math.fround(1e-3)), 1e-12);
  close(binaryCrossEntropy([1], [0], { epsilon: 1e-3 }), -Math.log(1 - Math.fround(0.999)), 1e-12);
  strictEqual(binaryCrossEntropy([0], [1], { epsilon: 0 }), Infinity);
});

Deno.test("losses from logits stay finite for huge scores", () => {
  strictEqual(crossEntropy([[1000, 0]], [0], { fromLogits: true }), 0);
  strictEqual(crossEntropy([[0, 1000]], [0], { fromLogits: true }), 1000);
  strictEqual(binaryCrossEntropy([1000], [1], { fromLogits: true }), 0);
  strictEqual(binaryCrossEntropy([-1000], [1], { fromLogits: true }), 1000);
});

// Errors

Deno.test("losses reject mismatched lengths", () => {
  for (const f of [mse, mae, huber, binaryCrossEntropy]) {
    throws(() => f([0.1, 0.2, 0.3], [0, 1, 0, 1]), {
      name: "RangeError",
      message: "Expected predictions and targets to have the same length but found 3 and 4",
    });
  }
  throws(() => crossEntropy([[0.5, 0.5]], [0, 1]), {
    name: "RangeError",
    message: "Expected predictions and targets to have the same length but found 1 and 2",
  });
});

Deno.test("losses reject empty inputs", () => {
  for (const f of [mse, mae, huber, binaryCrossEntropy]) {
    throws(() => f([], []), {
      name: "RangeError",
      message: "Expected at least one prediction and target but found empty arrays",
    });
  }
  throws(() => crossEntropy([], []), {
    name: "RangeError",
    message: "Expected at least one prediction and target but found empty arrays",
  });
  throws(() => crossEntropy([[]], [0]), {
    name: "RangeError",
    message: "Expected predictions[0] to have at least one class but found 0",
  });
});

Deno.test("losses reject NaN, Infinity and non-numbers", () => {
  throws(() => mse([1, NaN, 3], [1, 2, 3]), {
    name: "RangeError",
    message: "Expected predictions[1] to be a finite number but found NaN",
  });
  throws(() => mae([1, 2], [1, Infinity]), {
    name: "RangeError",
    message: "Expected targets[1] to be a finite number but found Infinity",
  });
  throws(() => huber([1, "2"] as unknown as number[], [1, 2]), {
    name: "TypeError",
    message: 'Expected predictions[1] to be a number but found "2"',
  });
  throws(() => mse("123" as unknown as number[], [1, 2, 3]), {
    name: "TypeError",
    message: 'Expected predictions to be an array or typed array but found "123"',
  });
  throws(() => crossEntropy([[0.5, NaN]], [0]), {
    name: "RangeError",
    message: "Expected predictions[0][1] to be a finite number but found NaN",
  });
  throws(() => binaryCrossEntropy([NaN], [1], { fromLogits: true }), {
    name: "RangeError",
    message: "Expected predictions[0] to be a finite number but found NaN",
  });
});

Deno.test("cross-entropies reject probabilities outside [0, 1]", () => {
  throws(() => binaryCrossEntropy([0.5, 1.2], [1, 0]), {
    name: "RangeError",
    message: "Expected predictions[1] to be a probability from 0 to 1 but found 1.2",
  });
  throws(() => binaryCrossEntropy([0.5, 0.5], [1, 2]), {
    name: "RangeError",
    message: "Expected targets[1] to be a probability from 0 to 1 but found 2",
  });
  throws(() => binaryCrossEntropy([0.5], [-1], { fromLogits: true }), {
    name: "RangeError",
    message: "Expected targets[0] to be a probability from 0 to 1 but found -1",
  });
  throws(() => crossEntropy([[1.5, -0.5]], [0]), {
    name: "RangeError",
    message: "Expected predictions[0][0] to be a probability from 0 to 1 but found 1.5",
  });
  throws(() => crossEntropy([[0.5, 0.5]], [[2, -1]]), {
    name: "RangeError",
    message: "Expected targets[0][0] to be a probability from 0 to 1 but found 2",
  });
});

Deno.test("crossEntropy() divides prediction rows by their sum, as Keras and tf.metrics do", () => {
  // [0.3, 0.3] is read as [0.5, 0.5]; [0.2, 0.6] (sum 0.8) as [0.25, 0.75].
  close(crossEntropy([[0.5, 0.5], [0.3, 0.3]], [0, 1]), Math.LN2, 1e-15);
  close(crossEntropy([[0.2, 0.6]], [1]), -Math.log(0.75), 1e-15);
  close(crossEntropy([[0.2, 0.6]], [[0.5, 0.5]]), -(Math.log(0.25) + Math.log(0.75)) / 2, 1e-15);
  // Rows summing to anything from 0.1 to 3, against tfjs-layers' categoricalCrossentropy.
  const r = random(8);
  const rows = Array.from({ length: 50 }, () => Array.from({ length: 4 }, () => Math.fround(r())));
  const classes = rows.map(() => Math.floor(r() * 4));
  closeToTf(
    crossEntropy(rows, classes),
    tf.metrics.categoricalCrossentropy(
      tf.oneHot(tf.tensor1d(classes, "int32"), 4),
      tf.tensor2d(rows),
    ).mean(),
    "unnormalised rows",
  );
  // A row of zeros has no sum to divide by.
  throws(() => crossEntropy([[0.5, 0.5], [0, 0]], [0, 1]), {
    name: "RangeError",
    message: "Expected predictions[1] to have a positive sum to divide by but found 0",
  });
});

Deno.test("crossEntropy() rejects target rows that do not sum to 1, ragged rows and bad class indices", () => {
  throws(() => crossEntropy([[0.5, 0.5]], [[1, 1]]), {
    name: "RangeError",
    message: "Expected targets[0] to sum to 1 but found 2",
  });
  throws(() => crossEntropy([[0.5, 0.5], [1]], [0, 0]), {
    name: "RangeError",
    message: "Expected every row of predictions to have 2 classes but predictions[1] has 1",
  });
  throws(() => crossEntropy([[0.5, 0.5]], [[0, 0, 1]]), {
    name: "RangeError",
    message: "Expected every row of targets to have 2 classes like predictions but found 3",
  });
  throws(() => crossEntropy([[0.5, 0.5], [0.5, 0.5]], [0, 2]), {
    name: "RangeError",
    message: "Expected targets[1] to be a class index from 0 to 1 but found 2",
  });
  throws(() => crossEntropy([[0.5, 0.5]], [0.5]), {
    name: "RangeError",
    message: "Expected targets[0] to be a class index from 0 to 1 but found 0.5",
  });
  throws(() => crossEntropy([0.5, 0.5] as unknown as number[][], [0, 1]), {
    name: "TypeError",
    message: "Expected predictions[0] to be an array of class probabilities but found 0.5",
  });
  // Float32 rounding in a row sum is within tolerance.
  ok(Number.isFinite(crossEntropy([Float32Array.from([0.1, 0.2, 0.7])], [2])));
});

Deno.test("losses reject bad options", () => {
  throws(() => huber([1], [1], { delta: 0 }), {
    name: "RangeError",
    message: "Expected delta to be a positive finite number but found 0",
  });
  throws(() => huber([1], [1], { delta: NaN }), {
    name: "RangeError",
    message: "Expected delta to be a positive finite number but found NaN",
  });
  throws(() => mse([1], [1], { reduction: "avg" as "mean" }), {
    name: "TypeError",
    message: 'Expected reduction to be "mean", "sum" or "none" but found "avg"',
  });
  throws(() => binaryCrossEntropy([0.5], [1], { epsilon: 0.5 }), {
    name: "RangeError",
    message: "Expected epsilon to be a number from 0 to less than 0.5 but found 0.5",
  });
});

// Properties

Deno.test("mse() is non-negative, symmetric and zero exactly when predictions equal targets", () => {
  const r = random(5);
  for (let trial = 0; trial < 200; trial++) {
    const n = 1 + Math.floor(r() * 20);
    const p = Array.from({ length: n }, () => (r() - 0.5) * 10);
    const t = Array.from({ length: n }, () => (r() - 0.5) * 10);
    ok(mse(p, t) > 0);
    strictEqual(mse(p, t), mse(t, p));
    strictEqual(mse(p, p), 0);
    strictEqual(mae(p, t), mae(t, p));
    // Changing one value by d changes nothing but that term: MSE grows by d²/n from 0.
    const q = p.slice();
    q[0] = q[0]! + 1;
    close(mse(q, p), 1 / n, 1e-12);
  }
});

Deno.test("huber() lies between delta·MAE − delta²/2 and min(MSE/2, delta·MAE)", () => {
  const r = random(6);
  for (let trial = 0; trial < 200; trial++) {
    const n = 1 + Math.floor(r() * 20);
    const p = Array.from({ length: n }, () => (r() - 0.5) * 10);
    const t = Array.from({ length: n }, () => (r() - 0.5) * 10);
    const delta = 0.1 + r() * 5;
    const h = huber(p, t, { delta });
    const slack = 1e-12 * Math.max(1, h);
    ok(h <= mse(p, t) / 2 + slack, `huber ${h} > mse/2`);
    ok(h <= delta * mae(p, t) + slack, `huber ${h} > delta·mae`);
    ok(h >= delta * mae(p, t) - delta * delta / 2 - slack, `huber ${h} too small`);
  }
  // With every error within delta, Huber is exactly half the MSE.
  strictEqual(huber([0.25, -0.5], [0, 0]), mse([0.25, -0.5], [0, 0]) / 2);
});

Deno.test("cross-entropies agree with each other and with softmax and sigmoid", () => {
  const r = random(7);
  for (let trial = 0; trial < 100; trial++) {
    const n = 1 + Math.floor(r() * 20);
    const p = Array.from({ length: n }, () => 0.001 + 0.998 * r());
    const y = Array.from({ length: n }, () => (r() < 0.5 ? 0 : 1));
    const bce = binaryCrossEntropy(p, y);
    ok(bce > 0);
    close(crossEntropy(p.map((q) => [1 - q, q]), y), bce, 1e-12, "two-class crossEntropy");
    const z = Array.from({ length: n }, () => (r() - 0.5) * 10);
    const sigmoid = z.map((v) => 1 / (1 + Math.exp(-v)));
    close(binaryCrossEntropy(z, y, { fromLogits: true }), binaryCrossEntropy(sigmoid, y), 1e-12);
    const k = 2 + (trial % 5);
    const logits = Array.from(
      { length: n },
      () => Array.from({ length: k }, () => (r() - 0.5) * 10),
    );
    const softmax = logits.map((row) => {
      const e = row.map(Math.exp);
      const s = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / s);
    });
    const classes = Array.from({ length: n }, () => Math.floor(r() * k));
    close(
      crossEntropy(logits, classes, { fromLogits: true }),
      crossEntropy(softmax, classes),
      1e-12,
      "softmax",
    );
    // Guessing uniformly over K classes costs ln K whatever the answers.
    close(crossEntropy(classes.map(() => new Array(k).fill(1 / k)), classes), Math.log(k), 1e-12);
  }
});

/**
 * The Hessian of a small network, built exactly, against what the spectrum
 * functions estimate from Hessian-vector products.
 */
import { deepStrictEqual, ok, rejects, strictEqual, throws } from "node:assert";
import {
  classification,
  hessianDensity,
  hessianEigenvalues,
  hessianTrace,
  hessianVectorProduct,
  mlp,
  spirals,
  tf,
  weightVector,
} from "../lib/mod.ts";
import { hessianOperator, type OperatorPath } from "../lib/network/_hessian_operator.ts";
import { parallelHessianOperator } from "../lib/network/_hessian_parallel.ts";
import { closeHessianWorker } from "../lib/network/mod.ts";
import { symmetricEigen, tridiagonalEigen } from "../lib/network/_symmetric_eigen.ts";
import { setWeightVector } from "../lib/network/weights.ts";
import { mulberry32 } from "../lib/core/random.ts";

// ---------------------------------------------------------------------------
// The dense symmetric solver

function randomSymmetric(n: number, seed: number): Float64Array {
  const random = mulberry32(seed);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) a[i * n + j] = a[j * n + i] = 2 * random() - 1;
  }
  return a;
}

Deno.test("symmetricEigen() diagonalizes: A·v = λ·v, orthonormal vectors, descending values", () => {
  const n = 12;
  const a = randomSymmetric(n, 3);
  const { values, vectors } = symmetricEigen(a, n);
  for (let k = 0; k + 1 < n; k++) ok(values[k]! >= values[k + 1]!);
  let trace = 0;
  for (let i = 0; i < n; i++) trace += a[i * n + i]!;
  ok(Math.abs(values.reduce((s, v) => s + v, 0) - trace) < 1e-12);
  vectors.forEach((v, k) => {
    for (let i = 0; i < n; i++) {
      let av = 0;
      for (let j = 0; j < n; j++) av += a[i * n + j]! * v[j]!;
      ok(Math.abs(av - values[k]! * v[i]!) < 1e-12, `row ${i} of pair ${k}`);
    }
    vectors.forEach((u, m) => {
      const d = u.reduce((s, x, i) => s + x * v[i]!, 0);
      ok(Math.abs(d - (k === m ? 1 : 0)) < 1e-12);
    });
  });
  // A known case: [[2, 1], [1, 2]] has eigenvalues 3 and 1, along (1, ±1)/√2.
  const two = symmetricEigen([2, 1, 1, 2], 2);
  ok(Math.abs(two.values[0]! - 3) < 1e-15 && Math.abs(two.values[1]! - 1) < 1e-15);
  ok(Math.abs(Math.abs(two.vectors[0]![0]!) - Math.SQRT1_2) < 1e-15);
  throws(() => symmetricEigen([1, 2, 3], 2), RangeError);
  throws(() => symmetricEigen([1, NaN, NaN, 1], 2), RangeError);
});

Deno.test("tridiagonalEigen() agrees with symmetricEigen() on the full matrix", () => {
  const alpha = [4, -1, 2, 0.5, 3], beta = [1, 0.2, -2, 0.7];
  const m = alpha.length;
  const full = new Float64Array(m * m);
  alpha.forEach((a, i) => (full[i * m + i] = a));
  beta.forEach((b, i) => (full[i * m + i + 1] = full[(i + 1) * m + i] = b));
  const t = tridiagonalEigen(alpha, beta), f = symmetricEigen(full, m);
  t.values.forEach((v, k) => ok(Math.abs(v - f.values[k]!) < 1e-13));
});

// ---------------------------------------------------------------------------
// A small network: MLP 2 → 8 → 8 → 3 on spirals, every weight included

const set = spirals({ n: 300, seed: 4 });
const data = classification(set);

/** A tanh network trained a little, so the Hessian has both signs. */
async function network(activation: "tanh" | "relu" = "tanh") {
  const model = mlp({ inputs: 2, outputs: 3, hidden: [8, 8], activation, seed: 5 });
  await model.fit(data.x, data.y, { epochs: 15, batchSize: 32, shuffle: false, verbose: 0 });
  return model;
}
const model = await network("tanh");
const n = weightVector(model).length;

/** The full Hessian, column by column from products with unit vectors (float64). */
function fullHessian(m: tf.LayersModel, path: OperatorPath = "exact"): Float64Array {
  const op = hessianOperator(m, data, path);
  const size = op.size;
  const h = new Float64Array(size * size);
  const e = new Float32Array(size);
  for (let j = 0; j < size; j++) {
    e.fill(0);
    e[j] = 1;
    const col = op.apply(e);
    for (let i = 0; i < size; i++) h[i * size + j] = col[i]!;
  }
  op.dispose();
  return h;
}

/** The model's own gradient (its layers, its compiled loss) at weights w. */
function modelGradient(m: tf.LayersModel, w: Float32Array): Float64Array {
  setWeightVector(m, w);
  const vars = m.trainableWeights.map((v) => v.read() as tf.Variable);
  const flat = tf.tidy(() => {
    const { grads } = tf.variableGrads(
      () => tf.losses.softmaxCrossEntropy(data.y, m.apply(data.x) as tf.Tensor) as tf.Scalar,
      vars,
    );
    return tf.concat(vars.map((v) => tf.reshape(grads[v.name]!, [-1])));
  });
  const out = Float64Array.from(flat.dataSync());
  flat.dispose();
  return out;
}

const H = fullHessian(model);
const Hsym = H.map((_, k) => (H[k]! + H[(k % n) * n + Math.floor(k / n)]!) / 2);
const exact = symmetricEigen(Hsym, n);
let scale = 0;
for (const x of H) scale = Math.max(scale, Math.abs(x));

Deno.test("the network's exact Hessian is symmetric and has curvature of both signs", () => {
  strictEqual(n, 2 * 8 + 8 + 8 * 8 + 8 + 8 * 3 + 3);
  let asym = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) asym = Math.max(asym, Math.abs(H[i * n + j]! - H[j * n + i]!));
  }
  ok(asym < 1e-5 * scale, `asymmetry ${asym} against entries up to ${scale}`);
  ok(
    exact.values[0]! > 0 && exact.values[n - 1]! < 0,
    `spectrum ${exact.values[0]} … ${exact.values[n - 1]}`,
  );
});

Deno.test("Hessian columns match central differences of the model's own gradient", () => {
  const theta = weightVector(model);
  // One column from each tensor: first kernel, first bias, middle kernel, last kernel, last bias.
  for (const j of [0, 17, 30, 100, n - 1]) {
    const h = 1e-2;
    const plus = Float32Array.from(theta), minus = Float32Array.from(theta);
    plus[j]! += h;
    minus[j]! -= h;
    const step = plus[j]! - minus[j]!; // the float32 step actually taken
    const gp = modelGradient(model, plus), gm = modelGradient(model, minus);
    let num = 0, den = 0;
    for (let i = 0; i < n; i++) {
      const fd = (gp[i]! - gm[i]!) / step;
      num += (fd - H[i * n + j]!) ** 2;
      den += H[i * n + j]! ** 2;
    }
    ok(Math.sqrt(num / den) < 2e-3, `column ${j}: relative difference ${Math.sqrt(num / den)}`);
  }
  setWeightVector(model, theta);
});

Deno.test("the analytic, tape and difference paths give the same products", async () => {
  const random = mulberry32(11);
  const v = Float32Array.from({ length: n }, () => 2 * random() - 1);
  const relative = (a: Float32Array, b: Float32Array) => {
    let num = 0, den = 0;
    a.forEach((x, i) => {
      num += (x - b[i]!) ** 2;
      den += b[i]! ** 2;
    });
    return Math.sqrt(num / den);
  };
  for (const activation of ["tanh", "relu"] as const) {
    const m = activation === "tanh" ? model : await network("relu");
    const products = (["analytic", "tape", "differences"] as const).map((path) => {
      const op = hessianOperator(m, data, path);
      const hv = op.apply(v);
      op.dispose();
      return hv;
    });
    const [analytic, tape, differences] = products as [Float32Array, Float32Array, Float32Array];
    ok(
      relative(analytic, tape) < 1e-5,
      `${activation}: analytic vs tape ${relative(analytic, tape)}`,
    );
    // Differences of gradients are only meaningful where the gradient is smooth.
    if (activation === "tanh") {
      ok(relative(differences, tape) < 1e-3, `differences vs tape ${relative(differences, tape)}`);
    }
  }
  // The public function is the exact path.
  deepStrictEqual(
    hessianVectorProduct(model, data, v),
    (() => {
      const op = hessianOperator(model, data, "exact");
      const hv = op.apply(v);
      op.dispose();
      return hv;
    })(),
  );
});

Deno.test("analytic and tape paths agree for every hidden activation and loss they share", () => {
  const random = mulberry32(21);
  const init = (seed: number) => tf.initializers.glorotUniform({ seed });
  for (const activation of ["linear", "relu6", "sigmoid", "elu"] as const) {
    for (const loss of ["meanSquaredError", "meanAbsoluteError", "sigmoidCrossEntropy"] as const) {
      const m = tf.sequential({
        layers: [
          tf.layers.dense({ inputShape: [2], units: 5, activation, kernelInitializer: init(1) }),
          tf.layers.dense({ units: 3, kernelInitializer: init(2), biasInitializer: "ones" }),
        ],
      });
      m.compile({
        optimizer: "sgd",
        loss: loss === "sigmoidCrossEntropy" ? tf.losses.sigmoidCrossEntropy : loss,
      });
      const size = weightVector(m).length;
      const v = Float32Array.from({ length: size }, () => 2 * random() - 1);
      const [analytic, tape] = (["analytic", "tape"] as const).map((path) => {
        const op = hessianOperator(m, data, path);
        const hv = op.apply(v);
        op.dispose();
        return hv;
      }) as [Float32Array, Float32Array];
      let num = 0, den = 0;
      analytic.forEach((x, i) => {
        num += (x - tape[i]!) ** 2;
        den += tape[i]! ** 2;
      });
      // Mean absolute error with linear units has no curvature at all: both give zeros.
      const rel = den === 0 ? Math.sqrt(num) : Math.sqrt(num / den);
      ok(rel < 1e-5, `${activation}, ${loss}: ${rel}`);
      m.dispose();
    }
  }
});

Deno.test("the tape path covers what the analytic one does not: a softmax output layer", () => {
  // Sigmoid hidden units, a softmax output and mean squared error (a loss on probabilities).
  const init = (seed: number) => tf.initializers.glorotUniform({ seed });
  const m = tf.sequential({
    layers: [
      tf.layers.dense({
        inputShape: [2],
        units: 6,
        activation: "sigmoid",
        kernelInitializer: init(1),
      }),
      tf.layers.dense({ units: 3, activation: "softmax", kernelInitializer: init(2) }),
    ],
  });
  m.compile({ optimizer: "sgd", loss: "meanSquaredError" });
  throws(() => hessianOperator(m, data, "analytic"), TypeError);
  const op = hessianOperator(m, data, "exact");
  const theta = weightVector(m);
  const random = mulberry32(2);
  const v = Float32Array.from({ length: op.size }, () => 2 * random() - 1);
  const hv = op.apply(v);
  op.dispose();
  const eps = 1e-2 / Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  const grad = (w: Float32Array) => {
    setWeightVector(m, w);
    const vars = m.trainableWeights.map((x) => x.read() as tf.Variable);
    return tf.tidy(() => {
      const { grads } = tf.variableGrads(
        () => tf.losses.meanSquaredError(data.y, m.apply(data.x) as tf.Tensor) as tf.Scalar,
        vars,
      );
      return tf.concat(vars.map((x) => tf.reshape(grads[x.name]!, [-1]))).dataSync();
    });
  };
  const gp = grad(Float32Array.from(theta, (t, i) => t + eps * v[i]!));
  const gm = grad(Float32Array.from(theta, (t, i) => t - eps * v[i]!));
  setWeightVector(m, theta);
  let num = 0, den = 0;
  hv.forEach((x, i) => {
    num += (x - (gp[i]! - gm[i]!) / (2 * eps)) ** 2;
    den += x * x;
  });
  ok(Math.sqrt(num / den) < 1e-3, `softmax output: ${Math.sqrt(num / den)}`);
  // A loss the exact path does not cover is named.
  m.compile({ optimizer: "sgd", loss: "categoricalCrossentropy" });
  throws(() => hessianVectorProduct(m, data, v), (e: Error) => {
    ok(
      e instanceof TypeError && e.message.includes("but found categoricalCrossentropy"),
      e.message,
    );
    return true;
  });
});

Deno.test("hessianEigenvalues() finds the exact top eigenvalues to 1e-4", async () => {
  const k = 4;
  const theta = weightVector(model);
  const before = tf.memory().numTensors;
  const result = await hessianEigenvalues(model, data, { k, seed: 1 });
  strictEqual(tf.memory().numTensors, before);
  deepStrictEqual(weightVector(model), theta);
  ok(result.converged && result.iterations < n, `${result.iterations} products`);
  for (let i = 0; i < k; i++) {
    const want = exact.values[i]!;
    ok(
      Math.abs(result.values[i]! - want) <= 1e-4 * Math.abs(want),
      `λ${i + 1}: ${result.values[i]} vs exact ${want}`,
    );
    // The eigenvector, up to sign (the top eigenvalues here are well separated).
    const v = result.vectors[i]!;
    const cos = Math.abs(v.reduce((s, x, j) => s + x * exact.vectors[i]![j]!, 0));
    ok(cos > 0.999, `eigenvector ${i + 1}: |cos| ${cos}`);
  }
  // The same seed, the same numbers; the differences path gets close too.
  deepStrictEqual(await hessianEigenvalues(model, data, { k, seed: 1 }), result);
  const rough = await hessianEigenvalues(model, data, { method: "differences", seed: 1 });
  ok(Math.abs(rough.values[0]! - exact.values[0]!) < 1e-3 * exact.values[0]!);
  deepStrictEqual(weightVector(model), theta);
});

Deno.test("hessianTrace() lies within a few standard errors of the exact trace", async () => {
  let trace = 0;
  for (let i = 0; i < n; i++) trace += H[i * n + i]!;
  const theta = weightVector(model);
  const before = tf.memory().numTensors;
  const { estimate, stderr } = await hessianTrace(model, data, { samples: 64, seed: 3 });
  strictEqual(tf.memory().numTensors, before);
  deepStrictEqual(weightVector(model), theta);
  ok(stderr > 0 && stderr < 0.5 * Math.abs(trace), `stderr ${stderr}, trace ${trace}`);
  ok(Math.abs(estimate - trace) < 4 * stderr, `estimate ${estimate} ± ${stderr}, exact ${trace}`);
  deepStrictEqual(await hessianTrace(model, data, { samples: 64, seed: 3 }), { estimate, stderr });
});

Deno.test("hessianDensity() integrates to 1 and puts its mass where the eigenvalues are", async () => {
  const theta = weightVector(model);
  const before = tf.memory().numTensors;
  const density = await hessianDensity(model, data, { runs: 8, steps: 40, seed: 2 });
  strictEqual(tf.memory().numTensors, before);
  deepStrictEqual(weightVector(model), theta);
  const { xs, values, width } = density;
  const dx = xs[1]! - xs[0]!;
  let integral = 0;
  for (let i = 0; i + 1 < xs.length; i++) integral += (values[i]! + values[i + 1]!) / 2 * dx;
  ok(Math.abs(integral - 1) < 1e-3, `integral ${integral}`);
  strictEqual(density.iterations, 8 * 40);
  // The exact density with the same smoothing, on the same grid, and their CDFs.
  const smooth = xs.map((x) =>
    exact.values.reduce(
      (s, l) => s + Math.exp(-0.5 * ((x - l) / width) ** 2) / (width * Math.sqrt(2 * Math.PI)),
      0,
    ) / n
  );
  let ours = 0, theirs = 0, worst = 0;
  for (let i = 0; i < xs.length; i++) {
    ours += values[i]! * dx;
    theirs += smooth[i]! * dx;
    worst = Math.max(worst, Math.abs(ours - theirs));
  }
  ok(worst < 0.05, `largest gap between the cumulative distributions: ${worst}`);
  // Mass near the eigenvalues: within 4 widths of one, nearly all of it.
  let near = 0;
  xs.forEach((x, i) => {
    if (exact.values.some((l) => Math.abs(x - l) < 4 * width)) near += values[i]! * dx;
  });
  ok(near > 0.99, `mass within 4 widths of an eigenvalue: ${near}`);
  // The grid spans every eigenvalue.
  ok(xs[0]! < exact.values[n - 1]! && xs.at(-1)! > exact.values[0]!);
  deepStrictEqual(await hessianDensity(model, data, { runs: 8, steps: 40, seed: 2 }), density);
});

Deno.test("the Hessian functions reject what they cannot measure, naming the fix", async () => {
  const frozen = mlp({ inputs: 2, outputs: 3, hidden: [4], seed: 1 });
  frozen.layers.forEach((l) => (l.trainable = false));
  await rejects(hessianEigenvalues(frozen, data), {
    name: "TypeError",
    message: "Expected a model with trainable weights but found none",
  });
  const wide = { x: tf.zeros([4, 5]), y: tf.zeros([4, 3]) };
  await rejects(hessianTrace(model, wide), {
    name: "RangeError",
    message: "Expected data.x to have shape [N, 2] for this model but found [4, 5]",
  });
  tf.dispose([wide.x, wide.y]);
  await rejects(hessianEigenvalues(model, data, { k: n + 1 }), (e: Error) => {
    ok(
      e instanceof RangeError &&
        e.message.includes(`from 1 to the number of trainable weights (${n})`),
    );
    return true;
  });
  await rejects(hessianDensity(model, data, { steps: n + 1 }), RangeError);
  await rejects(hessianTrace(model, data, { samples: 1 }), RangeError);
  await rejects(hessianEigenvalues(model, data, { method: "tape" as "exact" }), TypeError);
  throws(() => hessianVectorProduct(model, data, [1, 2]), RangeError);
  // A layer the exact path does not cover: named, with the way out.
  const conv = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [2], units: 4 }),
      tf.layers.activation({ activation: "tanh" }),
      tf.layers.dense({ units: 3 }),
    ],
  });
  conv.compile({ optimizer: "sgd", loss: tf.losses.softmaxCrossEntropy });
  await rejects(hessianEigenvalues(conv, data), (e: Error) => {
    ok(
      e instanceof TypeError && /\(Activation\)/.test(e.message) &&
        /method: "differences"/.test(e.message),
      e.message,
    );
    return true;
  });
  const theta = weightVector(conv);
  const top = await hessianEigenvalues(conv, data, { method: "differences" });
  ok(Number.isFinite(top.values[0]));
  deepStrictEqual(weightVector(conv), theta);
});

Deno.test("a worker thread taking half the rows gives the same products and eigenvalues", async () => {
  const big = classification(spirals({ n: 1200, seed: 8 }));
  const m = mlp({ inputs: 2, outputs: 3, hidden: [16, 16], activation: "tanh", seed: 2 });
  const random = mulberry32(4);
  const v = Float32Array.from({ length: weightVector(m).length }, () => 2 * random() - 1);
  const before = tf.memory().numTensors;
  const one = await parallelHessianOperator(m, big, "exact", 0);
  const two = await parallelHessianOperator(m, big, "exact", 1);
  const [a, b] = [await one.apply(v), await two.apply(v)];
  one.dispose();
  two.dispose();
  strictEqual(tf.memory().numTensors, before);
  let num = 0, den = 0;
  a.forEach((x, i) => {
    num += (x - b[i]!) ** 2;
    den += x * x;
  });
  ok(Math.sqrt(num / den) < 1e-6, `one thread vs two: ${Math.sqrt(num / den)}`);
  // The public functions take the worker when asked; the numbers repeat.
  const top = await hessianEigenvalues(m, big, { k: 2, workers: 1 });
  const alone = await hessianEigenvalues(m, big, { k: 2, workers: 0 });
  top.values.forEach((x, i) => ok(Math.abs(x - alone.values[i]!) < 1e-5 * Math.abs(x)));
  deepStrictEqual(await hessianEigenvalues(m, big, { k: 2, workers: 1 }), top);
  await rejects(hessianTrace(m, big, { workers: -1 }), RangeError);
  tf.dispose([big.x, big.y]);
  m.dispose();
  await closeHessianWorker();
});

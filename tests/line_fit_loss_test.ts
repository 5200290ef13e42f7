import { deepStrictEqual, ok, strictEqual, throws } from "node:assert";
import { centralGradient } from "../lib/landscape/finite_difference.ts";
import { lineFitLoss } from "../lib/data/line_fit_loss.ts";
import { binaryCrossEntropy, huber, mae, mse } from "../lib/data/losses.ts";
import { mulberry32 } from "../lib/core/random.ts";

function close(actual: number, expected: number, tol: number, what = "") {
  ok(Math.abs(actual - expected) <= tol, `${what} ${actual} is not within ${tol} of ${expected}`);
}

function relClose(actual: number, expected: number, rel: number, what = "") {
  close(actual, expected, rel * Math.max(1, Math.abs(expected)), what);
}

/** Seeded data and weights for property tests. */
function cases(seed: number, count: number) {
  const rand = mulberry32(seed);
  return Array.from({ length: count }, () => {
    const n = 1 + Math.floor(rand() * 12);
    const shift = (rand() - 0.5) * 400;
    const x = Array.from({ length: n }, () => shift + (rand() - 0.5) * 20);
    const y = x.map(() => (rand() - 0.5) * 10);
    return { x, y, m: (rand() - 0.5) * 4, b: (rand() - 0.5) * 40 };
  });
}

Deno.test("lineFitLoss() MSE equals mse() of the line's predictions", () => {
  for (const { x, y, m, b } of cases(1, 200)) {
    const two = lineFitLoss(x, y);
    relClose(two.at(m, b), mse(x.map((v) => m * v + b), y), 1e-9, "line");
    const one = lineFitLoss(x, y, { intercept: false });
    relClose(one.at(m), mse(x.map((v) => m * v), y), 1e-9, "origin");
  }
});

Deno.test("lineFitLoss() MSE has the exact gradient, matching central differences", () => {
  for (const { x, y, m, b } of cases(2, 100)) {
    const l = lineFitLoss(x, y);
    const exact = l.gradient(m, b);
    const direct = (mm: number, bb: number) => mse(x.map((v) => mm * v + bb), y);
    const numeric = centralGradient(direct, [m, b]);
    const scale = Math.max(1, Math.abs(l.at(m, b)));
    exact.forEach((g, k) => close(g, numeric[k]!, 1e-6 * scale, `∂/∂${l.vars[k]}`));
    // and the textbook form: ∂L/∂m = (2/n) Σ r x, ∂L/∂b = (2/n) Σ r
    const r = x.map((v, i) => m * v + b - y[i]!);
    relClose(exact[0]!, (2 / x.length) * r.reduce((s, e, i) => s + e * x[i]!, 0), 1e-8, "∂/∂m");
    relClose(exact[1]!, (2 / x.length) * r.reduce((s, e) => s + e, 0), 1e-8, "∂/∂b");
  }
});

Deno.test("lineFitLoss() MSE has Hessian 2·[[mean x², mean x], [mean x, 1]] everywhere", () => {
  for (const { x, y, m, b } of cases(3, 30)) {
    const n = x.length;
    const sxx = x.reduce((s, v) => s + v * v, 0) / n;
    const sx = x.reduce((s, v) => s + v, 0) / n;
    const h = lineFitLoss(x, y).hessian(m, b);
    relClose(h[0]![0]!, 2 * sxx, 1e-12);
    relClose(h[0]![1]!, 2 * sx, 1e-12);
    relClose(h[1]![1]!, 2, 1e-12);
    relClose(lineFitLoss(x, y, { intercept: false }).hessian(m)[0]![0]!, 2 * sxx, 1e-12);
  }
});

Deno.test("lineFitLoss() MAE, Huber and cross-entropy equal the losses of the predictions", () => {
  for (const { x, y, m, b } of cases(4, 50)) {
    const p = x.map((v) => m * v + b);
    strictEqual(lineFitLoss(x, y, { loss: "mae" }).at(m, b), mae(p, y));
    strictEqual(
      lineFitLoss(x, y, { loss: "huber", delta: 0.5 }).at(m, b),
      huber(p, y, { delta: 0.5 }),
    );
    const labels = y.map((v) => (v > 0 ? 1 : 0));
    strictEqual(
      lineFitLoss(x, labels, { loss: "cross-entropy" }).at(m, b),
      binaryCrossEntropy(p, labels, { fromLogits: true }),
    );
    strictEqual(
      lineFitLoss(x, y, { loss: "mae", intercept: false }).at(m),
      mae(x.map((v) => m * v), y),
    );
  }
});

Deno.test("lineFitLoss() names its weights and takes other names", () => {
  deepStrictEqual(lineFitLoss([1, 2], [1, 2]).vars, ["m", "b"]);
  deepStrictEqual(lineFitLoss([1, 2], [1, 2], { intercept: false }).vars, ["w"]);
  deepStrictEqual(lineFitLoss([1, 2], [1, 2], { vars: ["w1", "w2"] }).vars, ["w1", "w2"]);
  deepStrictEqual(lineFitLoss([1, 2], [1, 2], { loss: "mae", vars: ["w1", "w2"] }).vars, [
    "w1",
    "w2",
  ]);
  strictEqual(lineFitLoss([1, 2], [1, 2]).name, "MSE of a line");
  strictEqual(lineFitLoss([1, 2], [1, 2], { name: "penguins" }).name, "penguins");
});

Deno.test("lineFitLoss() gives a non-finite value, not an exception, for non-finite weights", () => {
  for (const loss of ["mse", "mae", "huber", "cross-entropy"] as const) {
    const l = lineFitLoss([1, 2], [0, 1], { loss });
    ok(Number.isNaN(l.at(NaN, 0)), loss);
    ok(!Number.isFinite(l.at(Infinity, 0)), loss);
  }
});

Deno.test("lineFitLoss() rejects bad data and options", () => {
  throws(() => lineFitLoss([1, 2], [1]), { name: "RangeError", message: /same length/ });
  throws(() => lineFitLoss([], []), { name: "RangeError", message: /at least one example/ });
  throws(() => lineFitLoss([1, NaN], [1, 2]), { name: "RangeError", message: /finite/ });
  throws(() => lineFitLoss([1], [1], { loss: "hinge" as never }), {
    name: "RangeError",
    message: /one of mse, mae, huber, cross-entropy but found hinge/,
  });
  throws(() => lineFitLoss([1], [1], { vars: ["a"] }), {
    name: "RangeError",
    message: /two weights/,
  });
  throws(() => lineFitLoss([1], [1], { intercept: false, vars: ["a", "b"] }), {
    name: "RangeError",
    message: /one weight/,
  });
  throws(() => lineFitLoss([1], [2], { loss: "cross-entropy" }), {
    name: "RangeError",
    message: /labels from 0 to 1 but found 2 at 0/,
  });
  throws(() => lineFitLoss([1], [1], { loss: "huber", delta: 0 }), { name: "RangeError" });
});

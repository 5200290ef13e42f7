import { ok, strictEqual, throws } from "node:assert";
import { leastSquaresLine, leastSquaresThroughOrigin } from "../lib/data/least_squares.ts";
import { mse } from "../lib/data/losses.ts";
import { mulberry32 } from "../lib/core/random.ts";

/** Seeded noisy data y = a·x + b + noise, x in [lo, hi]. */
function noisyLine(seed: number, n: number, a: number, b: number, lo = -3, hi = 3) {
  const rand = mulberry32(seed);
  const x = Array.from({ length: n }, () => lo + (hi - lo) * rand());
  const y = x.map((v) => a * v + b + (rand() - 0.5));
  return { x, y };
}

function close(actual: number, expected: number, tol: number, what = "") {
  ok(Math.abs(actual - expected) <= tol, `${what} ${actual} is not within ${tol} of ${expected}`);
}

Deno.test("leastSquaresThroughOrigin() recovers an exact line through the origin", () => {
  strictEqual(leastSquaresThroughOrigin([1, 2, 3], [-1.5, -3, -4.5]), -1.5);
  strictEqual(leastSquaresThroughOrigin([4], [2]), 0.5);
});

Deno.test("leastSquaresThroughOrigin() leaves residuals orthogonal to x and beats nearby weights", () => {
  for (let seed = 1; seed <= 20; seed++) {
    const { x, y } = noisyLine(seed, 30, 0.7, 1.3);
    const w = leastSquaresThroughOrigin(x, y);
    const scale = x.reduce((s, v, i) => s + Math.abs(v * y[i]!), 0);
    close(x.reduce((s, v, i) => s + v * (w * v - y[i]!), 0), 0, 1e-12 * scale, "Σ x·r");
    const loss = (v: number) => mse(x.map((xi) => v * xi), y);
    ok(loss(w) < loss(w + 1e-3) && loss(w) < loss(w - 1e-3));
  }
});

Deno.test("leastSquaresLine() recovers an exact line", () => {
  const { slope, intercept } = leastSquaresLine([-1, 0, 2, 5], [-5, -2, 4, 13]);
  close(slope, 3, 1e-15);
  close(intercept, -2, 1e-14);
});

Deno.test("leastSquaresLine() leaves residuals that sum to 0 and are orthogonal to x", () => {
  for (let seed = 1; seed <= 20; seed++) {
    const { x, y } = noisyLine(seed, 25, -2, 4, 0, 10);
    const { slope, intercept } = leastSquaresLine(x, y);
    const r = x.map((v, i) => slope * v + intercept - y[i]!);
    close(r.reduce((s, v) => s + v, 0), 0, 1e-11, "Σ r");
    close(r.reduce((s, v, i) => s + v * x[i]!, 0), 0, 1e-10, "Σ x·r");
  }
});

Deno.test("leastSquaresLine() stays accurate when the feature sits far from 0", () => {
  const { x, y } = noisyLine(7, 40, 0.5, 1);
  const near = leastSquaresLine(x, y);
  const far = leastSquaresLine(x.map((v) => v + 1e6), y);
  close(far.slope, near.slope, 1e-8 * Math.abs(near.slope), "slope");
  close(far.intercept, near.intercept - near.slope * 1e6, 1e-3, "intercept");
});

Deno.test("leastSquaresLine() is symmetric in the order of the examples", () => {
  const { x, y } = noisyLine(3, 15, 1, 0);
  const a = leastSquaresLine(x, y);
  const b = leastSquaresLine([...x].reverse(), [...y].reverse());
  close(a.slope, b.slope, 1e-14);
  close(a.intercept, b.intercept, 1e-14);
});

Deno.test("least squares rejects mismatched, empty, non-finite and degenerate data", () => {
  for (const fit of [leastSquaresThroughOrigin, leastSquaresLine]) {
    throws(() => fit([1, 2], [1]), {
      name: "RangeError",
      message: /same length but found 2 and 1/,
    });
    throws(() => fit([], []), { name: "RangeError", message: /at least one example/ });
    throws(() => fit([1, NaN], [1, 2]), {
      name: "RangeError",
      message: /x to hold finite.*NaN at 1/,
    });
    throws(() => fit([1, 2], [Infinity, 2]), { name: "RangeError", message: /y to hold finite/ });
    throws(() => fit(null as never, [1]), { name: "TypeError" });
  }
  throws(() => leastSquaresThroughOrigin([0, 0], [1, 2]), {
    name: "RangeError",
    message: /only zeros/,
  });
  throws(() => leastSquaresLine([3, 3], [1, 2]), {
    name: "RangeError",
    message: /two different values/,
  });
  throws(() => leastSquaresLine([3], [1]), { name: "RangeError", message: /two different values/ });
});

import { deepStrictEqual, ok, strictEqual } from "node:assert";
import { compileGrid } from "../lib/expression/compile.ts";
import { parseExpression } from "../lib/expression/parse.ts";
import { linspace } from "../lib/core/grid_spec.ts";
import {
  closeGridWorker,
  fillGrid,
  gridWorkerReady,
  lastGridThreads,
  PARALLEL_MIN_POINTS,
} from "../lib/landscape/_grid_parallel.ts";
import { landscape } from "../lib/landscape/landscape.ts";

const ACKLEY =
  "-20*exp(-0.2*sqrt(0.5*(x^2 + y^2))) - exp(0.5*(cos(2*pi*x) + cos(2*pi*y))) + e + 20";

/** The same grid on one thread: the reference the two-thread path must match bit for bit. */
function serial(expr: string, xs: Float64Array, ys: Float64Array) {
  const { graph, root } = parseExpression(expr);
  const compiled = compileGrid(graph, root);
  const values = new Float64Array(xs.length * ys.length);
  const stats = new Float64Array(4);
  compiled.kernel(xs, ys, values, stats);
  return { values, stats: [...stats] };
}

function twoThreads(expr: string, xs: Float64Array, ys: Float64Array) {
  const { graph, root } = parseExpression(expr);
  const compiled = compileGrid(graph, root);
  const values = new Float64Array(xs.length * ys.length);
  const stats = new Float64Array(4);
  fillGrid(compiled, xs, ys, values, stats);
  return { values, stats: [...stats], threads: lastGridThreads() };
}

Deno.test("compileGrid() marks kernels whose inner loop calls functions as heavy", () => {
  const heavy = (e: string) => {
    const { graph, root } = parseExpression(e);
    return compileGrid(graph, root).heavy;
  };
  strictEqual(heavy(ACKLEY), true);
  strictEqual(heavy("x^2 + y^2"), false);
  // Rastrigin's cosines depend on x alone or y alone: hoisted, so light.
  strictEqual(heavy("20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)"), false);
  strictEqual(heavy("x^y"), true);
});

Deno.test("large heavy grids on two threads equal one thread's bit for bit, summary included", async () => {
  ok(await gridWorkerReady(), "the grid worker did not start");
  try {
    const n = 1024;
    ok(n * n >= PARALLEL_MIN_POINTS);
    const cases = [
      // Minimum in the upper half, the lower half, and holes on both sides of the split.
      { expr: ACKLEY, x: [-5, 5], y: [-5, 5] },
      { expr: "sqrt((x - 1)^2 + (y - 4)^2)", x: [-5, 5], y: [-5, 5] },
      { expr: "log(x * y) + exp(-x)", x: [-2, 3], y: [-1, 2] },
    ] as const;
    for (const { expr, x, y } of cases) {
      const xs = linspace(x[0], x[1], n), ys = linspace(y[0], y[1], n + 3);
      const one = serial(expr, xs, ys);
      const two = twoThreads(expr, xs, ys);
      strictEqual(two.threads, 2, `${expr}: did not use the worker`);
      deepStrictEqual(two.stats, one.stats, expr);
      ok(two.values.every((v, k) => Object.is(v, one.values[k])), `${expr}: values differ`);
    }
    const g = landscape("sqrt((x - 1)^2 + (y - 4)^2)").grid({ x: [-5, 5], y: [-5, 5], n: 1001 });
    strictEqual(lastGridThreads(), 2);
    deepStrictEqual(g.argmin, [1, 4]);
  } finally {
    await closeGridWorker();
  }
});

Deno.test("small or light grids stay on one thread", async () => {
  ok(await gridWorkerReady());
  try {
    twoThreads(ACKLEY, linspace(-5, 5, 100), linspace(-5, 5, 100));
    strictEqual(lastGridThreads(), 1);
    twoThreads("x^2 + y^2", linspace(-5, 5, 1024), linspace(-5, 5, 1024));
    strictEqual(lastGridThreads(), 1);
  } finally {
    await closeGridWorker();
  }
});

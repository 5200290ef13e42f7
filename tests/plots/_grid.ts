/**
 * Small stand-ins for the engine in figure tests: a `Grid` or `Curve`
 * sampled from a plain function, the way `landscape(...).grid()` samples,
 * so the figure tests do not depend on the expression engine.
 *
 * @module
 */

import type { Curve, Grid } from "../../lib/core/types.ts";

/** Samples `f` on an `n × n` (or `[nx, ny]`) grid over `x` × `y`, row-major. */
export function sampleGrid(
  f: (x: number, y: number) => number,
  x: [number, number],
  y: [number, number],
  n: number | [number, number] = 100,
): Grid {
  const [nx, ny] = typeof n === "number" ? [n, n] : n;
  const xs = Float64Array.from({ length: nx }, (_, i) => x[0] + (x[1] - x[0]) * i / (nx - 1));
  const ys = Float64Array.from({ length: ny }, (_, j) => y[0] + (y[1] - y[0]) * j / (ny - 1));
  const values = new Float64Array(nx * ny);
  let min = Infinity, max = -Infinity, argmin: [number, number] = [NaN, NaN], nonFinite = 0;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const v = f(xs[i]!, ys[j]!);
      values[i + j * nx] = v;
      if (!Number.isFinite(v)) {
        nonFinite++;
        continue;
      }
      if (v < min) {
        min = v;
        argmin = [xs[i]!, ys[j]!];
      }
      if (v > max) max = v;
    }
  }
  return { nx, ny, xs, ys, values, min, max, argmin, nonFinite };
}

/** Samples `f` at `n` evenly spaced points of `x`. */
export function sampleCurve(f: (x: number) => number, x: [number, number], n = 200): Curve {
  const xs = Float64Array.from({ length: n }, (_, i) => x[0] + (x[1] - x[0]) * i / (n - 1));
  const values = xs.map(f);
  let k = 0;
  values.forEach((v, i) => {
    if (v < values[k]!) k = i;
  });
  return { xs, values, min: values[k]!, max: Math.max(...values), argmin: xs[k]! };
}

/** The article's loss, `w1² + w2²`. */
export const bowl = (x: number, y: number): number => x * x + y * y;

/** Himmelblau's function: four minima, one maximum, four saddles. */
export const himmelblau = (x: number, y: number): number =>
  (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2;

/** Rastrigin's function: a bowl covered in local minima. */
export const rastrigin = (x: number, y: number): number =>
  20 + x * x - 10 * Math.cos(2 * Math.PI * x) + y * y - 10 * Math.cos(2 * Math.PI * y);

/** Plain gradient descent on Himmelblau's function (a stand-in for `descend()`). */
export function himmelblauDescent(
  from: [number, number],
  { learningRate = 0.01, steps = 60 } = {},
): { points: number[][]; values: number[] } {
  let [x, y] = from;
  const points = [[x, y]], values = [himmelblau(x, y)];
  for (let k = 0; k < steps; k++) {
    const a = x * x + y - 11, b = x + y * y - 7;
    x -= learningRate * (4 * x * a + 2 * b);
    y -= learningRate * (2 * a + 4 * y * b);
    points.push([x, y]);
    values.push(himmelblau(x, y));
  }
  return { points, values };
}

/**
 * Central differences: the gradient and Hessian of any function of a few
 * numbers, with steps scaled to the point. Used for losses given as
 * TypeScript functions, and by the tests to check the symbolic derivatives.
 *
 * @module
 */

const EPS = Number.EPSILON;
// Steps that balance truncation against rounding error: eps^(1/3) for the
// first derivative (error ~ eps^(2/3)), eps^(1/4) for the second (~ eps^(1/2)).
const GRADIENT_STEP = Math.cbrt(EPS);
const HESSIAN_STEP = Math.sqrt(Math.sqrt(EPS));

/** `x + h - x` rounded as the machine will, so the divisor matches the step taken. */
function step(x: number, scale: number): number {
  const h = scale * Math.max(1, Math.abs(x));
  return x + h - x;
}

/**
 * The gradient of `f` at `point` by central differences, with step
 * `eps^(1/3) · max(1, |w_i|)` in each coordinate.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert";
 * import { centralGradient } from "./finite_difference.ts";
 *
 * const [gx, gy] = centralGradient((x, y) => x * x + 3 * y, [2, 5]);
 * ok(Math.abs(gx! - 4) < 1e-8 && Math.abs(gy! - 3) < 1e-8);
 * ```
 */
export function centralGradient(
  f: (...w: number[]) => number,
  point: readonly number[],
): number[] {
  const p = [...point];
  return point.map((w, i) => {
    const h = step(w, GRADIENT_STEP);
    p[i] = w + h;
    const up = f(...p);
    p[i] = w - h;
    const down = f(...p);
    p[i] = w;
    return (up - down) / (2 * h);
  });
}

/**
 * The Hessian of `f` at `point` by central differences, with step
 * `eps^(1/4) · max(1, |w_i|)` in each coordinate.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert";
 * import { centralHessian } from "./finite_difference.ts";
 *
 * const h = centralHessian((x, y) => x * x * y, [1, 2]);
 * ok(Math.abs(h[0]![0]! - 4) < 1e-6 && Math.abs(h[0]![1]! - 2) < 1e-6);
 * ```
 */
export function centralHessian(
  f: (...w: number[]) => number,
  point: readonly number[],
): number[][] {
  const n = point.length;
  const p = [...point];
  const h = point.map((w) => step(w, HESSIAN_STEP));
  const at = (i: number, di: number, j: number, dj: number): number => {
    p[i] = point[i]! + di * h[i]!;
    if (j !== i) p[j] = point[j]! + dj * h[j]!;
    const v = f(...p);
    p[i] = point[i]!;
    p[j] = point[j]!;
    return v;
  };
  const f0 = f(...p);
  const out = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    const hi = h[i]!;
    out[i]![i] = (at(i, 1, i, 0) - 2 * f0 + at(i, -1, i, 0)) / (hi * hi);
    for (let j = 0; j < i; j++) {
      const v = (at(i, 1, j, 1) - at(i, 1, j, -1) - at(i, -1, j, 1) + at(i, -1, j, -1)) /
        (4 * hi * h[j]!);
      out[i]![j] = v;
      out[j]![i] = v;
    }
  }
  return out;
}

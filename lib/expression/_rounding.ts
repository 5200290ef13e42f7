/**
 * `floor` and `ceil` as mathjs computes them for numbers: a value within
 * mathjs's tolerance (relative 1e-12, absolute 1e-15) of the nearest integer
 * is taken to be that integer, so `floor((0.3 - 0.1) * 10)` is 2 rather
 * than 1. Compiled landscapes use these so that they agree with mathjs.
 *
 * @module
 */

/**
 * Whether `a` and `b` are equal within mathjs's tolerance (relative 1e-12,
 * absolute 1e-15). Portable (no outside names): pages embed it by source.
 */
export function nearlyEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(1e-12 * Math.max(Math.abs(a), Math.abs(b)), 1e-15);
}

/**
 * mathjs's `floor` of a number.
 *
 * @example
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { mathjsFloor } from "./_rounding.ts";
 *
 * strictEqual(mathjsFloor((0.3 - 0.1) * 10), 2);
 * strictEqual(mathjsFloor(-1.5), -2);
 * ```
 */
export function mathjsFloor(x: number): number {
  const f = Math.floor(x);
  const r = Math.round(x);
  if (f === r) return f;
  return nearlyEqual(x, r) && !nearlyEqual(x, f) ? r : f;
}

/**
 * mathjs's `ceil` of a number.
 *
 * @example
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { mathjsCeil } from "./_rounding.ts";
 *
 * strictEqual(mathjsCeil((0.1 + 0.2) * 10), 3);
 * strictEqual(mathjsCeil(1.5), 2);
 * ```
 */
export function mathjsCeil(x: number): number {
  const c = Math.ceil(x);
  const r = Math.round(x);
  if (c === r) return c;
  return nearlyEqual(x, r) && !nearlyEqual(x, c) ? r : c;
}

/**
 * Seeded standard normal numbers, for random directions in weight space,
 * random rotations and noisy data sets.
 *
 * @module
 */

import { mulberry32 } from "./random.ts";

/**
 * Returns a generator of standard normal numbers (mean 0, variance 1) from a
 * 32-bit seed: the Box–Muller transform of a {@linkcode mulberry32} stream,
 * using both numbers of each pair.
 *
 * @param seed Any number; it is truncated to an unsigned 32-bit integer.
 * @returns A function that gives the next number of the sequence each call.
 *
 * @example The same seed gives the same numbers
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { standardNormal } from "./standard_normal.ts";
 *
 * const a = standardNormal(7);
 * const b = standardNormal(7);
 * strictEqual(a(), b());
 * strictEqual(a(), b());
 * ```
 */
export function standardNormal(seed: number): () => number {
  const uniform = mulberry32(seed);
  let spare = NaN;
  return () => {
    if (!Number.isNaN(spare)) {
      const z = spare;
      spare = NaN;
      return z;
    }
    // 1 - u lies in (0, 1], so the logarithm is finite.
    const r = Math.sqrt(-2 * Math.log(1 - uniform()));
    const t = 2 * Math.PI * uniform();
    spare = r * Math.sin(t);
    return r * Math.cos(t);
  };
}

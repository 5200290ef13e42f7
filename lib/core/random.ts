/**
 * Seeded pseudo-random numbers. `lib/` never uses `Math.random`, so figures,
 * critical points and tests are the same on every run.
 *
 * @module
 */

/**
 * Returns a generator of uniform numbers in `[0, 1)` from a 32-bit seed
 * (Tommy Ettinger's mulberry32: tiny, fast, and good enough for jitter and
 * test inputs; not for cryptography).
 *
 * @param seed Any number; it is truncated to an unsigned 32-bit integer.
 * @returns A function that gives the next number of the sequence each call.
 *
 * @example Two generators with the same seed give the same sequence
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { mulberry32 } from "./random.ts";
 *
 * const a = mulberry32(42);
 * const b = mulberry32(42);
 * strictEqual(a(), b());
 * const u = a();
 * strictEqual(u >= 0 && u < 1, true);
 * ```
 */
export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

import { deepStrictEqual, notDeepStrictEqual, ok } from "node:assert";
import { mulberry32 } from "../lib/core/random.ts";

Deno.test("mulberry32() repeats its sequence for a seed and differs between seeds", () => {
  const take = (seed: number) => {
    const r = mulberry32(seed);
    return Array.from({ length: 5 }, r);
  };
  deepStrictEqual(take(1), take(1));
  notDeepStrictEqual(take(1), take(2));
});

Deno.test("mulberry32() gives uniform numbers in [0, 1)", () => {
  const r = mulberry32(123);
  const bins = new Array(10).fill(0);
  for (let k = 0; k < 100_000; k++) {
    const u = r();
    ok(u >= 0 && u < 1);
    bins[Math.floor(u * 10)]++;
  }
  for (const b of bins) ok(Math.abs(b - 10_000) < 500, `${bins}`);
});

import { deepStrictEqual, notDeepStrictEqual, ok, strictEqual, throws } from "node:assert";
import { spirals } from "../lib/mod.ts";

Deno.test("spirals() is seeded: the same seed gives the same points, another seed others", () => {
  deepStrictEqual(spirals({ n: 100, seed: 4 }), spirals({ n: 100, seed: 4 }));
  notDeepStrictEqual(spirals({ n: 100, seed: 4 }).x, spirals({ n: 100, seed: 5 }).x);
});

Deno.test("spirals() shares points evenly between classes, inside the unit disc", () => {
  const s = spirals({ n: 2048, classes: 3, seed: 1 });
  strictEqual(s.x.length, 4096);
  deepStrictEqual([0, 1, 2].map((k) => s.labels.filter((l) => l === k).length), [683, 683, 682]);
  for (let i = 0; i < s.n; i++) ok(Math.hypot(s.x[2 * i]!, s.x[2 * i + 1]!) <= 1 + 1e-6);
});

Deno.test("spirals() without noise puts each arm's points on its spiral, in a shuffled order", () => {
  const s = spirals({ n: 90, classes: 3, noise: 0, turns: 0.5, seed: 2 });
  for (let i = 0; i < s.n; i++) {
    const [x, y] = [s.x[2 * i]!, s.x[2 * i + 1]!];
    const r = Math.hypot(x, y);
    const want = 2 * Math.PI * (s.labels[i]! / 3 + 0.5 * r);
    const diff = Math.atan2(Math.sin(Math.atan2(y, x) - want), Math.cos(Math.atan2(y, x) - want));
    ok(Math.abs(diff) < 1e-5, `point ${i} is off its arm by ${diff}`);
  }
  // Shuffled: the labels do not come in runs.
  notDeepStrictEqual([...s.labels.slice(0, 6)], [0, 1, 2, 0, 1, 2]);
});

Deno.test("spirals() rejects bad sizes and noise", () => {
  throws(() => spirals({ n: 0 }), {
    name: "RangeError",
    message: "Expected n to be an integer from 1 to 10000000 but found 0",
  });
  throws(() => spirals({ n: 10, classes: 11 }), RangeError);
  throws(() => spirals({ noise: -1 }), RangeError);
  throws(() => spirals({ turns: Infinity }), RangeError);
});

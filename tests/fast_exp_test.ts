import { ok, strictEqual } from "node:assert";
import { fastExp } from "../lib/expression/_fast_exp.ts";
import { mulberry32 } from "../lib/core/random.ts";

Deno.test("fastExp() stays within 2ε relative error of Math.exp over its whole range", () => {
  const random = mulberry32(17);
  let worst = 0;
  for (let k = 0; k < 200_000; k++) {
    const scale = [1e-8, 1, 30, 708][k % 4]!;
    const x = (2 * random() - 1) * scale;
    const expected = Math.exp(x);
    worst = Math.max(worst, Math.abs(fastExp(x) - expected) / expected);
  }
  ok(worst <= 2 * Number.EPSILON, `worst relative error ${worst}`);
});

Deno.test("fastExp() handles the edges as Math.exp does", () => {
  strictEqual(fastExp(0), 1);
  strictEqual(fastExp(-0), 1);
  strictEqual(fastExp(Infinity), Infinity);
  strictEqual(fastExp(-Infinity), 0);
  ok(Number.isNaN(fastExp(NaN)));
  strictEqual(fastExp(710), Infinity);
  strictEqual(fastExp(-746), 0);
  strictEqual(fastExp(-740), Math.exp(-740));
  for (const x of [-708, -707.9999, 708.9999, 1, -1, Math.LN2, 0.5 * Math.LN2 / 128]) {
    ok(Math.abs(fastExp(x) - Math.exp(x)) <= 2 * Number.EPSILON * Math.exp(x), `${x}`);
  }
});

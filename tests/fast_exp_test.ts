import { ok, strictEqual } from "node:assert";
import {
  EXP_FRACTION,
  EXP_POWER,
  fastExp,
  fastExpStatements,
} from "../lib/expression/_fast_exp.ts";
import { literal } from "../lib/expression/compile.ts";
import { landscape } from "../lib/landscape/mod.ts";
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

Deno.test("fastExpStatements() computes exactly fastExp(), bit for bit, edges included", () => {
  const body = fastExpStatements("x", "e", literal).join("\n");
  const inline = new Function("EXP_FRACTION", "EXP_POWER", `return (x) => { ${body} return e; };`)(
    EXP_FRACTION,
    EXP_POWER,
  ) as (x: number) => number;
  const random = mulberry32(5);
  const xs = [0, -0, 1, -1, 708.9999, 709, -708, -707.9999, -746, 710, Infinity, -Infinity, NaN];
  for (let k = 0; k < 100_000; k++) xs.push((2 * random() - 1) * [1e-8, 1, 30, 708][k % 4]!);
  for (const x of xs) ok(Object.is(inline(x), fastExp(x)), `${x}: ${inline(x)} vs ${fastExp(x)}`);
});

Deno.test("a grid with exp in its inner loop gives exactly at()'s values", () => {
  const l = landscape("-20*exp(-0.2*sqrt(0.5*(x^2 + y^2))) + exp(x*y) - exp(-(x-1)^2*y)");
  const g = l.grid({ x: [-3, 3], y: [-2, 4], n: [37, 41] });
  for (let j = 0; j < g.ny; j++) {
    for (let i = 0; i < g.nx; i++) {
      ok(Object.is(g.values[i + j * g.nx], l.at(g.xs[i]!, g.ys[j]!)), `(${i}, ${j})`);
    }
  }
});

import { deepStrictEqual, notDeepStrictEqual, ok } from "node:assert";
import { standardNormal } from "../lib/core/mod.ts";

Deno.test("standardNormal() gives seeded standard normal numbers", () => {
  const next = standardNormal(1);
  const xs = Array.from({ length: 20000 }, () => next());
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
  const within1 = xs.filter((x) => Math.abs(x) < 1).length / xs.length;
  ok(Math.abs(mean) < 0.03, `mean ${mean}`);
  ok(Math.abs(variance - 1) < 0.04, `variance ${variance}`);
  ok(Math.abs(within1 - 0.6827) < 0.015, `P(|x| < 1) = ${within1}`);
  ok(xs.every(Number.isFinite));
  const again = standardNormal(1);
  deepStrictEqual(Array.from({ length: 5 }, () => again()), xs.slice(0, 5));
  const other = standardNormal(2);
  notDeepStrictEqual(Array.from({ length: 5 }, () => other()), xs.slice(0, 5));
});

import { deepStrictEqual, ok, strictEqual, throws } from "node:assert";
import { checkGridSpec, linspace } from "../lib/core/grid_spec.ts";
import { landscape } from "../lib/landscape/landscape.ts";

Deno.test("landscape() gives the exact gradient and Hessian of a string expression", () => {
  const l = landscape("x^3*y - 2*y^2");
  deepStrictEqual(l.gradient(2, 3), [36, 8 - 12]);
  deepStrictEqual(l.hessian(2, 3), [[36, 12], [12, -4]]);
  strictEqual(l.at(2, 3), 24 - 18);
  strictEqual(l.dims, 2);
  deepStrictEqual(l.vars, ["x", "y"]);
  strictEqual(l.expr, "x^3*y - 2*y^2");
});

Deno.test("landscape() of one weight has a one-entry gradient and Hessian", () => {
  const l = landscape("log(1 + exp(-w))", { name: "Logistic loss" });
  strictEqual(l.dims, 1);
  strictEqual(l.name, "Logistic loss");
  strictEqual(l.gradient(0)[0], -0.5);
  strictEqual(l.hessian(0)[0]![0], 0.25);
});

Deno.test("grid() is row-major: values[i + j*nx] = f(xs[i], ys[j])", () => {
  const l = landscape("10*x + y");
  const g = l.grid({ x: [0, 3], y: [0, 100], n: [4, 3] });
  deepStrictEqual([g.nx, g.ny], [4, 3]);
  deepStrictEqual([...g.xs], [0, 1, 2, 3]);
  deepStrictEqual([...g.ys], [0, 50, 100]);
  deepStrictEqual([...g.values], [0, 10, 20, 30, 50, 60, 70, 80, 100, 110, 120, 130]);
  deepStrictEqual([g.min, g.max, g.nonFinite], [0, 130, 0]);
  deepStrictEqual(g.argmin, [0, 0]);
});

Deno.test("grid() finds the minimum, maximum and argmin over the finite values", () => {
  const g = landscape("(x - 1)^2 + (y + 2)^2").grid({ x: [-4, 4], y: [-4, 4], n: 9 });
  deepStrictEqual(g.argmin, [1, -2]);
  strictEqual(g.min, 0);
  strictEqual(g.max, 25 + 36);
  strictEqual(g.values.length, 81);
});

Deno.test("grid() keeps NaN and infinite values as holes and counts them", () => {
  const g = landscape("log(x) + y").grid({ x: [-1, 1], y: [0, 1], n: [5, 2] });
  // xs = -1, -0.5, 0, 0.5, 1: two NaN and one -Infinity per row.
  strictEqual(g.nonFinite, 6);
  ok(Number.isNaN(g.values[0]!) && Number.isNaN(g.values[6]!));
  strictEqual(g.values[2], -Infinity);
  strictEqual(g.min, Math.log(0.5));
  strictEqual(g.max, 1);
  deepStrictEqual(g.argmin, [0.5, 0]);
});

Deno.test("grid() counts +Infinity as a hole and leaves it out of max", () => {
  const g = landscape("1/x + y").grid({ x: [0, 2], y: [0, 1], n: [3, 2] });
  // xs = 0, 1, 2: 1/0 = Infinity in both rows.
  strictEqual(g.nonFinite, 2);
  strictEqual(g.values[0], Infinity);
  strictEqual(g.max, 2);
  strictEqual(g.min, 0.5);
  deepStrictEqual(g.argmin, [2, 0]);
});

Deno.test("grid() with no finite value has NaN summaries", () => {
  const g = landscape("sqrt(-1 - x^2 - y^2)").grid({ x: [0, 1], y: [0, 1], n: 2 });
  strictEqual(g.nonFinite, 4);
  ok(Number.isNaN(g.min) && Number.isNaN(g.max) && Number.isNaN(g.argmin[0]));
});

Deno.test("grid() accepts the smallest grid, 2 × 2, and defaults to 100 × 100", () => {
  const l = landscape("x*y");
  deepStrictEqual([...l.grid({ x: [1, 2], y: [3, 4], n: 2 }).values], [3, 6, 4, 8]);
  const g = l.grid({ x: [0, 1], y: [0, 1] });
  deepStrictEqual([g.nx, g.ny, g.values.length], [100, 100, 10000]);
});

Deno.test("grid() rejects bad sizes and domains with a RangeError before allocating", () => {
  const l = landscape("x + y");
  const domain = { x: [0, 1] as [number, number], y: [0, 1] as [number, number] };
  throws(() => l.grid({ ...domain, n: 1 }), {
    name: "RangeError",
    message: "Expected n to be an integer from 2 to 4096 but found 1",
  });
  throws(() => l.grid({ ...domain, n: 1.5 }), {
    message: "Expected n to be an integer from 2 to 4096 but found 1.5",
  });
  // A billion points would fail in the allocator with another message.
  throws(() => l.grid({ ...domain, n: 1e9 }), {
    name: "RangeError",
    message: "Expected n to be an integer from 2 to 4096 but found 1000000000",
  });
  throws(() => l.grid({ ...domain, n: [4097, 2] }), { message: /Expected nx to be an integer/ });
  throws(() => l.grid({ ...domain, n: NaN }), RangeError);
  throws(() => l.grid({ x: [1, 1], y: [0, 1] }), {
    name: "RangeError",
    message:
      "Expected x to be an interval [lo, hi] of finite numbers with lo < hi but found [1, 1]",
  });
  throws(() => l.grid({ x: [0, 1], y: [0, Infinity] }), RangeError);
  throws(() => l.grid({ x: [2, 1], y: [0, 1] }), RangeError);
  throws(() => l.grid({ x: [0, NaN], y: [0, 1] }), RangeError);
  throws(() => l.grid({ x: [0, 1] } as never), TypeError);
});

Deno.test("curve() samples a one-weight landscape; grid() and curve() refuse the other kind", () => {
  const c = landscape("(w - 1)^2").curve({ x: [-1, 3], n: 5 });
  deepStrictEqual([...c.xs], [-1, 0, 1, 2, 3]);
  deepStrictEqual([...c.values], [4, 1, 0, 1, 4]);
  deepStrictEqual([c.min, c.max, c.argmin], [0, 4, 1]);
  throws(() => landscape("w^2").grid({ x: [0, 1], y: [0, 1] }), {
    name: "TypeError",
    message: "grid() needs a landscape of two weights but this one has 1 (w); use curve()",
  });
  throws(() => landscape("x + y").curve({ x: [0, 1] }), TypeError);
  throws(() => landscape("w").curve({ x: [0, 1], n: 4097 }), RangeError);
});

Deno.test("at() and gradient() check the number of weights", () => {
  const l = landscape("x + y");
  throws(() => l.at(1), { name: "RangeError", message: "Expected 2 weights (x, y) but found 1" });
  throws(() => l.gradient(1, 2, 3), RangeError);
  throws(() => l.at("1" as unknown as number, 2), TypeError);
});

Deno.test("a TypeScript function takes its weights from f.length or vars", () => {
  const l = landscape((x: number, y: number) => (1 - x) ** 2 + 100 * (y - x * x) ** 2);
  strictEqual(l.dims, 2);
  deepStrictEqual(l.vars, ["x", "y"]);
  strictEqual(l.expr, undefined);
  strictEqual(l.at(1, 1), 0);
  const one = landscape((...w: number[]) => w[0]! ** 2, { vars: ["w"] });
  strictEqual(one.dims, 1);
  throws(() => landscape((...w: number[]) => w[0]!), {
    name: "RangeError",
    message: /declares 0 parameters; pass vars/,
  });
});

Deno.test("a TypeScript function gets central-difference derivatives accurate to ~1e-8", () => {
  const l = landscape((x: number, y: number) => x ** 3 * y + Math.sin(y));
  const [gx, gy] = l.gradient(2, 3);
  ok(Math.abs(gx! - 36) < 1e-7 * 36);
  ok(Math.abs(gy! - (8 + Math.cos(3))) < 1e-7 * 8);
  const h = l.hessian(2, 3);
  ok(Math.abs(h[0]![0]! - 36) < 1e-5 * 36);
  ok(Math.abs(h[0]![1]! - 12) < 1e-5 * 12);
  ok(Math.abs(h[1]![1]! + Math.sin(3)) < 1e-5);
  // The step scales with the point, so large weights still work.
  const big = landscape((w: number) => w * w);
  ok(Math.abs(big.gradient(1e6)[0]! - 2e6) < 1e-7 * 2e6);
});

Deno.test("a TypeScript function's grid and curve follow the same contract", () => {
  const g = landscape((x: number, y: number) => 10 * x + y).grid({
    x: [0, 1],
    y: [0, 2],
    n: [2, 3],
  });
  deepStrictEqual([...g.values], [0, 10, 1, 11, 2, 12]);
  const h = landscape((x: number, y: number) => Math.log(x) + y).grid({
    x: [-1, 1],
    y: [0, 1],
    n: [5, 2],
  });
  strictEqual(h.nonFinite, 6);
  deepStrictEqual(h.argmin, [0.5, 0]);
  const c = landscape((w: number) => w * w).curve({ x: [-1, 1], n: 3 });
  deepStrictEqual([...c.values], [1, 0, 1]);
});

Deno.test("a function returning a non-number is a TypeError naming what it returned", () => {
  throws(() => landscape((x: number) => String(x) as unknown as number).at(1), {
    name: "TypeError",
    message: 'Expected the loss function to return a number but it returned the string "1"',
  });
  throws(
    () =>
      landscape((x: number) => (x > 0 ? undefined : 0) as unknown as number).curve({ x: [-1, 1] }),
    {
      message: "Expected the loss function to return a number but it returned undefined",
    },
  );
  throws(
    () =>
      landscape((_x: number, _y: number) => 1n as unknown as number).grid({ x: [0, 1], y: [0, 1] }),
    {
      message: "Expected the loss function to return a number but it returned bigint 1n",
    },
  );
  throws(() => landscape((x: number) => [x] as unknown as number).gradient(1), {
    message: "Expected the loss function to return a number but it returned an array of length 1",
  });
});

Deno.test("landscape() rejects what is neither a string nor a function", () => {
  throws(() => landscape(42 as unknown as string), {
    name: "TypeError",
    message: "Expected a loss expression string or function but found number 42",
  });
});

Deno.test("linspace() and checkGridSpec() give numpy's axes and validated shapes", () => {
  const xs = linspace(-5, 5, 7);
  strictEqual(xs[0], -5);
  strictEqual(xs[6], 5);
  strictEqual(xs[1], -5 + 10 / 6);
  deepStrictEqual(checkGridSpec({ x: [0, 1], y: [2, 3], n: [2, 4096] }), {
    x: [0, 1],
    y: [2, 3],
    nx: 2,
    ny: 4096,
  });
  throws(() => checkGridSpec(null), TypeError);
});

Deno.test("a TypeScript function rejects repeated vars", () => {
  throws(() => landscape((x: number, y: number) => x + y, { vars: ["x", "x"] }), {
    name: "RangeError",
    message: 'Expected vars to be one or two distinct names but found ["x","x"]',
  });
});

Deno.test("grid() fills a given out array, for strings and TS functions alike", () => {
  for (const l of [landscape("w1^2 + 3*w2"), landscape((x: number, y: number) => x * x + 3 * y)]) {
    const fresh = l.grid({ x: [-1, 1], y: [0, 2], n: [5, 4] });
    const out = new Float64Array(20).fill(NaN);
    const g = l.grid({ x: [-1, 1], y: [0, 2], n: [5, 4], out });
    strictEqual(g.values, out);
    deepStrictEqual([...g.values], [...fresh.values]);
    deepStrictEqual([g.min, g.max, g.argmin, g.nonFinite], [
      fresh.min,
      fresh.max,
      fresh.argmin,
      fresh.nonFinite,
    ]);
  }
});

Deno.test("grid() rejects an out array of the wrong size or type before computing", () => {
  const l = landscape("w1 + w2");
  throws(
    () => l.grid({ x: [0, 1], y: [0, 1], n: 3, out: new Float64Array(8) }),
    (e: Error) =>
      e instanceof RangeError &&
      e.message === "Expected out to hold nx × ny = 3 × 3 = 9 values but found 8",
  );
  throws(
    () => l.grid({ x: [0, 1], y: [0, 1], n: 3, out: [] as unknown as Float64Array }),
    TypeError,
  );
});

Deno.test("grid() gives exactly at()'s 0 where a separated exp underflows (Easom's plain)", () => {
  // exp(-((x - pi)^2 + (y - pi)^2)) is split into exp(a) * exp(b); where both
  // underflow the grid says 0 without calling exp, and must equal at() exactly.
  const l = landscape("-cos(x)*cos(y)*exp(-((x - pi)^2 + (y - pi)^2))");
  const g = l.grid({ x: [-100, 100], y: [-100, 100], n: 201 });
  let zeros = 0;
  for (let j = 0; j < g.ny; j++) {
    for (let i = 0; i < g.nx; i++) {
      const v = g.values[i + j * g.nx]!, w = l.at(g.xs[i]!, g.ys[j]!);
      if (w === 0) {
        zeros++;
        ok(Object.is(v, w), `at (${g.xs[i]}, ${g.ys[j]}): ${v} against ${w}`);
      } else {
        ok(
          Math.abs(v - w) <= 1e-12 * Math.abs(w),
          `at (${g.xs[i]}, ${g.ys[j]}): ${v} against ${w}`,
        );
      }
    }
  }
  ok(zeros > 0.9 * g.values.length, `only ${zeros} points underflow`);
  deepStrictEqual(g.argmin, [3, 3]);
  ok(Math.abs(g.min - l.at(3, 3)) <= 1e-12);
});

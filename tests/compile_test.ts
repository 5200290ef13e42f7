import { deepStrictEqual, ok, strictEqual } from "node:assert";
import { type MathNode, parse } from "mathjs";
import { catalog } from "../lib/landscape/catalog.ts";
import { gridSource, HELPERS, literal, pointSource } from "../lib/expression/compile.ts";
import { ALLOWED_FUNCTIONS, parseExpression } from "../lib/expression/parse.ts";
import { landscape } from "../lib/landscape/landscape.ts";
import { mulberry32 } from "../lib/core/random.ts";
import { FUNCTIONS } from "../lib/expression/symbolic.ts";

const ARITY: Record<string, number> = { atan2: 2, pow: 2, log: 1, min: 2, max: 3, hypot: 2 };

// Periodic functions turn a last-bit difference in a large argument into a
// large difference in the result (tan(4.5e6) moves by 2e-8 when its argument
// moves by one ulp), so their arguments are kept shallow: the property is
// agreement on well-conditioned expressions, which any wrong operation or
// rule still breaks by far more than 1e-12.
const PERIODIC = new Set(["sin", "cos", "tan", "sec", "csc", "cot"]);
// mathjs computes coth and csch from exponentials, (e^2x + 1) / (e^2x - 1) and
// 2 / (e^x - e^-x): they lose all precision near 0, drop the sign of -0 and
// coth overflows to NaN past |x| ≈ 355. The engine uses 1 / tanh and 1 / sinh
// instead, so these two are checked against those definitions separately.
const INEXACT_IN_MATHJS = new Set(["coth", "csch"]);

/** A random allow-listed expression in x and y, seeded. */
function randomExpression(random: () => number, depth: number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  if (depth === 0 || random() < 0.2) {
    return pick(["x", "y", "x", "y", "2", "0.5", "3", "1.25", "pi", "e", "0.1", "7"]);
  }
  const r = random();
  const sub = () => randomExpression(random, depth - 1);
  if (r < 0.45) return `(${sub()} ${pick(["+", "-", "*", "/"])} ${sub()})`;
  if (r < 0.55) return `(${sub()})^${pick(["2", "3", "-1", "0.5", "4", "-2", "1.5", "17"])}`;
  if (r < 0.6) return `-(${sub()})`;
  if (r < 0.65) return `(${sub()})^(${sub()})`;
  const name = pick(ALLOWED_FUNCTIONS.filter((f) => !INEXACT_IN_MATHJS.has(f)));
  const arg = PERIODIC.has(name) ? () => randomExpression(random, Math.min(depth - 1, 1)) : sub;
  const args = Array.from({ length: ARITY[name] ?? 1 }, arg);
  return `${name}(${args.join(", ")})`;
}

function agrees(actual: number, expected: number | "complex"): boolean {
  if (expected === "complex") return Number.isNaN(actual);
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  return Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected));
}

/** Checks `expr` at random points and on a small grid or curve; counts the finite comparisons. */
function checkAgainstMathjs(expr: string, vars: string[], random: () => number, points: number) {
  const l = landscape(expr, { vars });
  const node = parse(expr);
  let finite = 0;
  let total = 0;
  const agree = (actual: number, expected: number | "complex", where: string) => {
    total++;
    if (typeof expected === "number" && Number.isFinite(expected)) finite++;
    ok(agrees(actual, expected), `${expr} ${where}: ${actual} vs mathjs ${expected}`);
  };
  // Values at random points.
  for (let k = 0; k < points; k++) {
    const x = (random() - 0.5) * 6;
    const y = (random() - 0.5) * 6;
    const expected = vars.length === 2
      ? mathjsValueNamed(node, vars, [x, y])
      : mathjsValueNamed(node, vars, [x]);
    const actual = vars.length === 2 ? l.at(x, y) : l.at(x);
    agree(actual, expected, `at (${x}, ${y})`);
  }
  // Every value of a small grid (the hoisted, fused kernel).
  if (vars.length === 2) {
    const x0 = (random() - 0.5) * 6;
    const y0 = (random() - 0.5) * 6;
    const g = l.grid({ x: [x0, x0 + 1 + random() * 3], y: [y0, y0 + 1 + random() * 3], n: [7, 5] });
    for (let j = 0; j < g.ny; j++) {
      for (let i = 0; i < g.nx; i++) {
        const expected = mathjsValueNamed(node, vars, [g.xs[i]!, g.ys[j]!]);
        const actual = g.values[i + j * g.nx]!;
        agree(actual, expected, `grid at (${g.xs[i]}, ${g.ys[j]})`);
      }
    }
  } else {
    const x0 = (random() - 0.5) * 6;
    const c = l.curve({ x: [x0, x0 + 2], n: 9 });
    for (let i = 0; i < c.xs.length; i++) {
      agree(c.values[i]!, mathjsValueNamed(node, vars, [c.xs[i]!]), `curve at ${c.xs[i]}`);
    }
  }
  return { finite, total };
}

/**
 * mathjs's own value of `node` at `w`, or "complex" when mathjs leaves the
 * reals anywhere inside (sqrt(-1), log(-1), ...), where the engine's
 * documented answer is NaN.
 */
function mathjsValueNamed(node: MathNode, vars: string[], w: number[]): number | "complex" {
  const scope: Record<string, number> = {};
  vars.forEach((v, i) => (scope[v] = w[i]!));
  // Symbols are the weights, pi, e or function names; everything else must stay real.
  for (const sub of node.filter((n) => n.type !== "SymbolNode")) {
    let v: unknown;
    try {
      v = sub.compile().evaluate(scope);
    } catch {
      return "complex";
    }
    if (typeof v !== "number") return "complex";
  }
  return node.compile().evaluate(scope) as number;
}

Deno.test("compiled catalogue values and grids agree with mathjs within 1e-12 relative", () => {
  const random = mulberry32(7);
  for (const [key, entry] of Object.entries(catalog)) {
    const l = entry.landscape;
    const node = parse(l.expr!);
    const { x } = entry.domain;
    const y: [number, number] = "y" in entry.domain ? entry.domain.y : [0, 1];
    for (let k = 0; k < 50; k++) {
      const w = [x[0] + random() * (x[1] - x[0]), y[0] + random() * (y[1] - y[0])].slice(0, l.dims);
      const expected = mathjsValueNamed(node, [...l.vars], w);
      ok(agrees(l.at(...w), expected), `${key} at ${w}: ${l.at(...w)} vs ${expected}`);
    }
    if (l.dims === 2) {
      const g = l.grid({ x, y, n: [9, 8] });
      for (let j = 0; j < g.ny; j++) {
        for (let i = 0; i < g.nx; i++) {
          const expected = mathjsValueNamed(node, [...l.vars], [g.xs[i]!, g.ys[j]!]);
          ok(agrees(g.values[i + j * g.nx]!, expected), `${key} grid (${i}, ${j})`);
        }
      }
    }
  }
});

Deno.test("compiled random allow-listed expressions agree with mathjs within 1e-12 relative", () => {
  const random = mulberry32(2024);
  let finite = 0;
  let total = 0;
  for (let k = 0; k < 300; k++) {
    const expr = randomExpression(random, 4);
    const counts = checkAgainstMathjs(expr, ["x", "y"], random, 12);
    finite += counts.finite;
    total += counts.total;
  }
  for (let k = 0; k < 60; k++) {
    const expr = randomExpression(random, 3).replace(/\by\b/g, "x");
    const counts = checkAgainstMathjs(expr, ["x"], random, 8);
    finite += counts.finite;
    total += counts.total;
  }
  // Most comparisons must be of real numbers, not NaN against NaN.
  ok(finite > 0.6 * total, `${finite} finite values of ${total}`);
});

const WORDS = new Set([
  "use",
  "strict",
  "return",
  "function",
  "const",
  "let",
  "for",
  "if",
  "else",
  "new",
  "Float64Array",
  "Math",
  "NaN",
  "Infinity",
  "fillRow",
  "xs",
  "ys",
  "out",
  "stats",
  "row",
  "nx",
  "ny",
  "n",
  "i",
  "j",
  "x",
  "y",
  "v",
  "min",
  "max",
  "at",
  "bad",
  "length",
  ...Object.keys(HELPERS),
  ...Object.getOwnPropertyNames(Math).filter((k) =>
    typeof (Math as unknown as Record<string, unknown>)[k] === "function"
  ),
]);

function assertOnlyFixedWords(source: string, context: string) {
  const words = source.replace(/\b\d+(\.\d+)?(e[+-]?\d+)?\b/g, "").match(
    /[A-Za-z_$][A-Za-z0-9_$]*/g,
  );
  for (const word of words ?? []) {
    ok(WORDS.has(word) || /^[tc]\d+(_\d+)?$/.test(word), `${context}: "${word}" in generated code`);
  }
  ok(!/["'`\\]/.test(source.replace("'use strict';", "")), `${context}: no quotes or escapes`);
}

Deno.test("generated code holds only fixed words, numbered temporaries and numbers", () => {
  const random = mulberry32(99);
  const sources: [string, string[]][] = [
    ...Object.values(catalog).map((
      e,
    ): [string, string[]] => [e.landscape.expr!, [...e.landscape.vars]]),
    ...Array.from(
      { length: 100 },
      (): [string, string[]] => [randomExpression(random, 4), ["x", "y"]],
    ),
    ["w_secret1^2 + w_secret2^2", ["w_secret1", "w_secret2"]],
  ];
  for (const [expr, names] of sources) {
    const vars = parseExpression(expr, { vars: names });
    const { graph, root } = vars;
    const derivatives = vars.vars.map((_, k) => graph.derivative(root, k));
    for (const source of [gridSource(graph, root), pointSource([root, ...derivatives], true)]) {
      assertOnlyFixedWords(source, expr);
      ok(!source.includes("secret"), "user names never reach the source");
    }
  }
});

Deno.test("every allow-listed function compiles to Math or a fixed helper", () => {
  for (const [name, info] of Object.entries(FUNCTIONS)) {
    const js = info.js(["t1", "t2"]);
    assertOnlyFixedWords(`const t0 = ${js};`, name);
  }
});

Deno.test("coth and csch are 1 / tanh and 1 / sinh, accurate where mathjs's formulas are not", () => {
  const l = landscape("coth(x) + 2 * csch(y)");
  for (const [x, y] of [[1e-10, 3e-9], [0.7, -1.3], [400, 800], [-2, 1e-300]]) {
    const expected = 1 / Math.tanh(x!) + 2 / Math.sinh(y!);
    ok(Math.abs(l.at(x!, y!) - expected) <= 1e-15 * Math.abs(expected), `${x}, ${y}`);
  }
  strictEqual(landscape("coth(x)").at(-0), -Infinity);
});

Deno.test("literal() prints numbers that read back as exactly the same number", () => {
  const values = [
    0,
    -0,
    1,
    -1,
    0.1,
    -2.5e-7,
    1e21,
    5e-324,
    -Number.MAX_VALUE,
    Math.PI,
    NaN,
    Infinity,
    -Infinity,
  ];
  for (const v of values) {
    const back = new Function(`return ${literal(v)};`)();
    ok(Object.is(back, v), `${v} -> ${literal(v)} -> ${back}`);
    ok(/^\(?-?(\d|NaN|Infinity)/.test(literal(v)));
  }
  let threw = false;
  try {
    literal("1; alert(1)" as unknown as number);
  } catch (error) {
    threw = error instanceof TypeError;
  }
  ok(threw, "literal() rejects anything but a number");
});

Deno.test("small integer powers compile to multiplications, others to Math.pow", () => {
  const source = (expr: string) => {
    const { root } = parseExpression(expr);
    return pointSource([root]);
  };
  ok(source("x^2").includes("x * x") && !source("x^2").includes("Math.pow"));
  ok(!source("x^16").includes("Math.pow"));
  ok(source("x^-3").includes("1 / ("));
  ok(source("x^17").includes("Math.pow"));
  ok(source("x^2.5").includes("Math.pow"));
  const l = landscape("x^7 + x^-3 + x^0");
  ok(Math.abs(l.at(1.1) - (1.1 ** 7 + 1.1 ** -3 + 1)) < 1e-14);
  strictEqual(landscape("x^0").at(NaN), 1);
});

Deno.test("a grid hoists work in x alone and y alone out of the inner loop", () => {
  const inner = (expr: string) => {
    const { graph, root } = parseExpression(expr);
    const source = gridSource(graph, root);
    return source.slice(source.indexOf("function fillRow"), source.indexOf("return function"));
  };
  // Rastrigin: both cosines are computed once per column or row.
  ok(!inner(catalog.rastrigin.landscape.expr!).includes("Math.cos"));
  // Ackley: the cosine term's exp(a + b) becomes exp(a) * exp(b), leaving one exp per point.
  const ackley = inner(catalog.ackley.landscape.expr!);
  ok(!ackley.includes("Math.cos"));
  strictEqual(
    ackley.match(/EXP_FRACTION\[/g)!.length,
    1,
    "the radial exp, written out in the loop",
  );
  strictEqual(ackley.match(/fastExp\(/g)!.length, 1, "the overflow fallback");
  // Easom's Gaussian separates the same way.
  ok(!inner(catalog.easom.landscape.expr!).includes("Math.cos"));
});

Deno.test("the separated exp falls back to exp(a + b) when a factor overflows", () => {
  // exp(800 x) overflows for x = 1 but exp(800 x - 800 y) is 1 at x = y = 1.
  const g = landscape("exp(800*x - 800*y)").grid({ x: [1, 2], y: [1, 2], n: 2 });
  strictEqual(g.values[0], 1);
  strictEqual(g.values[3], 1);
  strictEqual(g.values[1], Infinity);
  strictEqual(g.values[2], 0);
  deepStrictEqual([g.min, g.max, g.nonFinite], [0, 1, 1]);
});

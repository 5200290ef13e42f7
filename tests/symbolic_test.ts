import { ok, strictEqual } from "node:assert";
import { derivative } from "mathjs";
import { ALLOWED_FUNCTIONS, parseExpression } from "../lib/expression/parse.ts";
import { centralGradient, centralHessian } from "../lib/landscape/finite_difference.ts";
import { landscape } from "../lib/landscape/landscape.ts";
import { mulberry32 } from "../lib/core/random.ts";
import { evaluateSym } from "../lib/expression/symbolic.ts";

/** One expression per allow-listed function, with arguments that stay in its domain near (x, y) ∈ (0.2, 0.9)². */
const USES: Record<string, string> = {
  abs: "abs(x - 2*y)",
  sign: "sign(x - y) * x^2",
  floor: "floor(3*x) + x*y",
  ceil: "ceil(3*y) * x",
  sqrt: "sqrt(x^2 + y)",
  cbrt: "cbrt(x*y - 2)",
  exp: "exp(-x*y^2)",
  expm1: "expm1(x - y)",
  log: "log(x + y^2)",
  log1p: "log1p(x*y)",
  log10: "log10(3 + x*y)",
  log2: "log2(1 + x^2 + y)",
  sin: "sin(x*y)",
  cos: "cos(x + y^2)",
  tan: "tan(x - y)",
  sec: "sec(x*y)",
  csc: "csc(x + y)",
  cot: "cot(x + y)",
  asin: "asin(x*y)",
  acos: "acos(x - y)",
  atan: "atan(x/y)",
  atan2: "atan2(y - 1, x)",
  sinh: "sinh(x*y)",
  cosh: "cosh(x - y)",
  tanh: "tanh(2*x - y)",
  sech: "sech(x*y)",
  csch: "csch(x + y)",
  coth: "coth(x + y)",
  asinh: "asinh(x - y)",
  acosh: "acosh(2 + x*y)",
  atanh: "atanh(x*y)",
  min: "min(x^2, y, 0.3)",
  max: "max(x*y, x - y)",
  hypot: "hypot(x, y, 1)",
  pow: "pow(x + 1, y)",
  square: "square(x - y)",
  cube: "cube(x*y)",
};

function close(a: number, b: number, tol: number): boolean {
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));
}

Deno.test("every allow-listed function has an exact derivative rule (checked by central differences)", () => {
  for (const name of ALLOWED_FUNCTIONS) ok(name in USES, `no test expression for ${name}`);
  const random = mulberry32(3);
  for (const [name, expr] of Object.entries(USES)) {
    let skipped = 0;
    const l = landscape(expr, { vars: ["x", "y"] });
    const f = (x: number, y: number) => l.at(x, y);
    for (let k = 0; k < 20; k++) {
      const p = [0.2 + 0.7 * random(), 0.2 + 0.7 * random()];
      const g = l.gradient(...p);
      const h = l.hessian(...p);
      const gd = centralGradient(f, p);
      const hd = centralHessian(f, p);
      // Skip points next to a jump of sign, floor, ceil or a kink of abs/min/max,
      // where differences straddle it.
      if (!gd.every((v, i) => close(v, g[i]!, 1e-6))) {
        const nudged = centralGradient(f, p.map((v) => v + 1e-4));
        if (!nudged.every((v, i) => close(v, l.gradient(p[0]! + 1e-4, p[1]! + 1e-4)[i]!, 1e-6))) {
          ok(false, `${name}: gradient ${g} vs differences ${gd} at ${p}`);
        }
        skipped++;
        continue;
      }
      for (let i = 0; i < 2; i++) {
        for (let j = 0; j < 2; j++) {
          ok(
            close(hd[i]![j]!, h[i]![j]!, 1e-4),
            `${name}: Hessian ${JSON.stringify(h)} vs ${JSON.stringify(hd)} at ${p}`,
          );
        }
      }
    }
    ok(skipped <= 3, `${name}: ${skipped} of 20 points next to a jump`);
  }
});

Deno.test("derivatives agree with math.derivative wherever mathjs has a rule", () => {
  const supported = [
    "x^3*y - 2*x*y^2 + 7",
    "sqrt(x^2 + y^2)",
    "exp(-x*y) * sin(x + y)",
    "log(x + y^2) / (1 + x^2)",
    "tan(x*y) + cos(x)^2",
    "asin(x*y) + acos(x - y) + atan(x/y)",
    "sinh(x) * cosh(y) + tanh(x*y)",
    "x^y + 2^(x*y)",
    "cbrt(x*y + 1) + log10(x + 1)",
    "sec(x) + csc(y) + cot(x + y) + sech(x) + csch(y) + coth(x + y)",
    "asinh(x) + acosh(y + 2) + atanh(x*y)",
    "(1 - x)^2 + 100*(y - x^2)^2",
  ];
  const random = mulberry32(11);
  for (const expr of supported) {
    const l = landscape(expr, { vars: ["x", "y"] });
    const dx = derivative(expr, "x").compile();
    const dy = derivative(expr, "y").compile();
    const dxy = derivative(derivative(expr, "x"), "y").compile();
    for (let k = 0; k < 10; k++) {
      const x = 0.2 + 0.6 * random();
      const y = 0.2 + 0.6 * random();
      const [gx, gy] = l.gradient(x, y);
      const h = l.hessian(x, y);
      ok(close(gx!, dx.evaluate({ x, y }), 1e-12), `${expr} d/dx at ${x}, ${y}`);
      ok(close(gy!, dy.evaluate({ x, y }), 1e-12), `${expr} d/dy at ${x}, ${y}`);
      ok(close(h[0]![1]!, dxy.evaluate({ x, y }), 1e-11), `${expr} d2/dxdy at ${x}, ${y}`);
    }
  }
});

Deno.test("derivatives at kinks are one-sided averages, not NaN", () => {
  strictEqual(landscape("abs(x)").gradient(0)[0], 0);
  strictEqual(landscape("abs(x)").gradient(-2)[0], -1);
  const l = landscape("max(x, y)");
  strictEqual(l.gradient(1, 1)[0], 0.5);
  strictEqual(l.gradient(2, 1)[0], 1);
  strictEqual(l.gradient(2, 1)[1], 0);
  strictEqual(landscape("min(x, y)").gradient(2, 1)[1], 1);
  strictEqual(landscape("floor(x) + sign(x)").gradient(0.5)[0], 0);
  // hypot's cone tip, like abs's kink: the subgradient of least norm, 0.
  strictEqual(landscape("hypot(x, y)").gradient(0, 0)[0], 0);
  strictEqual(landscape("hypot(x, y)").gradient(0, 0)[1], 0);
});

Deno.test("derivatives are simplified: the bowl's Hessian is constant and shares the gradient's nodes", () => {
  const { graph, root } = parseExpression("w1^2 + w2^2");
  const dx = graph.derivative(root, 0);
  const dxx = graph.derivative(dx, 0);
  const dxy = graph.derivative(dx, 1);
  strictEqual(dxx.op, "num");
  strictEqual(dxx.value, 2);
  strictEqual(dxy.value, 0);
  strictEqual(graph.derivative(root, 0), dx, "memoized");
  strictEqual(evaluateSym(dx, [3, 4]), 6);
  // w1^2 differentiates to 2 * w1: no pow of w1^1, no multiplication by 1.
  strictEqual(dx.op, "mul");
  strictEqual(dx.args[0]!.value, 2);
  strictEqual(dx.args[1]!.op, "var");
});

Deno.test("a variable exponent differentiates through log, and a constant base too", () => {
  const l = landscape("x^y");
  const [gx, gy] = l.gradient(2, 3);
  strictEqual(gx, 3 * 4);
  ok(close(gy!, 8 * Math.log(2), 1e-15));
  ok(close(landscape("2^x").gradient(3)[0]!, 8 * Math.LN2, 1e-15));
  // At a zero base neither term is 0 · ln 0 = NaN: x^y ≡ 0 along x = 0 for y > 0.
  strictEqual(l.gradient(0, 2)[0], 0);
  strictEqual(l.gradient(0, 2)[1], 0);
  strictEqual(landscape("0^(x^2 + 1)").gradient(0.5)[0], 0);
});

/**
 * `landscape()`: a loss of one or two weights, from a mathjs expression
 * string (compiled, with exact derivatives) or a TypeScript function
 * (derivatives by central differences).
 *
 * @module
 */

import {
  compileCurve,
  compileGrid,
  compilePoint,
  compileVector,
  helpersSource,
  pointSource,
} from "../expression/compile.ts";
import { fillGrid } from "./_grid_parallel.ts";
import { describe, parseExpression } from "../expression/parse.ts";
import { centralGradient, centralHessian } from "./finite_difference.ts";
import {
  assembleGrid,
  checkCurveSpec,
  checkGridSpec,
  linspace,
  summarizeCurve,
  summarizeGrid,
} from "../core/grid_spec.ts";
import type { Curve, Grid, GridSpec, Interval, Landscape } from "../core/types.ts";

/** Options of {@linkcode landscape}. */
export interface LandscapeOptions {
  /** The weights' names in argument order; for strings, which symbols are weights. */
  vars?: readonly string[];
  /** A display name, e.g. `"Himmelblau"`. */
  name?: string;
}

/**
 * The JavaScript a landscape built from a string runs, for a page that must
 * compute exactly what the library computes (a live figure): each of
 * `value` and `gradient` is a function body that returns the compiled
 * function `(x, y) => …`, and `helpers` defines the names those bodies use.
 */
export interface LandscapeSource {
  /** Body returning `(x, y) => number`: the loss, as {@linkcode Landscape.at} computes it. */
  value: string;
  /** Body returning `(x, y) => number[]`: the gradient, as {@linkcode Landscape.gradient} computes it. */
  gradient: string;
  /** Defines `fastExp`, `EXP_FRACTION`, `EXP_POWER`, `mathjsFloor` and `mathjsCeil`. */
  helpers: string;
}

const SOURCES = new WeakMap<Landscape, () => LandscapeSource>();

/**
 * The generated JavaScript of a landscape built from a string (its value and
 * exact gradient), or `undefined` for a landscape given as a TypeScript
 * function, whose code may use names a page does not have.
 *
 * @param l A landscape made by {@linkcode landscape}.
 * @returns The sources, which give bit for bit the numbers `l.at` and `l.gradient` give.
 *
 * @example The page's value function equals the landscape's
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { landscape, landscapeSource } from "./landscape.ts";
 *
 * const l = landscape("exp(-x^2) * sin(3*y)");
 * const src = landscapeSource(l)!;
 * const value = new Function(`${src.helpers}\nreturn (function () {\n${src.value}\n})();`)();
 * strictEqual(value(0.3, 0.7), l.at(0.3, 0.7));
 * strictEqual(landscapeSource(landscape((x: number) => x * x)), undefined);
 * ```
 */
export function landscapeSource(l: Landscape): LandscapeSource | undefined {
  return SOURCES.get(l)?.();
}

/** A loss function of one or two weights, as a TypeScript function. */
export type LossFunction = (...w: number[]) => number;

/**
 * Makes a {@linkcode Landscape} from a loss expression or a function.
 *
 * - A string is parsed by mathjs and checked against an allow-list (numbers,
 *   the weights, `pi`, `e`, `+ - * / ^`, parentheses, and `abs sqrt cbrt exp
 *   expm1 log log1p log10 log2 sin cos tan sec csc cot asin acos atan atan2
 *   sinh cosh tanh sech csch coth asinh acosh atanh min max sign pow square
 *   cube floor ceil hypot`). Its weights are its free symbols in natural
 *   order (`w1 < w2 < w10`, `x < y`) unless `vars` names them. Values,
 *   gradients, Hessians and grids are compiled to JavaScript; derivatives
 *   are exact (symbolic). Where mathjs would give a complex number (`sqrt(-1)`,
 *   `log(-1)`), the landscape gives NaN. `floor` and `ceil` round as mathjs
 *   does (a value within 1e-12 of an integer counts as that integer); `coth`
 *   and `csch` are `1/tanh` and `1/sinh`, accurate where mathjs's
 *   exponential formulas cancel (near 0) or overflow (past |x| ≈ 355).
 * - A function takes its number of weights from `vars` or from its
 *   declared parameters (`f.length`, 1 or 2); its gradient and Hessian are
 *   central differences with steps scaled to the point.
 *
 * @param f `"(1-x)^2 + 100*(y-x^2)^2"` or `(x, y) => (1 - x) ** 2 + 100 * (y - x * x) ** 2`.
 * @param options `vars` and a display `name`.
 * @returns The landscape; `grid()` for two weights, `curve()` for one.
 * @throws {SyntaxError | ReferenceError | RangeError} For a bad expression (see
 *   `parseExpression`), with a message that says what is wrong and where.
 * @throws {TypeError} When a function returns something other than a number (on evaluation).
 *
 * @example The article's bowl, its exact gradient and a grid
 * ```ts
 * import { deepStrictEqual, strictEqual } from "node:assert";
 * import { landscape } from "./landscape.ts";
 *
 * const bowl = landscape("w1^2 + w2^2");
 * deepStrictEqual(bowl.vars, ["w1", "w2"]);
 * deepStrictEqual(bowl.gradient(1, -2), [2, -4]);
 * const g = bowl.grid({ x: [-5, 5], y: [-5, 5], n: 101 });
 * strictEqual(g.values[50 + 50 * 101], 0);
 * deepStrictEqual(g.argmin, [0, 0]);
 * ```
 *
 * @example A TypeScript function of one weight
 * ```ts
 * import { ok, strictEqual } from "node:assert";
 * import { landscape } from "./landscape.ts";
 *
 * const l = landscape((w: number) => Math.log(1 + Math.exp(-w)));
 * strictEqual(l.dims, 1);
 * ok(Math.abs(l.gradient(0)[0]! + 0.5) < 1e-9);
 * ```
 */
export function landscape(f: string | LossFunction, options: LandscapeOptions = {}): Landscape {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`Expected options { vars, name } but found ${describe(options)}`);
  }
  const { name } = options;
  if (name !== undefined && typeof name !== "string") {
    throw new TypeError(`Expected name to be a string but found ${describe(name)}`);
  }
  if (typeof f === "string") return fromExpression(f, options);
  if (typeof f === "function") return fromFunction(f, options);
  throw new TypeError(`Expected a loss expression string or function but found ${describe(f)}`);
}

function checkArgs(w: readonly number[], vars: readonly string[]): void {
  if (w.length !== vars.length) {
    throw new RangeError(
      `Expected ${vars.length} weight${vars.length === 1 ? "" : "s"} (${
        vars.join(", ")
      }) but found ${w.length}`,
    );
  }
  for (const v of w) {
    if (typeof v !== "number") throw new TypeError(`Expected a number but found ${describe(v)}`);
  }
}

function onlyFor(dims: 1 | 2, method: string, vars: readonly string[]): never {
  const other = dims === 1 ? "grid()" : "curve()";
  throw new TypeError(
    `${method} needs a landscape of ${
      dims === 1 ? "one weight" : "two weights"
    } but this one has ` +
      `${vars.length} (${vars.join(", ")}); use ${other}`,
  );
}

function fromExpression(source: string, { vars, name }: LandscapeOptions): Landscape {
  const parsed = parseExpression(source, { vars });
  const { graph, root } = parsed;
  const dims = parsed.vars.length as 1 | 2;
  const value = compilePoint(root);
  // Derivatives and kernels are compiled on first use: a catalogue of
  // twenty landscapes should cost nothing until someone asks for them.
  let gradient: ((x: number, y: number) => number[]) | undefined;
  let hessian: ((x: number, y: number) => number[]) | undefined;
  let gridKernel: ReturnType<typeof compileGrid> | undefined;
  let curveKernel: ReturnType<typeof compileCurve> | undefined;
  const d = (k: number) => graph.derivative(root, k);
  const self: Landscape = {
    dims,
    vars: parsed.vars,
    expr: source,
    name,
    at(...w) {
      checkArgs(w, parsed.vars);
      return value(w[0]!, w[1]!);
    },
    gradient(...w) {
      checkArgs(w, parsed.vars);
      gradient ??= compileVector(dims === 1 ? [d(0)] : [d(0), d(1)]);
      return gradient(w[0]!, w[1]!);
    },
    hessian(...w) {
      checkArgs(w, parsed.vars);
      hessian ??= compileVector(
        dims === 1 ? [graph.derivative(d(0), 0)] : [
          graph.derivative(d(0), 0),
          graph.derivative(d(0), 1),
          graph.derivative(d(1), 1),
        ],
      );
      const h = hessian(w[0]!, w[1]!);
      return dims === 1 ? [[h[0]!]] : [[h[0]!, h[1]!], [h[1]!, h[2]!]];
    },
    grid(spec) {
      if (dims !== 2) onlyFor(2, "grid()", parsed.vars);
      const { x, y, nx, ny, out } = checkGridSpec(spec);
      gridKernel ??= compileGrid(graph, root);
      const xs = linspace(x[0], x[1], nx);
      const ys = linspace(y[0], y[1], ny);
      const stats = new Float64Array(4);
      const values = fillGrid(gridKernel, xs, ys, out, stats);
      return assembleGrid(xs, ys, values, {
        min: stats[0]!,
        max: stats[1]!,
        at: stats[2]!,
        nonFinite: stats[3]!,
      });
    },
    curve(spec) {
      if (dims !== 1) onlyFor(1, "curve()", parsed.vars);
      const { x, n } = checkCurveSpec(spec);
      curveKernel ??= compileCurve(root);
      const xs = linspace(x[0], x[1], n);
      const values = new Float64Array(n);
      curveKernel(xs, values);
      return summarizeCurve(xs, values);
    },
  };
  Object.freeze(self);
  SOURCES.set(self, () => ({
    value: pointSource([root], false),
    gradient: pointSource(dims === 1 ? [d(0)] : [d(0), d(1)], true),
    helpers: helpersSource(),
  }));
  return self;
}

function fromFunction(f: LossFunction, { vars, name }: LandscapeOptions): Landscape {
  if (vars !== undefined) {
    if (!Array.isArray(vars) || !vars.every((v) => typeof v === "string")) {
      throw new TypeError(`Expected vars to be an array of names but found ${describe(vars)}`);
    }
  }
  const dims = vars?.length ?? f.length;
  if (dims !== 1 && dims !== 2 || (vars && new Set(vars).size !== vars.length)) {
    throw new RangeError(
      vars === undefined
        ? `Expected a loss function of one or two weights but it declares ${dims} parameters; ` +
          `pass vars (e.g. { vars: ["x", "y"] }) to say how many weights it takes`
        : `Expected vars to be one or two distinct names but found ${JSON.stringify(vars)}`,
    );
  }
  const names = Object.freeze(vars ? [...vars] : dims === 1 ? ["x"] : ["x", "y"]);
  const call = (x: number, y: number): number => {
    const v = dims === 1 ? f(x) : f(x, y);
    if (typeof v !== "number") {
      throw new TypeError(
        `Expected the loss function to return a number but it returned ${describe(v)}`,
      );
    }
    return v;
  };
  const unary = (...w: number[]) => call(w[0]!, w[1]!);
  const self: Landscape = {
    dims,
    vars: names,
    name,
    at(...w) {
      checkArgs(w, names);
      return call(w[0]!, w[1]!);
    },
    gradient(...w) {
      checkArgs(w, names);
      return centralGradient(unary, w);
    },
    hessian(...w) {
      checkArgs(w, names);
      return centralHessian(unary, w);
    },
    grid(spec: GridSpec): Grid {
      if (dims !== 2) onlyFor(2, "grid()", names);
      const { x, y, nx, ny, out } = checkGridSpec(spec);
      const xs = linspace(x[0], x[1], nx);
      const ys = linspace(y[0], y[1], ny);
      const values = out ?? new Float64Array(nx * ny);
      for (let j = 0; j < ny; j++) {
        for (let i = 0; i < nx; i++) values[i + j * nx] = call(xs[i]!, ys[j]!);
      }
      return summarizeGrid(xs, ys, values);
    },
    curve(spec: { x: Interval; n?: number }): Curve {
      if (dims !== 1) onlyFor(1, "curve()", names);
      const { x, n } = checkCurveSpec(spec);
      const xs = linspace(x[0], x[1], n);
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = call(xs[i]!, NaN);
      return summarizeCurve(xs, values);
    },
  };
  return Object.freeze(self);
}

/**
 * Checks that `l` is a landscape of two weights (as `basins` and
 * `convexityMap` need) and returns it; throws a TypeError or RangeError.
 *
 * @example
 * ```ts
 * import { throws } from "node:assert";
 * import { checkTwoWeights, landscape } from "./landscape.ts";
 * checkTwoWeights(landscape("x^2 + y^2"));
 * throws(() => checkTwoWeights(landscape("x^2")), RangeError);
 * ```
 */
export function checkTwoWeights(l: unknown): Landscape {
  const land = l as Landscape;
  if (
    typeof l !== "object" || l === null || typeof land.gradient !== "function" ||
    typeof land.hessian !== "function"
  ) {
    throw new TypeError(`Expected a landscape but found ${String(l)}`);
  }
  if (land.dims !== 2) {
    throw new RangeError(
      `Expected a landscape of two weights but found ${land.dims} (${land.vars.join(", ")}); ` +
        `a loss of one weight is a curve: draw it with curvePlot`,
    );
  }
  return land;
}

/**
 * Compiles expression graphs (`lib/expression/symbolic.ts`) to JavaScript with
 * `new Function`: one specialised function per expression, the expression
 * inlined in the loop, so a grid never calls through mathjs or a closure per
 * point.
 *
 * Why this is safe: the generated source is assembled only from fixed
 * fragments. Variables are always the locals `x` and `y` (never the user's
 * names), temporaries are `t<id>`/`c<id>` with numeric ids, functions come
 * from the fixed table in `FUNCTIONS` (`Math.*` and {@linkcode HELPERS}), and numbers go through
 * {@linkcode literal}, which only ever prints digits, a sign, a point,
 * an exponent, `Infinity` or `NaN`.
 *
 * Why it is fast: sub-expressions that depend only on x are computed once per
 * column into a Float64Array, those that depend only on y once per row, so
 * Rastrigin's `cos(2*pi*x)` costs O(n) rather than O(n²); shared
 * sub-expressions are computed once (the graph already merged them); and
 * small integer powers become multiplications (`x^2` is `x * x`).
 *
 * @module
 */

import { EXP_FRACTION, EXP_POWER, fastExp, fastExpStatements } from "./_fast_exp.ts";
import { mathjsCeil, mathjsFloor, nearlyEqual } from "./_rounding.ts";
import { FUNCTIONS, type Sym, type SymGraph } from "./symbolic.ts";

/** Largest integer exponent turned into multiplications; beyond, `Math.pow`. */
const MAX_UNROLLED_POWER = 16;

/**
 * A number as JavaScript source that evaluates to exactly that number
 * (including -0, ±Infinity and NaN), parenthesised when negative.
 *
 * @example
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { literal } from "./compile.ts";
 *
 * strictEqual(literal(-2.5e-7), "(-2.5e-7)");
 * strictEqual(literal(-0), "(-0)");
 * ```
 */
export function literal(value: number): string {
  if (typeof value !== "number") throw new TypeError(`Expected a number but found ${typeof value}`);
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "Infinity";
  if (value === -Infinity) return "(-Infinity)";
  if (Object.is(value, -0)) return "(-0)";
  const s = String(value);
  if (!/^-?\d+(\.\d+)?(e[+-]\d+)?$/.test(s)) throw new Error(`Unexpected number text ${s}`);
  return value < 0 ? `(${s})` : s;
}

const VARIABLES = ["x", "y"] as const;

function ref(n: Sym): string {
  if (n.op === "num") return literal(n.value);
  if (n.op === "var") return VARIABLES[n.index]!;
  return `t${n.id}`;
}

/** Statements that define `t<id>` for one non-leaf node, given its arguments are defined. */
function statements(n: Sym): string[] {
  const name = `t${n.id}`;
  const [a, b] = n.args.map(ref);
  switch (n.op) {
    case "add":
      return [`const ${name} = ${a} + ${b};`];
    case "sub":
      return [`const ${name} = ${a} - ${b};`];
    case "mul":
      return [`const ${name} = ${a} * ${b};`];
    case "div":
      return [`const ${name} = ${a} / ${b};`];
    case "neg":
      return [`const ${name} = -${a};`];
    case "pow": {
      if (isSmallIntPower(n)) return integerPower(name, a!, n.args[1]!.value);
      return [`const ${name} = Math.pow(${a}, ${b});`];
    }
    case "call":
      // exp is written out in the loop rather than called (see _fast_exp.ts).
      if (n.fn === "exp" && n.args[0]!.op !== "num") {
        return fastExpStatements(a!, name, literal);
      }
      return [`const ${name} = ${FUNCTIONS[n.fn as keyof typeof FUNCTIONS].js(n.args.map(ref))};`];
    case "expsplit": {
      // exp(a) * exp(b) is as accurate as exp(a + b) unless a factor over- or
      // underflows; then the product leaves the normal range and the direct
      // form is used instead. Below -746, exp is exactly 0: said here,
      // because Math.exp's underflow path is slow (0.25 µs a call measured
      // here, dozens of times a normal call); on Easom's plain almost every
      // point underflows, and its 2000 × 2000 grid took 0.6 s for that.
      const [ea, eb, a, b] = n.args.map(ref);
      return [
        `const ${name}_0 = ${ea} * ${eb};`,
        `const ${name}_1 = ${a} + ${b};`,
        `const ${name} = ${name}_0 > 1e-290 && ${name}_0 < 1e290 ? ${name}_0 : ` +
        `${name}_1 < -746 ? 0 : fastExp(${name}_1);`,
      ];
    }
    default:
      throw new Error(`Unexpected ${n.op} node`);
  }
}

/** `base ^ p` for an integer `p` by square-and-multiply. */
function integerPower(name: string, base: string, p: number): string[] {
  // base^0 is 1 even for NaN and Infinity, as in Math.pow and mathjs.
  if (p === 0) return [`const ${name} = 1;`];
  const out: string[] = [];
  let product: string | undefined;
  let square = base;
  let k = 0;
  for (let m = Math.abs(p); m > 0;) {
    if (m & 1) product = product === undefined ? square : `${product} * ${square}`;
    m >>= 1;
    if (m > 0) {
      const t = `${name}_${k++}`;
      out.push(`const ${t} = ${square} * ${square};`);
      square = t;
    }
  }
  out.push(`const ${name} = ${p < 0 ? `1 / (${product})` : product};`);
  return out;
}

/** Non-leaf nodes reachable from `roots`, children before parents. */
/** Whether a `pow` node is unrolled into multiplications. */
function isSmallIntPower(n: Sym): boolean {
  const p = n.args[1]!;
  return p.op === "num" && Number.isInteger(p.value) && Math.abs(p.value) <= MAX_UNROLLED_POWER;
}

function reachable(roots: readonly Sym[]): Sym[] {
  const seen = new Map<number, Sym>();
  const stack = [...roots];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.op === "num" || n.op === "var" || seen.has(n.id)) continue;
    seen.set(n.id, n);
    stack.push(...n.args);
  }
  // Children are always created before their parents, so ids are a topological order.
  return [...seen.values()].sort((p, q) => p.id - q.id);
}

/**
 * Source of a function `(x, y) => value`, or `(x, y) => [values]` when
 * `vector` (for gradients and Hessians; the default when there are several roots).
 */
export function pointSource(roots: readonly Sym[], vector = roots.length > 1): string {
  const body = reachable(roots).flatMap(statements);
  const result = vector ? `[${roots.map(ref).join(", ")}]` : ref(roots[0]!);
  return ["'use strict';", "return function (x, y) {", ...body, `return ${result};`, "};"].join(
    "\n",
  );
}

/**
 * Rewrites `exp(u)` where `u` is a sum of a part in x alone and a part in y
 * alone (Ackley's `exp(0.5*(cos(2*pi*x) + cos(2*pi*y)))`, Gaussian bumps such
 * as Easom's) into `exp(a) * exp(b)`, so each factor is hoisted out of the
 * inner loop.
 */
function separateExps(g: SymGraph, root: Sym): Sym {
  const memo = new Map<number, Sym>();
  const zero = g.num(0);
  const plus = (a: Sym, b: Sym) => (a === zero ? b : b === zero ? a : g.exact("add", [a, b]));
  const split = (u: Sym): [Sym, Sym] | undefined => {
    if (u.deps === 0 || u.deps === 1) return [u, zero];
    if (u.deps === 2) return [zero, u];
    const [p, q] = u.args;
    switch (u.op) {
      case "add":
      case "sub": {
        const sp = split(p!);
        const sq = split(q!);
        if (!sp || !sq) return undefined;
        if (u.op === "add") return [plus(sp[0], sq[0]), plus(sp[1], sq[1])];
        const minus = (a: Sym, b: Sym) =>
          b === zero ? a : a === zero ? g.exact("neg", [b]) : g.exact("sub", [a, b]);
        return [minus(sp[0], sq[0]), minus(sp[1], sq[1])];
      }
      case "neg": {
        const sp = split(p!);
        return sp && sp.map((a) => (a === zero ? zero : g.exact("neg", [a]))) as [Sym, Sym];
      }
      case "mul":
      case "div": {
        const constant = u.op === "mul" && p!.op === "num" ? p! : q!.op === "num" ? q! : undefined;
        if (!constant) return undefined;
        const other = constant === p ? q! : p!;
        const sp = split(other);
        const scale = (a: Sym) =>
          a === zero ? zero : g.exact(u.op as "mul" | "div", constant === p ? [p!, a] : [a, q!]);
        return sp && [scale(sp[0]), scale(sp[1])];
      }
      default:
        return undefined;
    }
  };
  const walk = (n: Sym): Sym => {
    if (n.op === "num" || n.op === "var" || n.deps !== 3) return n;
    const known = memo.get(n.id);
    if (known) return known;
    let out: Sym;
    const parts = n.op === "call" && n.fn === "exp" ? split(n.args[0]!) : undefined;
    if (parts && parts[0].deps === 1 && parts[1].deps === 2) {
      const [a, b] = parts;
      out = g.exact("expsplit", [g.call("exp", [a]), g.call("exp", [b]), a, b]);
    } else {
      const args = n.args.map(walk);
      out = args.every((a, k) => a === n.args[k]) ? n : g.exact(n.op as "add", args, n.fn);
    }
    memo.set(n.id, out);
    return out;
  };
  return walk(root);
}

/**
 * Source of a function `(xs, ys, out, stats) => void` that writes
 * `out[i + j * xs.length] = f(xs[i], ys[j])` and `stats = [min, max, index
 * of min, non-finite count]` over the finite values, with x-only work hoisted
 * into per-column arrays and y-only work into per-row constants. The summary
 * is taken in the same loop because a second pass over a 32 MB grid is
 * bound by memory bandwidth (3.4 ms of a 2000 × 2000 grid, measured here).
 */
export function gridSource(graph: SymGraph, f: Sym): string {
  const root = separateExps(graph, f);
  const nodes = reachable([root]);
  // A node that depends on x alone but feeds a node depending on both (or is
  // the result) is computed once per column and stored.
  const stored = new Set<number>();
  let innerUsesX = root.op === "var" && root.index === 0;
  for (const n of nodes) {
    if (n.deps !== 3) continue;
    for (const a of n.args) {
      if (a.deps === 1 && a.op !== "var") stored.add(a.id);
      if (a.op === "var" && a.index === 0) innerUsesX = true;
    }
  }
  if (root.deps === 1 && root.op !== "var") stored.add(root.id);

  const xOnly = nodes.filter((n) => n.deps === 1);
  const yOnly = nodes.filter((n) => n.deps === 2);
  const both = nodes.filter((n) => n.deps === 3);
  // Values of the row that the inner loop reads: y itself and y-only nodes
  // feeding nodes in x and y (or the result).
  const rowValues = new Set<string>();
  for (const n of [...both, root]) {
    for (const a of n === root && root.deps !== 3 ? [root] : n.args) {
      if (a.deps === 2) rowValues.add(ref(a));
    }
  }
  const columns = [...stored].map((id) => `c${id}`);
  const params = (row: string) => ["xs", "out", row, ...rowValues, ...columns, "stats"].join(", ");

  // The inner loop is its own function, called once per row: V8 then
  // optimises it as a whole function. Inlined in the row loop, its
  // on-stack-replacement code was thrown away at the end of every row
  // ("exit from OSR'd inner loop"), which made the first ten 2000 × 2000
  // grids three times slower (measured here).
  const lines = ["'use strict';", `function fillRow(${params("row")}) {`];
  lines.push("const nx = xs.length;");
  lines.push(
    "let min = stats[0];",
    "let max = stats[1];",
    "let at = stats[2];",
    "let bad = stats[3];",
  );
  lines.push("for (let i = 0; i < nx; i++) {");
  if (innerUsesX) lines.push("const x = xs[i];");
  for (const id of stored) lines.push(`const t${id} = c${id}[i];`);
  for (const n of both) lines.push(...statements(n));
  lines.push(
    `const v = ${ref(root)};`,
    "out[row + i] = v;",
    // Two comparisons a value: !(v >= min) catches a new minimum, NaN and
    // -Infinity; v > max catches a new maximum and +Infinity. Both rarely
    // hold, so the branches cost almost nothing.
    "if (!(v >= min)) { if (v - v === 0) { min = v; at = row + i; } else bad++; }",
    "if (v > max) { if (v === Infinity) bad++; else max = v; }",
    "}",
    "stats[0] = min;",
    "stats[1] = max;",
    "stats[2] = at;",
    "stats[3] = bad;",
    "}",
  );
  lines.push("return function (xs, ys, out, stats) {");
  lines.push("const nx = xs.length;", "const ny = ys.length;");
  lines.push("stats[0] = Infinity;", "stats[1] = -Infinity;", "stats[2] = -1;", "stats[3] = 0;");
  for (const c of columns) lines.push(`const ${c} = new Float64Array(nx);`);
  if (stored.size > 0) {
    lines.push("for (let i = 0; i < nx; i++) {", "const x = xs[i];");
    for (const n of xOnly) lines.push(...statements(n));
    for (const id of stored) lines.push(`c${id}[i] = t${id};`);
    lines.push("}");
  }
  lines.push("for (let j = 0; j < ny; j++) {", "const y = ys[j];");
  for (const n of yOnly) lines.push(...statements(n));
  lines.push(`fillRow(${params("j * nx")});`, "}", "};");
  return lines.join("\n");
}

/** Source of a function `(xs, out) => void` that writes `out[i] = f(xs[i])`. */
export function curveSource(root: Sym): string {
  const body = reachable([root]).flatMap(statements);
  return [
    "'use strict';",
    "return function (xs, out) {",
    "const n = xs.length;",
    "for (let i = 0; i < n; i++) {",
    "const x = xs[i];",
    ...body,
    `out[i] = ${ref(root)};`,
    "}",
    "};",
  ].join("\n");
}

/** The only outside names generated code may use, besides `Math`. */
export const HELPERS = Object.freeze({
  fastExp,
  mathjsFloor,
  mathjsCeil,
  EXP_FRACTION,
  EXP_POWER,
});

let helpers: string | undefined;

/**
 * JavaScript that defines {@linkcode HELPERS} by the same names, for a page
 * that runs generated sources (a live figure): the tables of `fastExp` as
 * exact literals, `fastExp` written with the statements kernels inline, and
 * the rounding functions by their own source. Wrapping a generated source
 * in `(function () { … })()` after it gives the same function as
 * {@linkcode compilePoint}, without `new Function`.
 *
 * @example
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { HELPERS, helpersSource } from "./compile.ts";
 * const fastExp = new Function(`${helpersSource()}\nreturn fastExp;`)();
 * strictEqual(fastExp(0.3), HELPERS.fastExp(0.3));
 * ```
 */
export function helpersSource(): string {
  helpers ??= [
    `const EXP_FRACTION = new Float64Array([${Array.from(EXP_FRACTION, literal).join(",")}]);`,
    // Powers of two are exact in any engine.
    "const EXP_POWER = new Float64Array(2046);",
    "for (let e = -1022; e <= 1023; e++) EXP_POWER[e + 1022] = Math.pow(2, e);",
    `function fastExp(x) {\n${fastExpStatements("x", "v", literal).join("\n")}\nreturn v;\n}`,
    ...[nearlyEqual, mathjsFloor, mathjsCeil].map((f) => f.toString()),
  ].join("\n");
  return helpers;
}

function build<F>(source: string): F {
  const names = Object.keys(HELPERS);
  return new Function(...names, source)(...Object.values(HELPERS)) as F;
}

/** Compiles `f` to `(x, y) => number` (pass any `y` for one weight). */
export function compilePoint(root: Sym): (x: number, y: number) => number {
  return build(pointSource([root]));
}

/** Compiles several nodes to one `(x, y) => number[]` sharing their common work. */
export function compileVector(roots: readonly Sym[]): (x: number, y: number) => number[] {
  return build(pointSource(roots, true));
}

/** A compiled grid kernel; see {@linkcode gridSource}. */
export type GridKernel = (
  xs: Float64Array,
  ys: Float64Array,
  out: Float64Array,
  stats: Float64Array,
) => void;

/** A grid kernel with its source and whether its inner loop calls functions. */
export interface CompiledGrid {
  kernel: GridKernel;
  source: string;
  /**
   * True when the inner loop (the work on x and y together) calls a
   * function such as `exp` or `sqrt`: then the kernel is bound by arithmetic,
   * not memory, and a second core pays (see `grid_parallel.ts`).
   */
  heavy: boolean;
}

/** Compiles `f` to a grid kernel; see {@linkcode gridSource}. */
export function compileGrid(graph: SymGraph, root: Sym): CompiledGrid {
  const source = gridSource(graph, root);
  const heavy = reachable([separateExps(graph, root)]).some((n) =>
    n.deps === 3 && (n.op === "call" || (n.op === "pow" && !isSmallIntPower(n)))
  );
  return { kernel: build(source), source, heavy };
}

/** Builds a kernel from {@linkcode gridSource}'s output, as a worker must. */
export function buildGrid(source: string): GridKernel {
  return build(source);
}

/** Compiles `f` to a curve kernel; see {@linkcode curveSource}. */
export function compileCurve(root: Sym): (xs: Float64Array, out: Float64Array) => void {
  return build(curveSource(root));
}

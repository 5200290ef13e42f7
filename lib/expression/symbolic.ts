/**
 * The engine's own expression graph: the allow-listed functions, structural
 * sharing (every distinct sub-expression exists once, so common
 * sub-expressions are found for free), constant folding and exact symbolic
 * derivatives.
 *
 * Why not `math.derivative`: it has no rule for log1p, expm1, hypot, log2,
 * atan2, sign, min, max, floor or ceil (it throws), gives `abs(x) / x` for
 * `abs` (NaN at 0), and its simplified derivatives take 1.1 s for
 * Goldstein–Price's gradient and Hessian (measured here) against a few
 * milliseconds for these rules. The rules below are the textbook
 * ones; `tests/symbolic_test.ts` checks them against `math.derivative`
 * wherever mathjs has a rule, and against central differences everywhere.
 *
 * @module
 */

import { fastExp } from "./_fast_exp.ts";
import { mathjsCeil, mathjsFloor } from "./_rounding.ts";

/** What a node of the graph computes. */
export type Op =
  | "num"
  | "var"
  | "add"
  | "sub"
  | "mul"
  | "div"
  | "neg"
  | "pow"
  | "call"
  /** `exp(a + b)` given as `[exp(a), exp(b), a, b]`: the grid compiler's separable exp. */
  | "expsplit";

/** A node of the expression graph. Build nodes with a {@linkcode SymGraph}. */
export interface Sym {
  /** Unique within its graph; children always have smaller ids. */
  readonly id: number;
  /** What the node computes; `value`, `index`, `fn` and `args` apply according to it. */
  readonly op: Op;
  /** The number, for `num` nodes. */
  readonly value: number;
  /** The variable's position (0 for x, 1 for y), for `var` nodes. */
  readonly index: number;
  /** The function's name, for `call` nodes. */
  readonly fn: FunctionName | "";
  /** The operands, in order (`[a, b]` for `a - b`); empty for `num` and `var` nodes. */
  readonly args: readonly Sym[];
  /** Bit mask of the variables the node depends on (bit 0: x, bit 1: y). */
  readonly deps: number;
}

interface FunctionInfo {
  /** Fewest and most arguments. */
  arity: [number, number];
  /** The real-valued function, NaN where mathjs would return a complex number. */
  evaluate: (...a: number[]) => number;
  /** JavaScript source for the call, given the sources of the arguments. */
  js: (a: string[]) => string;
}

const call = (name: string) => (a: string[]) => `Math.${name}(${a.join(", ")})`;
const recip = (name: string) => (a: string[]) => `(1 / Math.${name}(${a[0]}))`;

/**
 * The functions a graph node may call, with their JavaScript translation.
 * A loss expression may also use `log(x, base)`, `pow`, `square`, `cube` and
 * `min`/`max` with any number of arguments: `lib/expression/parse.ts` rewrites
 * them into these.
 */
export const FUNCTIONS: Readonly<Record<FunctionName, FunctionInfo>> = {
  abs: { arity: [1, 1], evaluate: Math.abs, js: call("abs") },
  sign: { arity: [1, 1], evaluate: Math.sign, js: call("sign") },
  floor: { arity: [1, 1], evaluate: mathjsFloor, js: (a) => `mathjsFloor(${a[0]})` },
  ceil: { arity: [1, 1], evaluate: mathjsCeil, js: (a) => `mathjsCeil(${a[0]})` },
  sqrt: { arity: [1, 1], evaluate: Math.sqrt, js: call("sqrt") },
  cbrt: { arity: [1, 1], evaluate: Math.cbrt, js: call("cbrt") },
  exp: { arity: [1, 1], evaluate: fastExp, js: (a) => `fastExp(${a[0]})` },
  expm1: { arity: [1, 1], evaluate: Math.expm1, js: call("expm1") },
  log: { arity: [1, 1], evaluate: Math.log, js: call("log") },
  log1p: { arity: [1, 1], evaluate: Math.log1p, js: call("log1p") },
  log10: { arity: [1, 1], evaluate: Math.log10, js: call("log10") },
  log2: { arity: [1, 1], evaluate: Math.log2, js: call("log2") },
  sin: { arity: [1, 1], evaluate: Math.sin, js: call("sin") },
  cos: { arity: [1, 1], evaluate: Math.cos, js: call("cos") },
  tan: { arity: [1, 1], evaluate: Math.tan, js: call("tan") },
  sec: { arity: [1, 1], evaluate: (x) => 1 / Math.cos(x), js: recip("cos") },
  csc: { arity: [1, 1], evaluate: (x) => 1 / Math.sin(x), js: recip("sin") },
  cot: { arity: [1, 1], evaluate: (x) => 1 / Math.tan(x), js: recip("tan") },
  asin: { arity: [1, 1], evaluate: Math.asin, js: call("asin") },
  acos: { arity: [1, 1], evaluate: Math.acos, js: call("acos") },
  atan: { arity: [1, 1], evaluate: Math.atan, js: call("atan") },
  atan2: { arity: [2, 2], evaluate: Math.atan2, js: call("atan2") },
  sinh: { arity: [1, 1], evaluate: Math.sinh, js: call("sinh") },
  cosh: { arity: [1, 1], evaluate: Math.cosh, js: call("cosh") },
  tanh: { arity: [1, 1], evaluate: Math.tanh, js: call("tanh") },
  sech: { arity: [1, 1], evaluate: (x) => 1 / Math.cosh(x), js: recip("cosh") },
  csch: { arity: [1, 1], evaluate: (x) => 1 / Math.sinh(x), js: recip("sinh") },
  coth: { arity: [1, 1], evaluate: (x) => 1 / Math.tanh(x), js: recip("tanh") },
  asinh: { arity: [1, 1], evaluate: Math.asinh, js: call("asinh") },
  acosh: { arity: [1, 1], evaluate: Math.acosh, js: call("acosh") },
  atanh: { arity: [1, 1], evaluate: Math.atanh, js: call("atanh") },
  min: { arity: [2, 2], evaluate: Math.min, js: call("min") },
  max: { arity: [2, 2], evaluate: Math.max, js: call("max") },
  hypot: { arity: [1, Infinity], evaluate: Math.hypot, js: call("hypot") },
};

/** Name of an allow-listed function: a key of {@linkcode FUNCTIONS}. */
export type FunctionName =
  | "abs"
  | "sign"
  | "floor"
  | "ceil"
  | "sqrt"
  | "cbrt"
  | "exp"
  | "expm1"
  | "log"
  | "log1p"
  | "log10"
  | "log2"
  | "sin"
  | "cos"
  | "tan"
  | "sec"
  | "csc"
  | "cot"
  | "asin"
  | "acos"
  | "atan"
  | "atan2"
  | "sinh"
  | "cosh"
  | "tanh"
  | "sech"
  | "csch"
  | "coth"
  | "asinh"
  | "acosh"
  | "atanh"
  | "min"
  | "max"
  | "hypot";

/** Whether `name` is an allow-listed function (own property, so never `constructor`). */
export function isFunctionName(name: string): name is FunctionName {
  return Object.hasOwn(FUNCTIONS, name);
}

function evalOp(op: Op, fn: FunctionName | "", a: readonly number[]): number {
  const [u = NaN, v = NaN] = a;
  switch (op) {
    case "add":
      return u + v;
    case "sub":
      return u - v;
    case "mul":
      return u * v;
    case "div":
      return u / v;
    case "neg":
      return -u;
    case "pow":
      return Math.pow(u, v);
    case "expsplit":
      return fastExp(a[2]! + a[3]!);
    case "call":
      return (FUNCTIONS[fn as FunctionName].evaluate as (...x: number[]) => number)(...a);
    default:
      return NaN;
  }
}

const isNum = (a: Sym, v?: number): boolean => a.op === "num" && (v === undefined || a.value === v);

/**
 * Builds expression graphs with structural sharing.
 *
 * Two families of constructors:
 * - {@linkcode SymGraph.exact} only folds operations whose arguments are all
 *   numbers, which gives bit-for-bit what the unfolded code would give. The
 *   loss itself is built this way, so its values match mathjs's.
 * - `add`, `sub`, `mul`, `div`, `neg`, `pow` also apply algebraic identities
 *   (`0 * a = 0`, `1 * a = a`, `a - a = 0`, constants gathered to the left),
 *   which are exact for finite values. Derivatives are built this way, or
 *   they grow without bound.
 *
 * @example The derivative of x·y with respect to x is y
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { evaluateSym, SymGraph } from "./symbolic.ts";
 *
 * const g = new SymGraph();
 * const f = g.exact("mul", [g.variable(0), g.variable(1)]);
 * strictEqual(g.derivative(f, 0), g.variable(1));
 * strictEqual(evaluateSym(f, [3, 4]), 12);
 * ```
 */
export class SymGraph {
  #table = new Map<string, Sym>();
  #nodes: Sym[] = [];
  #derivatives = new Map<string, Sym>();

  /** Number of distinct nodes built so far. */
  get size(): number {
    return this.#nodes.length;
  }

  /** A number node. */
  num(value: number): Sym {
    // Object.is keeps -0 and NaN distinct from 0 and from each other's keys.
    const key = Object.is(value, -0) ? "n-0" : `n${value}`;
    return this.#intern(key, "num", value, -1, "", [], 0);
  }

  /** The variable at position `index` (0 for x, 1 for y). */
  variable(index: number): Sym {
    return this.#intern(`v${index}`, "var", NaN, index, "", [], 1 << index);
  }

  /** A node with only exact constant folding. */
  exact(op: Exclude<Op, "num" | "var">, args: readonly Sym[], fn: FunctionName | "" = ""): Sym {
    if (args.every((a) => a.op === "num")) {
      return this.num(evalOp(op, fn, args.map((a) => a.value)));
    }
    const key = `${op}${fn}(${args.map((a) => a.id).join(",")})`;
    return this.#intern(key, op, NaN, -1, fn, args, args.reduce((m, a) => m | a.deps, 0));
  }

  /** `a + b`, simplified. */
  add(a: Sym, b: Sym): Sym {
    if (isNum(a, 0)) return b;
    if (isNum(b, 0)) return a;
    if (b.op === "neg") return this.sub(a, b.args[0]!);
    if (a.op === "neg") return this.sub(b, a.args[0]!);
    if (a === b) return this.mul(this.num(2), a);
    return this.exact("add", [a, b]);
  }

  /** `a - b`, simplified. */
  sub(a: Sym, b: Sym): Sym {
    if (isNum(b, 0)) return a;
    if (isNum(a, 0)) return this.neg(b);
    if (a === b) return this.num(0);
    if (b.op === "neg") return this.add(a, b.args[0]!);
    return this.exact("sub", [a, b]);
  }

  /** `a * b`, simplified. */
  mul(a: Sym, b: Sym): Sym {
    if (isNum(a, 0) || isNum(b, 0)) return this.num(0);
    if (isNum(b) && !isNum(a)) return this.mul(b, a);
    if (isNum(a, 1)) return b;
    if (isNum(a, -1)) return this.neg(b);
    if (a.op === "neg") return this.neg(this.mul(a.args[0]!, b));
    if (b.op === "neg") return this.neg(this.mul(a, b.args[0]!));
    if (isNum(a) && b.op === "mul" && isNum(b.args[0]!)) {
      return this.mul(this.num(a.value * b.args[0]!.value), b.args[1]!);
    }
    if (isNum(a) && b.op === "div" && isNum(b.args[0]!)) {
      return this.div(this.num(a.value * b.args[0]!.value), b.args[1]!);
    }
    if (!isNum(a) && b.op === "mul" && isNum(b.args[0]!)) {
      return this.mul(b.args[0]!, this.mul(a, b.args[1]!));
    }
    if (a.op === "mul" && isNum(a.args[0]!)) return this.mul(a.args[0]!, this.mul(a.args[1]!, b));
    return this.exact("mul", [a, b]);
  }

  /** `a / b`, simplified. */
  div(a: Sym, b: Sym): Sym {
    if (isNum(a, 0) && !isNum(b, 0)) return this.num(0);
    if (isNum(b, 1)) return a;
    if (isNum(b, -1)) return this.neg(a);
    if (a.op === "neg") return this.neg(this.div(a.args[0]!, b));
    if (b.op === "neg") return this.neg(this.div(a, b.args[0]!));
    return this.exact("div", [a, b]);
  }

  /** `-a`, simplified. */
  neg(a: Sym): Sym {
    if (a.op === "neg") return a.args[0]!;
    if (a.op === "mul" && isNum(a.args[0]!)) {
      return this.mul(this.num(-a.args[0]!.value), a.args[1]!);
    }
    if (a.op === "sub") return this.sub(a.args[1]!, a.args[0]!);
    return this.exact("neg", [a]);
  }

  /** `a ^ b`, simplified. */
  pow(a: Sym, b: Sym): Sym {
    if (isNum(b, 0)) return this.num(1);
    if (isNum(b, 1)) return a;
    if (isNum(b) && a.op === "pow" && isNum(a.args[1]!) && Number.isInteger(b.value)) {
      // (u^p)^n = u^(p*n) for integer n; the derivative rule produces these.
      return this.pow(a.args[0]!, this.num(a.args[1]!.value * b.value));
    }
    return this.exact("pow", [a, b]);
  }

  /** `fn(...args)` with constant folding. */
  call(fn: FunctionName, args: readonly Sym[]): Sym {
    return this.exact("call", args, fn);
  }

  /**
   * The exact partial derivative of `f` with respect to the variable at
   * `index`. Memoized, so a Hessian reuses the gradient's nodes.
   *
   * At kinks the rules give one-sided or averaged values rather than NaN:
   * `abs'(0) = 0`, the gradient of `hypot` at the origin is 0 (like `abs`,
   * the subgradient of least norm), `sign`, `floor` and `ceil` have
   * derivative 0, and `max(a, b)'` is `(a' + b')/2` where `a = b`.
   *
   * Powers `a^b` are differentiated as b·a^(b−1)·a' + a^b·ln(a)·b', with
   * each term 0 where its factor is: the ln term is 0 where a^b = 0 (so
   * `0^f(x)` and `x^y` at x = 0, y > 0 have slope 0, not 0 · ln 0 = NaN),
   * and the power term is 0 where b = 0.
   */
  derivative(f: Sym, index: number): Sym {
    if ((f.deps & (1 << index)) === 0) return this.num(0);
    const key = `${f.id}:${index}`;
    const known = this.#derivatives.get(key);
    if (known) return known;
    const d = this.#differentiate(f, index);
    this.#derivatives.set(key, d);
    return d;
  }

  #differentiate(f: Sym, k: number): Sym {
    const a = f.args[0]!;
    const b = f.args[1]!;
    const da = () => this.derivative(a, k);
    const db = () => this.derivative(b, k);
    switch (f.op) {
      case "var":
        return this.num(f.index === k ? 1 : 0);
      case "add":
        return this.add(da(), db());
      case "sub":
        return this.sub(da(), db());
      case "neg":
        return this.neg(da());
      case "mul":
        return this.add(this.mul(da(), b), this.mul(a, db()));
      case "div":
        return this.sub(this.div(da(), b), this.div(this.mul(a, db()), this.pow(b, this.num(2))));
      case "pow": {
        if (isNum(b)) {
          return this.mul(this.mul(b, this.pow(a, this.num(b.value - 1))), da());
        }
        // 0^b is 0 wherever b > 0 and Infinity wherever b < 0: flat either way
        // (at b = 0 it jumps, and 0 is as good a value as any).
        if (isNum(a, 0)) return this.num(0);
        if (isNum(a)) return this.mul(this.mul(f, this.call("log", [a])), db());
        // d(a^b) = b·a^(b−1)·a' + a^b·ln(a)·b', each term written to stay
        // finite where a = 0 (see #powerTerm and #xLog).
        return this.add(this.#powerTerm(a, b, da()), this.mul(this.#xLog(f, a), db()));
      }
      case "call":
        return this.#chain(f, k);
      default:
        throw new Error(`No derivative rule for ${f.op} nodes`);
    }
  }

  /**
   * b·a^(b−1)·a' written as b·a^(b − |sign b|)·a': the same numbers for
   * b ≠ 0, and 0 rather than 0 · 0^(−1) = NaN at a = b = 0, where a^0 is 1
   * for every a (so its slope in a is 0).
   */
  #powerTerm(a: Sym, b: Sym, da: Sym): Sym {
    if (isNum(da, 0)) return da;
    const one = this.call("abs", [this.call("sign", [b])]);
    return this.mul(this.mul(b, this.pow(a, this.sub(b, one))), da);
  }

  /**
   * p·ln(a) for p = a^b, as p·ln(a + (1 − |sign p|)): the same numbers where
   * p ≠ 0, and 0 where p = 0 (a = 0 with b > 0: 0^b is 0 for every b > 0, so
   * the slope in b is 0, not 0 · ln 0 = NaN).
   */
  #xLog(p: Sym, a: Sym): Sym {
    const zeroToOne = this.sub(this.num(1), this.call("abs", [this.call("sign", [p])]));
    return this.mul(p, this.call("log", [this.add(a, zeroToOne)]));
  }

  #chain(f: Sym, k: number): Sym {
    const u = f.args[0]!;
    const du = this.derivative(u, k);
    const n = (v: number) => this.num(v);
    const c = (fn: FunctionName, ...args: Sym[]) => this.call(fn, args);
    const sq = (s: Sym) => this.pow(s, n(2));
    const times = (s: Sym) => this.mul(s, du);
    const over = (s: Sym) => this.div(du, s);
    switch (f.fn as FunctionName) {
      case "sign":
      case "floor":
      case "ceil":
        return n(0);
      case "abs":
        return times(c("sign", u));
      case "sqrt":
        return this.div(du, this.mul(n(2), f));
      case "cbrt":
        return this.div(du, this.mul(n(3), sq(f)));
      case "exp":
        return times(f);
      case "expm1":
        return times(c("exp", u));
      case "log":
        return over(u);
      case "log1p":
        return over(this.add(n(1), u));
      case "log10":
        return over(this.mul(n(Math.LN10), u));
      case "log2":
        return over(this.mul(n(Math.LN2), u));
      case "sin":
        return times(c("cos", u));
      case "cos":
        return this.neg(times(c("sin", u)));
      case "tan":
        return times(sq(c("sec", u)));
      case "sec":
        return times(this.mul(f, c("tan", u)));
      case "csc":
        return this.neg(times(this.mul(f, c("cot", u))));
      case "cot":
        return this.neg(times(sq(c("csc", u))));
      case "asin":
        return over(c("sqrt", this.sub(n(1), sq(u))));
      case "acos":
        return this.neg(over(c("sqrt", this.sub(n(1), sq(u)))));
      case "atan":
        return over(this.add(n(1), sq(u)));
      case "sinh":
        return times(c("cosh", u));
      case "cosh":
        return times(c("sinh", u));
      case "tanh":
        return times(sq(c("sech", u)));
      case "sech":
        return this.neg(times(this.mul(f, c("tanh", u))));
      case "csch":
        return this.neg(times(this.mul(f, c("coth", u))));
      case "coth":
        return this.neg(times(sq(c("csch", u))));
      case "asinh":
        return over(c("sqrt", this.add(sq(u), n(1))));
      case "acosh":
        return over(this.mul(c("sqrt", this.sub(u, n(1))), c("sqrt", this.add(u, n(1)))));
      case "atanh":
        return over(this.sub(n(1), sq(u)));
      case "atan2": {
        // atan2(a, b) is the angle of the point (b, a).
        const b = f.args[1]!;
        const db = this.derivative(b, k);
        return this.div(
          this.sub(this.mul(b, du), this.mul(u, db)),
          this.add(sq(u), sq(b)),
        );
      }
      case "hypot": {
        // Σ a·a' / hypot, and 0 at the origin (the subgradient of least norm,
        // like abs'(0) = 0): there the divisor f + (1 − sign f) is 1 and the sum 0.
        let sum = n(0);
        for (const a of f.args) sum = this.add(sum, this.mul(a, this.derivative(a, k)));
        const never0 = f.args.some((a) => a.op === "num" && a.value !== 0);
        return this.div(sum, never0 ? f : this.add(f, this.sub(n(1), c("sign", f))));
      }
      case "min":
      case "max": {
        // max(a, b) = (a + b + |a - b|) / 2 and min(a, b) = (a + b - |a - b|) / 2.
        const b = f.args[1]!;
        const db = this.derivative(b, k);
        const s = this.mul(c("sign", this.sub(u, b)), this.sub(du, db));
        const sum = this.add(du, db);
        return this.mul(n(0.5), f.fn === "max" ? this.add(sum, s) : this.sub(sum, s));
      }
    }
  }

  #intern(
    key: string,
    op: Op,
    value: number,
    index: number,
    fn: FunctionName | "",
    args: readonly Sym[],
    deps: number,
  ): Sym {
    const known = this.#table.get(key);
    if (known) return known;
    const node: Sym = Object.freeze({ id: this.#nodes.length, op, value, index, fn, args, deps });
    this.#table.set(key, node);
    this.#nodes.push(node);
    return node;
  }
}

/**
 * Evaluates a graph node at a point by walking it (slow; for tests and
 * one-off checks, the compiled functions are what the engine uses).
 */
export function evaluateSym(f: Sym, point: readonly number[]): number {
  const memo = new Map<number, number>();
  const walk = (s: Sym): number => {
    if (s.op === "num") return s.value;
    if (s.op === "var") return point[s.index] ?? NaN;
    const known = memo.get(s.id);
    if (known !== undefined) return known;
    const v = evalOp(s.op, s.fn, s.args.map(walk));
    memo.set(s.id, v);
    return v;
  };
  return walk(f);
}

/**
 * Loss expressions: parsed by mathjs, checked against an allow-list, and
 * turned into the engine's expression graph (`lib/expression/symbolic.ts`). Nothing
 * outside the allow-list ever reaches the compiler, which is what makes the
 * generated code injection-proof.
 *
 * @module
 */

import { type MathNode, parse } from "mathjs";
import { FUNCTIONS, isFunctionName, type Sym, SymGraph } from "./symbolic.ts";

/** Named constants a loss expression may use (unless `vars` claims the name). */
export const CONSTANTS: Readonly<Record<string, number>> = Object.freeze({
  pi: Math.PI,
  e: Math.E,
});

/** Functions that the parser rewrites into others, with their arities. */
const ALIASES: Readonly<Record<string, [number, number]>> = {
  log: [1, 2],
  pow: [2, 2],
  square: [1, 1],
  cube: [1, 1],
  min: [1, Infinity],
  max: [1, Infinity],
};

/** Every function name a loss expression may call, sorted. */
export const ALLOWED_FUNCTIONS: readonly string[] = Object.freeze(
  [...new Set([...Object.keys(FUNCTIONS), ...Object.keys(ALIASES)])].sort(),
);

const OPERATORS: Readonly<Record<string, Exclude<Sym["op"], "num" | "var" | "call">>> = {
  add: "add",
  subtract: "sub",
  multiply: "mul",
  divide: "div",
  pow: "pow",
  unaryMinus: "neg",
};

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

// Names that would be dangerous or confusing as weights: JavaScript's object
// machinery, and the constants mathjs itself would substitute on evaluation.
const RESERVED = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  "prototype",
  "Infinity",
  "NaN",
  "E",
  "PI",
  "i",
  "tau",
  "phi",
  "LN2",
  "LN10",
  "LOG2E",
  "LOG10E",
  "SQRT1_2",
  "SQRT2",
  "null",
  "true",
  "false",
  "undefined",
  "version",
]);

const ALLOWED_SUMMARY =
  "a loss expression may use numbers, its weights, pi, e, + - * / ^, parentheses and the functions " +
  ALLOWED_FUNCTIONS.join(", ");

/** A validated loss expression. */
export interface ParsedExpression {
  /** The expression as the user wrote it. */
  readonly source: string;
  /** Names of the weights, in argument order. */
  readonly vars: readonly string[];
  /** The graph holding `root` (and, later, its derivatives). */
  readonly graph: SymGraph;
  /** The loss as a graph node; variable `i` is `vars[i]`. */
  readonly root: Sym;
}

/**
 * Compares names in natural order: digit runs compare as numbers, so
 * `w2 < w10` and `x < y`.
 *
 * @example Sorting weight names
 * ```ts
 * import { deepStrictEqual } from "node:assert";
 * import { naturalCompare } from "./parse.ts";
 *
 * deepStrictEqual(["w10", "w2", "w1"].sort(naturalCompare), ["w1", "w2", "w10"]);
 * ```
 */
export function naturalCompare(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let k = 0; k < Math.min(pa.length, pb.length); k++) {
    const x = pa[k]!;
    const y = pb[k]!;
    if (x === y) continue;
    const dx = /^\d/.test(x);
    const dy = /^\d/.test(y);
    if (dx && dy) {
      const d = Number(x) - Number(y);
      if (d !== 0) return d;
      return x.length - y.length;
    }
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

/**
 * Parses and validates a loss expression of one or two weights.
 *
 * The weights are the expression's free symbols in natural order (`w1 < w2
 * < w10`, `x < y`) unless `vars` names them; `pi` and `e` are constants.
 *
 * @param source A mathjs expression such as `"(1-x)^2 + 100*(y-x^2)^2"`.
 * @param options `vars`: the weights' names, in argument order.
 * @returns The expression, its weights and its graph.
 * @throws {SyntaxError} When mathjs cannot parse it (the message shows a caret under the
 *   position) or it uses a construct outside the allow-list (assignments, strings, matrices,
 *   property access, comparisons, ...).
 * @throws {ReferenceError} For an unknown function or symbol, listing what is allowed.
 * @throws {RangeError} For more than two (or no) weights.
 *
 * Messages name the likely fix for a learner's common mistakes: notation
 * from elsewhere (`w**2`, `w²`, `−`, `×`, `|w|`, `Math.log`), other names of
 * functions (`ln`, `arctan`, `relu`), names one typo away from an allowed one
 * (`Sin`, `sqr`, `W2`), and a missing `*` (`w1w2`, `w(w + 1)`).
 *
 * @example The weights of an expression, in natural order
 * ```ts
 * import { deepStrictEqual, throws } from "node:assert";
 * import { parseExpression } from "./parse.ts";
 *
 * deepStrictEqual(parseExpression("w10^2 + w2^2").vars, ["w2", "w10"]);
 * throws(() => parseExpression("x.constructor"), SyntaxError);
 * ```
 *
 * @example A message names the fix
 * ```ts
 * import { throws } from "node:assert";
 * import { parseExpression } from "./parse.ts";
 *
 * throws(() => parseExpression("w**2"), { name: "SyntaxError", message: /write "w\^2"/ });
 * throws(() => parseExpression("ln(w)"), { name: "ReferenceError", message: /write log\(w\)/ });
 * ```
 */
export function parseExpression(
  source: string,
  { vars }: { vars?: readonly string[] } = {},
): ParsedExpression {
  if (typeof source !== "string") {
    throw new TypeError(`Expected a loss expression string but found ${describe(source)}`);
  }
  if (vars !== undefined) checkVars(vars);
  const quoted = JSON.stringify(source);
  let node: MathNode;
  try {
    node = parse(source);
  } catch (error) {
    throw syntaxError(source, error);
  }
  if (node.type === "ConstantNode" && (node as unknown as { value: unknown }).value === undefined) {
    throw new SyntaxError(`Cannot parse loss expression ${quoted}: it is empty`);
  }

  const free = new Set<string>();
  const claimed = vars ? new Set(vars) : undefined;
  // Symbols used as values (not called): a call of one of them is a missing *.
  const values = new Set<string>(claimed);
  node.traverse((n, path) => {
    if (n.type === "SymbolNode" && path !== "fn") {
      values.add((n as unknown as { name: string }).name);
    }
  });
  validate(node, source, values, (name) => {
    if (claimed?.has(name)) return;
    if (Object.hasOwn(CONSTANTS, name)) return;
    if (isFunctionName(name) || Object.hasOwn(ALIASES, name)) {
      throw new SyntaxError(
        `"${name}" is a function in loss expression ${quoted}; call it with parentheses, e.g. ${name}(x)`,
      );
    }
    if (NOT_WEIGHTS.has(name.toLowerCase())) {
      throw new SyntaxError(
        `"${name}" in loss expression ${quoted} is not a weight but a function name, and ` +
          `functions are called with parentheses; ${functionHint(name, ["x"])}`,
      );
    }
    if (claimed) {
      const allowed = [...vars!, ...Object.keys(CONSTANTS)];
      const parts = runTogether(name, allowed);
      const close = closeNames(name, allowed);
      const hint = parts
        ? `"${name}" looks like ${parts.join("*")} with the * missing: write ${parts.join("*")}. `
        : close.length > 0
        ? `did you mean ${orList(close)}? `
        : "";
      throw new ReferenceError(
        `Unknown symbol "${name}" in loss expression ${quoted}; ${hint}${
          hint ? "Allowed" : "allowed"
        } symbols are the weights ${vars!.join(", ")} and the constants ${
          Object.keys(CONSTANTS).join(", ")
        }` + (hint ? "" : `; if ${name} is a fixed value, write a number in its place`),
      );
    }
    checkName(name, source);
    free.add(name);
  });

  const names = vars ? [...vars] : [...free].sort(naturalCompare);
  if (names.length > 2) {
    throw new RangeError(
      `Loss expression ${quoted} has ${names.length} free variables (${names.join(", ")}) but a ` +
        `landscape takes one or two weights; ${tooManyHint(names)}`,
    );
  }
  if (names.length === 0) {
    throw new RangeError(
      `Loss expression ${quoted} has no variables; pass vars (e.g. { vars: ["w"] }) to treat it as a constant loss`,
    );
  }
  const graph = new SymGraph();
  const index = new Map(names.map((n, i) => [n, i]));
  const root = toSym(node, graph, index);
  return Object.freeze({ source, vars: Object.freeze(names), graph, root });
}

function checkVars(vars: readonly string[]): void {
  if (!Array.isArray(vars) || !vars.every((v) => typeof v === "string")) {
    throw new TypeError(`Expected vars to be an array of names but found ${describe(vars)}`);
  }
  if (vars.length < 1 || vars.length > 2 || new Set(vars).size !== vars.length) {
    throw new RangeError(
      `Expected vars to be one or two distinct names but found ${JSON.stringify(vars)}`,
    );
  }
  for (const v of vars) checkName(v);
}

function checkName(name: string, source?: string): void {
  if (NAME.test(name) && !RESERVED.has(name) && !isFunctionName(name) && !name.startsWith("__")) {
    return;
  }
  const where = source === undefined ? "" : ` in loss expression ${JSON.stringify(source)}`;
  const hint = source === undefined ? undefined : notationHint(source);
  if (hint !== undefined) throw new SyntaxError(`Cannot use "${name}"${where}; ${hint}`);
  const lower = name.toLowerCase();
  if (source !== undefined && Object.hasOwn(CONSTANTS, lower)) {
    throw new SyntaxError(
      `Cannot use "${name}"${where}; the constant is written in lower case: ${lower}`,
    );
  }
  throw new SyntaxError(
    `Cannot use "${name}" as a weight name${where}; weight names are letters, digits and _ ` +
      `starting with a letter (e.g. x, w1) and cannot be built-in names such as constructor, NaN or i`,
  );
}

/**
 * Walks the tree, rejecting everything outside the allow-list; reports each
 * symbol. `values` are the names used as values (and the claimed weights):
 * calling one of them is taken for a missing `*`.
 */
function validate(
  node: MathNode,
  source: string,
  values: ReadonlySet<string>,
  onSymbol: (name: string) => void,
): void {
  const quoted = JSON.stringify(source);
  const reject = (what: string): never => {
    throw new SyntaxError(
      `Cannot use ${what} in loss expression ${quoted}; ${notationHint(source) ?? ALLOWED_SUMMARY}`,
    );
  };
  const text = (n: MathNode) => JSON.stringify(clip(n.toString()));
  const walk = (n: MathNode): void => {
    switch (n.type) {
      case "ConstantNode": {
        const value = (n as unknown as { value: unknown }).value;
        if (typeof value !== "number") reject(`the value ${text(n)}`);
        return;
      }
      case "SymbolNode":
        onSymbol((n as unknown as { name: string }).name);
        return;
      case "ParenthesisNode":
        walk((n as unknown as { content: MathNode }).content);
        return;
      case "OperatorNode": {
        const { fn, op, args } = n as unknown as { fn: string; op: string; args: MathNode[] };
        const unary = fn === "unaryMinus" || fn === "unaryPlus";
        const arityOk = unary ? args.length === 1 : args.length >= 2;
        if (!(Object.hasOwn(OPERATORS, fn) || fn === "unaryPlus") || !arityOk) {
          reject(`the operator "${op}" (in ${text(n)})`);
        }
        args.forEach(walk);
        return;
      }
      case "FunctionNode": {
        const { fn, args } = n as unknown as { fn: MathNode; args: MathNode[] };
        if (fn.type !== "SymbolNode") reject(`the call ${text(n)}`);
        const name = (fn as unknown as { name: string }).name;
        const arity = Object.hasOwn(ALIASES, name)
          ? ALIASES[name]!
          : isFunctionName(name)
          ? FUNCTIONS[name].arity
          : undefined;
        if (!arity) {
          const argsText = args.map((a) => a.toString());
          const product = values.has(name) || Object.hasOwn(CONSTANTS, name) ||
            /^[A-Za-z](_?\d+)?$/.test(name);
          const hint = functionHint(name, argsText) ??
            (product ? `to multiply, write ${name}*(${argsText.join(", ")})` : undefined);
          throw new ReferenceError(
            `Unknown function "${clip(name)}" in loss expression ${quoted}; ${
              hint === undefined ? "allowed" : `${hint}${hint.endsWith("?") ? "" : "."} Allowed`
            } functions are ${ALLOWED_FUNCTIONS.join(", ")}`,
          );
        }
        if (args.length < arity[0] || args.length > arity[1]) {
          const wanted = arity[0] === arity[1]
            ? `${arity[0]}`
            : arity[1] === Infinity
            ? `at least ${arity[0]}`
            : `${arity[0]} or ${arity[1]}`;
          throw new SyntaxError(
            `Function "${name}" takes ${wanted} argument${
              wanted === "1" ? "" : "s"
            } but found ${args.length} in loss expression ${quoted}`,
          );
        }
        args.forEach(walk);
        return;
      }
      case "AccessorNode":
        return reject(`property access ${text(n)}`);
      case "AssignmentNode":
        return reject(`the assignment ${text(n)}`);
      case "FunctionAssignmentNode":
        return reject(`the function definition ${text(n)}`);
      case "ArrayNode":
        return reject(`the matrix ${text(n)}`);
      case "BlockNode":
        return reject(`several statements (${text(n)})`);
      default:
        return reject(`${text(n)} (a mathjs ${n.type})`);
    }
  };
  walk(node);
}

/** Converts a validated tree into graph nodes, exactly (no algebraic rewriting). */
function toSym(node: MathNode, g: SymGraph, index: ReadonlyMap<string, number>): Sym {
  const walk = (n: MathNode): Sym => {
    switch (n.type) {
      case "ConstantNode":
        return g.num((n as unknown as { value: number }).value);
      case "SymbolNode": {
        const name = (n as unknown as { name: string }).name;
        const i = index.get(name);
        return i === undefined ? g.num(CONSTANTS[name]!) : g.variable(i);
      }
      case "ParenthesisNode":
        return walk((n as unknown as { content: MathNode }).content);
      case "OperatorNode": {
        const { fn, args } = n as unknown as { fn: string; args: MathNode[] };
        const a = args.map(walk);
        if (fn === "unaryPlus") return a[0]!;
        const op = OPERATORS[fn]!;
        if (op === "neg") return g.exact("neg", a);
        return a.slice(1).reduce((acc, b) => g.exact(op, [acc, b]), a[0]!);
      }
      case "FunctionNode": {
        const { fn, args } = n as unknown as { fn: { name: string }; args: MathNode[] };
        return callSym(g, fn.name, args.map(walk));
      }
      default:
        throw new Error(`Unexpected ${n.type} after validation`);
    }
  };
  return walk(node);
}

/** A call of an allow-listed function, with the aliases rewritten. */
function callSym(g: SymGraph, name: string, a: Sym[]): Sym {
  switch (name) {
    case "pow":
      return g.exact("pow", a);
    case "square":
      return g.exact("pow", [a[0]!, g.num(2)]);
    case "cube":
      return g.exact("pow", [a[0]!, g.num(3)]);
    case "log":
      return a.length === 1
        ? g.call("log", a)
        : g.exact("div", [g.call("log", [a[0]!]), g.call("log", [a[1]!])]);
    case "min":
    case "max":
      return a.slice(1).reduce((acc, b) => g.call(name, [acc, b]), a[0]!);
    default:
      return g.call(name as keyof typeof FUNCTIONS, a);
  }
}

function syntaxError(source: string, error: unknown): Error {
  const quoted = JSON.stringify(source);
  if (!(error instanceof Error)) return new SyntaxError(`Cannot parse loss expression ${quoted}`);
  const char = (error as { char?: unknown }).char;
  const raw = error.message.replace(/\s*\(char \d+\)\s*$/, "");
  if (typeof char !== "number" || !Number.isInteger(char) || char < 1) {
    return new SyntaxError(`Cannot parse loss expression ${quoted}: ${lowerFirst(raw)}`);
  }
  const at = char - 1;
  const found = at >= source.length
    ? "the end of the expression"
    : `"${
      source.slice(at).match(/^([A-Za-z_][A-Za-z0-9_]*|\d+(\.\d*)?([eE][+-]?\d+)?|\S)/)?.[0] ?? " "
    }"`;
  const where = `at position ${char} (counting from 1)`;
  const opened = source.split("(").length - source.split(")").length;
  const hint = notationHint(source) ??
    (/^Unexpected operator ,$/.test(raw) && /\d,\d/.test(source)
      ? "decimals are written with a point (2.5), not a comma"
      : /^Unexpected operator \)$/.test(raw) && opened < 0
      ? "this ) closes no (: remove it, or add the ( it closes"
      : /^Unexpected end of expression$/.test(raw)
      ? "it ends with an operator: finish the last term or remove the operator"
      : undefined);
  let what: string;
  const expected = raw.match(/^(.*) expected$/);
  const operator = raw.match(/^Unexpected operator (.+)$/);
  if (expected) {
    const thing = expected[1]!;
    const label = thing === "Value"
      ? "a value"
      : thing.startsWith("Parenthesis ")
      ? `"${thing.slice("Parenthesis ".length)}"`
      : `a ${thing.toLowerCase()}`;
    what = `expected ${label} ${where} but found ${found}`;
  } else if (operator) {
    what = `unexpected operator "${operator[1]}" ${where}`;
  } else {
    what = `${lowerFirst(raw)} ${where}`;
  }
  if (hint !== undefined) what += `; ${hint}`;
  // Tabs and newlines become spaces so the caret lines up under the position.
  const shown = source.replace(/\s/g, " ");
  return new SyntaxError(
    `Cannot parse loss expression ${quoted}: ${what}\n  ${shown}\n  ${" ".repeat(at)}^`,
  );
}

// Hints for the mistakes learners make when they type a loss: notation from
// Python, JavaScript or typeset maths, other names for allowed functions,
// typos in names, and a missing * between two names.

/** Notation from elsewhere: what it looks like, what to write instead, and the rewrite. */
const NOTATION: readonly {
  find: RegExp;
  hint: (found: string) => string;
  fix: (s: string) => string;
}[] = [
  {
    find: /\*\*/,
    hint: () => "powers are written ^ (w^2), not **",
    fix: (s) => s.replace(/\*\*/g, "^"),
  },
  {
    find: /[²³]/,
    hint: (c) => `powers are written ^ (w^2), not ${c}`,
    fix: (s) => s.replace(/²/g, "^2").replace(/³/g, "^3"),
  },
  {
    find: /[−–]/,
    hint: (c) => `the minus sign is written -, not ${c}`,
    fix: (s) => s.replace(/[−–]/g, "-"),
  },
  {
    find: /[×·⋅∙]/,
    hint: (c) => `multiplication is written *, not ${c}`,
    fix: (s) => s.replace(/[×·⋅∙]/g, "*"),
  },
  { find: /÷/, hint: () => "division is written /, not ÷", fix: (s) => s.replace(/÷/g, "/") },
  {
    find: /\|/,
    hint: () => "absolute values are written abs(w), not |w|",
    fix: (s) => s.replace(/\|([^|]*)\|/g, "abs($1)"),
  },
  {
    find: /\bMath\./,
    hint: () => "functions and constants are written without Math. (log(w), pi)",
    fix: (s) =>
      s.replace(/\bMath\.PI\b/g, "pi").replace(/\bMath\.E\b/g, "e").replace(/\bMath\./g, ""),
  },
];

/**
 * What to write instead of notation from elsewhere in `source` (`**`, `²`,
 * `−`, `×`, `|w|`, `Math.`), with the rewritten expression when it parses;
 * undefined when there is none.
 */
function notationHint(source: string): string | undefined {
  const found = NOTATION.filter((n) => n.find.test(source));
  if (found.length === 0) return undefined;
  const hints = found.map((n) => n.hint(source.match(n.find)![0]));
  const fixed = found.reduce((s, n) => n.fix(s), source);
  let parses = !NOTATION.some((n) => n.find.test(fixed));
  try {
    parse(fixed);
  } catch {
    parses = false;
  }
  return hints.join("; ") + (parses ? `: write ${JSON.stringify(fixed)}` : "");
}

/** Other names of allowed functions, lower case, as other notations spell them. */
const SYNONYMS: ReadonlyMap<string, string> = new Map([
  ["exponential", "exp"],
  ["expo", "exp"],
  ["arcsin", "asin"],
  ["arccos", "acos"],
  ["arctan", "atan"],
  ["arctan2", "atan2"],
  ["arcsinh", "asinh"],
  ["arccosh", "acosh"],
  ["arctanh", "atanh"],
  ["arsinh", "asinh"],
  ["arcosh", "acosh"],
  ["artanh", "atanh"],
  ["sine", "sin"],
  ["cosine", "cos"],
  ["tangent", "tan"],
  ["sgn", "sign"],
  ["signum", "sign"],
  ["absolute", "abs"],
  ["power", "pow"],
  ["root", "sqrt"],
  ["lg", "log10"],
  ["lb", "log2"],
  ["ld", "log2"],
  ["maximum", "max"],
  ["minimum", "min"],
]);

/** Functions of machine learning that are not on the allow-list, as formulas that are. */
const FORMULAS: ReadonlyMap<string, (a: string) => string> = new Map([
  ["relu", (a: string) => `max(0, ${a})`],
  ["sigmoid", (a: string) => `1 / (1 + exp(-${atom(a)}))`],
  ["logistic", (a: string) => `1 / (1 + exp(-${atom(a)}))`],
  ["softplus", (a: string) => `log(1 + exp(${a}))`],
]);

/** `a` in parentheses unless it is a name or a number. */
function atom(a: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$|^\d+(\.\d*)?$/.test(a) ? a : `(${a})`;
}

/** Names that are never weights, only misremembered functions (`ln w`). */
const NOT_WEIGHTS = new Set(["ln", "sqr", "exponential", "arcsin", "arccos", "arctan", "sgn"]);

/**
 * What to call instead of an unknown function `name` with arguments `args`
 * (as text): another notation's name, a formula, or allowed names one typo
 * away; undefined when nothing is close.
 */
function functionHint(name: string, args: readonly string[]): string | undefined {
  const call = (f: string) => `${f}(${args.join(", ")})`;
  const lower = name.toLowerCase();
  if (lower === "ln") return `ln is written log (natural logarithm): write ${call("log")}`;
  if (lower === "sqr") return `did you mean ${call("sqrt")} (square root) or ${call("square")}?`;
  const synonym = SYNONYMS.get(lower);
  if (synonym !== undefined) return `${name} is written ${synonym}: write ${call(synonym)}`;
  const formula = FORMULAS.get(lower);
  if (formula !== undefined && args.length === 1) {
    return `there is no ${name}; write ${formula(args[0]!)}`;
  }
  const close = closeNames(name, ALLOWED_FUNCTIONS);
  return close.length > 0 ? `did you mean ${orList(close.map(call))}?` : undefined;
}

/**
 * The names among `candidates` that a mistyped `name` probably meant: the
 * same name in another case, or (for names of two or more characters) one
 * edit away, two for names of six or more.
 */
function closeNames(name: string, candidates: readonly string[]): string[] {
  const lower = name.toLowerCase();
  const same = candidates.filter((c) => c.toLowerCase() === lower);
  if (same.length > 0 || name.length < 2) return same;
  const limit = name.length >= 6 ? 2 : 1;
  return candidates.filter((c) => c.length >= 2 && editDistance(lower, c.toLowerCase()) <= limit);
}

/** Levenshtein distance: the fewest insertions, deletions and substitutions from `a` to `b`. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(
        row[j]! + 1,
        next[j - 1]! + 1,
        row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    row = next;
  }
  return row[b.length]!;
}

/**
 * Whether two different names look like one name typed two ways: they differ
 * only in case, or by one letter (not a digit: `w1` and `w2` are two names).
 */
function lookAlike(a: string, b: string): boolean {
  if (a.toLowerCase() === b.toLowerCase()) return true;
  if (a.length < 2 || b.length < 2 || editDistance(a, b) !== 1) return false;
  let i = 0;
  while (a[i] === b[i]) i++;
  const changed = a.length === b.length ? a[i]! + b[i]! : (a.length > b.length ? a[i]! : b[i]!);
  return /\D/.test(changed);
}

/** `name` split into two or more of `parts` run together (`w1w2` into w1, w2), or undefined. */
function runTogether(name: string, parts: readonly string[]): string[] | undefined {
  // Remembering each tail's answer keeps this linear-ish even for names such as a, aa, aaab.
  const memo = new Map<string, string[] | undefined>();
  const split = (rest: string): string[] | undefined => {
    if (memo.has(rest)) return memo.get(rest);
    let found: string[] | undefined;
    for (const p of parts) {
      if (rest === p) found = [p];
      else if (p !== "" && rest.startsWith(p)) {
        const tail = split(rest.slice(p.length));
        if (tail) found = [p, ...tail];
      }
      if (found) break;
    }
    memo.set(rest, found);
    return found;
  };
  const found = split(name);
  return found && found.length >= 2 ? found : undefined;
}

/** What probably went wrong when a loss has three or more free symbols. */
function tooManyHint(names: readonly string[]): string {
  const hints: string[] = [];
  for (const name of names) {
    const parts = runTogether(name, names.filter((n) => n !== name));
    if (parts) {
      hints.push(
        `"${name}" looks like ${parts.join("*")} with the * missing: write ${parts.join("*")}`,
      );
    }
  }
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const [a, b] = [names[i]!, names[j]!];
      if (lookAlike(a, b)) {
        hints.push(
          `"${a}" and "${b}" look like one name typed two ways${
            a.toLowerCase() === b.toLowerCase() ? " (names are case-sensitive)" : ""
          }: use one spelling`,
        );
      }
    }
  }
  const otherwise =
    "write numbers in place of all but two of them (the tfjs slices take more weights)";
  return hints.length > 0
    ? `${hints.join("; ")}; otherwise ${otherwise}`
    : `if one is a typo (a missing * between two names, a misspelt name), fix it; otherwise ${otherwise}`;
}

/** "a", "a or b", "a, b or c". */
function orList(names: readonly string[]): string {
  return names.length <= 1
    ? names.join("")
    : `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** A short description of any value, for error messages. */
export function describe(value: unknown): string {
  if (typeof value === "string") return `the string ${JSON.stringify(clip(value))}`;
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") {
    return `${typeof value} ${String(value)}${typeof value === "bigint" ? "n" : ""}`;
  }
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (typeof value === "function") return "a function";
  if (typeof value === "symbol") return `the symbol ${String(value)}`;
  const name = (value as object).constructor?.name;
  return name && name !== "Object" ? `a ${name}` : "an object";
}

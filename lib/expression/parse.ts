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
 * @example The weights of an expression, in natural order
 * ```ts
 * import { deepStrictEqual, throws } from "node:assert";
 * import { parseExpression } from "./parse.ts";
 *
 * deepStrictEqual(parseExpression("w10^2 + w2^2").vars, ["w2", "w10"]);
 * throws(() => parseExpression("x.constructor"), SyntaxError);
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
  validate(node, source, (name) => {
    if (claimed?.has(name)) return;
    if (Object.hasOwn(CONSTANTS, name)) return;
    if (isFunctionName(name) || Object.hasOwn(ALIASES, name)) {
      throw new SyntaxError(
        `"${name}" is a function in loss expression ${quoted}; call it with parentheses, e.g. ${name}(x)`,
      );
    }
    if (claimed) {
      throw new ReferenceError(
        `Unknown symbol "${name}" in loss expression ${quoted}; allowed symbols are the weights ` +
          `${vars!.join(", ")} and the constants ${Object.keys(CONSTANTS).join(", ")}`,
      );
    }
    checkName(name, source);
    free.add(name);
  });

  const names = vars ? [...vars] : [...free].sort(naturalCompare);
  if (names.length > 2) {
    throw new RangeError(
      `Loss expression ${quoted} has ${names.length} free variables (${names.join(", ")}) but a ` +
        `landscape takes one or two weights; pass vars (e.g. { vars: ["${names[0]}", "${
          names[1]
        }"] }) to name the weights, and use the tfjs slices for more`,
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
  throw new SyntaxError(
    `Cannot use "${name}" as a weight name${where}; weight names are letters, digits and _ ` +
      `starting with a letter (e.g. x, w1) and cannot be built-in names such as constructor, NaN or i`,
  );
}

/** Walks the tree, rejecting everything outside the allow-list; reports each symbol. */
function validate(node: MathNode, source: string, onSymbol: (name: string) => void): void {
  const quoted = JSON.stringify(source);
  const reject = (what: string): never => {
    throw new SyntaxError(`Cannot use ${what} in loss expression ${quoted}; ${ALLOWED_SUMMARY}`);
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
          throw new ReferenceError(
            `Unknown function "${clip(name)}" in loss expression ${quoted}; allowed functions are ${
              ALLOWED_FUNCTIONS.join(", ")
            }`,
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
  // Tabs and newlines become spaces so the caret lines up under the position.
  const shown = source.replace(/\s/g, " ");
  return new SyntaxError(
    `Cannot parse loss expression ${quoted}: ${what}\n  ${shown}\n  ${" ".repeat(at)}^`,
  );
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

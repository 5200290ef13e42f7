/**
 * The expression engine: a loss written as a string (`"w1^2 + 3*w2^2"`) is
 * parsed by mathjs and checked against an allow-list of functions
 * ({@linkcode parseExpression}), differentiated symbolically, and compiled to
 * specialised JavaScript kernels for a point, a curve and a grid. The
 * landscape layer above builds on it; it imports only `lib/core/`.
 *
 * @example
 * ```ts
 * import { deepStrictEqual } from "node:assert";
 * import { parseExpression } from "./mod.ts";
 *
 * deepStrictEqual(parseExpression("w2 * w1^2").vars, ["w1", "w2"]);
 * ```
 *
 * @module
 */

export { ALLOWED_FUNCTIONS, CONSTANTS, parseExpression } from "./parse.ts";
export type { ParsedExpression } from "./parse.ts";
// The expression graph a ParsedExpression holds.
export type { FunctionName, Op, Sym, SymGraph } from "./symbolic.ts";

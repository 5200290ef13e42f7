/**
 * The mistakes learners make when they edit a loss or a range in a notebook
 * cell, and the errors they get: each names the problem and the fix, in the
 * learner's own terms (never an internal variable or a mathjs node type).
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert";
import { curvePlot, landscape } from "../lib/mod.ts";

/** The error `f` throws, checked to be a `type`. */
function errorOf(f: () => unknown, type: new (...args: never[]) => Error): Error {
  try {
    f();
  } catch (e) {
    ok(e instanceof type, `expected a ${type.name} but found ${e}`);
    return e;
  }
  throw new Error("expected an error but none was thrown");
}

/** Checks that `message` contains each of `parts`, showing it when not. */
function includesAll(message: string, ...parts: string[]): void {
  for (const part of parts) {
    ok(message.includes(part), `${JSON.stringify(part)} not in: ${message}`);
  }
}

/** The expression a message suggests writing (`write "..."`). */
function suggestion(message: string): string {
  const found = message.match(/write ("(?:[^"\\]|\\.)*")/)?.[1];
  ok(found, `no suggestion in: ${message}`);
  return JSON.parse(found);
}

/** Internal names that must never reach a learner. */
const INTERNALS = /Node\b|undefined|\[object|ParsedExpression|SymGraph|\bcallSym\b|\btoSym\b/;

Deno.test("w**2 says powers are written ^ and shows the fixed expression", () => {
  const e = errorOf(() => landscape("w**2"), SyntaxError);
  includesAll(e.message, "powers are written ^ (w^2), not **", 'write "w^2"');
  // The position and caret stay, under the first *.
  includesAll(e.message, "at position 3 (counting from 1)", "\n  w**2\n    ^");
  strictEqual(landscape(suggestion(e.message)).at(3), 9);
  // With spaces, and in two weights, every ** is replaced.
  const two = errorOf(() => landscape("x ** 2 + 3 * y**2"), SyntaxError);
  strictEqual(suggestion(two.message), "x ^ 2 + 3 * y^2");
});

Deno.test("ln(w) says ln is written log (natural logarithm)", () => {
  const e = errorOf(() => landscape("ln(w)"), ReferenceError);
  includesAll(
    e.message,
    'Unknown function "ln"',
    "ln is written log (natural logarithm)",
    "log(w)",
  );
  // Without parentheses, ln would otherwise become a second weight named ln.
  const bare = errorOf(() => landscape("ln w"), SyntaxError);
  includesAll(bare.message, "called with parentheses", "ln is written log (natural logarithm)");
});

Deno.test("2w1 is accepted as 2*w1 (mathjs's implicit multiplication), and 2 w1 too", () => {
  const implicit = landscape("2w1 + w2");
  const spaced = landscape("2 w1 + w2");
  const explicit = landscape("2*w1 + w2");
  deepStrictEqual(implicit.vars, ["w1", "w2"]);
  for (const [a, b] of [[1, 2], [-0.5, 3], [7, -1]] as const) {
    strictEqual(implicit.at(a, b), 2 * a + b);
    strictEqual(spaced.at(a, b), explicit.at(a, b));
  }
});

Deno.test("w1w2 among three symbols is named as a missing *", () => {
  const e = errorOf(() => landscape("w1w2 + w1 + w2"), RangeError);
  includesAll(
    e.message,
    "3 free variables (w1, w1w2, w2)",
    '"w1w2" looks like w1*w2 with the * missing: write w1*w2',
  );
  includesAll(
    errorOf(() => landscape("x^2 + xy + y^2"), RangeError).message,
    "(x, xy, y)",
    "write x*y",
  );
  // Two names that differ only in case are one name typed two ways.
  includesAll(
    errorOf(() => landscape("w1^2 + w2^2 + W2"), RangeError).message,
    "(W2, w1, w2)",
    '"W2" and "w2" look like one name typed two ways (names are case-sensitive)',
  );
  // Three real names: the message lists them and what to check, and no longer
  // suggests vars, which cannot name a third weight.
  const three = errorOf(() => landscape("w1 + w2 + w3"), RangeError).message;
  includesAll(three, "(w1, w2, w3)", "a missing * between two names, a misspelt name");
  ok(!three.includes("vars"), three);
  // A documented limit: with one or two symbols, w1w2 is a weight of that name.
  deepStrictEqual(landscape("w1w2").vars, ["w1w2"]);
});

Deno.test("a call of a weight is a missing * before the parenthesis", () => {
  includesAll(
    errorOf(() => landscape("w(w + 1)"), ReferenceError).message,
    'Unknown function "w"',
    "to multiply, write w*(w + 1)",
  );
  includesAll(
    errorOf(() => landscape("w1(1 - w2)"), ReferenceError).message,
    "write w1*(1 - w2)",
  );
  includesAll(
    errorOf(() => landscape("w1^2 + w2(w1 - 1)", { vars: ["w1", "w2"] }), ReferenceError).message,
    "write w2*(w1 - 1)",
  );
});

Deno.test("a misspelt weight names the unknown symbol, the weights and the close one", () => {
  const vars = ["w1", "w2"];
  const w3 = errorOf(() => landscape("w1^2 + w3", { vars }), ReferenceError).message;
  includesAll(w3, 'Unknown symbol "w3"', "did you mean w1 or w2?", "the weights w1, w2");
  const upper = errorOf(() => landscape("w1^2 + W2", { vars }), ReferenceError).message;
  includesAll(upper, 'Unknown symbol "W2"', "did you mean w2?", "the weights w1, w2");
  includesAll(
    errorOf(() => landscape("w1^2 + w1w2", { vars }), ReferenceError).message,
    "write w1*w2",
  );
  // Nothing close: a stray name is probably a value that should be a number.
  includesAll(
    errorOf(() => landscape("w^2 + a", { vars: ["w"] }), ReferenceError).message,
    'Unknown symbol "a"',
    "if a is a fixed value, write a number in its place",
  );
});

Deno.test("an unknown function is named with the allowed names close to it", () => {
  includesAll(
    errorOf(() => landscape("sqr(w)"), ReferenceError).message,
    'Unknown function "sqr"',
    "did you mean sqrt(w) (square root) or square(w)?",
  );
  includesAll(
    errorOf(() => landscape("Sin(w)"), ReferenceError).message,
    'Unknown function "Sin"',
    "did you mean sin(w)?",
  );
  includesAll(
    errorOf(() => landscape("exponential(w)"), ReferenceError).message,
    'Unknown function "exponential"',
    "exponential is written exp: write exp(w)",
  );
  includesAll(
    errorOf(() => landscape("arctan(w - 1)"), ReferenceError).message,
    "write atan(w - 1)",
  );
  includesAll(errorOf(() => landscape("tahn(w)"), ReferenceError).message, "did you mean tan(w)?");
  // Functions of machine learning that are not allowed get an allowed formula.
  const relu = errorOf(() => landscape("relu(w - 1)"), ReferenceError).message;
  includesAll(relu, "there is no relu; write max(0, w - 1)");
  strictEqual(landscape("max(0, w - 1)").at(3), 2);
  includesAll(
    errorOf(() => landscape("sigmoid(w - 1)"), ReferenceError).message,
    "write 1 / (1 + exp(-(w - 1)))",
  );
  // Every message still lists the allowed functions.
  includesAll(
    errorOf(() => landscape("Sin(w)"), ReferenceError).message,
    "Allowed functions are abs, acos",
  );
});

Deno.test("notation from Python, JavaScript and typeset maths gets the rewrite", () => {
  const cases: [string, string, string][] = [
    ["w²", "powers are written ^ (w^2), not ²", "w^2"],
    ["w³ + 1", "not ³", "w^3 + 1"],
    ["w − 1", "the minus sign is written -, not −", "w - 1"],
    ["w × 2", "multiplication is written *, not ×", "w * 2"],
    ["w·2", "multiplication is written *, not ·", "w*2"],
    ["w ÷ 2", "division is written /, not ÷", "w / 2"],
    ["|w - 1|", "absolute values are written abs(w), not |w|", "abs(w - 1)"],
    ["Math.log(w)", "without Math.", "log(w)"],
    ["Math.PI * w^2", "without Math.", "pi * w^2"],
  ];
  for (const [source, hint, fixed] of cases) {
    const e = errorOf(() => landscape(source), SyntaxError);
    includesAll(e.message, hint);
    strictEqual(suggestion(e.message), fixed, source);
    strictEqual(landscape(fixed).dims, 1, fixed);
  }
  includesAll(
    errorOf(() => landscape("2,5*w"), SyntaxError).message,
    "decimals are written with a point (2.5), not a comma",
  );
  includesAll(
    errorOf(() => landscape("PI*w^2"), SyntaxError).message,
    "the constant is written in lower case: pi",
  );
});

Deno.test("a stray ) and a trailing operator say what to remove or finish", () => {
  includesAll(
    errorOf(() => landscape("(w1^2 + w2 - 11)^2 + (w1 + w2^2 - 7)^2)"), SyntaxError).message,
    'unexpected operator ")" at position 39',
    "this ) closes no (: remove it, or add the ( it closes",
  );
  includesAll(
    errorOf(() => landscape("w1^2 + w2^2 +"), SyntaxError).message,
    "it ends with an operator: finish the last term or remove the operator",
  );
  // Balanced parentheses with a ) in the wrong place get no such hint.
  ok(!errorOf(() => landscape("w + ) + (2"), SyntaxError).message.includes("closes no"));
});

Deno.test("a range given high first says to swap it, for grids, curves and curvePlot", () => {
  const bowl = landscape("x^2 + y^2");
  includesAll(
    errorOf(() => bowl.grid({ x: [2, -2], y: [-1, 1], n: 5 }), RangeError).message,
    "Expected x to be a range [low, high] but found [2, -2]",
    "swap them: [-2, 2]",
  );
  includesAll(
    errorOf(() => bowl.grid({ x: [-1, 1], y: [0.5, -1.5], n: 5 }), RangeError).message,
    "Expected y to be a range [low, high]",
    "swap them: [-1.5, 0.5]",
  );
  const parabola = landscape("w^2");
  includesAll(
    errorOf(() => parabola.curve({ x: [3, -3] }), RangeError).message,
    "swap them: [-3, 3]",
  );
  includesAll(
    errorOf(() => curvePlot(parabola, { x: [3, -3] }), RangeError).message,
    "Expected x to be a range [low, high] but found [3, -3]; swap them: [-3, 3]",
  );
  // The swapped range works.
  strictEqual(parabola.curve({ x: [-3, 3], n: 7 }).values[0], 9);
  // Equal ends are another mistake, with the old message.
  ok(!errorOf(() => parabola.curve({ x: [1, 1] }), RangeError).message.includes("swap"));
});

Deno.test("curvePlot() draws sqrt(w) without the tangent where it has none, and says so", () => {
  // Chapter 02's "edit me" cell with the loss a learner might type.
  const yourLoss = landscape("sqrt(w)");
  const fig = curvePlot(yourLoss, {
    x: [-2, 2],
    tangents: [-1.6, 0.4, 1.5].map((w) => ({ x: w, reach: 0.25 })),
    xLabel: "w",
    legend: false,
  });
  const text = fig.toString();
  includesAll(
    text,
    "tangents at 0.4, 1.5 with downhill arrows",
    "no tangent at w = -1.6: the loss or its slope is undefined there; try w = 0.1",
  );
  includesAll(fig.toSVG(), "No tangent at w = -1.6: the loss or its slope is undefined there");
  // At w = 0 the loss is 0 but its slope is infinite: no tangent either.
  includesAll(curvePlot(yourLoss, { tangents: [{ x: 0 }] }).toString(), "no tangent at w = 0");
  // The suggested point has a tangent.
  const there = curvePlot(yourLoss, { x: [-2, 2], tangents: [{ x: 0.1 }] }).toString();
  ok(there.includes("tangents at 0.1") && !there.includes("no tangent"), there);
  // Nowhere defined: no suggestion.
  const nowhere = curvePlot(landscape("log(-w^2 - 1)"), { x: [-2, 2], tangents: [{ x: 0 }] });
  includesAll(nowhere.toString(), "no tangent at w = 0: the loss or its slope is undefined there.");
  // A slope given by hand must still be finite.
  includesAll(
    errorOf(() => curvePlot(yourLoss, { tangents: [{ x: 1, slope: NaN }] }), RangeError).message,
    "Expected tangents[0].slope to be a finite number but found NaN",
  );
});

Deno.test("curvePlot() of a loss of two weights names them and the one meant as a number", () => {
  const e = errorOf(() => curvePlot(landscape("w^2 + a")), TypeError);
  includesAll(
    e.message,
    "This loss has two weights (a, w) but a curve needs one",
    'did you mean a number instead of a, such as landscape("w^2 + 1")?',
  );
  ok(curvePlot(landscape("w^2 + 1")).toString().includes("Line chart of w^2 + 1"));
  // The x label tells which weight the curve is over.
  includesAll(
    errorOf(() => curvePlot(landscape("b*w + b^2"), { xLabel: "b" }), TypeError).message,
    'did you mean a number instead of w, such as landscape("b*1 + b^2")?',
  );
  // Neither is the obvious one: say what to do with either.
  includesAll(
    errorOf(() => curvePlot(landscape("w1^2 + w2^2")), TypeError).message,
    "two weights (w1, w2)",
    "write numbers in place of all weights but one, or draw two weights with contourPlot",
  );
});

Deno.test("the valid versions work: w^2, log(w), 2*w1 + w2", () => {
  strictEqual(landscape("w^2").at(3), 9);
  strictEqual(landscape("log(w)").at(Math.E), 1);
  strictEqual(landscape("2*w1 + w2").at(1, 2), 4);
  strictEqual(landscape("sqrt(w)").at(4), 2);
  strictEqual(landscape("sin(w)").at(0), 0);
  strictEqual(landscape("exp(w)").at(0), 1);
  strictEqual(landscape("w1^2 + w2", { vars: ["w1", "w2"] }).at(2, 1), 5);
});

Deno.test("no learner's message shows internals", () => {
  const mistakes = [
    "w**2",
    "ln(w)",
    "ln w",
    "w1w2 + w1 + w2",
    "w(w + 1)",
    "sqr(w)",
    "Sin(w)",
    "exponential(w)",
    "w²",
    "|w|",
    "Math.log(w)",
    "w × 2",
    "2,5*w",
  ];
  for (const source of mistakes) {
    const e = errorOf(() => landscape(source), Error);
    ok(!INTERNALS.test(e.message), e.message);
    ok(!e.message.includes("\n    at "), e.message);
  }
});

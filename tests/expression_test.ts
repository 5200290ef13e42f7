import { deepStrictEqual, match, ok, strictEqual, throws } from "node:assert";
import { ALLOWED_FUNCTIONS, naturalCompare, parseExpression } from "../lib/expression/parse.ts";
import { landscape } from "../lib/landscape/landscape.ts";

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("Expected an error");
}

Deno.test("parseExpression() takes free symbols as weights in natural order", () => {
  deepStrictEqual(parseExpression("w10 + w2").vars, ["w2", "w10"]);
  deepStrictEqual(parseExpression("y^2 + x").vars, ["x", "y"]);
  deepStrictEqual(parseExpression("log(1 + exp(-w))").vars, ["w"]);
  deepStrictEqual(["w10", "w2", "w1", "a", "b1"].sort(naturalCompare), [
    "a",
    "b1",
    "w1",
    "w2",
    "w10",
  ]);
});

Deno.test("parseExpression() treats pi and e as constants unless vars claims them", () => {
  deepStrictEqual(parseExpression("pi*x + e").vars, ["x"]);
  deepStrictEqual(parseExpression("e*x", { vars: ["x", "e"] }).vars, ["x", "e"]);
  strictEqual(landscape("e*x", { vars: ["x", "e"] }).at(2, 3), 6);
});

Deno.test("parseExpression() follows vars for the order of weights", () => {
  const l = landscape("x - 10*y", { vars: ["y", "x"] });
  strictEqual(l.at(1, 2), 2 - 10);
});

Deno.test("a syntax error names the position and shows a caret under it", () => {
  const message = messageOf(() => parseExpression("w1^2 + * w2"));
  strictEqual(
    message,
    'Cannot parse loss expression "w1^2 + * w2": expected a value at position 8 (counting from 1) ' +
      'but found "*"\n  w1^2 + * w2\n         ^',
  );
  throws(() => parseExpression("w1^2 + * w2"), SyntaxError);
});

Deno.test("a syntax error at the end puts the caret after the last character", () => {
  const message = messageOf(() => parseExpression("(x + 1"));
  strictEqual(
    message,
    'Cannot parse loss expression "(x + 1": expected ")" at position 7 (counting from 1) but found ' +
      "the end of the expression\n  (x + 1\n        ^",
  );
  match(
    messageOf(() => parseExpression("x)")),
    /unexpected operator "\)" at position 2 \(counting from 1\); this \) closes no \(: remove it, or add the \( it closes\n {2}x\)\n {3}\^$/,
  );
});

Deno.test("an empty expression is a syntax error", () => {
  throws(() => parseExpression("  "), {
    name: "SyntaxError",
    message: 'Cannot parse loss expression "  ": it is empty',
  });
});

Deno.test("an unknown function lists the allowed functions", () => {
  const message = messageOf(() => parseExpression("foo(x) + y"));
  strictEqual(
    message,
    `Unknown function "foo" in loss expression "foo(x) + y"; allowed functions are ${
      ALLOWED_FUNCTIONS.join(", ")
    }`,
  );
  throws(() => parseExpression("foo(x)"), ReferenceError);
  for (
    const name of ["abs", "sqrt", "log1p", "atan2", "hypot", "min", "max", "sign", "floor", "ceil"]
  ) {
    ok(ALLOWED_FUNCTIONS.includes(name), name);
  }
});

Deno.test("an unknown symbol lists the weights and constants when vars is given", () => {
  throws(() => parseExpression("x + z", { vars: ["x", "y"] }), {
    name: "ReferenceError",
    message:
      'Unknown symbol "z" in loss expression "x + z"; allowed symbols are the weights x, y and the constants pi, e' +
      "; if z is a fixed value, write a number in its place",
  });
});

Deno.test("three free variables say what to fix (vars cannot name a third weight)", () => {
  throws(() => parseExpression("x + y + z"), {
    name: "RangeError",
    message:
      'Loss expression "x + y + z" has 3 free variables (x, y, z) but a landscape takes one or two ' +
      "weights; if one is a typo (a missing * between two names, a misspelt name), fix it; " +
      "otherwise write numbers in place of all but two of them (the tfjs slices take more weights)",
  });
});

Deno.test("a constant expression asks for vars, and gets a flat landscape with them", () => {
  throws(() => parseExpression("3"), RangeError);
  strictEqual(landscape("3", { vars: ["w"] }).at(7), 3);
});

Deno.test("a function name used without a call is rejected", () => {
  throws(() => parseExpression("sin + x"), {
    name: "SyntaxError",
    message:
      '"sin" is a function in loss expression "sin + x"; call it with parentheses, e.g. sin(x)',
  });
});

Deno.test("a wrong number of arguments is rejected with the count", () => {
  throws(() => parseExpression("atan2(x)"), {
    message: 'Function "atan2" takes 2 arguments but found 1 in loss expression "atan2(x)"',
  });
  throws(() => parseExpression("sin(x, y)"), /takes 1 argument but found 2/);
});

Deno.test("injection attempts and non-numeric constructs are all rejected", () => {
  const cases: [string, RegExp][] = [
    ["constructor", /Cannot use "constructor" as a weight name/],
    ["x.constructor", /Cannot use property access "x.constructor"/],
    ['x["a"]', /Cannot use property access/],
    ["x.y(2)", /Cannot use the call/],
    ["f(x) = x", /Cannot use the function definition "f\(x\) = x"/],
    ["x = 1", /Cannot use the assignment "x = 1"/],
    ['"abc"', /Cannot use the value "\\"abc\\""/],
    ["[1, 2]", /Cannot use the matrix "\[1, 2\]"/],
    ["{a: 1}", /Cannot use .* \(a mathjs ObjectNode\)/],
    ["x < 1", /Cannot use the operator "<"/],
    ["x ? 1 : 2", /ConditionalNode/],
    ["x!", /Cannot use the operator "!"/],
    ["x; y", /Cannot use several statements/],
    ["1:3", /RangeNode/],
    ["true + x", /Cannot use the value "true"/],
    ["__proto__ + x", /Cannot use "__proto__" as a weight name/],
    ["toString(x)", /Unknown function "toString"/],
    ["eval(x)", /Unknown function "eval"/],
    ["$x", /Cannot use "\$x" as a weight name/],
    ["x to cm", /Cannot use the operator "to"/],
    ["i * x", /Cannot use "i" as a weight name/],
  ];
  for (const [source, pattern] of cases) {
    const message = messageOf(() => landscape(source));
    match(message, pattern, source);
  }
  throws(() => landscape("x.constructor"), SyntaxError);
  throws(() => landscape("x", { vars: ["constructor"] }), SyntaxError);
});

Deno.test("NaN, Infinity and overflowing literals are numbers, compiled safely", () => {
  ok(Number.isNaN(landscape("NaN * x").at(1)));
  strictEqual(landscape("x - Infinity").at(1), -Infinity);
  strictEqual(landscape("x + 1e400").at(1), Infinity);
  strictEqual(Object.is(landscape("-0 * x").curve({ x: [1, 2], n: 2 }).values[0], -0), true);
});

Deno.test("bad vars are rejected with the value found", () => {
  throws(() => parseExpression("x", { vars: ["x", "x"] }), {
    name: "RangeError",
    message: 'Expected vars to be one or two distinct names but found ["x","x"]',
  });
  throws(() => parseExpression("x", { vars: [1 as unknown as string] }), TypeError);
  throws(() => parseExpression(42 as unknown as string), {
    name: "TypeError",
    message: "Expected a loss expression string but found number 42",
  });
});

Deno.test("square, cube, pow, log with a base and variadic min/max are rewritten faithfully", () => {
  const l = landscape("square(x) + cube(y) + pow(x, 3) + log(8, 2) + min(x, y, 0) + max(x)", {
    vars: ["x", "y"],
  });
  const x = 1.5;
  const y = -0.5;
  const expected = x * x + y * y * y + x ** 3 + Math.log(8) / Math.log(2) + Math.min(x, y, 0) + x;
  ok(Math.abs(l.at(x, y) - expected) < 1e-12);
});

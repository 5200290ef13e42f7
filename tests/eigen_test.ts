import { deepStrictEqual, ok, strictEqual, throws } from "node:assert";
import { eigen2 } from "../lib/landscape/eigen.ts";
import { mulberry32 } from "../lib/core/random.ts";

function close(actual: number, expected: number, tolerance: number, what = ""): void {
  ok(
    Math.abs(actual - expected) <= tolerance,
    `${what} expected ${expected} but found ${actual} (tolerance ${tolerance})`,
  );
}

Deno.test("eigen2() of a diagonal matrix gives its entries ascending with the axes as vectors", () => {
  deepStrictEqual(eigen2([[3, 0], [0, -1]]), { values: [-1, 3], vectors: [[0, 1], [1, 0]] });
  deepStrictEqual(eigen2([[-1, 0], [0, 3]]), { values: [-1, 3], vectors: [[1, 0], [0, 1]] });
});

Deno.test("eigen2() of a multiple of the identity gives one eigenvalue twice and an orthonormal basis", () => {
  const { values, vectors } = eigen2([[2.5, 0], [0, 2.5]]);
  deepStrictEqual(values, [2.5, 2.5]);
  close(vectors[0][0] * vectors[1][0] + vectors[0][1] * vectors[1][1], 0, 1e-15, "dot");
});

Deno.test("eigen2() of [[1, 1], [1, 1]] gives 0 along (1, −1) and 2 along (1, 1)", () => {
  const { values, vectors } = eigen2([[1, 1], [1, 1]]);
  deepStrictEqual(values, [0, 2]);
  const r = Math.SQRT1_2;
  close(vectors[0][0], r, 1e-15);
  close(vectors[0][1], -r, 1e-15);
  close(vectors[1][0], r, 1e-15);
  close(vectors[1][1], r, 1e-15);
});

Deno.test("eigen2() keeps a tiny curvature beside a huge one to full relative precision", () => {
  const { values } = eigen2([[1e8, 0], [0, 1e-8]]);
  strictEqual(values[0], 1e-8);
  strictEqual(values[1], 1e8);
  const neg = eigen2([[-1e8, 1e-4], [1e-4, -1e-8]]).values;
  // det = 1 − 1e-8, so the small root is −(1 − 1e-8)/1e8 to rounding.
  close(neg[1], -(1 - 1e-8) / 1e8, 1e-22, "small root of a negative definite matrix");
});

Deno.test("eigen2() averages a slightly asymmetric matrix (a Hessian from finite differences)", () => {
  deepStrictEqual(eigen2([[2, 1 + 1e-9], [1 - 1e-9, 2]]), eigen2([[2, 1], [1, 2]]));
});

Deno.test("eigen2() gives NaN for a matrix with a NaN or infinite entry", () => {
  for (const m of [[[NaN, 0], [0, 1]], [[1, Infinity], [Infinity, 1]]]) {
    const { values, vectors } = eigen2(m);
    ok(values.every(Number.isNaN) && vectors.flat().every(Number.isNaN));
  }
});

Deno.test("eigen2() rejects anything but a 2×2 matrix of numbers", () => {
  throws(() => eigen2([[1, 2, 3], [4, 5, 6]]), TypeError);
  throws(() => eigen2([[1, 2]]), TypeError);
  throws(() => eigen2([[1, "2"], [2, 1]] as unknown as number[][]), TypeError);
  throws(
    () => eigen2(null as unknown as number[][]),
    /Expected a 2×2 matrix of numbers but found null/,
  );
});

Deno.test("eigen2() satisfies A v = λ v with unit, orthogonal vectors for random symmetric matrices", () => {
  const random = mulberry32(2024);
  for (let t = 0; t < 2000; t++) {
    const scale = 10 ** (6 * random() - 3);
    const [a, b, c] = [random(), random(), random()].map((u) => (2 * u - 1) * scale) as [
      number,
      number,
      number,
    ];
    const { values, vectors } = eigen2([[a, b], [b, c]]);
    ok(values[0] <= values[1], "ascending");
    close(values[0] + values[1], a + c, 1e-12 * scale, "trace");
    close(values[0] * values[1], a * c - b * b, 1e-12 * scale * scale, "determinant");
    for (const k of [0, 1] as const) {
      const [x, y] = vectors[k];
      close(Math.hypot(x, y), 1, 1e-15, "norm");
      ok(x > 0 || (x === 0 && y > 0), "canonical sign");
      close(a * x + b * y, values[k] * x, 1e-12 * scale, "row 1 of A v = λ v");
      close(b * x + c * y, values[k] * y, 1e-12 * scale, "row 2 of A v = λ v");
    }
    close(vectors[0][0] * vectors[1][0] + vectors[0][1] * vectors[1][1], 0, 1e-14, "orthogonal");
  }
});

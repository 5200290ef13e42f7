import { deepStrictEqual, ok, strictEqual, throws } from "node:assert";
import { mulberry32 } from "../lib/core/random.ts";
import { standardize, unstandardizeLine } from "../lib/data/standardize.ts";

function close(actual: number, expected: number, tol: number, what = "") {
  ok(Math.abs(actual - expected) <= tol, `${what} ${actual} is not within ${tol} of ${expected}`);
}

Deno.test("standardize() gives values with mean 0 and population standard deviation 1", () => {
  const rand = mulberry32(11);
  for (let trial = 0; trial < 20; trial++) {
    const v = Array.from({ length: 2 + trial * 5 }, () => 100 + 50 * rand());
    const { values, mean, std } = standardize(v);
    strictEqual(values.length, v.length);
    close(values.reduce((s, z) => s + z, 0) / v.length, 0, 1e-12, "mean");
    close(values.reduce((s, z) => s + z * z, 0) / v.length, 1, 1e-12, "variance");
    v.forEach((x, i) => close(values[i]!, (x - mean) / std, 0, "z"));
  }
});

Deno.test("standardize() divides by n, not n − 1", () => {
  deepStrictEqual(standardize([2, 4, 4, 4, 5, 5, 7, 9]).std, 2);
});

Deno.test("standardize() leaves its input unchanged", () => {
  const v = [3, 1, 2];
  standardize(v);
  deepStrictEqual(v, [3, 1, 2]);
});

Deno.test("standardize() rejects empty, non-finite and constant columns", () => {
  throws(() => standardize([]), { name: "RangeError", message: /at least one value/ });
  throws(() => standardize([1, NaN]), {
    name: "RangeError",
    message: /finite numbers but found NaN at 1/,
  });
  throws(() => standardize([1, -Infinity]), { name: "RangeError" });
  throws(() => standardize([4, 4, 4]), { name: "RangeError", message: /differ but found only 4/ });
  throws(() => standardize([7]), { name: "RangeError" });
  throws(() => standardize(undefined as never), { name: "TypeError" });
});

Deno.test("unstandardizeLine() gives the same predictions in raw units", () => {
  const x = [180, 195, 210, 230];
  const scale = standardize(x);
  const line = { slope: 0.7, intercept: 4.2 };
  const raw = unstandardizeLine(line, scale);
  x.forEach((v, i) =>
    close(raw.slope * v + raw.intercept, line.slope * scale.values[i]! + line.intercept, 1e-12)
  );
});

import { deepStrictEqual, notDeepStrictEqual, ok, strictEqual, throws } from "node:assert";
import { classification, spirals, trainTestSplit } from "../lib/mod.ts";

const set = spirals({ n: 1000, classes: 3, seed: 7 });

Deno.test("trainTestSplit() is seeded: the same seed gives the same split, another seed another", () => {
  const a = trainTestSplit(set, { seed: 1 });
  deepStrictEqual(trainTestSplit(set, { seed: 1 }), a);
  notDeepStrictEqual(trainTestSplit(set, { seed: 2 }).test.indices, a.test.indices);
});

Deno.test("trainTestSplit() gives disjoint sides holding every point once, rows intact", () => {
  const { train, test } = trainTestSplit(set, { testFraction: 0.3, seed: 3 });
  strictEqual(test.n, 300);
  strictEqual(train.n, 700);
  const all = [...train.indices, ...test.indices].sort((a, b) => a - b);
  deepStrictEqual(all, Array.from({ length: 1000 }, (_, i) => i));
  for (const part of [train, test]) {
    strictEqual(part.classes, 3);
    strictEqual(part.x.length, 2 * part.n);
    for (let r = 1; r < part.n; r++) ok(part.indices[r - 1]! < part.indices[r]!);
    part.indices.forEach((i, r) => {
      strictEqual(part.labels[r], set.labels[i]);
      strictEqual(part.x[2 * r], set.x[2 * i]);
      strictEqual(part.x[2 * r + 1], set.x[2 * i + 1]);
    });
  }
});

Deno.test("trainTestSplit() stratifies: each class keeps its share on both sides", () => {
  // 1000 points over 3 classes: 334, 333, 333. A quarter out: 250 test points.
  const { test } = trainTestSplit(set, { seed: 5 });
  strictEqual(test.n, 250);
  const counts = [0, 1, 2].map((k) => test.labels.filter((l) => l === k).length);
  strictEqual(counts.reduce((a, b) => a + b, 0), 250);
  counts.forEach((c, k) => {
    const share = set.labels.filter((l) => l === k).length * 0.25;
    ok(Math.abs(c - share) < 1, `class ${k}: ${c} test points for a share of ${share}`);
  });
  // Unstratified, the counts wander (seeded, so this is a fixed check).
  const loose = trainTestSplit(set, { seed: 5, stratify: false }).test;
  strictEqual(loose.n, 250);
  const looseCounts = [0, 1, 2].map((k) => loose.labels.filter((l) => l === k).length);
  notDeepStrictEqual(looseCounts, counts);
});

Deno.test("trainTestSplit() output goes straight into classification()", () => {
  const { train, test } = trainTestSplit(set, { seed: 1 });
  const a = classification(train), b = classification(test);
  deepStrictEqual(a.x.shape, [750, 2]);
  deepStrictEqual(b.y.shape, [250, 3]);
  a.x.dispose(), a.y.dispose(), b.x.dispose(), b.y.dispose();
});

Deno.test("trainTestSplit() takes points as rows, and infers the classes", () => {
  const rows = [[0, 0], [1, 1], [2, 2], [3, 3], [4, 4], [5, 5], [6, 6], [7, 7]];
  const labels = [0, 1, 0, 1, 0, 1, 0, 1];
  const { train, test } = trainTestSplit({ x: rows, labels }, { testFraction: 0.5, seed: 9 });
  strictEqual(train.classes, 2);
  strictEqual(test.n, 4);
  deepStrictEqual([...test.labels].sort(), [0, 0, 1, 1]);
  test.indices.forEach((i, r) => deepStrictEqual([...test.x.subarray(2 * r, 2 * r + 2)], rows[i]));
});

Deno.test("trainTestSplit() rejects sets it cannot split, naming the problem", () => {
  throws(() => trainTestSplit(set, { testFraction: 1 }), {
    name: "RangeError",
    message: "Expected testFraction between 0 and 1 but found 1",
  });
  throws(() => trainTestSplit({ x: [1, 2, 3], labels: [0, 1] }), {
    name: "RangeError",
    message: "Expected x to hold the same number of rows as labels (2) but found 3 numbers",
  });
  throws(() => trainTestSplit({ x: [1, 2], labels: [0, 1.5] }), RangeError);
  throws(() => trainTestSplit({ x: [1, 2], labels: [0, 3], classes: 2 }), RangeError);
  throws(() => trainTestSplit({ x: [1, 2], labels: [0, 1] }, { testFraction: 0.1 }), {
    name: "RangeError",
    message:
      "Expected both sides to hold a point, but 2 points with testFraction 0.1 give 0 test and 2 training points; change testFraction or add points",
  });
  throws(() => trainTestSplit(null as never), TypeError);
});

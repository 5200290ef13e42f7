import { deepStrictEqual, notDeepStrictEqual, ok, strictEqual, throws } from "node:assert";
import { cellCentres, lattice } from "../lib/landscape/lattice.ts";

const domain = { x: [-5, 5] as [number, number], y: [-2, 6] as [number, number] };

Deno.test("lattice() without jitter gives the cell centres row by row from the lowest y", () => {
  const points = lattice(domain, { n: [5, 4] });
  strictEqual(points.length, 20);
  deepStrictEqual(points.slice(0, 5), [[-4, -1], [-2, -1], [0, -1], [2, -1], [4, -1]]);
  deepStrictEqual(points.at(-1), [4, 5]);
});

Deno.test("lattice() of one cell gives the centre of the domain", () => {
  deepStrictEqual(lattice(domain, { n: 1 }), [[0, 2]]);
});

Deno.test("lattice() keeps every jittered point inside its own cell", () => {
  const n = 7;
  const points = lattice(domain, { n, jitter: 1, seed: 99 });
  const xs = cellCentres(domain.x, n);
  const ys = cellCentres(domain.y, n);
  const [dx, dy] = [10 / n, 8 / n];
  points.forEach(([x, y], k) => {
    ok(Math.abs(x - xs[k % n]!) <= dx / 2, `x of point ${k}`);
    ok(Math.abs(y - ys[Math.floor(k / n)]!) <= dy / 2, `y of point ${k}`);
  });
  ok(points.some(([x], k) => Math.abs(x - xs[k % n]!) > dx / 4), "the jitter moves points");
});

Deno.test("lattice() gives the same points for the same seed and others for another", () => {
  deepStrictEqual(
    lattice(domain, { jitter: 0.3, seed: 5 }),
    lattice(domain, { jitter: 0.3, seed: 5 }),
  );
  notDeepStrictEqual(
    lattice(domain, { jitter: 0.3, seed: 5 }),
    lattice(domain, { jitter: 0.3, seed: 6 }),
  );
});

Deno.test("lattice() rejects bad domains, counts and jitter, naming the value", () => {
  throws(() => lattice({ x: [1, 0], y: [0, 1] }), RangeError);
  throws(() => lattice(null as never), TypeError);
  throws(() => lattice(domain, { n: 0 }), /Expected n to be an integer from 1 to 1024 but found 0/);
  throws(() => lattice(domain, { n: 2.5 }), RangeError);
  throws(() => lattice(domain, { n: [3, NaN] }), /ny/);
  throws(() => lattice(domain, { jitter: 1.5 }), /jitter .* 1.5/);
  throws(() => lattice(domain, { jitter: NaN }), RangeError);
  throws(() => lattice(domain, { seed: Infinity }), TypeError);
});

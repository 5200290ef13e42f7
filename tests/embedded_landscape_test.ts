import { deepStrictEqual, ok, strictEqual, throws } from "node:assert";
import { embedLandscape } from "../lib/mod.ts";

const himmelblau = (x: number, y: number) => (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2;

function close(actual: number, expected: number, tolerance: number, what = ""): void {
  ok(Math.abs(actual - expected) <= tolerance, `${what} expected ${expected} but found ${actual}`);
}

/** A saddle of Himmelblau's function, by Newton's method from a point near it. */
function saddle(): [number, number] {
  let [x, y] = [0.1, 2.9];
  for (let k = 0; k < 50; k++) {
    const gx = 4 * x * (x * x + y - 11) + 2 * (x + y * y - 7);
    const gy = 2 * (x * x + y - 11) + 4 * y * (x + y * y - 7);
    const hxx = 12 * x * x + 4 * y - 42;
    const hyy = 12 * y * y + 4 * x - 26;
    const hxy = 4 * (x + y);
    const det = hxx * hyy - hxy * hxy;
    [x, y] = [x - (hyy * gx - hxy * gy) / det, y - (hxx * gy - hxy * gx) / det];
  }
  return [x, y];
}

Deno.test("embedLandscape() gives f on the hidden plane and adds the bowl off it", () => {
  const h = embedLandscape(himmelblau, { dims: 50, seed: 3, curvature: 2 });
  strictEqual(h.dims, 50);
  close(h.at(h.embed(3, 2)), 0, 1e-9);
  close(h.at(h.embed(-1, 4)), himmelblau(-1, 4), 1e-9);
  deepStrictEqual(h.project(h.embed(1.5, -2)).map((v) => Math.round(v * 1e9) / 1e9), [1.5, -2]);
  // Off the plane: a unit step orthogonal to u and v costs κ/2.
  const w = h.embed(3, 2);
  const off = h.randomDirection(9);
  const [a, b] = h.project(off);
  const perp = off.map((v, i) => v - a * h.basis[0][i]! - b * h.basis[1][i]!);
  const unit = perp.map((v) => v / Math.hypot(...perp));
  close(h.at(w.map((v, i) => v + unit[i]!)), 1, 1e-9);
});

Deno.test("embedLandscape() basis is orthonormal and seeded; random directions are unit vectors", () => {
  const h = embedLandscape(himmelblau, { seed: 1 });
  const [u, v] = h.basis;
  const dot = (p: ArrayLike<number>, q: ArrayLike<number>) =>
    Array.from(p).reduce((s, x, i) => s + x * q[i]!, 0);
  close(dot(u, u), 1, 1e-12);
  close(dot(v, v), 1, 1e-12);
  close(dot(u, v), 0, 1e-12);
  deepStrictEqual(embedLandscape(himmelblau, { seed: 1 }).basis, h.basis);
  close(Math.hypot(...h.randomDirection(4)), 1, 1e-12);
  deepStrictEqual(h.randomDirection(4), h.randomDirection(4));
});

Deno.test("embedLandscape() planes along the hidden basis show f itself", () => {
  const h = embedLandscape(himmelblau, { seed: 2 });
  const grid = h.plane(h.embed(0, 0), h.basis, { range: [-5, 5], n: 21 });
  for (let j = 0; j < 21; j++) {
    for (let i = 0; i < 21; i++) {
      close(grid.values[i + 21 * j]!, himmelblau(grid.xs[i]!, grid.ys[j]!), 1e-8);
    }
  }
  close(grid.min, 0, 1e-9);
});

Deno.test("a random line through a hidden saddle usually looks like a minimum", () => {
  const h = embedLandscape(himmelblau, { dims: 50, seed: 5 });
  const s = h.embed(...saddle());
  let minimaAtCentre = 0;
  for (let seed = 0; seed < 20; seed++) {
    const line = h.line(s, h.randomDirection(100 + seed), { range: [-0.5, 0.5], n: 21 });
    if (line.argmin === 0) minimaAtCentre++;
  }
  ok(minimaAtCentre >= 15, `only ${minimaAtCentre} of 20 lines have their minimum at the saddle`);
  // The hidden plane itself shows it is a saddle: lower points nearby.
  const grid = h.plane(s, h.basis, { range: [-0.5, 0.5], n: 21 });
  ok(grid.min < grid.values[10 + 21 * 10]! - 1e-3);
});

Deno.test("embedLandscape() rejects bad options and points of the wrong size", () => {
  throws(() => embedLandscape(himmelblau, { dims: 2 }), RangeError);
  throws(() => embedLandscape(himmelblau, { curvature: -1 }), RangeError);
  // deno-lint-ignore no-explicit-any
  throws(() => embedLandscape({ dims: 1, at: () => 0 } as any), TypeError);
  const h = embedLandscape(himmelblau, { dims: 5 });
  throws(() => h.at([1, 2]), {
    name: "RangeError",
    message: "Expected w to have 5 numbers but found 2",
  });
  throws(
    () => h.plane(new Float64Array(5), [new Float64Array(5), new Float64Array(4)]),
    RangeError,
  );
  throws(() => h.line(new Float64Array(5), new Float64Array(5), { n: 1 }), RangeError);
});

import { ok, strictEqual, throws } from "node:assert";
import { eigen2 } from "../lib/landscape/eigen.ts";
import { escapeDirections } from "../lib/landscape/escape_directions.ts";
import { landscape } from "../lib/landscape/landscape.ts";
import { mulberry32 } from "../lib/core/random.ts";

const degrees = (a: number) => (a * 180) / Math.PI;

function close(actual: number, expected: number, tolerance: number, what = ""): void {
  ok(
    Math.abs(actual - expected) <= tolerance,
    `${what} expected ${expected} but found ${actual} (tolerance ${tolerance})`,
  );
}

Deno.test("escapeDirections() at the saddle x² − y² gives ±y, falling by r²", () => {
  const ways = escapeDirections(landscape("x^2 - y^2"), [0, 0], { radius: 0.1 });
  strictEqual(ways.length, 2);
  close(degrees(ways[0]!.angle), 90, 1e-9);
  close(degrees(ways[1]!.angle), 270, 1e-9);
  for (const w of ways) close(w.drop, -0.01, 1e-12);
});

Deno.test("escapeDirections() at the monkey saddle gives three directions 120° apart", () => {
  const ways = escapeDirections(landscape("x^3 - 3*x*y^2"), [0, 0]);
  strictEqual(ways.length, 3);
  [60, 180, 300].forEach((a, k) => close(degrees(ways[k]!.angle), a, 1e-6));
});

Deno.test("escapeDirections() finds where a degenerate saddle falls though its Hessian is zero", () => {
  const monkey = landscape("x^3 - 3*x*y^2");
  const { values } = eigen2(monkey.hessian(0, 0));
  strictEqual(Math.abs(values[0]) + Math.abs(values[1]), 0);
  ok(escapeDirections(monkey, [0, 0]).length > 0);
});

Deno.test("escapeDirections() at a minimum gives no direction", () => {
  strictEqual(escapeDirections(landscape("x^2 + 3*y^2 + x*y"), [0, 0]).length, 0);
  strictEqual(escapeDirections(landscape("(x^2 + y - 11)^2 + (x + y^2 - 7)^2"), [3, 2]).length, 0);
});

Deno.test("escapeDirections() at a round maximum gives one direction, and two at a long one", () => {
  strictEqual(escapeDirections(landscape("-(x^2 + y^2)"), [0, 0]).length, 1);
  const ridge = escapeDirections(landscape("-(x^2 + 4*y^2)"), [0, 0]);
  strictEqual(ridge.length, 2);
  close(degrees(ridge[0]!.angle), 90, 1e-9);
});

Deno.test("escapeDirections() on a slope points down the gradient", () => {
  const l = landscape("(x^2 + y - 11)^2 + (x + y^2 - 7)^2");
  const ways = escapeDirections(l, [1, 1], { radius: 1e-4 });
  strictEqual(ways.length, 1);
  const [gx, gy] = l.gradient(1, 1) as [number, number];
  const down = Math.atan2(-gy, -gx);
  close(Math.cos(ways[0]!.angle - down), 1, 1e-6);
});

Deno.test("escapeDirections() of a rotated quadratic saddle follows the eigenvector of negative curvature", () => {
  const random = mulberry32(7);
  for (let t = 0; t < 30; t++) {
    const theta = Math.PI * random();
    const [up, down] = [0.5 + 3 * random(), -(0.5 + 3 * random())];
    const [c, s] = [Math.cos(theta), Math.sin(theta)];
    // u = c·x + s·y, v = −s·x + c·y; loss = up·u² + down·v².
    const l = landscape(`${up}*(${c}*x + ${s}*y)^2 + ${down}*(${-s}*x + ${c}*y)^2`);
    const [vx, vy] = eigen2(l.hessian(0, 0)).vectors[0];
    const ways = escapeDirections(l, [0, 0]);
    strictEqual(ways.length, 2);
    for (const w of ways) {
      const cosine = Math.abs(w.direction[0] * vx + w.direction[1] * vy);
      close(cosine, 1, 1e-8, `rotation ${theta}`);
    }
    close(Math.abs(ways[1]!.angle - ways[0]!.angle), Math.PI, 1e-4);
  }
});

Deno.test("escapeDirections() gives nothing where the loss is not finite", () => {
  strictEqual(escapeDirections(landscape("sqrt(x) + y"), [-1, 0]).length, 0);
});

Deno.test("escapeDirections() rejects a one-weight landscape and bad options", () => {
  const l = landscape("x^2 - y^2");
  throws(() => escapeDirections(landscape("x^2"), [0]), /two weights/);
  throws(() => escapeDirections(l, [0, NaN]), TypeError);
  throws(() => escapeDirections(l, [0, 0, 0]), TypeError);
  throws(() => escapeDirections(l, [0, 0], { radius: 0 }), /radius/);
  throws(() => escapeDirections(l, [0, 0], { samples: 4 }), /samples/);
});

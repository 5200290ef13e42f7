import { ok, strictEqual } from "node:assert";
import { catalog } from "../lib/landscape/catalog.ts";
import { criticalPoints } from "../lib/landscape/critical_points.ts";
import { centralGradient, centralHessian } from "../lib/landscape/finite_difference.ts";
import { mulberry32 } from "../lib/core/random.ts";
import type { StationaryKind } from "../lib/core/types.ts";

const entries = Object.entries(catalog);

function eigenvalues(h: number[][]): number[] {
  if (h.length === 1) return [h[0]![0]!];
  const [[a, b], [, d]] = h as [[number, number], [number, number]];
  const mean = (a + d) / 2;
  const radius = Math.hypot((a - d) / 2, b);
  return [mean - radius, mean + radius];
}

function kindOf(h: number[][]): StationaryKind {
  const e = eigenvalues(h);
  const scale = Math.max(1, ...e.map(Math.abs));
  if (e.some((v) => Math.abs(v) <= 1e-9 * scale)) return "degenerate";
  if (e.every((v) => v > 0)) return "minimum";
  if (e.every((v) => v < 0)) return "maximum";
  return "saddle";
}

Deno.test("the catalogue has the issue's entries, each with a name, description, formula and domain", () => {
  const keys = [
    "bowl",
    "elongatedBowl",
    "rosenbrock",
    "himmelblau",
    "rastrigin",
    "ackley",
    "beale",
    "booth",
    "threeHumpCamel",
    "sixHumpCamel",
    "goldsteinPrice",
    "styblinskiTang",
    "easom",
    "saddle",
    "monkeySaddle",
    "line",
    "parabola",
    "xCosPiX",
    "cubic",
  ];
  for (const key of keys) ok(key in catalog, key);
  strictEqual(catalog.bowl.landscape.expr, "w1^2 + w2^2");
  for (const [key, e] of entries) {
    ok(e.landscape.name && e.description && e.tex, key);
    strictEqual(e.landscape.dims, "y" in e.domain ? 2 : 1, key);
  }
});

Deno.test("every listed stationary point has its value to 1e-4 and a zero gradient", () => {
  for (const [key, e] of entries) {
    const l = e.landscape;
    for (const s of e.stationary) {
      const p = s.point as number[];
      const where = `${key} at ${p}`;
      ok(Math.abs(l.at(...p) - s.value) <= 1e-4, `${where}: ${l.at(...p)} vs ${s.value}`);
      const { x } = e.domain;
      ok(p[0]! >= x[0] && p[0]! <= x[1], `${where} is inside the domain`);
      if ("y" in e.domain) ok(p[1]! >= e.domain.y[0] && p[1]! <= e.domain.y[1], where);
      const h = l.hessian(...p);
      const scale = Math.max(1, ...eigenvalues(h).map(Math.abs));
      if ("kink" in s && s.kink) {
        // The tip of a cone: no gradient, but the differences are symmetric and
        // every nearby value is higher.
        ok(l.gradient(...p).some(Number.isNaN), where);
        ok(centralGradient((...w) => l.at(...w), p).every((g) => Math.abs(g) < 1e-6), where);
        for (let k = 0; k < 8; k++) {
          const a = (k * Math.PI) / 4;
          ok(l.at(p[0]! + 1e-3 * Math.cos(a), p[1]! + 1e-3 * Math.sin(a)) > s.value, where);
        }
        continue;
      }
      const g = l.gradient(...p);
      ok(g.every((v) => Math.abs(v) <= 1e-8 * scale), `${where}: gradient ${g}`);
      strictEqual(kindOf(h), s.kind, `${where}: Hessian ${JSON.stringify(h)}`);
    }
  }
});

Deno.test("every catalogue entry's symbolic gradient and Hessian match central differences", () => {
  const random = mulberry32(5);
  for (const [key, e] of entries) {
    const l = e.landscape;
    const f = (...w: number[]) => l.at(...w);
    const { x } = e.domain;
    const y = "y" in e.domain ? e.domain.y : [0, 0];
    for (let k = 0; k < 25; k++) {
      const p = [x[0] + random() * (x[1] - x[0]), y[0]! + random() * (y[1]! - y[0]!)].slice(
        0,
        l.dims,
      );
      const g = l.gradient(...p);
      const h = l.hessian(...p);
      const gd = centralGradient(f, p);
      const hd = centralHessian(f, p);
      // Central differences err by ~eps^(2/3) (gradient) and ~eps^(1/2) (Hessian)
      // relative to the size of the function and its derivatives near p.
      const size = Math.abs(f(...p)) + Math.hypot(...g) + 1;
      for (let i = 0; i < l.dims; i++) {
        ok(Math.abs(g[i]! - gd[i]!) <= 1e-7 * size, `${key} gradient at ${p}: ${g} vs ${gd}`);
        for (let j = 0; j < l.dims; j++) {
          const hsize = size + Math.abs(h[i]![j]!);
          ok(
            Math.abs(h[i]![j]! - hd[i]![j]!) <= 1e-5 * hsize,
            `${key} Hessian at ${p}: ${JSON.stringify(h)} vs ${JSON.stringify(hd)}`,
          );
        }
      }
    }
  }
});

Deno.test("criticalPoints() finds exactly the listed points of every complete entry", () => {
  for (const [key, e] of entries) {
    if (!e.complete) continue;
    const found = criticalPoints(
      e.landscape,
      e.domain as { x: [number, number]; y: [number, number] },
    );
    strictEqual(
      found.length,
      e.stationary.length,
      `${key}: ${JSON.stringify(found.map((p) => p.point))}`,
    );
    for (const s of e.stationary) {
      const p = s.point as number[];
      const match = found.find((c) =>
        (c.point as number[]).every((v, i) => Math.abs(v - p[i]!) < 1e-6)
      );
      ok(match, `${key}: ${p} not found`);
      strictEqual(match.kind, s.kind, `${key} at ${p}`);
    }
  }
});

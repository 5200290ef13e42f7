/**
 * Run by `grid.ts` in a fresh process, as a notebook's first cells would
 * (each grid a cell, 50 ms apart): times the first 100 × 100 grid, then the
 * first, second and third 2000 × 2000 grids of Ackley (compiling included in
 * each first; Ackley is the catalogue's kernel that uses the worker thread,
 * which the first large grid asks for), then the median of 51 more
 * 100 × 100 grids, and prints one JSON line of milliseconds.
 *
 * @module
 */

import { landscape } from "../lib/landscape/landscape.ts";

const EXPR = "-20*exp(-0.2*sqrt(0.5*(x^2 + y^2))) - exp(0.5*(cos(2*pi*x) + cos(2*pi*y))) + e + 20";
const domain = { x: [-5, 5], y: [-5, 5] } as { x: [number, number]; y: [number, number] };

function time(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

const cell = () => new Promise((resolve) => setTimeout(resolve, 50));

const l = landscape(EXPR);
const small = time(() => l.grid({ ...domain, n: 100 }));
await cell();
const large = landscape(EXPR);
const first = time(() => large.grid({ ...domain, n: 2000 }));
await cell();
const second = time(() => large.grid({ ...domain, n: 2000 }));
await cell();
const third = time(() => large.grid({ ...domain, n: 2000 }));
await cell();
const after: number[] = [];
for (let k = 0; k < 51; k++) after.push(time(() => l.grid({ ...domain, n: 100 })));
after.sort((a, b) => a - b);
console.log(JSON.stringify({ small, first, second, third, smallAfter: after[25] }));

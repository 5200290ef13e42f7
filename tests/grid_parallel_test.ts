import { deepStrictEqual, ok, strictEqual } from "node:assert";
import { compileGrid } from "../lib/expression/compile.ts";
import { parseExpression } from "../lib/expression/parse.ts";
import { linspace } from "../lib/core/grid_spec.ts";
import {
  closeGridWorker,
  fillGrid,
  gridWorkerReady,
  gridWorkerState,
  lastGridThreads,
  PARALLEL_MIN_POINTS,
} from "../lib/landscape/_grid_parallel.ts";
import { landscape } from "../lib/landscape/landscape.ts";
import { catalog, type CatalogEntry } from "../lib/landscape/catalog.ts";
import type { GridSpec } from "../lib/core/types.ts";

const ACKLEY =
  "-20*exp(-0.2*sqrt(0.5*(x^2 + y^2))) - exp(0.5*(cos(2*pi*x) + cos(2*pi*y))) + e + 20";

/** The same grid on one thread: the reference the two-thread path must match bit for bit. */
function serial(expr: string, xs: Float64Array, ys: Float64Array) {
  const { graph, root } = parseExpression(expr);
  const compiled = compileGrid(graph, root);
  const values = new Float64Array(xs.length * ys.length);
  const stats = new Float64Array(4);
  compiled.kernel(xs, ys, values, stats);
  return { values, stats: [...stats] };
}

function twoThreads(expr: string, xs: Float64Array, ys: Float64Array) {
  const { graph, root } = parseExpression(expr);
  const compiled = compileGrid(graph, root);
  const values = new Float64Array(xs.length * ys.length);
  const stats = new Float64Array(4);
  fillGrid(compiled, xs, ys, values, stats);
  return { values, stats: [...stats], threads: lastGridThreads() };
}

Deno.test("compileGrid() marks kernels whose inner loop calls functions as heavy", () => {
  const heavy = (e: string) => {
    const { graph, root } = parseExpression(e);
    return compileGrid(graph, root).heavy;
  };
  strictEqual(heavy(ACKLEY), true);
  strictEqual(heavy("x^2 + y^2"), false);
  // Rastrigin's cosines depend on x alone or y alone: hoisted, so light.
  strictEqual(heavy("20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)"), false);
  strictEqual(heavy("x^y"), true);
});

Deno.test("large heavy grids on two threads equal one thread's bit for bit, summary included", async () => {
  ok(await gridWorkerReady(), "the grid worker did not start");
  try {
    const n = 1024;
    ok(n * n >= PARALLEL_MIN_POINTS);
    const cases = [
      // Minimum in the upper half, the lower half, and holes on both sides of the split.
      { expr: ACKLEY, x: [-5, 5], y: [-5, 5] },
      { expr: "sqrt((x - 1)^2 + (y - 4)^2)", x: [-5, 5], y: [-5, 5] },
      { expr: "log(x * y) + exp(-x)", x: [-2, 3], y: [-1, 2] },
      // NaN where x*y < 0; the minimum is 0 on the row y = 0, the worker's first
      // row: -0 first (x < 0), then +0, and -0 must be the one reported.
      { expr: "sqrt(x * y)", x: [-1, 1], y: [-1, 1] },
    ] as const;
    for (const { expr, x, y } of cases) {
      const xs = linspace(x[0], x[1], n), ys = linspace(y[0], y[1], n + 3);
      const one = serial(expr, xs, ys);
      const two = twoThreads(expr, xs, ys);
      strictEqual(two.threads, 2, `${expr}: did not use the worker`);
      deepStrictEqual(two.stats, one.stats, expr);
      ok(two.values.every((v, k) => Object.is(v, one.values[k])), `${expr}: values differ`);
    }
    ok(Object.is(serial("sqrt(x * y)", linspace(-1, 1, n), linspace(-1, 1, n + 3)).stats[0], -0));
    const g = landscape("sqrt((x - 1)^2 + (y - 4)^2)").grid({ x: [-5, 5], y: [-5, 5], n: 1001 });
    strictEqual(lastGridThreads(), 2);
    deepStrictEqual(g.argmin, [1, 4]);
  } finally {
    await closeGridWorker();
  }
});

Deno.test("small or light grids stay on one thread", async () => {
  ok(await gridWorkerReady());
  try {
    twoThreads(ACKLEY, linspace(-5, 5, 100), linspace(-5, 5, 100));
    strictEqual(lastGridThreads(), 1);
    twoThreads("x^2 + y^2", linspace(-5, 5, 1024), linspace(-5, 5, 1024));
    strictEqual(lastGridThreads(), 1);
  } finally {
    await closeGridWorker();
  }
});

/** Whether two arrays hold the same doubles bit for bit (NaN and -0 included). */
function identical(a: Float64Array, b: Float64Array): boolean {
  return a.length === b.length && a.every((v, k) => Object.is(v, b[k]));
}

Deno.test("fresh large grids equal one thread's bit for bit for every catalogue function", async () => {
  ok(await gridWorkerReady(), "the grid worker did not start");
  try {
    const entries = Object.entries(catalog).filter((e): e is [string, CatalogEntry] =>
      e[1].landscape.dims === 2
    );
    strictEqual(entries.length, 15);
    const n = 725; // the smallest square grid that goes to the worker
    ok(n * n >= PARALLEL_MIN_POINTS && (n - 1) * (n - 1) < PARALLEL_MIN_POINTS);
    for (const [name, { landscape: l, domain }] of entries) {
      const xs = linspace(domain.x[0], domain.x[1], n), ys = linspace(domain.y[0], domain.y[1], n);
      const one = serial(l.expr!, xs, ys);
      const fresh = landscape(l.expr!);
      const first = fresh.grid({ ...domain, n });
      // Ackley is the catalogue's one kernel that calls functions per point.
      strictEqual(lastGridThreads(), name === "ackley" ? 2 : 1, name);
      for (const g of [first, fresh.grid({ ...domain, n })]) {
        ok(identical(g.values, one.values), `${name}: values differ`);
        deepStrictEqual([g.min, g.max, g.nonFinite], [one.stats[0], one.stats[1], one.stats[3]]);
        deepStrictEqual(
          g.argmin,
          one.stats[2]! < 0 ? [NaN, NaN] : [
            xs[one.stats[2]! % n],
            ys[Math.floor(one.stats[2]! / n)],
          ],
          name,
        );
      }
    }
  } finally {
    await closeGridWorker();
  }
});

Deno.test("a two-thread grid's array is an ordinary Float64Array that the caller owns", async () => {
  ok(await gridWorkerReady());
  try {
    const l = landscape(ACKLEY);
    const spec: GridSpec = { x: [-5, 5], y: [-5, 5], n: 800 };
    const reference = l.grid(spec).values.slice();
    const a = l.grid(spec).values;
    strictEqual(lastGridThreads(), 2);
    const b = l.grid(spec).values;
    ok(a.buffer instanceof ArrayBuffer && !(a.buffer instanceof SharedArrayBuffer));
    deepStrictEqual([a.byteOffset, a.byteLength, a.buffer.byteLength], [
      0,
      800 * 800 * 8,
      800 * 800 * 8,
    ]);
    ok(a.buffer !== b.buffer);
    // Writing into one grid changes neither the next grid nor another one.
    a.fill(-1);
    const c = l.grid(spec).values;
    ok(identical(b, reference) && identical(c, reference));
    ok(a.every((v) => v === -1));
    // Owned, not shared: it can be transferred and cloned like any ArrayBuffer.
    const moved = new Float64Array((c.buffer as ArrayBuffer).transfer());
    strictEqual(c.length, 0);
    ok(identical(moved, reference));
    ok(identical(structuredClone(b), reference));
  } finally {
    await closeGridWorker();
  }
});

Deno.test("grid({ out }) fills the caller's array on the large paths too", async () => {
  ok(await gridWorkerReady());
  try {
    for (const expr of [ACKLEY, "x^2 + y^2"]) {
      const l = landscape(expr);
      const spec: GridSpec = { x: [-5, 5], y: [-5, 5], n: 900 };
      const fresh = l.grid(spec);
      const out = new Float64Array(900 * 900).fill(NaN);
      const g = l.grid({ ...spec, out });
      strictEqual(g.values, out);
      strictEqual(lastGridThreads(), expr === ACKLEY ? 2 : 1);
      ok(identical(out, fresh.values));
      deepStrictEqual([g.min, g.max, g.argmin], [fresh.min, fresh.max, fresh.argmin]);
    }
  } finally {
    await closeGridWorker();
  }
});

Deno.test("grids one point short of the threshold stay on this thread", async () => {
  ok(await gridWorkerReady());
  try {
    for (const expr of [ACKLEY, "x^2 + y^2"]) {
      const l = landscape(expr);
      for (let k = 0; k < 3; k++) {
        l.grid({ x: [-5, 5], y: [-5, 5], n: 724 }); // one point short of the threshold
        strictEqual(lastGridThreads(), 1);
      }
    }
  } finally {
    await closeGridWorker();
  }
});

Deno.test("the first large heavy grid leaves starting the worker for later; a second starts it", async () => {
  await closeGridWorker();
  try {
    const l = landscape(ACKLEY);
    l.grid({ x: [-1, 1], y: [-1, 1], n: 100 });
    landscape("x^2 + y^2").grid({ x: [-1, 1], y: [-1, 1], n: 800 });
    strictEqual(gridWorkerState(), "none");
    l.grid({ x: [-1, 1], y: [-1, 1], n: 800 });
    deepStrictEqual([gridWorkerState(), lastGridThreads()], ["scheduled", 1]);
    l.grid({ x: [-1, 1], y: [-1, 1], n: 800 });
    strictEqual(gridWorkerState(), "started");
    ok(await gridWorkerReady());
  } finally {
    await closeGridWorker();
  }
  strictEqual(gridWorkerState(), "none");
});

Deno.test("a script that makes large grids exits on its own", async () => {
  const dir = await Deno.makeTempDir();
  const lib = new URL("../lib/landscape/landscape.ts", import.meta.url).href;
  const scripts = {
    // The worker scheduled, never started.
    one: `landscape(${JSON.stringify(ACKLEY)}).grid({ x: [-5, 5], y: [-5, 5], n: 1000 });\n`,
    // The worker started, busy with rows, then idle.
    many: `for (const e of [${JSON.stringify(ACKLEY)}, "x^2 + y^2"]) {\n` +
      `  for (let k = 0; k < 4; k++) landscape(e).grid({ x: [-5, 5], y: [-5, 5], n: 1000 });\n` +
      `}\n` +
      `await new Promise((resolve) => setTimeout(resolve, 100));\n`,
  };
  try {
    for (const [name, body] of Object.entries(scripts)) {
      const script = `${dir}/${name}.ts`;
      await Deno.writeTextFile(
        script,
        `import { landscape } from ${JSON.stringify(lib)};\n${body}console.log("done");\n`,
      );
      const child = new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", "--config", new URL("../deno.json", import.meta.url).pathname, script],
        stdout: "piped",
        stderr: "piped",
      }).spawn();
      // Generous: a loaded machine may take seconds to start Deno; a worker
      // that kept the process alive would keep it alive forever.
      const timer = setTimeout(() => child.kill(), 60_000);
      const { code, stdout, stderr } = await child.output();
      clearTimeout(timer);
      strictEqual(code, 0, `${name}: ${new TextDecoder().decode(stderr)}`);
      strictEqual(new TextDecoder().decode(stdout).trim(), "done", name);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

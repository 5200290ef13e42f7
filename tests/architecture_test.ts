/**
 * The layering of `lib/` (docs/ARCHITECTURE.md, "Layers"): imports go down
 * the layers only, `_` files stay inside their folder, there are no import
 * cycles, and each layer has a documented `mod.ts`.
 */
import { deepStrictEqual, ok } from "node:assert";
import * as lib from "../lib/mod.ts";

/** What each layer folder may import besides itself. */
const ALLOWED: Record<string, readonly string[]> = {
  core: [],
  expression: ["core"],
  landscape: ["core", "expression"],
  data: ["core", "expression", "landscape"],
  network: ["core", "expression", "landscape", "data"],
  plot: ["core"],
  live: ["core", "expression", "landscape", "data", "plot"],
};
const LAYERS = Object.keys(ALLOWED);

async function libFiles(dir = "lib"): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(dir)) {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory) out.push(...await libFiles(path));
    else if (path.endsWith(".ts")) out.push(path);
  }
  return out.sort();
}

/** Relative imports of a source file (JSDoc examples and comments left out), as repo paths. */
export function importsOf(path: string, source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  const specs = [
    ...code.matchAll(/(?:\bfrom|\bimport\s*\(|\bimport|new URL\()\s*"(\.{1,2}\/[^"]+)"/g),
  ];
  return specs.map((m) => new URL(m[1]!, `file:///repo/${path}`).pathname.slice("/repo/".length));
}

const layerOf = (path: string) => path.split("/")[1]!;
const isInternal = (path: string) => path.split("/").at(-1)!.startsWith("_");

/** The layer rules broken by a graph of `lib/` files: one message each. */
export function violations(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const found: string[] = [];
  for (const [from, targets] of graph) {
    for (const to of targets) {
      if (!to.startsWith("lib/")) continue;
      if (from === "lib/mod.ts") {
        if (!/^lib\/[a-z]+\/mod\.ts$/.test(to)) {
          found.push(`${from} imports ${to}, not a layer's mod.ts`);
        }
        continue;
      }
      const a = layerOf(from), b = layerOf(to);
      if (a === b) continue;
      if (!ALLOWED[a]?.includes(b)) found.push(`${from} imports ${to}: ${a} may not import ${b}`);
      if (isInternal(to)) found.push(`${from} imports ${to}, internal to lib/${b}/`);
    }
  }
  // Cycles: a depth-first search that meets a file still on its stack.
  const state = new Map<string, "open" | "done">();
  const visit = (f: string, stack: string[]) => {
    if (state.get(f) === "done") return;
    if (state.get(f) === "open") {
      found.push(`import cycle: ${[...stack.slice(stack.indexOf(f)), f].join(" → ")}`);
      return;
    }
    state.set(f, "open");
    for (const t of graph.get(f) ?? []) if (graph.has(t)) visit(t, [...stack, f]);
    state.set(f, "done");
  };
  for (const f of graph.keys()) visit(f, []);
  return found;
}

async function libGraph(): Promise<Map<string, string[]>> {
  const graph = new Map<string, string[]>();
  for (const f of await libFiles()) graph.set(f, importsOf(f, await Deno.readTextFile(f)));
  return graph;
}

Deno.test("lib/ imports go down the layers only, never into another folder's _ files, with no cycles", async () => {
  const graph = await libGraph();
  ok(graph.size > 40, `only ${graph.size} files found under lib/`);
  for (const f of graph.keys()) {
    ok(f === "lib/mod.ts" || LAYERS.includes(layerOf(f)), `${f} is in no known layer folder`);
  }
  deepStrictEqual(violations(graph), []);
});

Deno.test("the layer check catches an upward import, a reach into _ files and a cycle", () => {
  const graph = new Map([
    ["lib/core/a.ts", ["lib/landscape/b.ts"]],
    ["lib/landscape/b.ts", ["lib/core/a.ts", "lib/expression/_c.ts"]],
    ["lib/expression/_c.ts", []],
    ["lib/plot/d.ts", ["lib/data/e.ts"]],
    ["lib/data/e.ts", []],
    ["lib/mod.ts", ["lib/data/e.ts"]],
  ]);
  deepStrictEqual(violations(graph), [
    "lib/core/a.ts imports lib/landscape/b.ts: core may not import landscape",
    "lib/landscape/b.ts imports lib/expression/_c.ts, internal to lib/expression/",
    "lib/plot/d.ts imports lib/data/e.ts: plot may not import data",
    "lib/mod.ts imports lib/data/e.ts, not a layer's mod.ts",
    "import cycle: lib/core/a.ts → lib/landscape/b.ts → lib/core/a.ts",
  ]);
});

Deno.test("importsOf() reads static, dynamic and worker imports but not JSDoc examples", () => {
  const src = [
    '/** ```ts\nimport { x } from "../up/mod.ts";\n``` */',
    'import { a } from "./a.ts";',
    'import type { B } from "../core/b.ts";',
    'export { c } from "./c.ts";',
    'const w = new Worker(new URL("./_w.ts", import.meta.url));',
    'await import("./d.ts");',
  ].join("\n");
  deepStrictEqual(importsOf("lib/landscape/x.ts", src), [
    "lib/landscape/a.ts",
    "lib/core/b.ts",
    "lib/landscape/c.ts",
    "lib/landscape/_w.ts",
    "lib/landscape/d.ts",
  ]);
});

Deno.test("each layer has a mod.ts with a @module overview and an example, re-exporting no _ file", async () => {
  for (const layer of [...LAYERS, "plot/3d"]) {
    const path = `lib/${layer}/mod.ts`;
    const src = await Deno.readTextFile(path);
    ok(src.includes("@module"), `${path} has no @module doc`);
    ok(src.includes("@example"), `${path} has no example`);
    for (const target of importsOf(path, src)) {
      ok(!isInternal(target), `${path} re-exports ${target}`);
    }
  }
});

Deno.test("lib/mod.ts keeps the names outside code relies on", () => {
  const names = [
    "landscape",
    "catalog",
    "criticalPoints",
    "descend",
    "mse",
    "mae",
    "huber",
    "binaryCrossEntropy",
    "crossEntropy",
    "tf",
    "interpolate",
    "randomPlane",
    "spirals",
    "classification",
    "trainMlp",
    "weightVector",
    "curvePlot",
    "contourPlot",
    "surface3d",
    "show",
    "table",
  ];
  const missing = names.filter((n) => typeof (lib as Record<string, unknown>)[n] === "undefined");
  deepStrictEqual(missing, []);
});

Deno.test("deno.json's exports give each layer its own import path", async () => {
  const config = JSON.parse(await Deno.readTextFile("deno.json"));
  const layers = [...LAYERS, "plot/3d"];
  deepStrictEqual(
    Object.keys(config.exports).sort(),
    [".", ...layers.map((l) => `./${l}`)].sort(),
  );
  for (const layer of layers) {
    const byName = await import(`${config.name}/${layer}`);
    const byPath = await import(`../lib/${layer}/mod.ts`);
    deepStrictEqual(Object.keys(byName).sort(), Object.keys(byPath).sort(), layer);
    for (const k of Object.keys(byPath)) ok(byName[k] === byPath[k], `${layer}: ${k}`);
  }
});

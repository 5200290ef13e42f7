/**
 * `descentExplorer()`: a landscape's contour map on which the reader drops
 * the start of an optimizer's path (click, tap, drag or arrow keys), picks
 * the optimizer, the learning rate, the steps and the momentum, and sees the
 * path and its loss per step change at once — in a notebook and in the
 * exported page, with no kernel.
 *
 * The page computes with the code Deno computes with: `descentPath` (the loop
 * of `descend()`) and the landscape's generated value and gradient
 * (`landscapeSource`), embedded by source. So a path in the page equals
 * `descend()` in Deno exactly, number for number (the tests check it in
 * Chromium).
 *
 * @module
 */

import type { Landscape } from "../core/types.ts";
import {
  descend,
  type DescendResult,
  descentPath,
  landscapeSource,
  type Optimizer,
} from "../landscape/mod.ts";
import { contourPlot, type Figure, type MapFrame, pageFigure } from "../plot/mod.ts";
import {
  type ChartLayout,
  chartMarkup,
  controlBar,
  element,
  esc,
  fmt,
  fromPixel,
  keyboardRing,
  niceTicks,
  pathData,
  pathMarkup,
  px,
  toPixel,
} from "./_draw.ts";
import { composeSvg, PANEL_GAP } from "./_compose.ts";
import { checkTwoWeights, pairOf, rangeOf, withClass } from "./_options.ts";

/** Options of {@linkcode descentExplorer}. */
export interface DescentExplorerOptions {
  /** The first weight's range on the map; default `[-3, 3]`. */
  x?: [number, number];
  /** The second weight's range on the map; default `[-3, 3]`. */
  y?: [number, number];
  /** Where the path starts; default the map's centre. */
  from?: [number, number];
  /** The optimizer first shown; default `"gd"`. The reader can pick any of the five. */
  optimizer?: Optimizer;
  /** The learning rate first shown; default 0.1. */
  learningRate?: number;
  /** The learning rate slider's range `[lo, hi]` (log-scaled); default two decades either side. */
  learningRates?: [number, number];
  /** The number of steps first shown; default 50. */
  steps?: number;
  /** The steps slider's largest value; default 500 (or `steps`, if larger). */
  maxSteps?: number;
  /** μ first shown for momentum, nesterov and rmsprop; default 0.9. */
  momentum?: number;
  /** A title over the map; default the landscape's name or expression. */
  title?: string;
  /** The axis labels; default the landscape's weight names. */
  xLabel?: string;
  /** The second weight's axis label. */
  yLabel?: string;
  /** The figure's height in pixels; default from the map's aspect (as `contourPlot`). */
  height?: number;
  /** Samples per side of the contour map; default 80. */
  n?: number;
  /** Colour the map on a log scale (for losses that span decades); default false. */
  logColor?: boolean;
  /** Contour levels; default 20. */
  levels?: number;
}

/** What the page needs to redraw an explorer, stored in the figure as JSON. */
interface ExplorerSetup {
  frame: MapFrame;
  chart: ChartLayout;
  vars: string[];
  /** The learning rates the slider steps through, increasing. */
  rates: number[];
  maxSteps: number;
  title: string;
}

/** The state a live explorer keeps in its root's `data-state` attribute. */
export interface ExplorerState {
  /** The landscape's expression, when built from a string. */
  expr?: string;
  /** The weights' names. */
  vars: string[];
  /** The start of the path. */
  start: [number, number];
  /** The optimizer. */
  optimizer: Optimizer;
  /** The learning rate. */
  learningRate: number;
  /** The number of steps asked for. */
  steps: number;
  /** μ, for the optimizers it applies to (momentum, nesterov, rmsprop). */
  momentum?: number;
  /** The points of the path, `points[0]` being the start. */
  points: number[][];
  /** The loss at each point. */
  values: number[];
  /** Whether the run diverged (the path stops at the last finite point). */
  diverged: boolean;
}

const OPTIMIZERS: readonly Optimizer[] = ["gd", "momentum", "nesterov", "rmsprop", "adam"];

/** Whether μ applies to an optimizer. Portable. */
export function usesMomentum(optimizer: string): boolean {
  return optimizer === "momentum" || optimizer === "nesterov" || optimizer === "rmsprop";
}

/**
 * The text alternative of an explorer's state: the settings, and where the
 * path ends and at what loss (or where it diverged). Portable.
 *
 * @example
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { describeDescent } from "./explorer.ts";
 * strictEqual(
 *   describeDescent({
 *     vars: ["x", "y"], start: [1, 1], optimizer: "gd", learningRate: 0.1, steps: 1,
 *     points: [[1, 1], [0.8, 0.8]], values: [2, 1.28], diverged: false,
 *   }),
 *   "gd, learning rate 0.1, 1 step from (x, y) = (1, 1): ends at (0.8, 0.8) with loss 1.28.",
 * );
 * ```
 */
export function describeDescent(s: ExplorerState): string {
  const pair = (p: readonly number[]) => "(" + fmt(p[0]!) + ", " + fmt(p[1]!) + ")";
  let text = s.optimizer + ", learning rate " + fmt(s.learningRate) +
    (usesMomentum(s.optimizer) ? ", momentum " + fmt(s.momentum || 0) : "") + ", " +
    s.steps + (s.steps === 1 ? " step" : " steps") + " from (" + s.vars.join(", ") + ") = " +
    pair(s.start) + ": ";
  const last = s.points[s.points.length - 1]!;
  const value = s.values[s.values.length - 1]!;
  if (s.diverged) {
    text += "diverged after " + (s.points.length - 1) +
      (s.points.length === 2 ? " step" : " steps") +
      (Number.isFinite(value)
        ? "; the last finite point is " + pair(last) + " with loss " + fmt(value) + "."
        : "; the loss at the start is not finite.");
  } else {
    text += "ends at " + pair(last) + " with loss " + fmt(value) + ".";
  }
  return text;
}

/**
 * The two drawings of a state: the path on the map (markup for the map's
 * overlay group) and the loss-per-step chart (the chart panel's content).
 * Portable.
 */
export function explorerFrames(
  setup: ExplorerSetup,
  s: ExplorerState,
): { path: string; chart: string } {
  const steps = [];
  for (let k = 0; k < s.values.length; k++) steps.push(k);
  const path = pathMarkup(setup.frame, s.points, "#d62728", s.diverged);
  const lastStep = s.values.length - 1;
  const chart = chartMarkup(setup.chart, steps, s.values, {
    title: "loss per step",
    xLabel: "step",
    yLabel: "loss",
    color: "#d62728",
    xDomain: [0, Math.max(1, s.steps)],
    extra: (sx, sy) => {
      const v = s.values[lastStep]!;
      if (!Number.isFinite(v)) return "";
      const x = px(sx(lastStep)), y = px(Math.max(-1e4, Math.min(1e4, sy(v))));
      let out = s.diverged
        ? `<path d="M${+x - 5},${+y - 5}l10,10m0,-10l-10,10" stroke="#d62728" stroke-width="2.5"/>`
        : `<circle cx="${x}" cy="${y}" r="3.5" fill="#d62728"/>`;
      if (s.diverged) {
        out += `<text x="${px(setup.chart.left + setup.chart.frameWidth / 2)}" ` +
          `y="${
            px(setup.chart.top + 18)
          }" text-anchor="middle" font-size="12" font-weight="bold" ` +
          `fill="#a50000" stroke="#fff" stroke-width="3" paint-order="stroke">diverged at step ${
            lastStep + 1
          }</text>`;
      }
      return out;
    },
  });
  return { path, chart };
}

/**
 * Starts the explorers in `roots`: builds the controls, and on every change
 * reruns `run` (descentPath on the landscape's compiled value and gradient)
 * and redraws. Portable: embedded in the page by source.
 */
export function bootExplorers(
  roots: HTMLElement[],
  run: (
    start: number[],
    optimizer: string,
    lr: number,
    steps: number,
    momentum: number,
  ) => DescendResult,
): void {
  for (let r = 0; r < roots.length; r++) {
    const root = roots[r]!;
    const data = root.querySelector("script.ll-live-data");
    const svg = root.querySelector("svg");
    const overlay = root.querySelector("g.ll-path");
    const chart = root.querySelector("svg.ll-chart");
    const map = root.querySelector("svg.ll-map");
    const status = root.querySelector(".ll-live-status");
    if (!data || !svg || !overlay || !chart || !map || !status) continue;
    let setup: ExplorerSetup, state: ExplorerState;
    try {
      setup = JSON.parse(data.textContent || "");
      state = JSON.parse(root.getAttribute("data-state") || "");
    } catch (_) {
      continue;
    }
    const mapSvg = map as SVGSVGElement;
    const doc = root.ownerDocument;
    const make = (tag: string, attrs: Record<string, string>, text?: string) =>
      element(doc, tag, attrs, text);
    const uid = root.getAttribute("data-ll-id") + "-" + r;
    const controls = controlBar(doc);
    const field = (label: string, input: HTMLElement, out?: HTMLElement) => {
      const id = uid + "-" + label.replace(/\W+/g, "");
      input.id = id;
      const wrap = make("span", { style: "display:inline-flex;gap:6px;align-items:center" });
      wrap.appendChild(make("label", { for: id }, label));
      wrap.appendChild(input);
      if (out) wrap.appendChild(out);
      controls.appendChild(wrap);
      return wrap;
    };
    const select = make("select", { "data-control": "optimizer" }) as HTMLSelectElement;
    const names = ["gd", "momentum", "nesterov", "rmsprop", "adam"];
    for (let k = 0; k < names.length; k++) {
      const o = make("option", { value: names[k]! }, names[k]);
      select.appendChild(o);
    }
    select.value = state.optimizer;
    field("optimizer", select);
    const rates = setup.rates;
    const lrInput = make("input", {
      type: "range",
      min: "0",
      max: String(rates.length - 1),
      step: "1",
      "data-control": "learningRate",
    }) as HTMLInputElement;
    lrInput.value = String(Math.max(0, rates.indexOf(state.learningRate)));
    lrInput.setAttribute("aria-valuetext", String(state.learningRate));
    const lrOut = make("output", { style: "min-width:4.5em" }, fmt(state.learningRate));
    field("learning rate", lrInput, lrOut);
    const stepsInput = make("input", {
      type: "range",
      min: "1",
      max: String(setup.maxSteps),
      step: "1",
      "data-control": "steps",
    }) as HTMLInputElement;
    stepsInput.value = String(state.steps);
    const stepsOut = make("output", { style: "min-width:2.5em" }, String(state.steps));
    field("steps", stepsInput, stepsOut);
    const muInput = make("input", {
      type: "range",
      min: "0",
      max: "0.99",
      step: "0.01",
      "data-control": "momentum",
    }) as HTMLInputElement;
    let mu = state.momentum === undefined ? 0.9 : state.momentum;
    muInput.value = String(mu);
    const muOut = make("output", { style: "min-width:2.5em" }, fmt(mu));
    const muField = field("momentum", muInput, muOut);
    const hint = make(
      "span",
      { style: "opacity:0.85" },
      "Click, drag or use the arrow keys on the map to move the start.",
    );
    controls.appendChild(hint);
    root.insertBefore(controls, status);

    mapSvg.setAttribute("tabindex", "0");
    mapSvg.setAttribute("role", "application");
    mapSvg.setAttribute(
      "aria-label",
      "Contour map: the start of the path. Arrow keys move it, Shift for bigger steps.",
    );
    mapSvg.style.cursor = "crosshair";
    mapSvg.style.touchAction = "none";
    mapSvg.style.outline = "none";
    const ring = keyboardRing(mapSvg, (on) => {
      mapSvg.style.outline = on ? "2px solid #1a73e8" : "none";
    });

    const render = () => {
      const optimizer = select.value;
      const momentum = usesMomentum(optimizer) ? mu : 0;
      const result = run(state.start, optimizer, state.learningRate, state.steps, momentum);
      const next: ExplorerState = {
        vars: setup.vars,
        start: state.start,
        optimizer: optimizer as Optimizer,
        learningRate: state.learningRate,
        steps: state.steps,
        points: result.points,
        values: result.values,
        diverged: result.diverged,
      };
      if (state.expr !== undefined) next.expr = state.expr;
      if (usesMomentum(optimizer)) next.momentum = mu;
      const keys = [
        "expr",
        "vars",
        "start",
        "optimizer",
        "learningRate",
        "steps",
        "momentum",
        "points",
        "values",
        "diverged",
      ];
      const ordered: Record<string, unknown> = {};
      for (let k = 0; k < keys.length; k++) {
        const v = (next as unknown as Record<string, unknown>)[keys[k]!];
        if (v !== undefined) ordered[keys[k]!] = v;
      }
      state = next;
      const frames = explorerFrames(setup, next);
      overlay.innerHTML = frames.path;
      chart.innerHTML = frames.chart;
      status.textContent = describeDescent(next);
      muField.style.display = usesMomentum(optimizer) ? "" : "none";
      root.setAttribute("data-state", JSON.stringify(ordered));
    };
    lrInput.addEventListener("input", () => {
      state.learningRate = rates[Math.round(Number(lrInput.value))]!;
      lrOut.textContent = fmt(state.learningRate);
      lrInput.setAttribute("aria-valuetext", String(state.learningRate));
      render();
    });
    stepsInput.addEventListener("input", () => {
      state.steps = Math.round(Number(stepsInput.value));
      stepsOut.textContent = String(state.steps);
      render();
    });
    muInput.addEventListener("input", () => {
      mu = Number(muInput.value);
      muOut.textContent = fmt(mu);
      render();
    });
    select.addEventListener("change", render);

    const f = setup.frame;
    const clampToMap = (p: number[]) => [
      Math.min(f.x[1], Math.max(f.x[0], p[0]!)),
      Math.min(f.y[1], Math.max(f.y[0], p[1]!)),
    ];
    // A start picked with the pointer is rounded to a thousandth of the map,
    // so the state shows short numbers.
    const round = (v: number, span: number) => {
      const unit = Math.pow(10, Math.floor(Math.log10(span / 1000)));
      return Number((Math.round(v / unit) * unit).toPrecision(12));
    };
    const pointerStart = (e: PointerEvent) => {
      const m = mapSvg.getScreenCTM();
      if (!m) return false;
      const pt = new DOMPoint(e.clientX, e.clientY).matrixTransform(m.inverse());
      if (
        pt.x < f.left || pt.x > f.left + f.width || pt.y < f.top || pt.y > f.top + f.height
      ) return false;
      const w = fromPixel(f, pt.x, pt.y);
      state.start = [round(w[0]!, f.x[1] - f.x[0]), round(w[1]!, f.y[1] - f.y[0])];
      return true;
    };
    let dragging = -1;
    let pending = false;
    mapSvg.addEventListener("pointerdown", (e: PointerEvent) => {
      if (e.button !== 0 || !pointerStart(e)) return;
      ring.pointer();
      dragging = e.pointerId;
      mapSvg.setPointerCapture(e.pointerId);
      e.preventDefault();
      render();
    });
    mapSvg.addEventListener("pointermove", (e: PointerEvent) => {
      if (e.pointerId !== dragging || !pointerStart(e) || pending) return;
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        render();
      });
    });
    const stop = (e: PointerEvent) => {
      if (e.pointerId === dragging) dragging = -1;
    };
    mapSvg.addEventListener("pointerup", stop);
    mapSvg.addEventListener("pointercancel", stop);
    mapSvg.addEventListener("keydown", (e: KeyboardEvent) => {
      const k = e.shiftKey ? 0.1 : 0.02;
      const dx = (f.x[1] - f.x[0]) * k, dy = (f.y[1] - f.y[0]) * k;
      const s = state.start;
      let next;
      if (e.key === "ArrowLeft") next = [s[0] - dx, s[1]];
      else if (e.key === "ArrowRight") next = [s[0] + dx, s[1]];
      else if (e.key === "ArrowUp") next = [s[0], s[1] + dy];
      else if (e.key === "ArrowDown") next = [s[0], s[1] - dy];
      else return;
      ring.key();
      const c = clampToMap(next);
      state.start = [round(c[0]!, f.x[1] - f.x[0]), round(c[1]!, f.y[1] - f.y[0])];
      e.preventDefault();
      render();
    });
    muField.style.display = usesMomentum(state.optimizer) ? "" : "none";
  }
}

const PORTABLE = [
  element,
  controlBar,
  keyboardRing,
  fmt,
  esc,
  niceTicks,
  toPixel,
  fromPixel,
  px,
  pathData,
  pathMarkup,
  chartMarkup,
  usesMomentum,
  describeDescent,
  explorerFrames,
  bootExplorers,
  descentPath,
];

/**
 * The learning rates of the slider: 1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times
 * powers of ten (ten a decade, evenly spaced on a log scale to within 6%)
 * from `lo` to `hi`, with `lo`, `hi` and `initial` themselves. Round
 * numbers, so the state holds a rate a reader can type back into descend().
 */
function learningRateSteps(lo: number, hi: number, initial: number): number[] {
  const mantissas = [1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8];
  const out = new Set([lo, hi, initial]);
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of mantissas) {
      const v = Number((m * 10 ** e).toPrecision(12));
      if (v > lo && v < hi) out.add(v);
    }
  }
  return [...out].sort((a, b) => a - b);
}

/**
 * A live figure for trying optimizers on a landscape of two weights: its
 * contour map with the path of `descend()` from a start the reader sets by
 * clicking, tapping, dragging or with the arrow keys, beside the loss at
 * every step; the reader picks the optimizer (gd, momentum, nesterov,
 * rmsprop, adam), the learning rate (a log-scaled slider), the steps and
 * the momentum. A run that diverges stops at its last finite point, marked
 * with a cross, and the chart says "diverged at step k".
 *
 * The figure's first frame is the path for the options given, drawn by
 * Deno; it is what every viewer shows, including those that run no scripts.
 * Where scripts run, the page computes each new path with `descend()`'s own
 * loop and the landscape's generated value and gradient, so what the reader
 * sees is exactly what `descend()` returns. The current state is JSON in
 * the root's `data-state` attribute (see {@linkcode ExplorerState}), and a
 * status line under the figure says where the path ends and at what loss.
 *
 * A landscape given as a TypeScript function cannot run in the page (its
 * code may use the notebook's names): the figure then shows the first frame
 * only, and its status line says to give the loss as a string to explore
 * it.
 *
 * @param l A landscape of two weights.
 * @param options The map's ranges, the start and the optimizer first shown, and the sliders' ranges.
 * @returns The figure; `await show(...)` it.
 * @throws {TypeError | RangeError} For a landscape of one weight, or bad options.
 *
 * @example The first frame is descend()'s path
 * ```ts
 * import { deepStrictEqual, ok } from "node:assert";
 * import { descend, landscape } from "../landscape/mod.ts";
 * import { descentExplorer } from "./explorer.ts";
 *
 * const bowl = landscape("x^2 + 10*y^2");
 * const fig = descentExplorer(bowl, { from: [2, 1], learningRate: 0.05, steps: 30 });
 * const path = descend(bowl, { from: [2, 1], learningRate: 0.05, steps: 30 });
 * deepStrictEqual(fig.state.points, path.points);
 * ok(fig.toString().includes("ends at"));
 * ```
 */
export function descentExplorer(
  l: Landscape,
  options: DescentExplorerOptions = {},
): Figure & { state: ExplorerState } {
  checkTwoWeights(l, "descentExplorer", "for one weight draw descend()'s path with curvePlot");
  const x = rangeOf("x", options.x, [-3, 3]);
  const y = rangeOf("y", options.y, [-3, 3]);
  const from = pairOf("from", options.from, [(x[0] + x[1]) / 2, (y[0] + y[1]) / 2]);
  const optimizer = options.optimizer ?? "gd";
  if (!OPTIMIZERS.includes(optimizer)) {
    throw new TypeError(
      `Expected optimizer to be one of ${OPTIMIZERS.join(", ")} but found ${String(optimizer)}`,
    );
  }
  const learningRate = options.learningRate ?? 0.1;
  const steps = options.steps ?? 50;
  const momentum = options.momentum ?? (optimizer === "rmsprop" ? 0 : 0.9);
  // descend() checks every setting and says what is wrong.
  const result = descend(l, {
    from,
    optimizer,
    learningRate,
    steps,
    ...(usesMomentum(optimizer) ? { momentum } : {}),
  });
  const lr = pairOf("learningRates", options.learningRates, [
    learningRate / 100,
    learningRate * 100,
  ]);
  if (!(lr[0] > 0 && lr[0] < lr[1])) {
    throw new RangeError(
      `Expected learningRates to be [low, high] with 0 < low < high but found [${lr}]`,
    );
  }
  if (learningRate < lr[0] || learningRate > lr[1]) {
    throw new RangeError(
      `Expected learningRate ${learningRate} to lie in learningRates [${lr}]; widen the range`,
    );
  }
  const maxSteps = Math.max(options.maxSteps ?? 500, steps);
  if (!Number.isInteger(maxSteps) || maxSteps > 100000) {
    throw new RangeError(`Expected maxSteps to be an integer up to 100000 but found ${maxSteps}`);
  }

  const title = options.title ?? l.name ?? l.expr ?? "the loss";
  const grid = l.grid({ x, y, n: options.n ?? 80 });
  const map = contourPlot(grid, {
    title,
    xLabel: options.xLabel ?? l.vars[0],
    yLabel: options.yLabel ?? l.vars[1],
    width: 430,
    ...(options.height === undefined ? {} : { height: options.height }),
    logColor: options.logColor ?? false,
    levels: options.levels ?? 20,
    colorbar: false,
  });
  const height = map.frame.size[1];
  const chart: ChartLayout = {
    width: 300,
    height,
    left: 58,
    top: map.frame.top,
    frameWidth: 226,
    frameHeight: map.frame.height,
  };
  const setup: ExplorerSetup = {
    frame: map.frame,
    chart,
    vars: [...l.vars],
    rates: learningRateSteps(lr[0], lr[1], learningRate),
    maxSteps,
    title,
  };
  const state: ExplorerState = {
    ...(l.expr === undefined ? {} : { expr: l.expr }),
    vars: [...l.vars],
    start: from,
    optimizer,
    learningRate,
    steps,
    ...(usesMomentum(optimizer) ? { momentum } : {}),
    points: result.points,
    values: result.values,
    diverged: result.diverged,
  };
  const frames = explorerFrames(setup, state);
  const svg = composeSvg(
    withClass(map.toSVG(), "ll-map").replace(
      /<\/svg>$/,
      `<g class="ll-path">${frames.path}</g></svg>`,
    ),
    `<svg class="ll-chart" x="${map.frame.size[0] + PANEL_GAP}" y="0" width="${chart.width}" ` +
      `height="${chart.height}">${frames.chart}</svg>`,
    map.frame.size[0] + PANEL_GAP + chart.width,
    height,
  );
  const description = describeDescent(state);
  const source = landscapeSource(l);
  const note = source === undefined
    ? " This loss is a TypeScript function, which the page cannot run: to explore it here, " +
      'give it as a string, e.g. landscape("x^2 + 10*y^2").'
    : "";
  const script = source === undefined ? "" : [
    // The helpers the generated code uses, only if it uses any (most losses need none).
    /fastExp|EXP_|mathjs/.test(source.value + source.gradient) ? source.helpers : "",
    `const value = (function () {\n${source.value}\n})();`,
    `const gradient = (function () {\n${source.gradient}\n})();`,
    PORTABLE.map((f) => f.toString()).join("\n"),
    "bootExplorers(roots, function (start, optimizer, lr, steps, momentum) {",
    "  return descentPath(",
    "    function (w) { return value(w[0], w[1]); },",
    "    function (w) { return gradient(w[0], w[1]); },",
    "    start,",
    "    { optimizer: optimizer, learningRate: lr, steps: steps, momentum: momentum,",
    "      alpha: 0.99, beta1: 0.9, beta2: 0.999, eps: 1e-8 });",
    "});",
  ].join("\n");
  const figure = pageFigure({
    svg,
    text: `Descent explorer on ${title}: ${description}`,
    kind: "ll-explorer",
    attributes: { "data-state": JSON.stringify(state) },
    body: `<p class="ll-live-status" aria-live="polite" style="margin:4px 0 0;font-size:13px">${
      esc(description + note)
    }</p><script type="application/json" class="ll-live-data">${
      JSON.stringify(setup).replace(/</g, "\\u003c")
    }</script>`,
    script,
  });
  return Object.assign(figure, { state });
}

/**
 * `scorecard()`: a line over a data set with its misses, and beside it the
 * loss of every line as a contour map over (slope, intercept), linked both
 * ways — loss as a scorecard, and every point of the landscape a line. In
 * a notebook and in the exported page, with no kernel.
 *
 * The loss the page prints is `lineFitLoss(x, y, { loss }).at(slope,
 * intercept)`, number for number: for MSE the page runs the landscape's
 * generated value function (`landscapeSource`); for MAE and Huber it runs
 * `lineLossValue`, the very function those landscapes call, embedded by
 * source (the tests check both equal `lineFitLoss` exactly, in Deno and
 * Chromium).
 *
 * @module
 */

import { landscapeSource } from "../landscape/mod.ts";
import { leastSquaresLine, type Line, lineFitLoss, lineLossValue } from "../data/mod.ts";
import { contourPlot, type Figure, type MapFrame, pageFigure } from "../plot/mod.ts";
import { controlBar, element, esc, fmt, keyboardRing, niceTicks, px, toPixel } from "./_draw.ts";
import { composeSvg, PANEL_GAP } from "./_compose.ts";
import { rangeOf, withClass } from "./_options.ts";
import {
  bootScorecards,
  clampPx,
  describeLine,
  fmtLoss,
  lineEquation,
  lossText,
  plainNumber,
  roundTo,
  scorecardFrame,
  type ScorecardLoss,
  type ScorecardSetup,
  type ScorecardState,
} from "./_scorecard_page.ts";

export type { ScorecardLoss, ScorecardState };

/** Options of {@linkcode scorecard}. */
export interface ScorecardOptions {
  /** The loss: `"mse"` (default), `"mae"` or `"huber"`, as `lineFitLoss` defines them. */
  loss?: ScorecardLoss;
  /** Huber's threshold between its quadratic and linear parts; default 1 (in units of y). */
  delta?: number;
  /** The line first shown; default the flat line at the mean of y ("everyone is average"). */
  line?: Line;
  /** The slopes on the slider and the map, `[low, high]`; default around the least-squares slope. */
  slope?: [number, number];
  /** The intercepts on the slider and the map, `[low, high]`; default around the least-squares intercept. */
  intercept?: [number, number];
  /** The x axis's label; default `"x"`. */
  xLabel?: string;
  /** The y axis's label; default `"y"`. */
  yLabel?: string;
  /** A title over the data; default `"the line and its misses"`. */
  title?: string;
  /** Mark the least-squares line on the map; default true for MSE, false otherwise. */
  bestLine?: boolean;
  /** Colour the map on a log scale; default true when the loss spans more than two decades. */
  logColor?: boolean;
  /** Samples per side of the contour map; default 80. */
  n?: number;
  /** Contour levels; default 20. */
  levels?: number;
}

const LOSSES: readonly ScorecardLoss[] = ["mse", "mae", "huber"];
const LABELS: Record<ScorecardLoss, string> = { mse: "MSE", mae: "MAE", huber: "Huber loss" };

const PORTABLE = [
  element,
  controlBar,
  keyboardRing,
  fmt,
  px,
  toPixel,
  plainNumber,
  fmtLoss,
  lineLossValue,
  lineEquation,
  lossText,
  describeLine,
  clampPx,
  scorecardFrame,
  roundTo,
  bootScorecards,
];

/** `[lo, hi]` widened to multiples of a round step (about ten steps across). */
function niceRange(lo: number, hi: number): [number, number] {
  const t = niceTicks(lo, hi, 10);
  const step = t.length > 1 ? t[1]! - t[0]! : Math.abs(lo) || 1;
  return [
    Number((Math.floor(lo / step + 1e-9) * step).toPrecision(12)),
    Number((Math.ceil(hi / step - 1e-9) * step).toPrecision(12)),
  ];
}

/** The power of ten closest below a ten-thousandth of a range's span. */
function unitOf(range: [number, number]): number {
  return Math.pow(10, Math.floor(Math.log10((range[1] - range[0]) / 10000)));
}

/** The scatter panel's fixed parts and its first frame. */
function scatterPanel(
  setup: ScorecardSetup,
  state: ScorecardState,
  size: [number, number],
  labels: { title: string; x: string; y: string },
): string {
  const f = setup.scatter;
  const frame = scorecardFrame(setup, state);
  let out = `<rect x="0" y="0" width="${size[0]}" height="${size[1]}" fill="#fff"/>`;
  out += `<text x="${px(f.left + f.width / 2)}" y="14" text-anchor="middle" font-size="12" ` +
    `fill="#000">${esc(labels.title)}</text>`;
  out += `<text class="ll-equation" x="${f.left}" y="${f.top - 6}" font-size="11" ` +
    `fill="#000">${esc(lineEquation(state.slope, state.intercept))}</text>`;
  out += `<text class="ll-loss" x="${f.left + f.width}" y="${f.top - 6}" font-size="12" ` +
    `font-weight="bold" text-anchor="end" fill="#000">${esc(lossText(setup, state.loss))}</text>`;
  for (const t of niceTicks(f.x[0], f.x[1], 5)) {
    const X = px(toPixel(f, t, f.y[0])[0]);
    out += `<line x1="${X}" x2="${X}" y1="${f.top}" y2="${f.top + f.height}" stroke="#000" ` +
      `stroke-opacity="0.08"/><line x1="${X}" x2="${X}" y1="${f.top + f.height}" ` +
      `y2="${f.top + f.height + 4}" stroke="#000"/><text x="${X}" y="${f.top + f.height + 15}" ` +
      `text-anchor="middle" font-size="10" fill="#000">${fmt(t)}</text>`;
  }
  for (const t of niceTicks(f.y[0], f.y[1], 5)) {
    const Y = px(toPixel(f, f.x[0], t)[1]);
    out += `<line x1="${f.left}" x2="${f.left + f.width}" y1="${Y}" y2="${Y}" stroke="#000" ` +
      `stroke-opacity="0.08"/><line x1="${f.left - 4}" x2="${f.left}" y1="${Y}" y2="${Y}" ` +
      `stroke="#000"/><text x="${f.left - 6}" y="${Y}" dy="0.32em" text-anchor="end" ` +
      `font-size="10" fill="#000">${fmt(t)}</text>`;
  }
  out += `<rect x="${f.left}" y="${f.top}" width="${f.width}" height="${f.height}" fill="none" ` +
    `stroke="#000" stroke-width="0.8"/>`;
  out += `<text x="${px(f.left + f.width / 2)}" y="${f.top + f.height + 34}" ` +
    `text-anchor="middle" font-size="11" fill="#000">${esc(labels.x)}</text>`;
  out += `<text transform="translate(14,${px(f.top + f.height / 2)}) rotate(-90)" ` +
    `text-anchor="middle" font-size="11" fill="#000">${esc(labels.y)}</text>`;
  let dots = "";
  for (let i = 0; i < setup.xs.length; i++) {
    const p = toPixel(f, setup.xs[i]!, setup.ys[i]!);
    dots += `M${px(p[0])},${px(p[1])}h0`;
  }
  out += `<path class="ll-dots" d="${dots}" stroke="#555" stroke-width="4.5" ` +
    `stroke-linecap="round" fill="none"/>`;
  out += `<g class="ll-line">${frame.line}</g>`;
  out += `<circle class="ll-ring" r="12" fill="none" stroke="#1a73e8" stroke-width="2" ` +
    `display="none" cx="${px(frame.handles[0]![0]!)}" cy="${px(frame.handles[0]![1]!)}"/>`;
  for (let k = 0; k < 2; k++) {
    out += `<circle class="ll-handle" data-handle="${k}" r="7" cx="${
      px(frame.handles[k]![0]!)
    }" cy="${px(frame.handles[k]![1]!)}" fill="#fff" stroke="#1f77b4" stroke-width="2.5"/>`;
  }
  return `<svg class="ll-scatter" x="0" y="0" width="${size[0]}" height="${size[1]}">${out}</svg>`;
}

/**
 * A live figure for "loss as a scorecard": the data `(x, y)` as dots, a
 * line `ŷ = slope·x + intercept` with each miss drawn as a red segment from
 * the dot to the line, the line's loss printed over it, and beside it the
 * loss of every line as a contour map over (slope, intercept) with the
 * current line as a red marker. The reader moves the line with the slope
 * and intercept sliders, by dragging it up and down, by dragging one of its
 * two handles (the line turns about the other), or by clicking and dragging
 * on the map; the arrow keys work on the handles and the map. Each moves the
 * other picture too: every point of the landscape is a line.
 *
 * The first frame, drawn by Deno, is what every viewer shows, including
 * those that run no scripts. The current state is JSON in the root's
 * `data-state` attribute (see {@linkcode ScorecardState}); its `loss` is
 * `lineFitLoss(x, y, { loss, delta }).at(slope, intercept)` exactly, and a
 * status line under the figure says the line and its loss in words.
 *
 * Slopes and intercepts the reader sets are rounded to a ten-thousandth of
 * their range (a power of ten), so the state holds short numbers.
 *
 * The page carries the data, about 80 bytes a point: with the 333 penguins
 * the figure is 75 KB (26 KB gzipped), with 1,000 points 134 KB. Give a
 * sample of a few hundred points for a large data set.
 *
 * @param x The feature of each example (finite numbers, at least two different).
 * @param y The target of each example, as many as `x`.
 * @param options The loss, the first line, the ranges, labels and title.
 * @returns The figure; `await show(...)` it. `state` is its first state.
 * @throws {TypeError} For an unknown loss or arguments of the wrong type.
 * @throws {RangeError} For columns of different lengths or with non-finite numbers, x with a
 *   single value, bad ranges, or a first line outside them.
 *
 * @example The loss shown is lineFitLoss's
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { lineFitLoss } from "../data/mod.ts";
 * import { scorecard } from "./scorecard.ts";
 *
 * const x = [1, 2, 3, 4], y = [2.1, 3.9, 6.2, 7.8];
 * const fig = scorecard(x, y, { line: { slope: 2, intercept: 0 } });
 * strictEqual(fig.state.loss, lineFitLoss(x, y).at(2, 0));
 * strictEqual(fig.state.lossName, "mse");
 * strictEqual(
 *   fig.toString(),
 *   "Scorecard: The line ŷ = 2·x + 0 (slope 2, intercept 0) scores MSE = 0.025 on 4 points.",
 * );
 * ```
 */
export function scorecard(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: ScorecardOptions = {},
): Figure & { state: ScorecardState } {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`Expected options to be an object but found ${String(options)}`);
  }
  const lossName = options.loss ?? "mse";
  if (!LOSSES.includes(lossName)) {
    throw new TypeError(
      `Expected loss to be one of ${LOSSES.join(", ")} but found ${String(lossName)}` +
        (String(lossName) === "cross-entropy"
          ? "; a line scored by cross-entropy is a classifier: use lineFitLoss and contourPlot"
          : ""),
    );
  }
  const delta = options.delta ?? 1;
  // lineFitLoss checks the columns (lengths, finite numbers) and delta.
  const l = lineFitLoss(x, y, { loss: lossName, delta });
  const xs = Array.from(x as ArrayLike<number>), ys = Array.from(y as ArrayLike<number>);
  let xMin = Infinity, xMax = -Infinity, yMin = Infinity, yMax = -Infinity, yMean = 0;
  for (let i = 0; i < xs.length; i++) {
    xMin = Math.min(xMin, xs[i]!);
    xMax = Math.max(xMax, xs[i]!);
    yMin = Math.min(yMin, ys[i]!);
    yMax = Math.max(yMax, ys[i]!);
    yMean += ys[i]!;
  }
  yMean /= ys.length;
  if (!(xMax > xMin)) {
    throw new RangeError(
      `Expected x to hold at least two different values but found only ${xMin}; ` +
        "a line's slope needs them",
    );
  }
  const best = leastSquaresLine(xs, ys);
  // The natural scale of a slope: sd(y) / sd(x), the slope of a perfect fit.
  let sxx = 0, syy = 0;
  const xBar = xs.reduce((a, b) => a + b, 0) / xs.length;
  for (let i = 0; i < xs.length; i++) {
    sxx += (xs[i]! - xBar) ** 2;
    syy += (ys[i]! - yMean) ** 2;
  }
  const sdX = Math.sqrt(sxx / xs.length);
  const scale = Math.sqrt(syy / ys.length) / sdX || 1;
  const slope = rangeOf("slope", options.slope, undefined) ??
    niceRange(best.slope - scale, best.slope + scale);
  const intercept = rangeOf("intercept", options.intercept, undefined) ??
    niceRange(
      best.intercept - scale * (Math.abs(xBar) + sdX),
      best.intercept + scale * (Math.abs(xBar) + sdX),
    );
  if (![...slope, ...intercept].every(Number.isFinite)) {
    throw new RangeError(
      `The data's spread overflows, so default ranges cannot be chosen (slope [${slope}], ` +
        `intercept [${intercept}]); give slope and intercept as [low, high]`,
    );
  }
  const units: [number, number] = [unitOf(slope), unitOf(intercept)];
  const start = options.line ?? { slope: 0, intercept: roundTo(yMean, units[1]) };
  if (
    typeof start !== "object" || start === null || !Number.isFinite(start.slope) ||
    !Number.isFinite(start.intercept)
  ) {
    throw new TypeError(
      `Expected line to be { slope, intercept } with finite numbers but found ${
        JSON.stringify(start)
      }`,
    );
  }
  if (
    start.slope < slope[0] || start.slope > slope[1] || start.intercept < intercept[0] ||
    start.intercept > intercept[1]
  ) {
    throw new RangeError(
      `Expected the first line (slope ${start.slope}, intercept ${start.intercept}) to lie in ` +
        `the ranges slope [${slope}] and intercept [${intercept}]; widen them or move the line`,
    );
  }

  const label = LABELS[lossName];
  const grid = l.grid({ x: slope, y: intercept, n: options.n ?? 80 });
  const logColor = options.logColor ?? (grid.min > 0 && grid.max / grid.min > 100);
  const bestLine = options.bestLine ?? lossName === "mse";
  const map = contourPlot(grid, {
    title: `${label} of every line`,
    xLabel: "slope",
    // The intercept's label goes over its axis: beside it, it would meet the
    // long tick labels (−20,000).
    width: 380,
    height: 380,
    logColor,
    levels: options.levels ?? 20,
    colorbar: false,
    points: bestLine
      ? [{ point: [best.slope, best.intercept], kind: "minimum", label: "least squares" }]
      : [],
  });
  const size: [number, number] = [380, map.frame.size[1]];
  const left = 62;
  const yPad = (yMax - yMin) * 0.08 || Math.abs(yMax) * 0.1 || 1;
  const xPad = (xMax - xMin) * 0.04;
  const scatter: MapFrame = {
    size,
    left,
    top: map.frame.top,
    width: size[0] - left - 14,
    height: map.frame.height,
    x: [xMin - xPad, xMax + xPad],
    y: [yMin - yPad, yMax + yPad],
  };
  const setup: ScorecardSetup = {
    scatter,
    map: map.frame,
    xs,
    ys,
    handles: [xMin + (xMax - xMin) * 0.1, xMax - (xMax - xMin) * 0.1],
    slope,
    intercept,
    units,
    lossName,
    delta,
    lossLabel: label,
  };
  const state: ScorecardState = {
    slope: start.slope,
    intercept: start.intercept,
    loss: l.at(start.slope, start.intercept),
    lossName,
    ...(lossName === "huber" ? { delta } : {}),
  };
  const first = scorecardFrame(setup, state);
  const interceptLabel =
    `<text x="4" y="${map.frame.top - 6}" font-size="11" text-anchor="start" ` +
    `fill="#000">` +
    `intercept</text>`;
  const marker = `<circle class="ll-marker" r="6" cx="${px(first.marker[0]!)}" ` +
    `cy="${px(first.marker[1]!)}" fill="#d62728" stroke="#fff" stroke-width="2"/>`;
  const svg = composeSvg(
    scatterPanel(setup, state, size, {
      title: options.title ?? "the line and its misses",
      x: options.xLabel ?? "x",
      y: options.yLabel ?? "y",
    }),
    withClass(map.toSVG(), "ll-map")
      .replace(/^<svg/, `<svg x="${size[0] + PANEL_GAP}" y="0"`)
      .replace(/<\/svg>$/, `${interceptLabel}${marker}</svg>`),
    size[0] + PANEL_GAP + map.frame.size[0],
    Math.max(size[1], map.frame.size[1]),
  );
  const description = describeLine(setup, state);
  const source = lossName === "mse" ? landscapeSource(l) : undefined;
  if (lossName === "mse" && source === undefined) {
    throw new Error("lineFitLoss gave an MSE landscape without source; please report this");
  }
  const script = [
    source === undefined ? "" : source.helpers,
    source === undefined ? "" : `const value = (function () {\n${source.value}\n})();`,
    PORTABLE.map((f) => f.toString()).join("\n"),
    source === undefined
      ? "bootScorecards(roots, function (m, b, setup) {\n" +
        "  return lineLossValue(setup.xs, setup.ys, setup.lossName, setup.delta, m, b);\n});"
      : "bootScorecards(roots, function (m, b) { return value(m, b); });",
  ].join("\n");
  const figure = pageFigure({
    svg,
    text: `Scorecard: ${description}`,
    kind: "ll-scorecard",
    attributes: { "data-state": JSON.stringify(state) },
    body: `<p class="ll-live-status" aria-live="polite" style="margin:4px 0 0;font-size:13px">${
      esc(description)
    }</p><script type="application/json" class="ll-live-data">${
      JSON.stringify(setup).replace(/</g, "\\u003c")
    }</script>`,
    script,
  });
  return Object.assign(figure, { state });
}

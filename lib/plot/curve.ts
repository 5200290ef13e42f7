/**
 * `curvePlot`: loss curves over one weight, several on one chart with a
 * legend, with marked points (minima, a current weight), tangent arrows
 * that show the slope and the downhill direction at a point, and quiet
 * reference lines (the loss of guessing, a step where something changes).
 *
 * @module
 */

import type { Curve, Landscape } from "../core/types.ts";
import { Plot, plot } from "./plot.ts";
import {
  compactSvg,
  CYCLE,
  decorate,
  type Figure,
  FONT,
  legendBox,
  svgFigure,
  textColorOnWhite,
} from "./_figure.ts";
import { logTicks, tickFormat } from "./_ticks.ts";

/** One curve on the chart, with how it is drawn and named in the legend. */
export interface CurveSeries {
  /** The sampled curve, such as `landscape("w^2").curve({ x: [-2, 2] })`. */
  curve: Curve;
  /** Its name in the legend; unlabelled curves are left out of the legend. */
  label?: string;
  /** A CSS colour; default: the next colour of matplotlib's cycle. */
  color?: string;
  /** Draw the line dashed (default false). */
  dashed?: boolean;
}

/** A marked point: a white dot outlined in `color`, with its label above. */
export interface CurvePoint {
  /** Where along the x axis. */
  x: number;
  /** Its height; default: the first curve's value at `x`. */
  y?: number;
  /** The text above the dot (default none). */
  label?: string;
  /** A CSS colour for the outline and the label; default black. */
  color?: string;
}

/**
 * A tangent at `x` on curve number `curve` (default 0): a dashed line of the
 * given `slope` (default: the curve's slope there) and an arrow pointing
 * downhill, the way gradient descent moves.
 *
 * Where the curve has no tangent (the loss or its own slope is NaN or
 * infinite there, such as `sqrt(w)` at w = 0 or below), the figure is drawn
 * without it and says so, with a nearby point where it is defined, in a
 * grey note at its top left and in its text description. A `slope` given
 * here must be finite.
 */
export interface CurveTangent {
  /** Where along the x axis the tangent touches the curve. */
  x: number;
  /** The slope to draw; default: the curve's own slope at `x`. */
  slope?: number;
  /** Which curve, by its index among the curves (default 0). */
  curve?: number;
  /** The text above the point of contact; default `slope <value>`. */
  label?: string;
  /** Half-length of the tangent line along x; default 1/8 of the x range. */
  reach?: number;
}

/**
 * A reference line across the chart: horizontal at height `y` (the loss of
 * guessing, a target) or vertical at `x` (a step where something changes),
 * never both. Drawn beneath the curves as a thin grey dashed line, with its
 * label in grey on a white halo.
 */
export interface CurveReference {
  /** The height of a horizontal line (positive on a log y axis). */
  y?: number;
  /** The position of a vertical line. */
  x?: number;
  /**
   * The text on the line: above its right end for a horizontal line, beside
   * its top for a vertical one (default none).
   */
  label?: string;
}

/** Options of {@link curvePlot}. */
export interface CurvePlotOptions {
  /** The chart's title, centred above it (default none). */
  title?: string;
  /** The x axis label (default none). */
  xLabel?: string;
  /** The y axis label (default none). */
  yLabel?: string;
  /** Marked points, such as a minimum or the current weight. */
  points?: readonly CurvePoint[];
  /** Tangents with downhill arrows. */
  tangents?: readonly CurveTangent[];
  /** Quiet reference lines, such as `[{ y: Math.log(3), label: "ln 3: guessing" }]`. */
  references?: readonly CurveReference[];
  /** Show a legend of the labelled curves (default: when any curve has a label). */
  legend?: boolean;
  /** A logarithmic y axis (losses spanning decades). */
  logY?: boolean;
  /** For a one-weight `Landscape`: the x range to sample (default [−5, 5]). */
  x?: [number, number];
  /** For a one-weight `Landscape`: the number of samples (default 200). */
  n?: number;
  /** Width in pixels, at least 100 (default 640). */
  width?: number;
  /** Height in pixels, at least 100 (default 400). */
  height?: number;
}

/**
 * What {@linkcode curvePlot} draws as one curve: a sampled `Curve`, a
 * {@linkcode CurveSeries} (a curve with its label, colour and dash), or a
 * one-weight `Landscape`, sampled over the `x` option.
 */
export type CurveInput = Curve | CurveSeries | Landscape;

/**
 * A chart of one or more loss curves, such as `landscape("(w - 2)^2").curve({ x: [-1, 5] })`.
 *
 * @param curves A `Curve`, a `{ curve, label, color, dashed }` series, a
 *   one-weight `Landscape` (sampled over `options.x`), or an array of these.
 * @param options Title, axis labels, marked points, tangents, reference
 *   lines, legend, size.
 * @returns The figure: `await show(fig)` in a notebook, `fig.toSVG()` for a file.
 * @throws {TypeError} For malformed curves or options, a landscape of two
 *   weights (naming them and the one that was probably meant as a number),
 *   or a reference line without exactly one of `x` and `y`.
 * @throws {RangeError} For non-finite positions or sizes, or a reference
 *   line at a height of zero or less on a log axis.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert";
 * import { curvePlot } from "./curve.ts";
 * const xs = Float64Array.from({ length: 41 }, (_, i) => -2 + i / 10);
 * const values = xs.map((x) => x * x);
 * const fig = curvePlot({ curve: { xs, values, min: 0, max: 4, argmin: 0 }, label: "w²" }, {
 *   points: [{ x: 0, label: "minimum" }],
 *   tangents: [{ x: 1 }],
 * });
 * ok(fig.toSVG().includes("minimum") && fig.toString().includes("w²"));
 * ```
 *
 * @example A reference line
 * ```ts
 * import { ok } from "node:assert";
 * import { curvePlot } from "./curve.ts";
 * const xs = Float64Array.from({ length: 11 }, (_, i) => i);
 * const values = xs.map((x) => Math.exp(-x / 3));
 * const fig = curvePlot({ curve: { xs, values, min: values[10]!, max: 1, argmin: 10 } }, {
 *   references: [{ y: 0.5, label: "target" }],
 * });
 * ok(fig.toSVG().includes(">target</text>"));
 * ok(fig.toString().includes("reference lines: target at y = 0.5"));
 * ```
 *
 * @example A tangent where the curve has none is left out, and the figure says so
 * ```ts
 * import { ok } from "node:assert";
 * import { curvePlot } from "./curve.ts";
 * const xs = Float64Array.from({ length: 41 }, (_, i) => -2 + i / 10);
 * const values = xs.map(Math.sqrt); // NaN below 0
 * const fig = curvePlot({ curve: { xs, values, min: 0, max: Math.SQRT2, argmin: 20 } }, {
 *   tangents: [{ x: -1 }, { x: 1 }],
 * });
 * ok(fig.toString().includes("no tangent at x = -1: the loss or its slope is undefined there"));
 * ok(fig.toSVG().includes("No tangent at x = -1"));
 * ```
 */
export function curvePlot(
  curves: CurveInput | readonly CurveInput[],
  options: CurvePlotOptions = {},
): Figure {
  const {
    title = "",
    xLabel = "",
    yLabel = "",
    points = [],
    tangents = [],
    references = [],
    legend,
    logY = false,
    x: xRange = [-5, 5],
    n = 200,
    width = 640,
    height = 400,
  } = options;
  for (const [name, v] of [["width", width], ["height", height]] as const) {
    if (!Number.isFinite(v) || v < 100) {
      throw new RangeError(`Expected ${name} to be a number of at least 100 but found ${v}`);
    }
  }
  const inputs = (Array.isArray(curves) ? curves : [curves]) as readonly CurveInput[];
  if (inputs.length === 0) throw new TypeError("invalid curves: expected at least one curve");
  const series = inputs.map((c, k) => normalizeSeries(c, k, xRange, n, xLabel));

  const valueAt = (s: number, x: number) => interpolate(series[s]!.curve, x);
  const slopeAt = (s: number, x: number) => {
    const c = series[s]!.curve;
    // Two sample spacings: exact for a parabola sampled evenly.
    const h = 2 * (c.xs[c.xs.length - 1]! - c.xs[0]!) / (c.xs.length - 1);
    return (interpolate(c, x + h) - interpolate(c, x - h)) / (2 * h);
  };
  const xs0 = Math.min(...series.map((s) => s.curve.xs[0]!));
  const xs1 = Math.max(...series.map((s) => s.curve.xs[s.curve.xs.length - 1]!));
  const refs = checkReferences(references, logY);

  // Non-finite values (and non-positive ones on a log axis) become gaps in the line.
  const lineData = series.flatMap((s, k) =>
    Array.from(s.curve.xs, (x, i) => {
      const y = s.curve.values[i]!;
      return { x, y: Number.isFinite(y) && (!logY || y > 0) ? y : NaN, k };
    })
  );
  const marks: Plot.Markish[] = referenceMarks(refs);
  series.forEach((s, k) => {
    marks.push(
      Plot.line(lineData.filter((d) => d.k === k), {
        x: "x",
        y: "y",
        stroke: s.color,
        strokeWidth: 2,
        strokeDasharray: s.dashed ? "6,4" : undefined,
      }),
    );
  });

  const tangentSegments: { x: number; y: number; t: number }[] = [];
  const arrowData: { x1: number; y1: number; x2: number; y2: number }[] = [];
  const tangentDots: { x: number; y: number; label: string }[] = [];
  const missingTangents: { x: number; s: number }[] = [];
  const ownSlope = (s: number, x: number) => series[s]!.landscape?.gradient(x)[0] ?? slopeAt(s, x);
  tangents.forEach((t, m) => {
    const s = t.curve ?? 0;
    if (!Number.isInteger(s) || s < 0 || s >= series.length) {
      throw new RangeError(
        `Expected tangents[${m}].curve to be a curve index but found ${t.curve}`,
      );
    }
    finiteNumber(`tangents[${m}].x`, t.x);
    if (t.slope !== undefined) finiteNumber(`tangents[${m}].slope`, t.slope);
    const y = valueAt(s, t.x);
    const slope = t.slope ?? ownSlope(s, t.x);
    if (!Number.isFinite(y) || !Number.isFinite(slope)) {
      // A learner's loss such as sqrt(w) has no tangent at w = 0 or below. The
      // figure is drawn without it, and says so (and where to try) in its text.
      missingTangents.push({ x: t.x, s });
      return;
    }
    const reach = t.reach ?? (xs1 - xs0) / 8;
    tangentSegments.push({ x: t.x - reach, y: y - slope * reach, t: m });
    tangentSegments.push({ x: t.x + reach, y: y + slope * reach, t: m });
    // Downhill: gradient descent moves x against the slope.
    const dir = slope > 0 ? -1 : slope < 0 ? 1 : 0;
    if (dir !== 0) {
      const dx = dir * reach * 0.8;
      arrowData.push({ x1: t.x, y1: y, x2: t.x + dx, y2: y + slope * dx });
    }
    tangentDots.push({ x: t.x, y, label: t.label ?? `slope ${tickFormat([slope])(round(slope))}` });
  });
  if (tangentSegments.length > 0) {
    marks.push(
      Plot.line(tangentSegments, {
        x: "x",
        y: "y",
        z: "t",
        stroke: "#444",
        strokeWidth: 1.2,
        strokeDasharray: "4,3",
        clip: true,
      }),
      Plot.arrow(arrowData, {
        x1: "x1",
        y1: "y1",
        x2: "x2",
        y2: "y2",
        stroke: "#d62728",
        strokeWidth: 2,
        headLength: 10,
        clip: true,
      }),
      Plot.dot(tangentDots, { x: "x", y: "y", r: 3.5, fill: "#444" }),
      Plot.text(tangentDots, {
        x: "x",
        y: "y",
        text: "label",
        dy: -12,
        fill: "#444",
        stroke: "white",
        strokeWidth: 3,
        paintOrder: "stroke",
      }),
    );
  }
  const missingNotes = missingTangents.map(({ x, s }) => {
    const weight = series[s]!.landscape?.vars[0] ?? (xLabel || "x");
    const defined = (v: number) =>
      Number.isFinite(valueAt(s, v)) && Number.isFinite(ownSlope(s, v));
    const near = nearestWhere(x, series[s]!.curve, defined);
    return `no tangent at ${weight} = ${fmt(x)}: the loss or its slope is undefined there` +
      (near === undefined ? "" : `; try ${weight} = ${fmt(near)}`);
  });
  if (missingNotes.length > 0) {
    marks.push(
      Plot.text([missingNotes.map((t) => t[0]!.toUpperCase() + t.slice(1)).join("\n")], {
        text: (d: string) => d,
        frameAnchor: "top-left",
        textAnchor: "start",
        lineAnchor: "top",
        dx: 6,
        dy: 6,
        fill: REFERENCE_TEXT,
        stroke: "white",
        strokeWidth: 3,
        paintOrder: "stroke",
      }),
    );
  }

  const pointData = points.map((p, m) => {
    finiteNumber(`points[${m}].x`, p.x);
    const y = p.y ?? valueAt(0, p.x);
    return { x: p.x, y, label: p.label ?? "", color: p.color ?? "#000" };
  });
  if (pointData.length > 0) {
    marks.push(
      Plot.dot(pointData, {
        x: "x",
        y: "y",
        r: 5,
        fill: "white",
        stroke: (d: { color: string }) => d.color,
        strokeWidth: 2,
      }),
      Plot.text(pointData, {
        x: "x",
        y: "y",
        text: "label",
        dy: -14,
        fill: (d: { color: string }) => textColorOnWhite(d.color),
        stroke: "white",
        strokeWidth: 3,
        paintOrder: "stroke",
      }),
    );
  }

  const marginTop = title === "" ? 20 : 36;
  const chart = plot({
    width,
    height,
    marginTop,
    marginLeft: 56,
    marginBottom: 44,
    marginRight: 20,
    style: { fontFamily: FONT, fontSize: "10px", background: "white", color: "black" },
    x: { label: xLabel || null, labelAnchor: "center", labelArrow: "none", labelOffset: 36 },
    y: {
      label: yLabel || null,
      labelAnchor: "center",
      labelArrow: "none",
      labelOffset: 44,
      type: logY ? "log" : "linear",
      nice: true,
      grid: true,
      // On a log axis, label the decades only, in plain numbers (Plot's
      // default SI prefixes such as "100m" read badly next to losses).
      ...(logY ? decades([...lineData.map((d) => d.y), ...refs.flatMap((r) => r.y ?? [])]) : {}),
    },
    marks: [Plot.frame({ stroke: "#000", strokeWidth: 0.8 }), ...marks],
  });
  const labelled = series.filter((s) => s.label !== "");
  const showLegend = legend ?? labelled.length > 0;
  const legendSvg = showLegend
    ? legendBox(
      labelled.map((s) => ({ label: s.label, color: s.color, dashed: s.dashed })),
      width - 28,
      marginTop + 8,
    )
    : "";
  const names = series.map((s, k) => s.label || `curve ${k + 1}`);
  const description = `Line chart of ${names.join(", ")} against ${xLabel || "x"}` +
    ` from ${fmt(xs0)} to ${fmt(xs1)}` +
    series.map((s, k) => `; ${names[k]}: lowest ${fmt(s.curve.min)} at ${fmt(s.curve.argmin)}`)
      .join("") +
    (pointData.length > 0
      ? `; marked: ${
        pointData.map((p) => `${p.label || "point"} (${fmt(p.x)}, ${fmt(p.y)})`).join(", ")
      }`
      : "") +
    (tangentDots.length > 0
      ? `; tangents at ${tangentDots.map((t) => fmt(t.x)).join(", ")} with downhill arrows`
      : "") +
    (refs.length > 0
      ? `; reference lines: ${
        refs.map((r) =>
          `${r.label || "line"} at ${r.y !== undefined ? `y = ${fmt(r.y)}` : `x = ${fmt(r.x!)}`}`
        ).join(", ")
      }`
      : "") +
    missingNotes.map((t) => `; ${t}`).join("") +
    ".";
  const svg = decorate(compactSvg(chart.outerHTML), { title, description, extra: legendSvg });
  return svgFigure(svg, (title ? `${title}: ` : "") + description);
}

/** Grey, quiet, and dark enough to read on the chart's white background. */
const REFERENCE_LINE = "#8c8c8c";
const REFERENCE_TEXT = "#666";

/** The reference lines, checked: each has exactly one finite `x` or `y`. */
function checkReferences(
  references: readonly CurveReference[],
  logY: boolean,
): { x?: number; y?: number; label: string }[] {
  if (!Array.isArray(references)) {
    throw new TypeError(
      `Expected references to be an array such as [{ y: 0.69, label: "chance" }] but found ${
        String(references)
      }`,
    );
  }
  return references.map((r, m) => {
    const name = `references[${m}]`;
    if (typeof r !== "object" || r === null) {
      throw new TypeError(`Expected ${name} to be { y, label } or { x, label } but found ${r}`);
    }
    const hasX = r.x !== undefined, hasY = r.y !== undefined;
    if (hasX === hasY) {
      throw new TypeError(
        `Expected ${name} to have exactly one of x (a vertical line) and y (a horizontal line) ` +
          `but found ${hasX ? "both" : "neither"}`,
      );
    }
    if (r.label !== undefined && typeof r.label !== "string") {
      throw new TypeError(`Expected ${name}.label to be a string but found ${String(r.label)}`);
    }
    if (hasX) {
      finiteNumber(`${name}.x`, r.x);
      return { x: r.x, label: r.label ?? "" };
    }
    finiteNumber(`${name}.y`, r.y);
    if (logY && r.y! <= 0) {
      throw new RangeError(
        `Expected ${name}.y to be positive on a log y axis but found ${r.y}; ` +
          "drop logY or the line",
      );
    }
    return { y: r.y, label: r.label ?? "" };
  });
}

/** Thin dashed grey lines with grey labels on a white halo, beneath the curves. */
function referenceMarks(refs: { x?: number; y?: number; label: string }[]): Plot.Markish[] {
  const across = refs.filter((r) => r.y !== undefined);
  const upright = refs.filter((r) => r.x !== undefined);
  const line = { stroke: REFERENCE_LINE, strokeWidth: 1, strokeDasharray: "5,4" };
  const text = {
    fill: REFERENCE_TEXT,
    stroke: "white",
    strokeWidth: 3,
    paintOrder: "stroke",
  };
  const marks: Plot.Markish[] = [];
  if (across.length > 0) {
    marks.push(
      Plot.ruleY(across, { y: "y", ...line }),
      Plot.text(across.filter((r) => r.label !== ""), {
        y: "y",
        text: "label",
        frameAnchor: "right",
        textAnchor: "end",
        dx: -6,
        dy: -8,
        ...text,
      }),
    );
  }
  if (upright.length > 0) {
    marks.push(
      Plot.ruleX(upright, { x: "x", ...line }),
      Plot.text(upright.filter((r) => r.label !== ""), {
        x: "x",
        text: "label",
        frameAnchor: "top",
        textAnchor: "start",
        dx: 5,
        dy: 10,
        ...text,
      }),
    );
  }
  return marks;
}

function decades(values: number[]): { ticks: number[]; tickFormat: (v: number) => string } {
  const positive = values.filter((v) => v > 0);
  const lo = Math.min(...positive), hi = Math.max(...positive);
  const ticks = logTicks(10 ** Math.floor(Math.log10(lo)), 10 ** Math.ceil(Math.log10(hi)), 9);
  return { ticks, tickFormat: tickFormat(ticks) };
}

function round(x: number): number {
  return Number(x.toPrecision(3));
}

function fmt(x: number): string {
  return Number.isFinite(x) ? String(round(x)) : String(x);
}

/**
 * The point nearest to `x` within the curve's range where `ok` holds, on a
 * round step of about 1/20 of the range (0.1 over [-2, 2]); undefined when
 * there is none.
 */
function nearestWhere(x: number, c: Curve, ok: (x: number) => boolean): number | undefined {
  const lo = c.xs[0]!, hi = c.xs[c.xs.length - 1]!;
  const step = 10 ** Math.floor(Math.log10((hi - lo) / 20));
  // Start from x moved into the range, so that the search is at most the range long.
  const base = Math.round(Math.min(hi, Math.max(lo, x)) / step);
  const last = Math.ceil((hi - lo) / step) + 1;
  for (let k = 0; k <= last; k++) {
    for (const m of k === 0 ? [base] : [base + k, base - k]) {
      const v = Number((m * step).toPrecision(12));
      if (v !== x && v >= lo && v <= hi && ok(v)) return v;
    }
  }
  return undefined;
}

function finiteNumber(name: string, v: unknown): void {
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new RangeError(`Expected ${name} to be a finite number but found ${String(v)}`);
  }
}

interface Series {
  curve: Curve;
  label: string;
  color: string;
  dashed: boolean;
  landscape?: Landscape;
}

function isCurve(x: unknown): x is Curve {
  return typeof x === "object" && x !== null && "xs" in x && "values" in x;
}

function isLandscape(x: unknown): x is Landscape {
  return typeof x === "object" && x !== null && typeof (x as Landscape).curve === "function" &&
    typeof (x as Landscape).at === "function";
}

/**
 * Why a landscape of two weights cannot be a curve, and the likely fix: the
 * weight that is not the curve's (not the x label, not w or x) was meant as
 * a number, such as `a` in `w^2 + a`.
 */
function ordinal(n: number): string {
  const s = ["th", "st", "nd", "rd"], v = n % 100;
  return n + (s[(v - 20) % 10] ?? s[v] ?? s[0]!);
}

function notOneWeight(c: Landscape, k: number, xLabel: string): string {
  const vars = c.vars;
  const count = vars.length === 2 ? "two weights" : `${vars.length} weights`;
  const which = k === 0 ? "" : ` (the ${ordinal(k + 1)} curve)`;
  const head = `This loss has ${count} (${vars.join(", ")}) but a curve needs one${which}`;
  const twice = vars.length === 2 && vars[0]!.toLowerCase() === vars[1]!.toLowerCase();
  if (twice) {
    return `${head}: ${vars[0]} and ${vars[1]} look like one name typed two ways ` +
      `(names are case-sensitive); write both the same`;
  }
  const kept = [xLabel, "w", "x"].find((name) => vars.includes(name));
  if (vars.length !== 2 || kept === undefined) {
    return `${head}: write numbers in place of all weights but one, or draw two weights with contourPlot`;
  }
  const extra = vars.find((v) => v !== kept)!;
  const example = typeof c.expr === "string"
    ? `, such as landscape(${
      JSON.stringify(c.expr.replace(
        new RegExp(`(?<![\\w.])${extra.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\w(])`, "g"),
        "1",
      ))
    })`
    : "";
  return `${head}; did you mean a number instead of ${extra}${example}?`;
}

function normalizeSeries(
  c: CurveInput,
  k: number,
  x: [number, number],
  n: number,
  xLabel = "",
): Series {
  const color = CYCLE[k % CYCLE.length]!;
  if (isLandscape(c)) {
    if (c.dims !== 1) throw new TypeError(notOneWeight(c, k, xLabel));
    return {
      curve: checkCurve(c.curve({ x, n }), k),
      label: c.name ?? c.expr ?? "",
      color,
      dashed: false,
      landscape: c,
    };
  }
  if (isCurve(c)) return { curve: checkCurve(c, k), label: "", color, dashed: false };
  if (typeof c === "object" && c !== null && isCurve((c as CurveSeries).curve)) {
    const s = c as CurveSeries;
    return {
      curve: checkCurve(s.curve, k),
      label: s.label ?? "",
      color: s.color ?? color,
      dashed: s.dashed ?? false,
    };
  }
  throw new TypeError(`invalid curves[${k}]: expected a Curve, { curve, label } or a Landscape`);
}

function checkCurve(c: Curve, k: number): Curve {
  if (c.xs.length < 2 || c.xs.length !== c.values.length) {
    throw new RangeError(
      `Expected curves[${k}] to have at least 2 points and as many values as xs but found ` +
        `${c.xs.length} xs and ${c.values.length} values`,
    );
  }
  return c;
}

/** Linear interpolation of the curve at x (clamped to its ends). */
function interpolate(c: Curve, x: number): number {
  const xs = c.xs, n = xs.length;
  if (x <= xs[0]!) return c.values[0]!;
  if (x >= xs[n - 1]!) return c.values[n - 1]!;
  let lo = 0, hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! <= x) lo = mid;
    else hi = mid;
  }
  const f = (x - xs[lo]!) / (xs[hi]! - xs[lo]!);
  return c.values[lo]! * (1 - f) + c.values[hi]! * f;
}

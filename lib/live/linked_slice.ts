/**
 * `linkedSlice()`: a landscape's contour map with a straight slice line the
 * reader moves and turns, beside the loss along that line — in a notebook
 * and in the exported page, with no kernel.
 *
 * The page computes with the code Deno computes with: {@linkcode sliceSamples}
 * on the landscape's generated value function (`landscapeSource`), embedded
 * by source. So the loss along a slice in the page equals `l.at(...)` in
 * Deno exactly, number for number (the tests check it in Chromium).
 *
 * @module
 */

import type { Landscape } from "../core/types.ts";
import { landscapeSource } from "../landscape/mod.ts";
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
  px,
  toPixel,
} from "./_draw.ts";
import { composeSvg, PANEL_GAP } from "./_compose.ts";
import { checkTwoWeights, pairOf, rangeOf, withClass } from "./_options.ts";

/** Options of {@linkcode linkedSlice}. */
export interface LinkedSliceOptions {
  /** The first weight's range on the map; default `[-3, 3]`. */
  x?: [number, number];
  /** The second weight's range on the map; default `[-3, 3]`. */
  y?: [number, number];
  /** Where the slice's centre (t = 0) first is; default the map's centre. It must lie on the map. */
  centre?: [number, number];
  /** The slice's direction first shown, in degrees counter-clockwise from the first weight's axis; default 0. */
  angle?: number;
  /** How far the slice reaches either side of its centre; default a third of the map's smaller side. */
  radius?: number;
  /** Samples along the slice, from t = −radius to t = radius; default 201 (an odd number samples t = 0). */
  n?: number;
  /** A title over the map; default the landscape's name or expression. */
  title?: string;
  /** Colour the map on a log scale (for losses that span decades); default false. */
  logColor?: boolean;
  /** Contour levels; default 20. */
  levels?: number;
  /** Samples per side of the contour map; default 80. */
  resolution?: number;
}

/** What the page needs to redraw a slice, stored in the figure as JSON. */
interface SliceSetup {
  frame: MapFrame;
  chart: ChartLayout;
  vars: string[];
  n: number;
  radii: [number, number];
}

/**
 * The state a live slice keeps in its root's `data-state` attribute. In that
 * JSON a loss that is not finite (NaN, ±∞) is `null`, as `JSON.stringify`
 * writes it; in `linkedSlice(...).state` it is the number itself.
 */
export interface SliceState {
  /** The landscape's expression, when built from a string. */
  expr?: string;
  /** The weights' names. */
  vars: string[];
  /** The slice's centre, the point t = 0. */
  centre: [number, number];
  /** The slice's direction u = (cos θ, sin θ), θ in degrees counter-clockwise from the first weight's axis, in [0, 360). */
  angle: number;
  /** How far the slice reaches either side of its centre. */
  radius: number;
  /** The number of samples. */
  n: number;
  /** Where the samples are along the slice: n values of t from −radius to radius. */
  ts: number[];
  /** The loss at each sample, f(centre + t·u). */
  values: number[];
  /** The loss at the centre, f(centre). */
  centreValue: number;
  /** How many dips (local minima inside the slice, a flat bottom counting once) the sampled curve has. */
  dips: number;
  /** Whether the sampled curve looks convex: it never bends down (within rounding) and has at most one dip. */
  looksConvex: boolean;
}

/**
 * The loss along a slice: `n` samples of `value(centre + t·u)` for `t` from
 * `−radius` to `radius`, `u = (cos θ, sin θ)` with `θ = angle` degrees. The
 * samples are symmetric about `t = 0` (which is one of them when `n` is odd).
 * Portable: the page runs this very function.
 *
 * @param value The loss at `(x, y)`, e.g. `(x, y) => l.at(x, y)`.
 * @param centre The point at `t = 0`.
 * @param angle The direction in degrees, counter-clockwise from the first weight's axis.
 * @param radius How far the slice reaches either side of its centre.
 * @param n How many samples (at least 2).
 * @returns The `ts` and the loss at each.
 *
 * @example
 * ```ts
 * import { deepStrictEqual } from "node:assert";
 * import { sliceSamples } from "./linked_slice.ts";
 * const s = sliceSamples((x, y) => x * x + y * y, [1, 0], 90, 2, 5);
 * deepStrictEqual(s.ts, [-2, -1, 0, 1, 2]);
 * deepStrictEqual(s.values.map((v) => Math.round(v * 1e12) / 1e12), [5, 2, 1, 2, 5]);
 * ```
 */
export function sliceSamples(
  value: (x: number, y: number) => number,
  centre: readonly number[],
  angle: number,
  radius: number,
  n: number,
): { ts: number[]; values: number[] } {
  const theta = angle * Math.PI / 180;
  const ux = Math.cos(theta), uy = Math.sin(theta);
  const ts = [], values = [];
  for (let k = 0; k < n; k++) {
    // An integer numerator keeps t = 0 exact and t symmetric about it.
    const t = radius * (2 * k - (n - 1)) / (n - 1);
    ts.push(t);
    values.push(value(centre[0]! + t * ux, centre[1]! + t * uy));
  }
  return { ts, values };
}

/**
 * The shape of a sampled curve: how many dips it has (local minima inside
 * it; a flat bottom counts once, a change smaller than a billionth of the
 * curve's range is rounding, not a dip) and whether it looks convex (every
 * second difference of three finite neighbours is ≥ 0 within rounding, and
 * at most one dip). Non-finite samples are holes; each finite stretch is
 * judged on its own. Portable.
 *
 * @example
 * ```ts
 * import { deepStrictEqual } from "node:assert";
 * import { sliceShape } from "./linked_slice.ts";
 * deepStrictEqual(sliceShape([4, 1, 0, 1, 4]), { dips: 1, looksConvex: true });
 * deepStrictEqual(sliceShape([3, 1, 2, 1, 3]), { dips: 2, looksConvex: false });
 * deepStrictEqual(sliceShape([0, 1, 1.5, 1.6]), { dips: 0, looksConvex: false });
 * ```
 */
export function sliceShape(values: readonly number[]): { dips: number; looksConvex: boolean } {
  let lo = Infinity, hi = -Infinity, big = 0;
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    if (!Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
    big = Math.max(big, Math.abs(v));
  }
  const tol = hi > lo ? (hi - lo) * 1e-9 : 0;
  const bend = big * 1e-9;
  let dips = 0, convex = true;
  // Direction of travel (−1 down, 1 up, 0 not yet known) and the extreme
  // value reached in it; a turn counts once the curve moves tol past it.
  let dir = 0, ext = NaN, first = NaN;
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    if (!Number.isFinite(v)) {
      dir = 0;
      first = NaN;
      continue;
    }
    if (k >= 2) {
      const a = values[k - 2]!, b = values[k - 1]!;
      if (Number.isFinite(a) && Number.isFinite(b) && a - 2 * b + v < -bend) convex = false;
    }
    if (Number.isNaN(first)) {
      first = v;
      continue;
    }
    if (dir === 0) {
      if (v - first > tol) {
        dir = 1;
        ext = v;
      } else if (first - v > tol) {
        dir = -1;
        ext = v;
      }
    } else if (dir === -1) {
      if (v < ext) ext = v;
      else if (v - ext > tol) {
        dips++;
        dir = 1;
        ext = v;
      }
    } else {
      if (v > ext) ext = v;
      else if (ext - v > tol) {
        dir = -1;
        ext = v;
      }
    }
  }
  return { dips, looksConvex: convex && dips <= 1 };
}

/**
 * What the shape of a slice says, as a short hint for the chart: "2 dips:
 * not convex", "bends down: not convex" or "looks convex". Portable.
 *
 * @example
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { sliceHint } from "./linked_slice.ts";
 * strictEqual(sliceHint({ dips: 2, looksConvex: false }), "2 dips: not convex");
 * ```
 */
export function sliceHint(shape: { dips: number; looksConvex: boolean }): string {
  if (shape.dips >= 2) return shape.dips + " dips: not convex";
  return shape.looksConvex ? "looks convex" : "bends down: not convex";
}

/**
 * The text alternative of a slice's state: where it is, the range of the
 * loss along it, where it is lowest, and its shape. Portable.
 *
 * @example
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { describeSlice } from "./linked_slice.ts";
 * strictEqual(
 *   describeSlice({
 *     vars: ["x", "y"], centre: [1, 0], angle: 30, radius: 1, n: 3, ts: [-1, 0, 1],
 *     values: [2, 1, 3], centreValue: 1, dips: 1, looksConvex: true,
 *   }),
 *   "Slice through (x, y) = (1, 0) at 30°, t from −1 to 1: the loss along it ranges " +
 *     "from 1 to 3, lowest at t = 0; this slice looks convex.",
 * );
 * ```
 */
export function describeSlice(s: SliceState): string {
  let text = "Slice through (" + s.vars.join(", ") + ") = (" + fmt(s.centre[0]) + ", " +
    fmt(s.centre[1]) + ") at " + fmt(s.angle) + "°, t from " + fmt(-s.radius) + " to " +
    fmt(s.radius) + ": ";
  let lo = Infinity, hi = -Infinity, at = 0, holes = 0;
  for (let k = 0; k < s.values.length; k++) {
    const v = s.values[k]!;
    // In the page's JSON a non-finite loss is null.
    if (typeof v !== "number" || !Number.isFinite(v)) {
      holes++;
      continue;
    }
    if (v < lo) {
      lo = v;
      at = s.ts[k]!;
    }
    if (v > hi) hi = v;
  }
  if (holes === s.values.length) return text + "the loss is not finite anywhere along it.";
  text += "the loss along it ranges from " + fmt(lo) + " to " + fmt(hi) + ", lowest at t = " +
    fmt(at);
  if (holes > 0) text += " (it is not finite at " + holes + " of " + s.values.length + " points)";
  if (s.looksConvex) return text + "; this slice looks convex.";
  return text + "; this slice " +
    (s.dips >= 2
      ? "has " + s.dips + " dips"
      : s.dips === 1
      ? "has one dip but bends down"
      : "bends down") +
    ", so it is not convex.";
}

/**
 * Where the handle that turns a slice is drawn on the map, in pixels: at
 * t = radius, or where the line leaves the map (less a margin) when that
 * end is off it, so the handle can always be grabbed. Portable.
 */
export function handlePixel(frame: MapFrame, s: SliceState): [number, number] {
  const theta = s.angle * Math.PI / 180;
  const c = toPixel(frame, s.centre[0], s.centre[1]);
  const b = toPixel(
    frame,
    s.centre[0] + s.radius * Math.cos(theta),
    s.centre[1] + s.radius * Math.sin(theta),
  );
  const dx = b[0] - c[0], dy = b[1] - c[1];
  const m = 8;
  let k = 1;
  if (dx > 0) k = Math.min(k, (frame.left + frame.width - m - c[0]) / dx);
  if (dx < 0) k = Math.min(k, (frame.left + m - c[0]) / dx);
  if (dy > 0) k = Math.min(k, (frame.top + frame.height - m - c[1]) / dy);
  if (dy < 0) k = Math.min(k, (frame.top + m - c[1]) / dy);
  k = Math.max(0, k);
  return [c[0] + k * dx, c[1] + k * dy];
}

/**
 * The two drawings of a state: the slice on the map (markup for the map's
 * overlay group: the line, its centre t = 0 and the arrow that turns it,
 * see {@linkcode handlePixel}) and the loss along it (the chart panel's content).
 * Portable.
 */
export function sliceFrames(setup: SliceSetup, s: SliceState): { line: string; chart: string } {
  const f = setup.frame;
  const theta = s.angle * Math.PI / 180;
  const ux = Math.cos(theta), uy = Math.sin(theta);
  const clamp = (v: number) => Math.max(-1e4, Math.min(1e4, v));
  const a = toPixel(f, s.centre[0] - s.radius * ux, s.centre[1] - s.radius * uy);
  const b = toPixel(f, s.centre[0] + s.radius * ux, s.centre[1] + s.radius * uy);
  const c = toPixel(f, s.centre[0], s.centre[1]);
  const ax = px(clamp(a[0])), ay = px(clamp(a[1])), bx = px(clamp(b[0])), by = px(clamp(b[1]));
  // The handle: an arrowhead pointing along +t on the screen.
  const h = handlePixel(f, s);
  const dx = b[0] - c[0], dy = b[1] - c[1];
  const len = Math.sqrt(dx * dx + dy * dy) || 1;
  const ex = dx / len, ey = dy / len;
  const tip = [h[0] + ex * 7, h[1] + ey * 7];
  const head = px(tip[0]!) + "," + px(tip[1]!) + " " +
    px(tip[0]! - ex * 13 - ey * 7) + "," + px(tip[1]! - ey * 13 + ex * 7) + " " +
    px(tip[0]! - ex * 13 + ey * 7) + "," + px(tip[1]! - ey * 13 - ex * 7);
  const color = "#d62728";
  const line = `<svg x="${px(f.left)}" y="${px(f.top)}" width="${px(f.width)}" ` +
    `height="${px(f.height)}" viewBox="${px(f.left)} ${px(f.top)} ${px(f.width)} ` +
    `${px(f.height)}" overflow="hidden">` +
    `<line x1="${ax}" y1="${ay}" x2="${bx}" y2="${by}" stroke="#fff" stroke-width="5" ` +
    `stroke-opacity="0.8"/><line x1="${ax}" y1="${ay}" x2="${bx}" y2="${by}" ` +
    `stroke="${color}" stroke-width="2.5"/>` +
    `<polygon class="ll-slice-handle" points="${head}" fill="${color}" stroke="#fff" ` +
    `stroke-width="1.5" stroke-linejoin="round"/>` +
    `<circle class="ll-slice-centre" cx="${px(c[0])}" cy="${px(c[1])}" r="6" fill="#fff" ` +
    `stroke="${color}" stroke-width="3"/></svg>`;
  const shape = { dips: s.dips, looksConvex: s.looksConvex };
  const lay = setup.chart;
  const chart = chartMarkup(lay, s.ts, s.values, {
    title: "loss along the slice",
    xLabel: "t (distance from the centre along the line)",
    yLabel: "loss",
    color,
    xDomain: [-s.radius, s.radius],
    extra: (sx, sy) => {
      const X = px(sx(0));
      let out = `<line x1="${X}" x2="${X}" y1="${lay.top}" y2="${lay.top + lay.frameHeight}" ` +
        `stroke="#000" stroke-opacity="0.45" stroke-dasharray="4 3"/>`;
      const v = s.centreValue;
      if (typeof v === "number" && Number.isFinite(v)) {
        out += `<circle cx="${X}" cy="${px(clamp(sy(v)))}" r="5" fill="#fff" stroke="${color}" ` +
          `stroke-width="2.5"/>`;
      }
      let finite = false;
      for (let k = 0; k < s.values.length; k++) {
        if (typeof s.values[k] === "number" && Number.isFinite(s.values[k]!)) finite = true;
      }
      if (finite) {
        out += `<text x="${px(lay.left + lay.frameWidth / 2)}" y="${px(lay.top + 16)}" ` +
          `text-anchor="middle" font-size="11" font-weight="bold" fill="${
            s.looksConvex ? "#14591d" : "#a50000"
          }" stroke="#fff" stroke-width="3" paint-order="stroke">${esc(sliceHint(shape))}</text>`;
      }
      return out;
    },
  });
  return { line, chart };
}

/** The slice's state from its settings, computed with `value`. Portable. */
export function sliceState(
  value: (x: number, y: number) => number,
  expr: string | undefined,
  vars: string[],
  centre: [number, number],
  angle: number,
  radius: number,
  n: number,
): SliceState {
  const samples = sliceSamples(value, centre, angle, radius, n);
  const shape = sliceShape(samples.values);
  const s: Record<string, unknown> = {};
  if (expr !== undefined) s.expr = expr;
  s.vars = vars;
  s.centre = centre;
  s.angle = angle;
  s.radius = radius;
  s.n = n;
  s.ts = samples.ts;
  s.values = samples.values;
  s.centreValue = value(centre[0], centre[1]);
  s.dips = shape.dips;
  s.looksConvex = shape.looksConvex;
  return s as unknown as SliceState;
}

/**
 * Starts the slices in `roots`: builds the controls (angle and radius
 * sliders), the pointer and keyboard handling on the map, and on every
 * change recomputes the slice with `value` and redraws. Portable: embedded
 * in the page by source.
 */
export function bootSlices(
  roots: HTMLElement[],
  value: (x: number, y: number) => number,
): void {
  for (let r = 0; r < roots.length; r++) {
    const root = roots[r]!;
    const data = root.querySelector("script.ll-live-data");
    const overlay = root.querySelector("g.ll-slice");
    const chart = root.querySelector("svg.ll-chart");
    const map = root.querySelector("svg.ll-map");
    const status = root.querySelector(".ll-live-status");
    if (!data || !overlay || !chart || !map || !status) continue;
    let setup: SliceSetup, state: SliceState;
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
    const field = (label: string, input: HTMLElement, out: HTMLElement) => {
      input.id = uid + "-" + label.replace(/\W+/g, "");
      const wrap = make("span", { style: "display:inline-flex;gap:6px;align-items:center" });
      wrap.appendChild(make("label", { for: input.id }, label));
      wrap.appendChild(input);
      wrap.appendChild(out);
      controls.appendChild(wrap);
    };
    const angleInput = make("input", {
      type: "range",
      min: "0",
      max: "359",
      step: "1",
      "data-control": "angle",
    }) as HTMLInputElement;
    const angleOut = make("output", { style: "min-width:3em" });
    field("angle", angleInput, angleOut);
    const lo = setup.radii[0], hi = setup.radii[1];
    const radiusInput = make("input", {
      type: "range",
      min: String(lo),
      max: String(hi),
      step: String((hi - lo) / 500),
      "data-control": "radius",
    }) as HTMLInputElement;
    const radiusOut = make("output", { style: "min-width:3.5em" });
    field("radius", radiusInput, radiusOut);
    controls.appendChild(make(
      "span",
      { style: "opacity:0.85" },
      "Drag on the map to move the slice and its arrow to turn it; on the map, arrow keys " +
        "move it and [ ] turn it (Shift: bigger steps).",
    ));
    root.insertBefore(controls, status);
    const syncControls = () => {
      angleInput.value = String(state.angle);
      angleOut.textContent = fmt(state.angle) + "°";
      radiusInput.value = String(state.radius);
      radiusOut.textContent = fmt(state.radius);
    };
    syncControls();

    mapSvg.setAttribute("tabindex", "0");
    mapSvg.setAttribute("role", "application");
    mapSvg.setAttribute(
      "aria-label",
      "Contour map with the slice line. Arrow keys move its centre, [ and ] turn it by 5 " +
        "degrees; hold Shift for bigger steps.",
    );
    mapSvg.style.cursor = "crosshair";
    mapSvg.style.touchAction = "none";
    mapSvg.style.outline = "none";
    const ring = keyboardRing(mapSvg, (on) => {
      mapSvg.style.outline = on ? "2px solid #1a73e8" : "none";
    });

    const render = () => {
      state = sliceState(
        value,
        state.expr,
        setup.vars,
        state.centre,
        state.angle,
        state.radius,
        setup.n,
      );
      const frames = sliceFrames(setup, state);
      overlay.innerHTML = frames.line;
      chart.innerHTML = frames.chart;
      status.textContent = describeSlice(state);
      syncControls();
      root.setAttribute("data-state", JSON.stringify(state));
    };
    const turnTo = (degrees: number) => {
      state.angle = ((degrees % 360) + 360) % 360;
    };
    angleInput.addEventListener("input", () => {
      turnTo(Number(angleInput.value));
      render();
    });
    // Radii on the slider are rounded to three significant digits, so the
    // state holds a number a reader can type back into linkedSlice().
    radiusInput.addEventListener("input", () => {
      state.radius = Number(Number(radiusInput.value).toPrecision(3));
      render();
    });

    const f = setup.frame;
    // A centre picked with the pointer or keys is rounded to a thousandth
    // of the map, so the state shows short numbers.
    const round = (v: number, span: number) => {
      const unit = Math.pow(10, Math.floor(Math.log10(span / 1000)));
      return Number((Math.round(v / unit) * unit).toPrecision(12));
    };
    const moveTo = (w: number[]) => {
      state.centre = [
        round(Math.min(f.x[1], Math.max(f.x[0], w[0]!)), f.x[1] - f.x[0]),
        round(Math.min(f.y[1], Math.max(f.y[0], w[1]!)), f.y[1] - f.y[0]),
      ];
    };
    const svgPoint = (e: PointerEvent) => {
      const m = mapSvg.getScreenCTM();
      return m ? new DOMPoint(e.clientX, e.clientY).matrixTransform(m.inverse()) : null;
    };
    // The handle turns the line: the angle from the centre to the pointer,
    // in weight space, rounded to a degree.
    const turnToward = (pt: DOMPoint) => {
      const w = fromPixel(f, pt.x, pt.y);
      const dx = w[0] - state.centre[0], dy = w[1] - state.centre[1];
      if (dx === 0 && dy === 0) return;
      turnTo(Math.round(Math.atan2(dy, dx) * 180 / Math.PI));
    };
    let dragging = -1, turning = false, pending = false;
    const apply = (pt: DOMPoint) => {
      if (turning) turnToward(pt);
      else moveTo(fromPixel(f, pt.x, pt.y));
    };
    mapSvg.addEventListener("pointerdown", (e: PointerEvent) => {
      if (e.button !== 0) return;
      const pt = svgPoint(e);
      if (!pt) return;
      const h = handlePixel(f, state);
      const inside = pt.x >= f.left && pt.x <= f.left + f.width && pt.y >= f.top &&
        pt.y <= f.top + f.height;
      turning = inside && Math.hypot(pt.x - h[0], pt.y - h[1]) <= 14;
      if (!inside) return;
      ring.pointer();
      dragging = e.pointerId;
      mapSvg.setPointerCapture(e.pointerId);
      e.preventDefault();
      apply(pt);
      render();
    });
    mapSvg.addEventListener("pointermove", (e: PointerEvent) => {
      if (e.pointerId !== dragging || pending) return;
      const pt = svgPoint(e);
      if (!pt) return;
      apply(pt);
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
      const c = state.centre;
      const turn = e.shiftKey ? 15 : 5;
      if (e.key === "ArrowLeft") moveTo([c[0] - dx, c[1]]);
      else if (e.key === "ArrowRight") moveTo([c[0] + dx, c[1]]);
      else if (e.key === "ArrowUp") moveTo([c[0], c[1] + dy]);
      else if (e.key === "ArrowDown") moveTo([c[0], c[1] - dy]);
      else if (e.key === "[" || e.key === "{") turnTo(state.angle + turn);
      else if (e.key === "]" || e.key === "}") turnTo(state.angle - turn);
      else return;
      ring.key();
      e.preventDefault();
      render();
    });
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
  chartMarkup,
  sliceSamples,
  sliceShape,
  sliceHint,
  describeSlice,
  handlePixel,
  sliceFrames,
  sliceState,
  bootSlices,
];

/**
 * A live figure for looking at a landscape of two weights one straight line
 * at a time: its contour map with a slice line, beside the loss along that
 * line, `f(centre + t·u)` for `t` from `−radius` to `radius`, where
 * `u = (cos θ, sin θ)`. The slice's centre (t = 0) is marked on both
 * panels. The reader drags on the map to move the line, drags the arrow at
 * its end to turn it, or focuses the map and uses the arrow keys (move) and
 * `[` / `]` (turn; Shift for bigger steps); sliders set the angle and the
 * radius. The chart says whether the slice looks convex — "this slice has 2
 * dips: not convex" — so a reader can find slices that look convex through
 * a surface that is not.
 *
 * The figure's first frame, drawn by Deno, is what every viewer shows,
 * including those that run no scripts. Where scripts run, the page computes
 * each slice with {@linkcode sliceSamples} on the landscape's generated value
 * function, so every value equals `l.at(...)` in Deno exactly. The current
 * state is JSON in the root's `data-state` attribute (see
 * {@linkcode SliceState}), and a status line under the figure says where the
 * slice is, the range of the loss along it, where it is lowest and whether
 * it looks convex.
 *
 * A landscape given as a TypeScript function cannot run in the page: the
 * figure then shows the first frame only, and its status line says to give
 * the loss as a string to move the slice.
 *
 * @param l A landscape of two weights.
 * @param options The map's ranges, the slice first shown (centre, angle, radius, samples), the title and colouring.
 * @returns The figure, with its first `state`; `await show(...)` it.
 * @throws {TypeError | RangeError} For a landscape of one weight, or bad options.
 *
 * @example The loss along the slice is l.at() along the line
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { landscape } from "../landscape/mod.ts";
 * import { linkedSlice } from "./linked_slice.ts";
 *
 * const camel = landscape("2*x^2 - 1.05*x^4 + x^6/6 + x*y + y^2");
 * const fig = linkedSlice(camel, { x: [-2, 2], y: [-2, 2], angle: 0, radius: 2, n: 41 });
 * strictEqual(fig.state.values[40], camel.at(2, 0));
 * strictEqual(fig.state.dips, 3);
 * strictEqual(fig.state.looksConvex, false);
 * ```
 */
export function linkedSlice(
  l: Landscape,
  options: LinkedSliceOptions = {},
): Figure & { state: SliceState } {
  checkTwoWeights(l, "linkedSlice", "for one weight draw it with curvePlot");
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`Expected options { x, y, centre, angle, radius, … } but found ${options}`);
  }
  const x = rangeOf("x", options.x, [-3, 3]);
  const y = rangeOf("y", options.y, [-3, 3]);
  const centre = pairOf("centre", options.centre, [(x[0] + x[1]) / 2, (y[0] + y[1]) / 2]);
  if (centre[0] < x[0] || centre[0] > x[1] || centre[1] < y[0] || centre[1] > y[1]) {
    throw new RangeError(
      `Expected centre [${centre}] to lie on the map x: [${x}], y: [${y}]; move it or widen the ranges`,
    );
  }
  const angle = options.angle ?? 0;
  if (typeof angle !== "number" || !Number.isFinite(angle)) {
    throw new TypeError(`Expected angle to be a finite number of degrees but found ${angle}`);
  }
  const smaller = Math.min(x[1] - x[0], y[1] - y[0]);
  const radius = options.radius ?? Number((smaller / 3).toPrecision(3));
  if (typeof radius !== "number" || !(radius > 0) || !Number.isFinite(radius)) {
    throw new RangeError(`Expected radius to be a positive finite number but found ${radius}`);
  }
  const n = options.n ?? 201;
  if (!Number.isInteger(n) || n < 3 || n > 10001) {
    throw new RangeError(`Expected n to be an integer from 3 to 10001 samples but found ${n}`);
  }
  const levels = options.levels ?? 20;
  const resolution = options.resolution ?? 80;
  const title = options.title ?? l.name ?? l.expr ?? "the loss";
  if (typeof title !== "string") {
    throw new TypeError(`Expected title to be a string but found ${String(title)}`);
  }

  const grid = l.grid({ x, y, n: resolution });
  const map = contourPlot(grid, {
    title,
    xLabel: l.vars[0],
    yLabel: l.vars[1],
    width: 430,
    logColor: options.logColor ?? false,
    levels,
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
  const larger = Math.max(x[1] - x[0], y[1] - y[0]);
  const setup: SliceSetup = {
    frame: map.frame,
    chart,
    vars: [...l.vars],
    n,
    radii: [Math.min(radius, Number((smaller / 50).toPrecision(3))), Math.max(radius, larger)],
  };
  const state = sliceState(
    (a, b) => l.at(a, b),
    l.expr,
    [...l.vars],
    centre,
    ((angle % 360) + 360) % 360,
    radius,
    n,
  );
  const frames = sliceFrames(setup, state);
  const svg = composeSvg(
    withClass(map.toSVG(), "ll-map").replace(
      /<\/svg>$/,
      `<g class="ll-slice">${frames.line}</g></svg>`,
    ),
    `<svg class="ll-chart" x="${map.frame.size[0] + PANEL_GAP}" y="0" width="${chart.width}" ` +
      `height="${chart.height}">${frames.chart}</svg>`,
    map.frame.size[0] + PANEL_GAP + chart.width,
    height,
  );
  const description = describeSlice(state);
  const source = landscapeSource(l);
  const note = source === undefined
    ? " This loss is a TypeScript function, which the page cannot run: to move the slice here, " +
      'give it as a string, e.g. landscape("x^2 + 10*y^2").'
    : "";
  const script = source === undefined ? "" : [
    source.helpers,
    `const value = (function () {\n${source.value}\n})();`,
    PORTABLE.map((f) => f.toString()).join("\n"),
    "bootSlices(roots, value);",
  ].join("\n");
  const figure = pageFigure({
    svg,
    text: `Linked slice of ${title}: ${description}`,
    kind: "ll-slice-figure",
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

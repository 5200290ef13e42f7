/**
 * Drawing shared by the live figures, in Deno (their first frame) and in the
 * page (every frame after): small portable functions — no imports at run
 * time, no outside names but `Math`, `Number`, `String` and each other — so
 * the page runs exactly this code, embedded by source.
 *
 * @module
 */

import type { MapFrame } from "../plot/mod.ts";

/** Where a panel's plotting area sits in its own SVG (pixels). */
export interface ChartLayout {
  /** Width of the panel's SVG. */
  width: number;
  /** Height of the panel's SVG. */
  height: number;
  /** Left edge of the plotting area. */
  left: number;
  /** Top edge of the plotting area. */
  top: number;
  /** Width of the plotting area. */
  frameWidth: number;
  /** Height of the plotting area. */
  frameHeight: number;
}

/**
 * A number for reading: four significant digits, exponent form when very
 * large or small, a true minus sign.
 *
 * @example
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { fmt } from "./_draw.ts";
 * strictEqual(fmt(-0.123456), "−0.1235");
 * strictEqual(fmt(2e-7), "2e−7");
 * strictEqual(fmt(3), "3");
 * ```
 */
export function fmt(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? "NaN" : v > 0 ? "∞" : "−∞";
  if (v === 0) return "0";
  const a = Math.abs(v);
  let s;
  if (a >= 1e5 || a < 1e-3) {
    s = v.toExponential(2).replace(/\.?0+e/, "e").replace("e+", "e");
  } else s = String(Number(v.toPrecision(4)));
  return s.replace(/-/g, "−");
}

/** Text made safe inside SVG or HTML markup. */
export function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(
    /"/g,
    "&quot;",
  );
}

/**
 * About `count` round tick values covering `[lo, hi]` (1, 2 or 5 times a
 * power of ten apart).
 *
 * @example
 * ```ts
 * import { deepStrictEqual } from "node:assert";
 * import { niceTicks } from "./_draw.ts";
 * deepStrictEqual(niceTicks(0, 10, 5), [0, 2, 4, 6, 8, 10]);
 * ```
 */
export function niceTicks(lo: number, hi: number, count: number): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / Math.max(1, count);
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  const r = raw / p;
  const step = (r < 1.5 ? 1 : r < 3.5 ? 2 : r < 7.5 ? 5 : 10) * p;
  const out = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) {
    out.push(Number((k * step).toPrecision(12)));
  }
  return out;
}

/** The pixel of weight `(x, y)` on a contour map's frame. */
export function toPixel(frame: MapFrame, x: number, y: number): [number, number] {
  return [
    frame.left + (x - frame.x[0]) / (frame.x[1] - frame.x[0]) * frame.width,
    frame.top + (frame.y[1] - y) / (frame.y[1] - frame.y[0]) * frame.height,
  ];
}

/** The weight `(x, y)` at a pixel of a contour map's frame. */
export function fromPixel(frame: MapFrame, px: number, py: number): [number, number] {
  return [
    frame.x[0] + (px - frame.left) / frame.width * (frame.x[1] - frame.x[0]),
    frame.y[1] - (py - frame.top) / frame.height * (frame.y[1] - frame.y[0]),
  ];
}

/** A pixel coordinate, rounded to a tenth, as SVG text. */
export function px(v: number): string {
  return String(Math.round(v * 10) / 10);
}

/**
 * SVG path data through pixel points, compact: the first point absolute,
 * each next one relative (`l`), all to a tenth of a pixel, with leading
 * zeros dropped; one `l` per point, so a path of n points has n − 1.
 * Points are clamped to ±10⁴ pixels so the data stays finite and short.
 *
 * @example
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { pathData } from "./_draw.ts";
 * strictEqual(pathData([[10, 20], [10.34, 19.5], [12, 19.5]]), "M10,20l.3,-.5l1.7,0");
 * ```
 */
export function pathData(points: readonly (readonly number[])[]): string {
  const short = (tenths: number) => String(tenths / 10).replace(/^(-?)0\./, "$1.");
  let out = "";
  let px0 = 0, py0 = 0;
  for (let k = 0; k < points.length; k++) {
    const x = Math.round(Math.max(-1e4, Math.min(1e4, points[k]![0]!)) * 10);
    const y = Math.round(Math.max(-1e4, Math.min(1e4, points[k]![1]!)) * 10);
    out += k === 0 ? "M" + short(x) + "," + short(y) : "l" + short(x - px0) + "," + short(y - py0);
    px0 = x;
    py0 = y;
  }
  return out;
}

/**
 * A path of weights drawn over a contour map's frame: a white halo and a
 * coloured line, small dots at the steps, an open circle at the start and a
 * filled one at the end (a cross when the run diverged). Clipped to the
 * frame, so a path that leaves the map is cut at its edge, not drawn across
 * the axes.
 */
export function pathMarkup(
  frame: MapFrame,
  points: readonly (readonly number[])[],
  color: string,
  diverged: boolean,
): string {
  if (points.length === 0) return "";
  const pixels = [];
  const xy = [];
  for (let k = 0; k < points.length; k++) {
    const p = toPixel(frame, points[k]![0]!, points[k]![1]!);
    pixels.push(p);
    // Far outside the map, pixels are clamped so the markup stays finite and small.
    xy.push(
      px(Math.max(-1e4, Math.min(1e4, p[0]))) + "," + px(Math.max(-1e4, Math.min(1e4, p[1]))),
    );
  }
  const line = pathData(pixels);
  let dots = "";
  if (points.length <= 120) {
    for (let k = 1; k < xy.length - 1; k++) {
      const c = xy[k]!.split(",");
      dots += `<circle cx="${c[0]}" cy="${c[1]}" r="1.8" fill="${color}"/>`;
    }
  }
  const s = xy[0]!.split(",");
  const e = xy[xy.length - 1]!.split(",");
  const end = diverged
    ? `<path d="M${px(+e[0]! - 5)},${px(+e[1]! - 5)}l10,10m0,-10l-10,10" stroke="#fff" ` +
      `stroke-width="5"/><path d="M${px(+e[0]! - 5)},${px(+e[1]! - 5)}l10,10m0,-10l-10,10" ` +
      `stroke="${color}" stroke-width="2.5"/>`
    : `<circle cx="${e[0]}" cy="${
      e[1]
    }" r="4.5" fill="${color}" stroke="#fff" stroke-width="1.5"/>`;
  return `<svg x="${px(frame.left)}" y="${px(frame.top)}" width="${px(frame.width)}" ` +
    `height="${px(frame.height)}" viewBox="${px(frame.left)} ${px(frame.top)} ` +
    `${px(frame.width)} ${px(frame.height)}" overflow="hidden">` +
    `<path class="ll-halo" d="${line}" fill="none" stroke="#fff" stroke-width="4" ` +
    `stroke-opacity="0.7" stroke-linejoin="round"/>` +
    `<path class="ll-line" d="${line}" fill="none" stroke="${color}" stroke-width="2" ` +
    `stroke-linejoin="round"/>${dots}${end}` +
    `<circle cx="${s[0]}" cy="${s[1]}" r="5" fill="#fff" stroke="${color}" stroke-width="2.5"/>` +
    `</svg>`;
}

/**
 * A small line chart of `ys` against `xs` with axes, ticks, a title and
 * axis labels: black on white, like the other figures. The y axis is
 * logarithmic when every value is positive and they span more than three
 * decades. Non-finite values are left out (a hole, not a drop to zero).
 * `marks` are extra markup drawn on top (in the chart's own pixels, through
 * the returned scale functions, so callers draw them after a first call).
 */
export function chartMarkup(
  layout: ChartLayout,
  xs: readonly number[],
  ys: readonly number[],
  options: {
    title: string;
    xLabel: string;
    yLabel: string;
    color: string;
    xDomain?: [number, number];
    yDomain?: [number, number];
    extra?: (sx: (x: number) => number, sy: (y: number) => number) => string;
  },
): string {
  const { left, top, frameWidth: w, frameHeight: h } = layout;
  let x0 = options.xDomain ? options.xDomain[0] : Infinity;
  let x1 = options.xDomain ? options.xDomain[1] : -Infinity;
  let y0 = Infinity, y1 = -Infinity;
  for (let k = 0; k < xs.length; k++) {
    if (!options.xDomain && Number.isFinite(xs[k]!)) {
      x0 = Math.min(x0, xs[k]!);
      x1 = Math.max(x1, xs[k]!);
    }
    if (Number.isFinite(ys[k]!)) {
      y0 = Math.min(y0, ys[k]!);
      y1 = Math.max(y1, ys[k]!);
    }
  }
  if (options.yDomain) {
    y0 = options.yDomain[0];
    y1 = options.yDomain[1];
  }
  if (!(x1 > x0)) {
    x0 = Number.isFinite(x0) ? x0 - 1 : 0;
    x1 = x0 + 2;
  }
  if (!(y1 >= y0)) {
    y0 = 0;
    y1 = 1;
  }
  const log = y0 > 0 && y1 / y0 > 1000;
  if (!log) {
    const pad = y1 > y0 ? (y1 - y0) * 0.05 : Math.abs(y0) * 0.05 || 1;
    y0 -= pad;
    y1 += pad;
  }
  const ty = (v: number) => (log ? Math.log10(v) : v);
  const ly0 = log ? Math.floor(Math.log10(y0)) : y0;
  const ly1 = log ? Math.ceil(Math.log10(y1)) : y1;
  const sx = (x: number) => left + (x - x0) / (x1 - x0) * w;
  const sy = (y: number) => top + (1 - (ty(y) - ly0) / (ly1 - ly0)) * h;
  let out = `<rect x="0" y="0" width="${layout.width}" height="${layout.height}" fill="#fff"/>`;
  out += `<text x="${px(left + w / 2)}" y="20" font-size="12" text-anchor="middle" ` +
    `fill="#000">${esc(options.title)}</text>`;
  const xt = niceTicks(x0, x1, 5);
  for (let k = 0; k < xt.length; k++) {
    const X = px(sx(xt[k]!));
    out += `<line x1="${X}" x2="${X}" y1="${top}" y2="${top + h}" stroke="#000" ` +
      `stroke-opacity="0.08"/><line x1="${X}" x2="${X}" y1="${top + h}" y2="${top + h + 4}" ` +
      `stroke="#000"/><text x="${X}" y="${top + h + 15}" text-anchor="middle" font-size="10" ` +
      `fill="#000">${fmt(xt[k]!)}</text>`;
  }
  let yt;
  if (log) {
    yt = [];
    const stride = Math.max(1, Math.ceil((ly1 - ly0) / 6));
    for (let e = ly0; e <= ly1; e += stride) yt.push(Math.pow(10, e));
  } else yt = niceTicks(y0, y1, 5);
  for (let k = 0; k < yt.length; k++) {
    const Y = px(sy(yt[k]!));
    out += `<line x1="${left}" x2="${left + w}" y1="${Y}" y2="${Y}" stroke="#000" ` +
      `stroke-opacity="0.08"/><line x1="${left - 4}" x2="${left}" y1="${Y}" y2="${Y}" ` +
      `stroke="#000"/><text x="${left - 6}" y="${Y}" dy="0.32em" text-anchor="end" ` +
      `font-size="10" fill="#000">${fmt(yt[k]!)}</text>`;
  }
  out += `<rect x="${left}" y="${top}" width="${w}" height="${h}" fill="none" stroke="#000" ` +
    `stroke-width="0.8"/>`;
  out += `<text x="${px(left + w / 2)}" y="${top + h + 34}" text-anchor="middle" ` +
    `font-size="11" fill="#000">${esc(options.xLabel)}</text>`;
  out += `<text transform="translate(14,${px(top + h / 2)}) rotate(-90)" text-anchor="middle" ` +
    `font-size="11" fill="#000">${esc(options.yLabel)}${log ? " (log scale)" : ""}</text>`;
  const segments = [];
  let current = [];
  for (let k = 0; k < xs.length; k++) {
    const y = ys[k]!;
    if (Number.isFinite(xs[k]!) && Number.isFinite(y) && (!log || y > 0)) {
      current.push([sx(xs[k]!), sy(y)]);
    } else if (current.length > 0) {
      segments.push(current);
      current = [];
    }
  }
  if (current.length > 0) segments.push(current);
  out += `<svg x="${left}" y="${top}" width="${w}" height="${h}" viewBox="${left} ${top} ${w} ` +
    `${h}" overflow="hidden">`;
  for (let k = 0; k < segments.length; k++) {
    out += `<path d="${pathData(segments[k]!)}" fill="none" stroke="${options.color}" ` +
      `stroke-width="2" stroke-linejoin="round"/>`;
  }
  if (options.extra) out += options.extra(sx, sy);
  out += "</svg>";
  return out;
}

/** An HTML element with attributes and text, for a live figure's controls. Portable. */
export function element(
  doc: Document,
  tag: string,
  attrs: Record<string, string>,
  text?: string,
): HTMLElement {
  const el = doc.createElement(tag);
  for (const k in attrs) el.setAttribute(k, attrs[k]!);
  if (text !== undefined) el.textContent = text;
  return el;
}

/**
 * The row that holds a live figure's controls: wrapping, in the page's own
 * text colour (so it reads on light and dark pages). Portable.
 */
export function controlBar(doc: Document): HTMLElement {
  return element(doc, "div", {
    class: "ll-live-controls",
    style: "display:flex;flex-wrap:wrap;gap:6px 18px;align-items:center;margin:6px 0;" +
      "font:13px/1.4 sans-serif;color:inherit",
  });
}

/**
 * A focus ring on `el` for keyboard focus only, as `:focus-visible` gives it
 * where pages cannot style the element itself: `show(true)` when `el` is
 * focused from the keyboard (Tab) or a key it handles is pressed,
 * `show(false)` on blur and when a pointer focuses it. The figure calls the
 * returned `pointer()` from its pointerdown (it focuses `el` without a
 * ring) and `key()` when it handles a key. Where a browser lacks
 * `:focus-visible`, the ring comes with the first key. Portable.
 */
export function keyboardRing(
  el: HTMLElement | SVGElement,
  show: (on: boolean) => void,
): { pointer(): void; key(): void } {
  let pointing = false;
  let keyed = false;
  el.addEventListener("focus", () => {
    let visible = keyed;
    if (!pointing) {
      try {
        visible = visible || el.matches(":focus-visible");
      } catch (_) {
        // No :focus-visible: the ring comes with the first key.
      }
    }
    show(visible);
  });
  el.addEventListener("blur", () => show(false));
  return {
    pointer() {
      keyed = false;
      pointing = true;
      show(false);
      el.focus({ preventScroll: true });
      pointing = false;
    },
    key() {
      keyed = true;
      show(true);
    },
  };
}

/**
 * `surface3d`: a 3D surface of a loss over two weights, drawn to SVG in pure
 * TypeScript the way matplotlib's `plot_surface` draws it (same camera, axis
 * box, ticks, colour bar and layout), and rotatable by drag or arrow keys in
 * notebooks and exported HTML.
 *
 * @module
 */

import type { Grid } from "../../core/types.ts";
import { drawColorbar } from "../_colorbar.ts";
import { palette as makePalette } from "../colormap.ts";
import { escapeXml } from "../_xml.ts";
import { checkGrid, FONT, legendBox } from "../_figure.ts";
import { camera, defaultBox, project, r1, toScreen } from "./_camera.ts";
import { decodeScene, type EncodedScene, renderScene, type ScenePath } from "./_scene.ts";
import { DISPLAY, type Displayable, type MediaBundle } from "../show.ts";
import { SURFACE_CLASS, surfaceScript } from "./_surface_script.ts";
import { FIGURE_CLASS, pictureOf } from "../_live_svg.ts";
import { tickFormat, ticks } from "../_ticks.ts";

/** A path to draw on the surface, e.g. a descent trajectory from `descend()`. */
export interface SurfacePath {
  /** Points `[x, y]` or `[x, y, z]` in weight space. */
  points: readonly (readonly number[])[];
  /** Heights of the points (the loss values); otherwise `z` from the points, or from the grid. */
  values?: readonly number[];
  /** The path's name in the legend; a path without one has no legend row. */
  label?: string;
  /** A CSS colour; default from a cycle that stands out on common colour maps. */
  color?: string;
  /** Line width in pixels; default 2. */
  width?: number;
}

/** Options of {@link surface3d}. */
export interface Surface3dOptions {
  /** A title above the figure; none by default. */
  title?: string;
  /** The label of the x axis (the first weight); none by default. */
  xLabel?: string;
  /** The label of the y axis (the second weight); none by default. */
  yLabel?: string;
  /** The label of the vertical axis (the loss); none by default. */
  zLabel?: string;
  /** A d3-scale-chromatic scheme (`"viridis"`, `"magma"`, `"RdBu"`, …; `_r` reverses). Default `"viridis"`. */
  colormap?: string;
  /** Show a colour bar (default true), optionally with a label, `shrink` (0.5) and `aspect` (5). */
  colorbar?: boolean | { label?: string; shrink?: number; aspect?: number };
  /** The camera's angle around the vertical axis in degrees, as matplotlib's `azim`; default −60. */
  azimuth?: number;
  /** The camera's angle above the x–y plane in degrees, as matplotlib's `elev`; default 30. */
  elevation?: number;
  /** `"perspective"` (matplotlib's default) or `"orthographic"`. */
  projection?: "perspective" | "orthographic";
  /** SVG width in pixels; default 720 (matplotlib's 10 in figure at 72 px per inch). */
  width?: number;
  /** SVG height in pixels; default 504 (matplotlib's 7 in at 72 px per inch). */
  height?: number;
  /** Colour by the logarithm of the loss (values ≤ 0 get the lowest colour). */
  logColor?: boolean;
  /** Light shading from face normals: `false` (default, as matplotlib with a colour map), `true` (0.5) or a strength in [0, 1]. */
  shade?: boolean | number;
  /** Paths drawn on the surface. */
  paths?: readonly SurfacePath[];
  /**
   * At most this many faces along each side (matplotlib's `rcount`/`ccount`
   * is 50). Default `"auto"`: 50, or up to 100 when a coarser mesh would
   * misdraw the surface by more than 3 % of its height (e.g. Rastrigin).
   */
  faces?: number | "auto";
  /**
   * Include the rotation script in the notebook output (default true);
   * without it the output is the static picture alone.
   */
  interactive?: boolean;
}

/** A 3D surface figure: displays itself in a notebook; `toSVG()` gives the standalone SVG. */
export interface SurfaceFigure extends Displayable {
  /** The static figure as a standalone SVG document (with `xmlns`). */
  toSVG(): string;
  /**
   * The notebook `text/html`: the SVG as a static picture that every viewer
   * shows, and the script that makes it inline SVG where scripts run and,
   * if interactive, rotatable.
   */
  toHTML(): string;
  /** A short text alternative: what the figure shows. */
  toString(): string;
}

const PATH_COLORS = ["#d62728", "#ff7f0e", "#e377c2", "#17becf", "#000000"];

/**
 * A 3D surface of `grid` (a loss over two weights), as matplotlib's
 * `plot_surface(X, Y, Z, cmap="viridis")` with a colour bar draws it: faces
 * from a mesh of at most 50 × 50 (colour = mean of the face's border
 * samples), sorted far to near, coloured by height through a
 * d3-scale-chromatic scheme; the 3D axis box with ticks and labels; NaN and
 * infinite samples leave holes.
 *
 * @param grid A `Grid` such as `landscape("w1^2 + w2^2").grid({ x: [-5, 5], y: [-5, 5] })`.
 * @param options Title, labels, colour map, view, size and overlays.
 * @returns The figure: `await show(fig)` in a notebook, `fig.toSVG()` for a file.
 * @throws {RangeError} For a grid of fewer than 2 × 2 points, non-finite angles or sizes.
 * @throws {TypeError} For an unknown colour map or malformed options.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert";
 * import { surface3d } from "./surface3d.ts";
 * const n = 20, xs = Float64Array.from({ length: n }, (_, i) => -5 + 10 * i / (n - 1));
 * const values = new Float64Array(n * n).map((_, k) => xs[k % n]! ** 2 + xs[Math.floor(k / n)]! ** 2);
 * const grid = { nx: n, ny: n, xs, ys: xs, values, min: 0, max: 50, argmin: [0, 0] as [number, number], nonFinite: 0 };
 * const svg = surface3d(grid, { title: "A bowl" }).toSVG();
 * ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"') && svg.includes("A bowl"));
 * ```
 */
export function surface3d(grid: Grid, options: Surface3dOptions = {}): SurfaceFigure {
  const o = normalizeOptions(options);
  checkGrid(grid);
  const built = build(grid, o);
  let svg: string | undefined;
  let html: string | undefined;
  const toSVG = () => (svg ??= built.svg());
  const toHTML = () => {
    html ??= o.interactive
      ? `<div class="${SURFACE_CLASS} ${FIGURE_CLASS}" tabindex="0" role="group" ` +
        `aria-label="${
          escapeXml(built.label)
        }. Drag, or use the arrow keys, to rotate; Home resets the view." ` +
        `style="display:inline-block;max-width:100%;line-height:0">` +
        `<style>.${SURFACE_CLASS}:focus:not(:focus-visible){outline:none}</style>` +
        pictureOf(toSVG(), built.text) +
        `<script type="application/json" class="ll-s3d-data">${
          JSON.stringify(built.encoded).replace(/</g, "\\u003c")
        }</script><script>${surfaceScript()}</script></div>`
      : `<div class="${FIGURE_CLASS}">${pictureOf(toSVG(), built.text)}</div>`;
    return html;
  };
  return {
    [DISPLAY]: (): MediaBundle => ({
      "text/html": toHTML(),
      "image/svg+xml": toSVG(),
      "text/plain": built.text,
    }),
    toSVG,
    toHTML,
    toString: () => built.text,
  };
}

interface Normalized {
  title: string;
  labels: [string, string, string];
  colormap: string;
  colorbar: { label: string; shrink: number; aspect: number } | null;
  azimuth: number;
  elevation: number;
  focal: number;
  width: number;
  height: number;
  logColor: boolean;
  shade: number;
  paths: readonly SurfacePath[];
  faces: number | "auto";
  interactive: boolean;
}

function text(name: string, v: unknown): string {
  if (v === undefined) return "";
  if (typeof v !== "string") throw new TypeError(`invalid ${name}: ${String(v)}`);
  return v;
}

function finite(name: string, v: unknown, fallback: number, unit = ""): number {
  if (v === undefined) return fallback;
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new RangeError(`Expected ${name} to be a finite number${unit} but found ${String(v)}`);
  }
  return v;
}

function positive(name: string, v: unknown, fallback: number): number {
  const x = finite(name, v, fallback);
  if (!(x > 0)) throw new RangeError(`Expected ${name} to be positive but found ${x}`);
  return x;
}

function normalizeOptions(options: Surface3dOptions): Normalized {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`invalid options: ${String(options)}`);
  }
  const {
    title,
    xLabel,
    yLabel,
    zLabel,
    colormap = "viridis",
    colorbar = true,
    azimuth,
    elevation,
    projection = "perspective",
    width,
    height,
    logColor = false,
    shade = false,
    paths = [],
    faces,
    interactive = true,
  } = options;
  makePalette(colormap, 2); // throws for an unknown name
  let cb: Normalized["colorbar"] = null;
  if (colorbar === true) cb = { label: "", shrink: 0.5, aspect: 5 };
  else if (typeof colorbar === "object" && colorbar !== null) {
    const shrink = positive("colorbar.shrink", colorbar.shrink, 0.5);
    if (shrink > 1) {
      throw new RangeError(`Expected colorbar.shrink to be at most 1 but found ${shrink}`);
    }
    cb = {
      label: text("colorbar.label", colorbar.label),
      shrink,
      aspect: positive("colorbar.aspect", colorbar.aspect, 5),
    };
  } else if (colorbar !== false) throw new TypeError(`invalid colorbar: ${String(colorbar)}`);
  if (projection !== "perspective" && projection !== "orthographic") {
    throw new TypeError(`invalid projection: ${String(projection)}`);
  }
  let strength: number;
  if (shade === true) strength = 0.5;
  else if (shade === false) strength = 0;
  else {
    strength = finite("shade", shade, 0);
    if (strength < 0 || strength > 1) {
      throw new RangeError(`Expected shade to be from 0 to 1 but found ${strength}`);
    }
  }
  const n = faces === undefined || faces === "auto" ? "auto" : finite("faces", faces, 50);
  if (n !== "auto" && (!Number.isInteger(n) || n < 1 || n > 1000)) {
    throw new RangeError(`Expected faces to be "auto" or an integer from 1 to 1000 but found ${n}`);
  }
  if (!Array.isArray(paths)) throw new TypeError(`invalid paths: ${String(paths)}`);
  const w = positive("width", width, 720), h = positive("height", height, 504);
  if (w < 100 || h < 100) {
    throw new RangeError(`Expected width and height of at least 100 but found ${w} × ${h}`);
  }
  return {
    title: text("title", title),
    labels: [text("xLabel", xLabel), text("yLabel", yLabel), text("zLabel", zLabel)],
    colormap,
    colorbar: cb,
    azimuth: finite("azimuth", azimuth, -60, " of degrees"),
    elevation: finite("elevation", elevation, 30, " of degrees"),
    focal: projection === "perspective" ? 1 : Infinity,
    width: w,
    height: h,
    logColor: Boolean(logColor),
    shade: strength,
    paths,
    faces: n,
    interactive: Boolean(interactive),
  };
}

/** matplotlib's sample indices for at most `count` faces along `n` points. */
function strideIndices(n: number, count: number): number[] {
  const stride = Math.max(1, Math.ceil(n / count));
  const out: number[] = [];
  for (let k = 0; k < n - 1; k += stride) out.push(k);
  out.push(n - 1);
  return out;
}

/**
 * The coarsest mesh (50, 60, …, 100 faces a side) whose bilinear faces stay
 * within `tolerance` of every finite sample.
 */
function autoFaces(values: Float64Array, nx: number, ny: number, tolerance: number): number {
  const candidates = [50, 60, 70, 80, 90, 100];
  for (const c of candidates) {
    if (meshError(values, nx, strideIndices(nx, c), strideIndices(ny, c), tolerance) <= tolerance) {
      return c;
    }
  }
  return candidates[candidates.length - 1]!;
}

/** Largest gap between samples and the decimated mesh, stopping once above `stop`. */
function meshError(
  values: Float64Array,
  nx: number,
  ii: number[],
  jj: number[],
  stop: number,
): number {
  let worst = 0;
  for (let b = 0; b + 1 < jj.length; b++) {
    const j0 = jj[b]!, j1 = jj[b + 1]!;
    for (let a = 0; a + 1 < ii.length; a++) {
      const i0 = ii[a]!, i1 = ii[a + 1]!;
      const v00 = values[i0 + j0 * nx]!, v10 = values[i1 + j0 * nx]!;
      const v01 = values[i0 + j1 * nx]!, v11 = values[i1 + j1 * nx]!;
      for (let j = j0; j <= j1; j++) {
        const fy = (j - j0) / (j1 - j0);
        for (let i = i0; i <= i1; i++) {
          const fx = (i - i0) / (i1 - i0);
          const mesh = (1 - fy) * ((1 - fx) * v00 + fx * v10) + fy * ((1 - fx) * v01 + fx * v11);
          const gap = Math.abs(mesh - values[i + j * nx]!);
          if (gap > worst) {
            worst = gap;
            if (worst > stop) return worst;
          }
        }
      }
    }
  }
  return worst;
}

function base64(bytes: Uint8Array): string {
  let s = "";
  for (let k = 0; k < bytes.length; k += 0x8000) {
    s += String.fromCharCode(...bytes.subarray(k, k + 0x8000));
  }
  return btoa(s);
}

function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let k = 0; k < s.length; k++) {
    h ^= s.charCodeAt(k);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

const sig = (x: number) => Number(x.toPrecision(6));

function fmt(x: number): string {
  return tickFormat([x])(Number(x.toPrecision(3)));
}

function build(grid: Grid, o: Normalized) {
  const { nx, ny, xs, ys, values } = grid;
  // Heights and limits over the finite samples (the grid's own stats are not trusted).
  let zmin = Infinity, zmax = -Infinity, kmin = -1;
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    if (!Number.isFinite(v)) continue;
    if (v < zmin) {
      zmin = v;
      kmin = k;
    }
    if (v > zmax) zmax = v;
  }
  const empty = kmin < 0;
  let z0 = empty ? 0 : zmin, z1 = empty ? 1 : zmax;
  if (z1 - z0 <= 1e-12 * Math.max(1, Math.abs(z0))) {
    // matplotlib's nonsingular(): widen a flat range by 5 % (±0.05 around 0).
    const c = z0;
    z0 = c === 0 ? -0.05 : c - 0.05 * Math.abs(c);
    z1 = c === 0 ? 0.05 : c + 0.05 * Math.abs(c);
  }
  if (!Number.isFinite(o.focal)) {
    const m = (z1 - z0) * 0.05; // matplotlib adds a z margin only to orthographic views
    z0 -= m;
    z1 += m;
  }
  const xpad = (xs[nx - 1]! - xs[0]!) * 0.05, ypad = (ys[ny - 1]! - ys[0]!) * 0.05;
  const lims = [xs[0]! - xpad, xs[nx - 1]! + xpad, ys[0]! - ypad, ys[ny - 1]! + ypad, z0, z1];

  // The drawn mesh: matplotlib's strides, face colour from the mean of the
  // full-resolution samples on the face's border; a face with any
  // non-finite sample (border or inside) is a hole.
  const faces = o.faces === "auto" ? autoFaces(values, nx, ny, (zmax - zmin) * 0.03) : o.faces;
  const ii = strideIndices(nx, faces), jj = strideIndices(ny, faces);
  const mx = ii.length, my = jj.length;
  const faceValues = new Float64Array((mx - 1) * (my - 1)).fill(NaN);
  for (let b = 0; b < my - 1; b++) {
    for (let a = 0; a < mx - 1; a++) {
      const i0 = ii[a]!, i1 = ii[a + 1]!, j0 = jj[b]!, j1 = jj[b + 1]!;
      let sum = 0, count = 0, hole = false;
      for (let j = j0; j <= j1 && !hole; j++) {
        for (let i = i0; i <= i1; i++) {
          const v = values[i + j * nx]!;
          if (!Number.isFinite(v)) {
            hole = true;
            break;
          }
          if (j === j0 || j === j1 || i === i0 || i === i1) {
            sum += v;
            count++;
          }
        }
      }
      if (!hole) faceValues[a + b * (mx - 1)] = sum / count;
    }
  }
  let lo = Infinity, hi = -Infinity;
  for (const v of faceValues) {
    if (Number.isNaN(v) || (o.logColor && !(v > 0))) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const hasFaces = lo <= hi;
  const t = (v: number) => {
    if (hi === lo) return 0.5;
    if (o.logColor) {
      return (Math.log(Math.max(v, lo)) - Math.log(lo)) / (Math.log(hi) - Math.log(lo));
    }
    return (v - lo) / (hi - lo);
  };
  const palette = makePalette(o.colormap, 255);
  const faceBytes = new Uint8Array(faceValues.length);
  for (let f = 0; f < faceValues.length; f++) {
    const v = faceValues[f]!;
    faceBytes[f] = Number.isNaN(v) ? 255 : Math.round(Math.min(1, Math.max(0, t(v))) * 254);
  }
  const zq = new Uint8Array(mx * my * 2);
  for (let b = 0; b < my; b++) {
    for (let a = 0; a < mx; a++) {
      const v = values[ii[a]! + jj[b]! * nx]!;
      const q = Number.isFinite(v) && zmax > zmin
        ? Math.round((v - zmin) / (zmax - zmin) * 65534)
        : Number.isFinite(v)
        ? 0
        : 65535;
      const k = 2 * (a + b * mx);
      zq[k] = q & 255;
      zq[k + 1] = q >> 8;
    }
  }

  // Layout in the figure, as matplotlib's subplot(111) + colorbar(shrink, aspect).
  const W = o.width, H = o.height;
  const boxTop = (1 - 0.88) * H, boxH = 0.77 * H;
  const parentRight = o.colorbar ? 0.125 + 0.775 * 0.8 : 0.9;
  const parentW = (parentRight - 0.125) * W;
  const side = Math.min(parentW, boxH);
  const left = o.colorbar ? parentRight * W - side : 0.125 * W + (parentW - side) / 2;
  const top = boxTop + (boxH - side) / 2;
  const fontSize = 10;

  // matplotlib's AutoLocator: at most 9 intervals, fewer on a small axis. matplotlib
  // sizes them by the whole axes, which crowds an axis that the view foreshortens
  // (a steep elevation squeezes z); here each axis gets as many as its drawn length
  // at the initial view holds, one per two font sizes.
  const count = Math.min(9, Math.max(1, Math.floor(side / (3 * fontSize))));
  const cam = camera(lims, defaultBox(), o.azimuth, o.elevation, o.focal);
  const drawnLength = (axis: number) => {
    const lo = [(lims[0]! + lims[1]!) / 2, (lims[2]! + lims[3]!) / 2, (lims[4]! + lims[5]!) / 2];
    const hi = lo.slice();
    lo[axis] = lims[2 * axis]!;
    hi[axis] = lims[2 * axis + 1]!;
    const a = toScreen({ left: 0, top: 0, side }, project(cam, lo[0]!, lo[1]!, lo[2]!, [0, 0, 0]), [
      0,
      0,
    ]);
    const b = toScreen({ left: 0, top: 0, side }, project(cam, hi[0]!, hi[1]!, hi[2]!, [0, 0, 0]), [
      0,
      0,
    ]);
    return Math.hypot(b[0]! - a[0]!, b[1]! - a[1]!);
  };
  // As many intervals as the drawn length holds, but three labels at least.
  const ticksFor = (axis: number) => {
    const lo = lims[2 * axis]!, hi = lims[2 * axis + 1]!;
    let c = Math.min(count, Math.max(2, Math.floor(drawnLength(axis) / (2 * fontSize))));
    let t = ticks(lo, hi, c);
    while (t.length < 3 && c < count) t = ticks(lo, hi, ++c);
    return t;
  };
  const axisTicks = [ticksFor(0), ticksFor(1), empty ? [] : ticksFor(2)];
  const tickLabels = axisTicks.map((ts) => ts.map(tickFormat(ts)).map(escapeXml));

  const faceStep: [number, number] = [
    (xs[nx - 1]! - xs[0]!) / (mx - 1) / 2,
    (ys[ny - 1]! - ys[0]!) / (my - 1) / 2,
  ];
  const scenePaths: ScenePath[] = o.paths.map((p, m) => pathOf(p, m, grid, faceStep));
  const encoded: EncodedScene = {
    v: 1,
    layout: { left: sig(left), top: sig(top), side: sig(side) },
    lims: lims.map(sig),
    box: defaultBox(),
    focal: Number.isFinite(o.focal) ? o.focal : null,
    azimuth: o.azimuth,
    elevation: o.elevation,
    xs: ii.map((i) => sig(xs[i]!)),
    ys: jj.map((j) => sig(ys[j]!)),
    z: base64(zq),
    zRange: empty ? [0, 1] : [zmin, zmax],
    faces: base64(faceBytes),
    palette: palette.map((c) => c.slice(1)),
    shade: o.shade,
    seam: 0.75,
    axes: { ticks: axisTicks, tickLabels, labels: o.labels.map(escapeXml), fontSize },
    paths: scenePaths,
  };

  const range = (a: ArrayLike<number>) => `${fmt(a[0]!)} to ${fmt(a[a.length - 1]!)}`;
  const name = (s: string, fallback: string) => (s === "" ? fallback : s);
  const what = `3D surface of ${name(o.labels[2], "the loss")} over ${name(o.labels[0], "x")} ` +
    `(${range(xs)}) and ${name(o.labels[1], "y")} (${range(ys)})`;
  const stats = empty
    ? "no finite values"
    : `values ${fmt(zmin)} to ${fmt(zmax)}, lowest at (${fmt(xs[kmin % nx]!)}, ${
      fmt(ys[Math.floor(kmin / nx)]!)
    })` + (grid.nonFinite > 0 || values.some((v) => !Number.isFinite(v))
      ? ", with holes where not finite"
      : "");
  const label = o.title === "" ? "3D surface" : o.title;
  const description = `${what}; ${nx} × ${ny} samples, ${stats}.`;
  const textAlt = `${label}: ${description}`;

  const svg = () => {
    const scene = decodeScene(encoded);
    const extent = { right: -Infinity };
    const body = renderScene(scene, { azimuth: o.azimuth, elevation: o.elevation }, extent);
    let extra = "";
    if (o.title !== "") {
      extra += `<text x="${r1(left + side / 2)}" y="${r1(top - 6)}" font-size="12" ` +
        `text-anchor="middle">${escapeXml(o.title)}</text>`;
    }
    if (!hasFaces) {
      extra += `<text x="${r1(left + side / 2)}" y="${r1(top + side / 2)}" text-anchor="middle" ` +
        `font-size="${fontSize}" fill="#555">No finite values to draw</text>`;
    }
    if (o.colorbar && hasFaces) {
      const cbH = o.colorbar.shrink * boxH;
      const cbW = Math.min(cbH / o.colorbar.aspect, 0.775 * 0.15 * W);
      // matplotlib's place for the bar, moved right when the axis labels reach into it.
      const cbX = Math.min(
        Math.max((0.125 + 0.775 * 0.85) * W, extent.right + fontSize),
        W - cbW - 4 * fontSize,
      );
      extra += drawColorbar({
        x: cbX,
        y: boxTop + (boxH - cbH) / 2,
        width: cbW,
        height: cbH,
        palette,
        lo: hi === lo ? lo - 0.05 * Math.abs(lo || 1) : lo,
        hi: hi === lo ? hi + 0.05 * Math.abs(hi || 1) : hi,
        log: o.logColor,
        label: o.colorbar.label,
        fontSize,
        id: `ll-cmap-${hash(palette.join(""))}`,
      });
    }
    extra += legendBox(
      o.paths.flatMap((p, m) => (p.label ? [{ label: p.label, color: scenePaths[m]!.color }] : [])),
      W - 10,
      10,
    );
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" ` +
      `viewBox="0 0 ${W} ${H}" role="img" font-family="${FONT}" ` +
      `style="max-width:100%;height:auto;background:#fff">` +
      `<title>${escapeXml(label)}</title><desc>${escapeXml(description)}</desc>` +
      `<rect width="${W}" height="${H}" fill="#fff"/>` +
      `<g class="ll-s3d-scene">${body}</g>${extra}</svg>`;
  };
  return { encoded, svg, text: textAlt, label };
}

function pathOf(p: SurfacePath, m: number, grid: Grid, step: [number, number]): ScenePath {
  if (typeof p !== "object" || p === null || !Array.isArray(p.points)) {
    throw new TypeError(`invalid paths[${m}]: expected { points: [[x, y], …] }`);
  }
  const xyz: number[] = [];
  for (let q = 0; q < p.points.length; q++) {
    const pt = p.points[q]!;
    const x = pt[0], y = pt[1];
    if (typeof x !== "number" || typeof y !== "number") {
      throw new TypeError(`invalid paths[${m}].points[${q}]: ${String(pt)}`);
    }
    const z = p.values?.[q] ?? pt[2] ?? bilinear(grid, x, y);
    // A diverged run ends in non-finite points: draw the finite part.
    if (!Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(z)) break;
    if (xyz.length > 0) {
      // A converged run repeats its last point: keep points a visible step apart.
      const [px, py] = xyz.slice(-3) as [number, number];
      if (Math.abs(x - px) < step[0] * 0.02 && Math.abs(y - py) < step[1] * 0.02) continue;
      // Long steps are split into pieces of at most half a face, lying on the
      // surface, so that the painter's sort can put each piece above its face.
      const [x0, y0, z0] = xyz.slice(-3) as [number, number, number];
      const pieces = Math.min(
        1000,
        Math.ceil(Math.max(Math.abs(x - x0) / step[0], Math.abs(y - y0) / step[1])),
      );
      for (let k = 1; k < pieces; k++) {
        const f = k / pieces, xi = x0 + (x - x0) * f, yi = y0 + (y - y0) * f;
        const zi = bilinear(grid, xi, yi);
        xyz.push(sig(xi), sig(yi), sig(Number.isFinite(zi) ? zi : z0 + (z - z0) * f));
      }
    }
    xyz.push(sig(x), sig(y), sig(z));
  }
  return {
    xyz,
    color: escapeXml(p.color ?? PATH_COLORS[m % PATH_COLORS.length]!),
    width: finite(`paths[${m}].width`, p.width, 2),
  };
}

/** The grid's value at (x, y) by bilinear interpolation; NaN outside. */
function bilinear(grid: Grid, x: number, y: number): number {
  const { nx, ny, xs, ys, values } = grid;
  const find = (a: Float64Array, v: number) => {
    if (!(v >= a[0]! && v <= a[a.length - 1]!)) return -1;
    let lo = 0, hi = a.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (a[mid]! <= v) lo = mid;
      else hi = mid;
    }
    return lo;
  };
  const i = find(xs, x), j = find(ys, y);
  if (i < 0 || j < 0) return NaN;
  const i1 = Math.min(i + 1, nx - 1), j1 = Math.min(j + 1, ny - 1);
  const fx = i1 === i ? 0 : (x - xs[i]!) / (xs[i1]! - xs[i]!);
  const fy = j1 === j ? 0 : (y - ys[j]!) / (ys[j1]! - ys[j]!);
  const v = (a: number, b: number) => values[a + b * nx]!;
  return (1 - fy) * ((1 - fx) * v(i, j) + fx * v(i1, j)) +
    fy * ((1 - fx) * v(i, j1) + fx * v(i1, j1));
}

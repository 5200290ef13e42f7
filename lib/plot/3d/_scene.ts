/**
 * The drawable core of `surface3d`: a compact, JSON-ready description of a
 * surface (its decimated mesh quantized to 16 bits, a palette index per
 * face, axis ticks, paths) and the function that draws it from any view.
 *
 * The server draws the static SVG with {@link renderScene}; the rotation
 * script embeds the same portable functions (see `surface_script.ts`) and
 * calls them on the same encoded scene, so both draw identical markup.
 * Portable functions use nothing but their arguments and each other.
 *
 * @module
 */

import { type AxesSpec, drawAxes3d } from "./_axes.ts";
import { type AxesLayout, camera, project, r1, toScreen } from "./_camera.ts";

/** A path drawn on the surface, in data coordinates. */
export interface ScenePath {
  /** Flat `[x0, y0, z0, x1, y1, z1, …]`. */
  xyz: number[];
  color: string;
  width: number;
}

/** The JSON form of a surface, as embedded in the notebook output. */
export interface EncodedScene {
  /** Format version, bumped when the encoding changes. */
  v: 1;
  layout: AxesLayout;
  /** Data limits `[x0, x1, y0, y1, z0, z1]` of the axis box. */
  lims: number[];
  box: number[];
  /** Focal length; `null` for an orthographic projection. */
  focal: number | null;
  /** The initial view, in degrees. */
  azimuth: number;
  elevation: number;
  /** Vertex coordinates of the decimated mesh. */
  xs: number[];
  ys: number[];
  /** Base64 of little-endian uint16 heights, `zRange[0] + q / 65534 · span`; 65535 is a hole. */
  z: string;
  zRange: number[];
  /** Base64 of one byte per face (row-major, (nx−1)·(ny−1)): palette index, 255 for none. */
  faces: string;
  /** Hex colours without `#`, indexed by the face bytes. */
  palette: string[];
  /** Strength of the light shading in [0, 1]; 0 draws flat colour-mapped faces. */
  shade: number;
  /** Half-pixel overlap that hides anti-aliasing seams between faces. */
  seam: number;
  axes: Omit<AxesSpec, "layout">;
  paths: ScenePath[];
}

/** A scene ready to draw: the encoded scene with its arrays decoded. */
export interface Scene extends EncodedScene {
  zv: Float64Array;
  /** Final `#rrggbb` colour per face, or `""` for a hole. */
  colors: string[];
}

/** A view of the scene. */
export interface View {
  azimuth: number;
  elevation: number;
}

/**
 * Decodes the base64 arrays of `enc` and computes each face's colour
 * (palette colour, dimmed by the light shading when `shade > 0`; the light
 * is matplotlib's default `LightSource(azdeg=225, altdeg=19.4712)`, fixed
 * to the data box, so colours do not change as the view rotates).
 *
 * @example
 * ```ts
 * import { ok } from "node:assert";
 * import { decodeScene } from "./_scene.ts";
 * import { surface3d } from "./surface3d.ts";
 * const xs = new Float64Array([0, 1]);
 * const grid = { nx: 2, ny: 2, xs, ys: xs, values: new Float64Array([0, 1, NaN, 3]), min: 0, max: 3, argmin: [0, 0] as [number, number], nonFinite: 1 };
 * const json = surface3d(grid).toHTML().match(/class="ll-s3d-data">(.*?)<\/script>/)![1]!;
 * const scene = decodeScene(JSON.parse(json));
 * ok(Number.isNaN(scene.zv[2]!) && scene.zv[3] === 3 && scene.colors[0] === "");
 * ```
 */
export function decodeScene(enc: EncodedScene): Scene {
  const bytes = (b64: string) => {
    const s = atob(b64);
    const out = new Uint8Array(s.length);
    for (let k = 0; k < s.length; k++) out[k] = s.charCodeAt(k);
    return out;
  };
  const nx = enc.xs.length, ny = enc.ys.length;
  const zb = bytes(enc.z);
  const zv = new Float64Array(nx * ny);
  const z0 = enc.zRange[0]!, span = enc.zRange[1]! - z0;
  for (let k = 0; k < nx * ny; k++) {
    const q = zb[2 * k]! | (zb[2 * k + 1]! << 8);
    zv[k] = q === 65535 ? NaN : z0 + q / 65534 * span;
  }
  const fb = bytes(enc.faces);
  const colors: string[] = [];
  const l = enc.lims, b = enc.box;
  const sx = b[0]! / (l[1]! - l[0]!), sy = b[1]! / (l[3]! - l[2]!), sz = b[2]! / (l[5]! - l[4]!);
  const az = (90 - 225) * Math.PI / 180, alt = 19.4712 * Math.PI / 180;
  const light = [Math.cos(az) * Math.cos(alt), Math.sin(az) * Math.cos(alt), Math.sin(alt)];
  for (let j = 0; j < ny - 1; j++) {
    for (let i = 0; i < nx - 1; i++) {
      const f = fb[i + j * (nx - 1)]!;
      if (f === 255) {
        colors.push("");
        continue;
      }
      let hex = "#" + enc.palette[f];
      if (enc.shade > 0) {
        const k = i + j * nx;
        // Normal from the two diagonals, in box units (what the eye sees).
        const d1 = [
          (enc.xs[i + 1]! - enc.xs[i]!) * sx,
          (enc.ys[j + 1]! - enc.ys[j]!) * sy,
          (zv[k + 1 + nx]! - zv[k]!) * sz,
        ];
        const d2 = [
          (enc.xs[i]! - enc.xs[i + 1]!) * sx,
          (enc.ys[j + 1]! - enc.ys[j]!) * sy,
          (zv[k + nx]! - zv[k + 1]!) * sz,
        ];
        const n = [
          d1[1]! * d2[2]! - d1[2]! * d2[1]!,
          d1[2]! * d2[0]! - d1[0]! * d2[2]!,
          d1[0]! * d2[1]! - d1[1]! * d2[0]!,
        ];
        const len = Math.hypot(n[0]!, n[1]!, n[2]!) || 1;
        const dot = (n[0]! * light[0]! + n[1]! * light[1]! + n[2]! * light[2]!) / len;
        const factor = 1 - enc.shade * (1 - (dot + 1) / 2);
        const rgb = parseInt(hex.slice(1), 16);
        const ch = (c: number) =>
          Math.round(((rgb >> c) & 255) * factor).toString(16).padStart(2, "0");
        hex = "#" + ch(16) + ch(8) + ch(0);
      }
      colors.push(hex);
    }
  }
  return { ...enc, zv, colors };
}

/**
 * SVG markup of the scene seen from `view`: the axis box, then faces and
 * path pieces farthest first (painter's algorithm), each face enlarged by
 * `scene.seam` pixels so that neighbours overlap instead of showing seams.
 *
 * @example
 * ```ts
 * import { notStrictEqual } from "node:assert";
 * import { decodeScene, renderScene } from "./_scene.ts";
 * import { surface3d } from "./surface3d.ts";
 * const xs = new Float64Array([0, 1, 2]);
 * const grid = { nx: 3, ny: 3, xs, ys: xs, values: Float64Array.from({ length: 9 }, (_, k) => k % 3), min: 0, max: 2, argmin: [0, 0] as [number, number], nonFinite: 0 };
 * const json = surface3d(grid).toHTML().match(/class="ll-s3d-data">(.*?)<\/script>/)![1]!;
 * const scene = decodeScene(JSON.parse(json));
 * notStrictEqual(renderScene(scene, { azimuth: -60, elevation: 30 }), renderScene(scene, { azimuth: 30, elevation: 30 }));
 * ```
 */
export function renderScene(scene: Scene, view: View, labels?: { right: number }): string {
  const cam = camera(
    scene.lims,
    scene.box,
    view.azimuth,
    view.elevation,
    scene.focal === null ? Infinity : scene.focal,
  );
  const axes = drawAxes3d(cam, {
    layout: scene.layout,
    ticks: scene.axes.ticks,
    tickLabels: scene.axes.tickLabels,
    labels: scene.axes.labels,
    fontSize: scene.axes.fontSize,
    extent: labels,
  });
  const nx = scene.xs.length, ny = scene.ys.length;
  const px = new Float64Array(nx * ny), py = new Float64Array(nx * ny);
  const pd = new Float64Array(nx * ny);
  const p = [0, 0, 0], s = [0, 0];
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const k = i + j * nx;
      project(cam, scene.xs[i]!, scene.ys[j]!, scene.zv[k]!, p);
      toScreen(scene.layout, p, s);
      px[k] = s[0]!;
      py[k] = s[1]!;
      pd[k] = p[2]!;
    }
  }
  // Items to sort: [depth, kind, index]; kind 0 = face, 1 = path segment, 2 = path end.
  const items: number[][] = [];
  let extent = 0;
  for (let j = 0; j < ny - 1; j++) {
    for (let i = 0; i < nx - 1; i++) {
      const f = i + j * (nx - 1);
      if (scene.colors[f] === "") continue;
      const k = i + j * nx;
      const d0 = pd[k]!, d1 = pd[k + 1]!, d2 = pd[k + 1 + nx]!, d3 = pd[k + nx]!;
      items.push([(d0 + d1 + d2 + d3) / 4, 0, f]);
      extent += Math.max(d0, d1, d2, d3) - Math.min(d0, d1, d2, d3);
    }
  }
  // Paths lie on the surface: pull them a face's depth towards the eye so
  // that the faces under a piece of path are painted before it.
  const bias = items.length > 0 ? extent / items.length : 0;
  const pathPts: number[][][] = [];
  for (let m = 0; m < scene.paths.length; m++) {
    const xyz = scene.paths[m]!.xyz;
    const pts: number[][] = [];
    for (let q = 0; q + 2 < xyz.length; q += 3) {
      project(cam, xyz[q]!, xyz[q + 1]!, xyz[q + 2]!, p);
      toScreen(scene.layout, p, s);
      pts.push([s[0]!, s[1]!, p[2]!]);
    }
    pathPts.push(pts);
    for (let q = 0; q + 1 < pts.length; q++) {
      items.push([(pts[q]![2]! + pts[q + 1]![2]!) / 2 - bias, 1, m, q]);
    }
    if (pts.length > 0) items.push([pts[0]![2]! - 2 * bias, 2, m, 0]);
    if (pts.length > 1) items.push([pts[pts.length - 1]![2]! - 2 * bias, 2, m, pts.length - 1]);
  }
  items.sort((a, b) =>
    b[0]! - a[0]! || a[1]! - b[1]! || a[2]! - b[2]! || (a[3] ?? 0) - (b[3] ?? 0)
  );

  const num = (x: number) => r1(x).replace(/^(-?)0\./, "$1.");
  const pair = (x: number, y: number) => (num(x) + " " + num(y)).replace(/ -/g, "-");
  const seam = scene.seam;
  let out = "";
  let open = -1; // index of the path whose <path d> is open, -1 if none
  let last = -1; // last segment index written for that path
  const close = () => {
    if (open >= 0) out += '"/>';
    open = -1;
  };
  for (const it of items) {
    const kind = it[1]!;
    if (kind === 0) {
      close();
      const f = it[2]!;
      const i = f % (nx - 1), j = (f - i) / (nx - 1), k = i + j * nx;
      const ks = [k, k + 1, k + 1 + nx, k + nx];
      const cx = (px[ks[0]!]! + px[ks[1]!]! + px[ks[2]!]! + px[ks[3]!]!) / 4;
      const cy = (py[ks[0]!]! + py[ks[1]!]! + py[ks[2]!]! + py[ks[3]!]!) / 4;
      let d = "";
      let ax = 0, ay = 0;
      for (let c = 0; c < 4; c++) {
        let x = px[ks[c]!]!, y = py[ks[c]!]!;
        const len = Math.hypot(x - cx, y - cy);
        if (len > 0) {
          x += (x - cx) / len * seam;
          y += (y - cy) / len * seam;
        }
        const rx = Math.round(x * 10) / 10, ry = Math.round(y * 10) / 10;
        d += c === 0 ? "M" + pair(rx, ry) + "l" : (c > 1 ? " " : "") + pair(rx - ax, ry - ay);
        ax = rx;
        ay = ry;
      }
      out += `<path d="${d.replace(/ -/g, "-")}z" fill="${scene.colors[f]}"/>`;
    } else if (kind === 1) {
      const m = it[2]!, q = it[3]!;
      const pts = pathPts[m]!;
      if (open === m && last === q - 1) {
        out += "L" + pair(pts[q + 1]![0]!, pts[q + 1]![1]!);
      } else {
        close();
        const path = scene.paths[m]!;
        out += `<path fill="none" stroke="${path.color}" stroke-width="${path.width}" ` +
          `stroke-linecap="round" stroke-linejoin="round" d="M` +
          pair(pts[q]![0]!, pts[q]![1]!) + "L" + pair(pts[q + 1]![0]!, pts[q + 1]![1]!);
        open = m;
      }
      last = q;
    } else {
      close();
      const m = it[2]!, q = it[3]!;
      const pt = pathPts[m]![q]!;
      const color = scene.paths[m]!.color;
      const start = q === 0;
      out += `<circle cx="${num(pt[0]!)}" cy="${num(pt[1]!)}" r="${start ? 3.5 : 4}" ` +
        `fill="${start ? "#fff" : color}" stroke="${start ? color : "#fff"}" stroke-width="1.5"/>`;
    }
  }
  close();
  return axes + `<g class="ll-faces">${out}</g>`;
}

/**
 * The 3D axis box of `surface3d`, as matplotlib 3.6 draws it (`axis3d.py`):
 * three grey panes on the far sides of the box, grid lines on them, and for
 * each axis a black line along the near lower edge with ticks, tick labels
 * and an axis label placed by matplotlib's offsets.
 *
 * Portable like `projection.ts`: the rotation script embeds this function's
 * source, so it uses nothing but its arguments and the portable helpers.
 *
 * @module
 */

import { type AxesLayout, type Camera, project, r1, toScreen } from "./_camera.ts";

/** What the axis box needs besides the camera; text is already escaped markup. */
export interface AxesSpec {
  layout: AxesLayout;
  /** Tick values per axis: `[x, y, z]`. */
  ticks: number[][];
  /** Escaped tick labels per axis, parallel to `ticks`. */
  tickLabels: string[][];
  /** Escaped axis labels `[x, y, z]`; empty strings draw nothing. */
  labels: string[];
  fontSize: number;
  /** When given, receives the right-most x reached by any tick or axis label. */
  extent?: { right: number };
}

/**
 * SVG markup (panes, grid lines, axis lines, ticks, tick labels, axis labels)
 * of the 3D axis box seen through `cam`.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert";
 * import { drawAxes3d } from "./_axes.ts";
 * import { camera, defaultBox } from "./_camera.ts";
 * const cam = camera([-1, 1, -1, 1, 0, 1], defaultBox(), -60, 30, 1);
 * const svg = drawAxes3d(cam, {
 *   layout: { left: 0, top: 0, side: 400 }, fontSize: 10,
 *   ticks: [[0], [0], [0.5]], tickLabels: [["0"], ["0"], ["0.5"]], labels: ["x", "y", "z"],
 * });
 * ok(svg.includes(">0.5</text>") && svg.includes(">x</text>"));
 * ```
 */
export function drawAxes3d(cam: Camera, spec: AxesSpec): string {
  const PLANES = [[0, 3, 7, 4], [1, 2, 6, 5], [0, 1, 5, 4], [3, 2, 6, 7], [0, 1, 2, 3], [
    4,
    5,
    6,
    7,
  ]];
  const PANE_COLORS = ["#f2f2f2", "#e6e6e6", "#ececec"];
  const JUGGLED = [[1, 0, 2], [0, 1, 2], [0, 2, 1]];
  const TICKDIR = [1, 0, 0];
  const lims = cam.lims;
  const mins = [lims[0]!, lims[2]!, lims[4]!];
  const maxs = [lims[1]!, lims[3]!, lims[5]!];
  const centers = [0, 1, 2].map((i) => (mins[i]! + maxs[i]!) / 2);
  const deltas = [0, 1, 2].map((i) => (maxs[i]! - mins[i]!) / 12);
  for (let i = 0; i < 3; i++) {
    mins[i] = mins[i]! - deltas[i]! / 4;
    maxs[i] = maxs[i]! + deltas[i]! / 4;
  }
  const p = [0, 0, 0];
  const s = [0, 0];
  const screen = (x: number, y: number, z: number) => {
    project(cam, x, y, z, p);
    toScreen(spec.layout, p, s);
    return [s[0]!, s[1]!, p[2]!];
  };
  const corner = (k: number) =>
    screen(
      k === 1 || k === 2 || k === 5 || k === 6 ? maxs[0]! : mins[0]!,
      k === 2 || k === 3 || k === 6 || k === 7 ? maxs[1]! : mins[1]!,
      k >= 4 ? maxs[2]! : mins[2]!,
    );
  const tc = [0, 1, 2, 3, 4, 5, 6, 7].map(corner);
  const meanDepth = (plane: number[]) => plane.reduce((a, k) => a + tc[k]![2]!, 0) / 4;
  // highs[i]: the box's low-i face is nearer the eye, so the pane goes on the high side.
  let highs = [0, 1, 2].map((i) => meanDepth(PLANES[2 * i]!) < meanDepth(PLANES[2 * i + 1]!));
  const equals = [0, 1, 2].map((i) =>
    Math.abs(meanDepth(PLANES[2 * i]!) - meanDepth(PLANES[2 * i + 1]!)) <= 1e-12
  );
  if (equals.filter(Boolean).length === 2) {
    const vertical = equals.indexOf(false);
    if (vertical === 2) highs = [true, true, highs[2]!];
    else if (vertical === 1) highs = [true, highs[1]!, false];
    else highs = [highs[0]!, false, false];
  }
  const pt = (q: number[]) => r1(q[0]!) + " " + r1(q[1]!);

  let panes = "";
  for (let i = 0; i < 3; i++) {
    const plane = PLANES[2 * i + (highs[i] ? 1 : 0)]!;
    panes += `<path fill="${PANE_COLORS[i]}" stroke="${PANE_COLORS[i]}" d="M` +
      plane.map((k) => pt(tc[k]!)).join("L") + 'Z"/>';
  }

  const dpp = 48 / (2 * spec.layout.side); // matplotlib's deltas_per_point
  const fs = spec.fontSize;
  let grid = "";
  let lines = "";
  let tickText = "";
  let labelText = "";
  let right = -Infinity;
  for (let i = 0; i < 3; i++) {
    const minmax = [0, 1, 2].map((k) => (highs[k] ? maxs[k]! : mins[k]!));
    const maxmin = [0, 1, 2].map((k) => (highs[k] ? mins[k]! : maxs[k]!));
    const jug = JUGGLED[i]!;
    const e0 = minmax.slice();
    e0[jug[0]!] = maxmin[jug[0]!]!;
    const e1 = e0.slice();
    e1[jug[1]!] = maxmin[jug[1]!]!;
    const a = screen(e0[0]!, e0[1]!, e0[2]!);
    const b = screen(e1[0]!, e1[1]!, e1[2]!);
    lines += "M" + pt(a) + "L" + pt(b);
    const away = (q: number[], by: number) =>
      q.map((c, k) => (k === i ? c : c + Math.sign(c - centers[k]!) * by * deltas[k]!));

    const ticks = spec.ticks[i] ?? [];
    const labels = spec.tickLabels[i] ?? [];
    const j1 = (i + 1) % 3; // Python's index - 2
    const j2 = (i + 2) % 3; // Python's index - 1
    for (const t of ticks) {
      const q0 = minmax.slice();
      q0[i] = t;
      const q1 = q0.slice();
      q1[j1] = maxmin[j1]!;
      const q2 = q0.slice();
      q2[j2] = maxmin[j2]!;
      grid += "M" + pt(screen(q1[0]!, q1[1]!, q1[2]!)) + "L" + pt(screen(q0[0]!, q0[1]!, q0[2]!)) +
        "L" + pt(screen(q2[0]!, q2[1]!, q2[2]!));
    }
    const boxes: number[] = [];
    const td = TICKDIR[i]!;
    const tickDelta = highs[td] ? deltas[td]! : -deltas[td]!;
    for (let k = 0; k < ticks.length; k++) {
      const q = e0.slice();
      q[i] = ticks[k]!;
      q[td] = e0[td]! + 0.1 * tickDelta;
      const t1 = screen(q[0]!, q[1]!, q[2]!);
      q[td] = e0[td]! - 0.2 * tickDelta;
      const t2 = screen(q[0]!, q[1]!, q[2]!);
      lines += "M" + pt(t1) + "L" + pt(t2);
      q[td] = e0[td]!;
      const lq = away(q, (3.5 + 8) * dpp);
      const l = screen(lq[0]!, lq[1]!, lq[2]!);
      tickText += `<text x="${r1(l[0]!)}" y="${r1(l[1]!)}" dy="0.76em">${labels[k] ?? ""}</text>`;
      // How far this label's box reaches from the axis line (in the label's direction).
      const tw = 0.6 * fs * (labels[k] ?? "").replace(/&[a-z#0-9]+;/g, "_").length;
      boxes.push(l[0]! - tw / 2, l[1]!, l[0]! + tw / 2, l[1]! + fs);
      right = Math.max(right, l[0]! + tw / 2);
    }
    const label = spec.labels[i] ?? "";
    if (label !== "") {
      const mid = away([0, 1, 2].map((k) => (e0[k]! + e1[k]!) / 2), (4 + 21) * dpp);
      const m = screen(mid[0]!, mid[1]!, mid[2]!);
      const chars = label.replace(/&[a-z#0-9]+;/g, "_").length;
      let angle = 0;
      if (chars > 4) {
        angle = Math.atan2(b[1]! - a[1]!, b[0]! - a[0]!) * 180 / Math.PI;
        angle = (angle + 180) % 180;
        if (angle > 90) angle -= 180;
      }
      // matplotlib puts the label at a fixed offset, where long tick labels
      // (or a steep view) can run into it; push it out past them instead.
      const ux = b[0]! - a[0]!, uy = b[1]! - a[1]!;
      const ul = Math.hypot(ux, uy) || 1;
      let nx = -uy / ul, ny = ux / ul;
      if (nx * (m[0]! - a[0]!) + ny * (m[1]! - a[1]!) < 0) {
        nx = -nx;
        ny = -ny;
      }
      const along = (x: number, y: number) => nx * (x - a[0]!) + ny * (y - a[1]!);
      let tickReach = 0;
      for (let k = 0; k < boxes.length; k += 4) {
        for (const x of [boxes[k]!, boxes[k + 2]!]) {
          for (const y of [boxes[k + 1]!, boxes[k + 3]!]) {
            tickReach = Math.max(tickReach, along(x, y));
          }
        }
      }
      const w = 0.6 * fs * chars, h = fs;
      const half = angle !== 0 ? h / 2 : (Math.abs(nx) * w + Math.abs(ny) * h) / 2;
      const need = tickReach + 0.4 * fs + half - along(m[0]!, m[1]!);
      if (need > 0) {
        m[0] = m[0]! + need * nx;
        m[1] = m[1]! + need * ny;
      }
      right = Math.max(
        right,
        m[0]! + (Math.abs(nx) * (angle !== 0 ? h : w) + Math.abs(ny) * (angle !== 0 ? w : h)) / 2,
      );
      labelText += `<text transform="translate(${pt(m).replace(" ", ",")})` +
        (angle !== 0 ? ` rotate(${r1(angle)})` : "") + `" dy="0.3em">${label}</text>`;
    }
  }
  if (spec.extent) spec.extent.right = right;
  return `<g class="ll-panes" fill-opacity="0.5" stroke-opacity="0.5">${panes}</g>` +
    `<path class="ll-grid" fill="none" stroke="#b0b0b0" stroke-width="0.8" d="${grid}"/>` +
    `<path class="ll-axis" fill="none" stroke="#000" stroke-width="0.8" stroke-linecap="square" d="${lines}"/>` +
    `<g class="ll-ticklabels" font-size="${fs}" text-anchor="middle">${tickText}</g>` +
    `<g class="ll-labels" font-size="${fs}" text-anchor="middle">${labelText}</g>`;
}

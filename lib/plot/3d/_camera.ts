/**
 * The 3D → 2D projection of `surface3d`, matplotlib's mplot3d camera
 * (`Axes3D.get_proj` in matplotlib 3.6): data limits scaled into a box of
 * aspect 4:4:3, an eye at distance 10 from the box centre in the direction
 * given by azimuth and elevation, and a perspective (focal length 1) or
 * orthographic projection.
 *
 * Every function here is *portable*: it uses nothing but its arguments and
 * the other portable functions, so the rotation script embeds its source
 * (`Function.prototype.toString`) and the browser draws exactly what the
 * server draws.
 *
 * @module
 */

/** A camera built by {@link camera}: plain numbers, so it can be serialized. */
export interface Camera {
  /** Data limits `[x0, x1, y0, y1, z0, z1]`. */
  lims: number[];
  /** Box size in world units, `[bx, by, bz]`. */
  box: number[];
  eye: number[];
  /** Screen right, screen up and towards-the-viewer unit vectors. */
  u: number[];
  v: number[];
  n: number[];
  /** Focal length; `Infinity` for an orthographic projection. */
  focal: number;
  /** Distance of the eye from the box centre (before the focal zoom). */
  dist: number;
}

/**
 * matplotlib's box: aspect 4:4:3 scaled to length 1.8294640721620434 (the
 * constant that keeps the mpl 3.2 look).
 *
 * @example
 * ```ts
 * import { ok } from "node:assert";
 * import { defaultBox } from "./_camera.ts";
 * const [x, y, z] = defaultBox();
 * ok(x === y && Math.abs(z! / x! - 0.75) < 1e-12);
 * ```
 */
export function defaultBox(): number[] {
  const k = 1.8294640721620434 / Math.sqrt(4 * 4 + 4 * 4 + 3 * 3);
  return [4 * k, 4 * k, 3 * k];
}

/**
 * Wraps an angle in degrees into [-180, 180), like matplotlib's `_norm_angle`.
 *
 * @example
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { normAngle } from "./_camera.ts";
 * strictEqual(normAngle(300), -60);
 * ```
 */
export function normAngle(degrees: number): number {
  const a = (degrees + 180) % 360;
  return (a < 0 ? a + 360 : a) - 180;
}

/**
 * The camera for a view of the data box `lims` from `azimuth` and
 * `elevation` (degrees; matplotlib's defaults are −60 and 30). `focal` is
 * the focal length (1 is matplotlib's perspective; `Infinity` gives an
 * orthographic projection).
 *
 * @example
 * ```ts
 * import { ok } from "node:assert";
 * import { camera } from "./_camera.ts";
 * const cam = camera([0, 1, 0, 1, 0, 1], [1, 1, 1], 0, 90, 1);
 * ok(Math.abs(cam.n[2]! - 1) < 1e-12); // looking straight down
 * ```
 */
export function camera(
  lims: number[],
  box: number[],
  azimuth: number,
  elevation: number,
  focal: number,
): Camera {
  const dist = 10;
  const el = normAngle(elevation) * Math.PI / 180;
  const az = normAngle(azimuth) * Math.PI / 180;
  const ps = [Math.cos(el) * Math.cos(az), Math.cos(el) * Math.sin(az), Math.sin(el)];
  const r = [box[0]! / 2, box[1]! / 2, box[2]! / 2];
  const far = Number.isFinite(focal) ? dist * focal : dist;
  const eye = [r[0]! + far * ps[0]!, r[1]! + far * ps[1]!, r[2]! + far * ps[2]!];
  const up = Math.abs(el) > Math.PI / 2 ? -1 : 1;
  const n = ps;
  // u = normalize(V × n) with V = (0, 0, up); straight above or below, V ∥ n
  // and the limit of the cross product as the elevation tends to ±90° is used.
  let u = [-up * n[1]!, up * n[0]!, 0];
  let len = Math.hypot(u[0]!, u[1]!);
  if (len < 1e-12) {
    u = [-Math.sin(az), Math.cos(az), 0];
    len = 1;
  }
  u = [u[0]! / len, u[1]! / len, 0];
  const v = [
    n[1]! * u[2]! - n[2]! * u[1]!,
    n[2]! * u[0]! - n[0]! * u[2]!,
    n[0]! * u[1]! - n[1]! * u[0]!,
  ];
  return { lims, box, eye, u, v, n, focal, dist };
}

/**
 * Projects the data point (x, y, z) with `cam` into `out` as
 * `[sx, sy, depth]`: `sx`, `sy` in matplotlib's projected units (about
 * ±0.09 across the axes, y up) and `depth` the distance from the eye along
 * the view direction (larger is farther).
 *
 * @example
 * ```ts
 * import { ok } from "node:assert";
 * import { camera, project } from "./_camera.ts";
 * const cam = camera([0, 1, 0, 1, 0, 1], [1, 1, 1], -60, 30, 1);
 * const centre = project(cam, 0.5, 0.5, 0.5, [0, 0, 0]);
 * ok(Math.abs(centre[0]!) < 1e-12 && Math.abs(centre[1]!) < 1e-12);
 * ```
 */
export function project(
  cam: Camera,
  x: number,
  y: number,
  z: number,
  out: number[],
): number[] {
  const l = cam.lims, b = cam.box, e = cam.eye, u = cam.u, v = cam.v, n = cam.n;
  const wx = (x - l[0]!) / (l[1]! - l[0]!) * b[0]! - e[0]!;
  const wy = (y - l[2]!) / (l[3]! - l[2]!) * b[1]! - e[1]!;
  const wz = (z - l[4]!) / (l[5]! - l[4]!) * b[2]! - e[2]!;
  const xv = u[0]! * wx + u[1]! * wy + u[2]! * wz;
  const yv = v[0]! * wx + v[1]! * wy + v[2]! * wz;
  const depth = -(n[0]! * wx + n[1]! * wy + n[2]! * wz);
  const s = Number.isFinite(cam.focal) ? cam.focal / depth : 1 / cam.dist;
  out[0] = xv * s;
  out[1] = yv * s;
  out[2] = depth;
  return out;
}

/**
 * A number rounded to one decimal, as SVG text (`-0` prints as `0`).
 *
 * @example
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { r1 } from "./_camera.ts";
 * strictEqual(r1(-0.04), "0");
 * ```
 */
export function r1(x: number): string {
  return String(Math.round(x * 10) / 10);
}

/** Where the 3D axes sit in the SVG: a square of `side` at (`left`, `top`). */
export interface AxesLayout {
  left: number;
  top: number;
  side: number;
}

/**
 * Maps projected coordinates (from {@link project}) to SVG coordinates in
 * the axes square, through matplotlib's fixed 3D view limits
 * (x in [−0.95, 0.9] / 10, y likewise; the odd bounds leave room for labels).
 *
 * @example
 * ```ts
 * import { deepStrictEqual } from "node:assert";
 * import { toScreen } from "./_camera.ts";
 * deepStrictEqual(toScreen({ left: 0, top: 0, side: 185 }, [-0.095, 0.09, 1], [0, 0]), [0, 0]);
 * ```
 */
export function toScreen(layout: AxesLayout, p: number[], out: number[]): number[] {
  const k = layout.side / 0.185;
  out[0] = layout.left + (p[0]! + 0.095) * k;
  out[1] = layout.top + (0.09 - p[1]!) * k;
  return out;
}

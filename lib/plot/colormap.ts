/**
 * Colour maps for figures: every continuous scheme of d3-scale-chromatic by
 * name (as matplotlib's `cmap=`), sampled into a palette of hex colours.
 *
 * @module
 */

import * as chromatic from "d3-scale-chromatic";

type Interpolator = (t: number) => string;

const schemes: Map<string, { name: string; interpolate: Interpolator }> = new Map(
  Object.entries(chromatic as Record<string, unknown>)
    .filter(([key, f]) => key.startsWith("interpolate") && typeof f === "function")
    .map(([key, f]) => {
      const name = key.slice("interpolate".length);
      const pretty = /^[A-Z][a-z]+$/.test(name) ? name.toLowerCase() : name;
      return [name.toLowerCase(), { name: pretty, interpolate: f as Interpolator }];
    }),
);

/**
 * The names `colormap()` accepts (each also with a `_r` suffix, reversed):
 * `viridis`, `magma`, `inferno`, `plasma`, `cividis`, `turbo`, `RdBu`, ….
 *
 * @example
 * ```ts
 * import { ok } from "node:assert";
 * import { colormapNames } from "./colormap.ts";
 * ok(colormapNames().includes("viridis") && colormapNames().includes("RdBu"));
 * ```
 */
export function colormapNames(): string[] {
  return [...schemes.values()].map((s) => s.name);
}

/**
 * The colour map called `name` (case-insensitive; a `_r` suffix reverses it)
 * as a function from `t` in [0, 1] to a `#rrggbb` colour. Values of `t`
 * outside [0, 1] are clamped; NaN gives the middle colour.
 *
 * @param name A d3-scale-chromatic scheme name, such as `"viridis"` or `"RdBu"`.
 * @returns The colour map.
 * @throws {TypeError} If no scheme has that name.
 *
 * @example
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { colormap } from "./colormap.ts";
 * strictEqual(colormap("viridis")(0), "#440154");
 * strictEqual(colormap("viridis_r")(1), "#440154");
 * ```
 */
export function colormap(name: string): (t: number) => string {
  const reversed = typeof name === "string" && /_r$/i.test(name);
  const key = typeof name === "string" ? name.replace(/_r$/i, "").toLowerCase() : "";
  const scheme = schemes.get(key);
  if (scheme === undefined) {
    throw new TypeError(
      `invalid colormap: ${JSON.stringify(name)}; expected a d3-scale-chromatic scheme such as ` +
        `"viridis", "magma", "inferno", "plasma", "cividis", "turbo", "RdBu" or "Spectral" ` +
        `(add "_r" to reverse)`,
    );
  }
  return (t: number) => {
    const u = Number.isNaN(t) ? 0.5 : Math.min(1, Math.max(0, t));
    return toHex(scheme.interpolate(reversed ? 1 - u : u));
  };
}

/**
 * `n` colours evenly spaced along the colour map `name`, from `t = 0` to
 * `t = 1`, as `#rrggbb` strings (like matplotlib's 256-entry lookup table).
 *
 * @example
 * ```ts
 * import { deepStrictEqual } from "node:assert";
 * import { palette } from "./colormap.ts";
 * deepStrictEqual(palette("viridis", 2), ["#440154", "#fde725"]);
 * ```
 */
export function palette(name: string, n = 256): string[] {
  if (!Number.isInteger(n) || n < 2) {
    throw new RangeError(`Expected n to be an integer of at least 2 but found ${n}`);
  }
  const map = colormap(name);
  return Array.from({ length: n }, (_, k) => map(k / (n - 1)));
}

const hex2 = (v: number) => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, "0");

/** `#rrggbb` for a d3 colour string (`#rgb`, `#rrggbb` or `rgb(r, g, b)`). */
function toHex(color: string): string {
  if (/^#[0-9a-f]{6}$/i.test(color)) return color.toLowerCase();
  if (/^#[0-9a-f]{3}$/i.test(color)) {
    return "#" + [...color.slice(1)].map((c) => c + c).join("").toLowerCase();
  }
  const m = color.match(/^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)/);
  if (m === null) throw new TypeError(`Expected an rgb or hex colour but found ${color}`);
  return "#" + hex2(Number(m[1])) + hex2(Number(m[2])) + hex2(Number(m[3]));
}

/**
 * Axis ticks and tick labels for the figures drawn without Observable Plot
 * (the 3D surface and the colour bars), chosen and labelled the way
 * matplotlib's default `AutoLocator` and `ScalarFormatter` do, so that our
 * figures show the same ticks as the article's.
 *
 * @module
 */

const STEPS = [1, 2, 2.5, 5, 10];

/**
 * matplotlib's `MaxNLocator(nbins, steps=[1, 2, 2.5, 5, 10])`: the
 * multiples of the smallest "nice" step that splits [`lo`, `hi`] into at
 * most `nbins` intervals, limited to [`lo`, `hi`]; empty if either end is not
 * finite or `lo > hi`.
 *
 * @example
 * ```ts
 * import { deepStrictEqual } from "node:assert";
 * import { ticks } from "./_ticks.ts";
 * deepStrictEqual(ticks(-5.5, 5.5, 9), [-4, -2, 0, 2, 4]);
 * deepStrictEqual(ticks(0.0051, 50, 9), [10, 20, 30, 40, 50]);
 * deepStrictEqual(ticks(NaN, 1, 9), []);
 * ```
 */
export function ticks(lo: number, hi: number, nbins: number): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo > hi) return [];
  if (lo === hi) return [lo];
  const bins = Math.max(1, Math.floor(nbins));
  const raw = (hi - lo) / bins;
  const scale = 10 ** Math.floor(Math.log10(raw));
  const step = scale * (STEPS.find((s) => s * scale >= raw * (1 - 1e-10)) ?? 10);
  const eps = step * 1e-10;
  const out: number[] = [];
  for (let k = Math.ceil((lo - eps) / step); k * step <= hi + eps; k++) {
    out.push(Number((k * step).toPrecision(12)));
  }
  return out;
}

/**
 * Ticks for a logarithmic axis from `lo` to `hi` (both > 0): the powers of
 * ten inside, thinned to at most about `count`; when fewer than two powers
 * fit, the linear ticks instead.
 *
 * @example
 * ```ts
 * import { deepStrictEqual } from "node:assert";
 * import { logTicks } from "./_ticks.ts";
 * deepStrictEqual(logTicks(0.05, 200, 9), [0.1, 1, 10, 100]);
 * ```
 */
export function logTicks(lo: number, hi: number, count: number): number[] {
  if (!(lo > 0) || !(hi > 0) || !Number.isFinite(hi) || lo > hi) return [];
  const first = Math.ceil(Math.log10(lo) - 1e-9);
  const last = Math.floor(Math.log10(hi) + 1e-9);
  if (last - first < 1) return ticks(lo, hi, count);
  const every = Math.ceil((last - first + 1) / Math.max(1, count));
  const out: number[] = [];
  for (let e = first; e <= last; e += every) out.push(Number(`1e${e}`));
  return out;
}

/**
 * A formatter for the labels of `values` (ticks from one axis): enough
 * decimals to tell neighbours apart, exponent form for very large or small
 * magnitudes, and U+2212 for minus signs, as matplotlib draws them.
 *
 * @example
 * ```ts
 * import { deepStrictEqual } from "node:assert";
 * import { tickFormat } from "./_ticks.ts";
 * const f = tickFormat([-0.5, 0, 0.5]);
 * deepStrictEqual([-0.5, 0, 0.5].map(f), ["\u22120.5", "0", "0.5"]);
 * ```
 */
export function tickFormat(values: readonly number[]): (v: number) => string {
  const finite = values.filter(Number.isFinite);
  const big = Math.max(0, ...finite.map(Math.abs));
  let step = Infinity;
  for (let k = 1; k < finite.length; k++) {
    const d = Math.abs(finite[k]! - finite[k - 1]!);
    if (d > 0) step = Math.min(step, d);
  }
  const exponent = big >= 1e5 || (big > 0 && big < 1e-3);
  const isLog = finite.length > 1 && finite.every((v) => v > 0) && logSpaced(finite);
  return (v: number) => {
    let s: string;
    if (!Number.isFinite(v)) s = String(v);
    else if (v === 0) s = "0";
    else if (exponent || (isLog && (Math.abs(v) >= 1e4 || Math.abs(v) < 1e-2))) {
      s = v.toExponential().replace(/\.?0+e/, "e").replace("e+", "e");
    } else if (isLog || !Number.isFinite(step)) s = String(Number(v.toPrecision(4)));
    else {
      const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
      s = v.toFixed(Math.min(decimals + (isHalfStep(step) ? 1 : 0), 12));
      if (s.includes(".")) s = s.replace(/\.?0+$/, "");
    }
    return s.replace(/^-/, "\u2212").replace("e-", "e\u2212");
  };
}

function logSpaced(values: readonly number[]): boolean {
  const r = values[1]! / values[0]!;
  return r >= 10 && values.every((v, k) => k === 0 || Math.abs(v / values[k - 1]! - r) < 1e-9 * r);
}

// Steps such as 2.5 or 0.25 need one decimal more than their magnitude says.
function isHalfStep(step: number): boolean {
  const m = step / 10 ** Math.floor(Math.log10(step) + 1e-9);
  return Math.abs(m - 2.5) < 1e-9;
}

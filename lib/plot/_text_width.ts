/**
 * Estimated width of a line of text in DejaVu Sans (matplotlib's default
 * font, and the first choice of our figures), for laying out labels and
 * legends without a browser to measure them.
 *
 * @module
 */

// Advance widths in em of DejaVu Sans (units per em 2048, rounded).
const WIDTHS: Record<string, number> = {
  " ": 0.318,
  "0": 0.636,
  ".": 0.318,
  ",": 0.318,
  ":": 0.337,
  ";": 0.337,
  "(": 0.39,
  ")": 0.39,
  "[": 0.39,
  "]": 0.39,
  "-": 0.361,
  "\u2212": 0.838,
  "+": 0.838,
  "=": 0.838,
  "/": 0.337,
  "_": 0.5,
  "'": 0.275,
  '"': 0.46,
  "²": 0.401,
  a: 0.613,
  b: 0.635,
  c: 0.55,
  d: 0.635,
  e: 0.615,
  f: 0.352,
  g: 0.635,
  h: 0.634,
  i: 0.278,
  j: 0.278,
  k: 0.579,
  l: 0.278,
  m: 0.974,
  n: 0.634,
  o: 0.612,
  p: 0.635,
  q: 0.635,
  r: 0.411,
  s: 0.521,
  t: 0.392,
  u: 0.634,
  v: 0.592,
  w: 0.818,
  x: 0.592,
  y: 0.592,
  z: 0.525,
  A: 0.684,
  B: 0.686,
  C: 0.698,
  D: 0.77,
  E: 0.632,
  F: 0.575,
  G: 0.775,
  H: 0.752,
  I: 0.295,
  J: 0.295,
  K: 0.656,
  L: 0.557,
  M: 0.863,
  N: 0.748,
  O: 0.787,
  P: 0.603,
  Q: 0.787,
  R: 0.695,
  S: 0.635,
  T: 0.611,
  U: 0.732,
  V: 0.684,
  W: 0.989,
  X: 0.685,
  Y: 0.611,
  Z: 0.685,
};

/**
 * The width of `text` set in DejaVu Sans at `fontSize`, from a table of
 * advance widths (digits 0.636 em; unknown characters 0.6 em).
 *
 * @example
 * ```ts
 * import { ok } from "node:assert";
 * import { textWidth } from "./_text_width.ts";
 * ok(Math.abs(textWidth("10", 10) - 12.72) < 1e-9);
 * ```
 */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const c of text) em += WIDTHS[c] ?? (c >= "1" && c <= "9" ? 0.636 : 0.6);
  return em * fontSize;
}

/**
 * Displaying figures and tables in a Deno notebook without losing output.
 *
 * This is the one module of `lib/` that touches `Deno.jupyter`.
 *
 * @module
 */

import { escapeXml } from "./_xml.ts";
import { liveFigureHTML, liveHTML } from "./_live_svg.ts";
import { outputPublished } from "./_iopub_flush.ts";

/** The symbol by which the Deno kernel asks an object for its MIME bundle. */
export const DISPLAY: unique symbol = Symbol.for("Jupyter.display") as never;

/** A Jupyter MIME bundle: MIME type → content. */
export type MediaBundle = Record<string, string | object>;

/** Anything that decides its own MIME bundle in a Deno notebook. */
export interface Displayable {
  /** Gives the bundle the kernel displays. */
  [DISPLAY](): MediaBundle;
}

/** A figure: `await show(fig)` in a notebook, `fig.toSVG()` for a file. */
export interface Figure extends Displayable {
  /** The figure as a standalone SVG document (with `xmlns`). */
  toSVG(): string;
  /** A short text alternative: what the figure shows. */
  toString(): string;
}

const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * Adds `xmlns` to an `<svg>` root that lacks it, so the markup is a
 * standalone SVG document.
 */
export function withXmlns(svg: string): string {
  const open = svg.match(/^<svg\b[^>]*>/)?.[0];
  if (open === undefined || /\sxmlns=/.test(open)) return svg;
  return `<svg xmlns="${SVG_NS}"` + svg.slice(4);
}

function isDisplayable(x: unknown): x is Displayable {
  return typeof x === "object" && x !== null &&
    typeof (x as Partial<Displayable>)[DISPLAY] === "function";
}

function isElement(x: unknown): x is { outerHTML: string } {
  return typeof x === "object" && x !== null &&
    typeof (x as { outerHTML?: unknown }).outerHTML === "string";
}

function isRowArray(x: unknown): x is Record<string, unknown>[] {
  return Array.isArray(x) && x.length > 0 &&
    x.every((r) => typeof r === "object" && r !== null && !Array.isArray(r));
}

/**
 * Formats a number for a table: integers as they are, others with four
 * significant digits, very large or small ones in exponent form.
 */
export function formatNumber(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  const a = Math.abs(x);
  if (a >= 1e6 || a < 1e-3) return x.toExponential(digits - 1);
  return String(Number(x.toPrecision(digits)));
}

function cellText(v: unknown, digits: number): string {
  if (typeof v === "number") return formatNumber(v, digits);
  if (Array.isArray(v)) return `(${v.map((e) => cellText(e, digits)).join(", ")})`;
  return v === undefined || v === null ? "" : String(v);
}

/**
 * A table of rows (plain objects) that displays as an HTML table in a
 * notebook and as aligned text elsewhere. Columns are the keys of the first
 * row unless `columns` says otherwise; numbers get `digits` significant
 * digits.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert";
 * import { DISPLAY, table } from "./show.ts";
 * const t = table([{ model: "a", loss: 0.123456 }], { caption: "Losses" });
 * ok(String(t[DISPLAY]()["text/html"]).includes(">0.1235</td>"));
 * ```
 */
export function table(
  rows: readonly Record<string, unknown>[],
  { columns, caption, digits = 4 }: { columns?: string[]; caption?: string; digits?: number } = {},
): Displayable & { toString(): string } {
  const cols = columns ?? Object.keys(rows[0] ?? {});
  const cells = rows.map((r) => cols.map((c) => cellText(r[c], digits)));
  const numeric = cols.map((c) => rows.some((r) => typeof r[c] === "number"));
  const text = () => {
    const widths = cols.map((c, k) => Math.max(c.length, ...cells.map((r) => r[k]!.length)));
    const pad = (s: string, k: number) =>
      numeric[k] ? s.padStart(widths[k]!) : s.padEnd(widths[k]!);
    const lines = [cols.map(pad).join("  "), ...cells.map((r) => r.map(pad).join("  "))];
    return (caption ? `${caption}\n` : "") + lines.join("\n");
  };
  const html = () => {
    // JupyterLab right-aligns every cell; text reads better flush left.
    const align = (k: number) => ` style="text-align:${numeric[k] ? "right" : "left"}"`;
    const head = cols.map((c, k) => `<th${align(k)}>${escapeXml(c)}</th>`).join("");
    const body = cells.map((r) =>
      `<tr>${r.map((v, k) => `<td${align(k)}>${escapeXml(v)}</td>`).join("")}</tr>`
    ).join("");
    const cap = caption ? `<caption>${escapeXml(caption)}</caption>` : "";
    return `<table class="ll-table">${cap}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
  };
  return {
    [DISPLAY]: () => ({ "text/html": html(), "text/plain": text() }),
    toString: text,
  };
}

/** A text alternative for an element's picture: its caption, title or ARIA label. */
function elementAlt(html: string): string {
  const found = html.match(/<figcaption\b[^>]*>([\s\S]*?)<\/figcaption>/)?.[1] ??
    html.match(/<title\b[^>]*>([\s\S]*?)<\/title>/)?.[1] ??
    html.match(/^<svg\b[^>]*\saria-label="([^"]*)"/)?.[1];
  const text = (found ?? "").replace(/<[^>]*>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&").trim();
  return text === "" ? "Figure" : text;
}

/**
 * Prose a cell computes: Markdown (with `$…$` maths) that displays as
 * formatted text in a notebook and in the exported page, and as itself
 * elsewhere. Chapters use it so that a number in a sentence is the number
 * the notebook computed, not one typed by hand.
 *
 * @param text Markdown.
 * @returns A displayable: `await show(markdown(...))`.
 *
 * @example
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { DISPLAY, markdown } from "./show.ts";
 * const m = markdown(`The lowest loss is **${(0.15379).toFixed(3)}** kg².`);
 * strictEqual(m[DISPLAY]()["text/markdown"], "The lowest loss is **0.154** kg².");
 * strictEqual(String(m), "The lowest loss is **0.154** kg².");
 * ```
 */
export function markdown(text: string): Displayable & { toString(): string } {
  if (typeof text !== "string") {
    throw new TypeError(`Expected Markdown text but found ${typeof text}`);
  }
  return {
    [DISPLAY]: () => ({ "text/markdown": text, "text/plain": text }),
    toString: () => text,
  };
}

/**
 * The MIME bundle for any value: a figure's own bundle, an SVG or HTML
 * element (as `text/html` whose SVGs are static pictures that every viewer
 * shows, made inline SVG where scripts run, see `_live_svg.ts`; plus
 * `image/svg+xml` for an SVG), rows of objects as a table, or plain text.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert";
 * import { bundleOf } from "./show.ts";
 * const b = bundleOf({ outerHTML: '<svg width="10" height="10"></svg>' });
 * ok(String(b["image/svg+xml"]).startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
 * ok(String(b["text/html"]).includes('<img class="ll-svg" src="data:image/svg+xml;base64,'));
 * ```
 */
export function bundleOf(x: unknown): MediaBundle {
  if (isDisplayable(x)) return x[DISPLAY]();
  if (isElement(x)) {
    const html = x.outerHTML;
    if (html.startsWith("<svg")) {
      const svg = withXmlns(html);
      return {
        "text/html": liveFigureHTML(svg, elementAlt(html)),
        "image/svg+xml": svg,
        "text/plain": "[figure]",
      };
    }
    if (/<svg\b/.test(html)) {
      return { "text/html": liveHTML(html, elementAlt(html)), "text/plain": "[figure]" };
    }
    return { "text/html": html, "text/plain": "[figure]" };
  }
  if (isRowArray(x)) return table(x)[DISPLAY]();
  if (typeof x === "string") return { "text/plain": x };
  return { "text/plain": Deno.inspect(x, { colors: false, depth: 4 }) };
}

/** The part of `Deno.jupyter` that `lib/plot/` uses. */
export type Jupyter = {
  display(obj: unknown, options?: { raw?: boolean }): Promise<void>;
  broadcast(msgType: string, content: Record<string, unknown>): Promise<void> | void;
};

/** `Deno.jupyter` in a Deno notebook kernel; `undefined` anywhere else. */
export function kernel(): Jupyter | undefined {
  try {
    return (Deno as unknown as { jupyter: Jupyter }).jupyter;
  } catch {
    // Outside `deno jupyter`, touching Deno.jupyter throws.
    return undefined;
  }
}

/**
 * Displays `x` in the notebook and waits until the kernel has published it,
 * so the output is on the wire before the cell finishes (the Deno kernel can
 * report a cell idle before its last output, and Jupyter stops listening at
 * idle; see `_iopub_flush.ts`). Where that wait cannot work it yields to the
 * event loop instead. Outside a notebook it prints the plain-text form.
 *
 * End every figure or table cell with `await show(...)`.
 *
 * @example
 * ```ts
 * import { show, table } from "./show.ts";
 * await show(table([{ a: 1 }])); // prints "a\n1" outside a notebook
 * ```
 */
export async function show(x: unknown): Promise<void> {
  const bundle = bundleOf(x);
  const jupyter = kernel();
  if (jupyter) {
    await jupyter.display(bundle, { raw: true });
    const marker = (commId: string) =>
      void jupyter.broadcast("comm_msg", { comm_id: commId, data: {} });
    if (await outputPublished(marker)) return;
  } else {
    console.log(bundle["text/plain"] ?? "[figure]");
  }
  await new Promise((resolve) => setTimeout(resolve, 0));
}

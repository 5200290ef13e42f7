/**
 * The notebook HTML of SVG figures, made to show in every viewer.
 *
 * Each SVG is stored once, as a static picture: an
 * `<img src="data:image/svg+xml;base64,…" alt="…">`, which survives
 * JupyterLab's sanitizer (an untrusted notebook opened from disk), the
 * classic Notebook, nbconvert's HTML export and pages without JavaScript.
 * A small inline script follows it; where scripts run (a trusted notebook,
 * an exported page) it replaces each such picture by the same SVG inline, so
 * that figures can be interactive (3D surfaces turn). The script keeps only
 * drawing markup: no scripts, event handlers or outside links survive the
 * swap.
 *
 * The picture is a card: white background, black text (`currentColor`
 * inside an `<img>` cannot inherit the page's colour), so that it reads on
 * dark pages too.
 *
 * @module
 */

import { escapeXml } from "./_xml.ts";

/** Class of the wrapper `<div>` of a figure's HTML. */
export const FIGURE_CLASS = "ll-fig";

/** Class of the `<img>` that holds a static SVG picture. */
export const PICTURE_CLASS = "ll-svg";

const SVG_NS = "http://www.w3.org/2000/svg";
const DATA_PREFIX = "data:image/svg+xml;base64,";

/** The card style every picture gets: a white card with black text. */
export const CARD_STYLE = "background:#fff;color:#000";

function rootTag(svg: string): string {
  const open = svg.match(/^<svg\b[^>]*>/)?.[0];
  if (open === undefined) throw new TypeError("Expected markup that starts with an <svg> element");
  return open;
}

/**
 * The SVG as a standalone card: `xmlns`, a `viewBox` (so the picture scales
 * when narrowed) and a white background with black `currentColor` in front
 * of the root's own style (which wins where it says otherwise).
 *
 * @example
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { cardSvg } from "./_live_svg.ts";
 * strictEqual(
 *   cardSvg('<svg width="10" height="5"></svg>'),
 *   '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 5" ' +
 *     'style="background:#fff;color:#000" width="10" height="5"></svg>',
 * );
 * ```
 */
export function cardSvg(svg: string): string {
  const open = rootTag(svg);
  let head = open;
  const style = head.match(/\sstyle="([^"]*)"/);
  head = style
    ? head.replace(style[0], ` style="${CARD_STYLE};${style[1]}"`)
    : head.replace(/^<svg/, `<svg style="${CARD_STYLE}"`);
  const width = open.match(/\swidth="([\d.]+)"/)?.[1];
  const height = open.match(/\sheight="([\d.]+)"/)?.[1];
  if (!/\sviewBox=/.test(open) && width !== undefined && height !== undefined) {
    head = head.replace(/^<svg/, `<svg viewBox="0 0 ${width} ${height}"`);
  }
  if (!/\sxmlns=/.test(open)) head = head.replace(/^<svg/, `<svg xmlns="${SVG_NS}"`);
  return head + svg.slice(open.length);
}

function base64Utf8(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = "";
  for (let k = 0; k < bytes.length; k += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(k, k + 0x8000));
  }
  return btoa(bin);
}

/**
 * An SVG as a static picture: an `<img>` of its {@link cardSvg} as a data
 * URL, with `alt` text and the SVG's own size.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert";
 * import { pictureOf } from "./_live_svg.ts";
 * const img = pictureOf('<svg width="10" height="5"></svg>', "An empty figure");
 * ok(img.startsWith('<img class="ll-svg" src="data:image/svg+xml;base64,'));
 * ok(img.includes('alt="An empty figure" width="10" height="5"'));
 * ```
 */
export function pictureOf(svg: string, alt: string): string {
  const open = rootTag(svg);
  const width = open.match(/\swidth="([\d.]+)"/)?.[1];
  const height = open.match(/\sheight="([\d.]+)"/)?.[1];
  return `<img class="${PICTURE_CLASS}" src="${DATA_PREFIX}${base64Utf8(cardSvg(svg))}" ` +
    `alt="${escapeXml(alt)}"` + (width === undefined ? "" : ` width="${width}"`) +
    (height === undefined ? "" : ` height="${height}"`) +
    ` style="max-width:100%;height:auto;vertical-align:top">`;
}

/**
 * The SVG markup of each static picture in `html`, decoded (the inverse of
 * {@link pictureOf}, for tests and tools).
 *
 * @example
 * ```ts
 * import { deepStrictEqual } from "node:assert";
 * import { pictureOf, picturesIn } from "./_live_svg.ts";
 * deepStrictEqual(picturesIn(pictureOf('<svg width="1" height="1"><text>−</text></svg>', "")), [
 *   '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1" ' +
 *   'style="background:#fff;color:#000" width="1" height="1"><text>−</text></svg>',
 * ]);
 * ```
 */
export function picturesIn(html: string): string[] {
  const re = /<img class="ll-svg" src="data:image\/svg\+xml;base64,([A-Za-z0-9+/=]*)"/g;
  return [...html.matchAll(re)].map((m) =>
    new TextDecoder().decode(Uint8Array.from(atob(m[1]!), (c) => c.charCodeAt(0)))
  );
}

/**
 * Replaces every static picture (`img.ll-svg` holding an SVG data URL)
 * under `root` by the same SVG inline, keeping only drawing markup: no
 * `script` or `foreignObject` elements, no `on…` attributes, no links other
 * than to `#fragments` or `data:` images. A picture that does not parse
 * stays as it is.
 * Portable: it is embedded in the page by source, so it refers only to
 * browser globals.
 */
export function upgradePictures(root: ParentNode): void {
  const prefix = "data:image/svg+xml;base64,";
  const imgs = root.querySelectorAll("img.ll-svg");
  for (let k = 0; k < imgs.length; k++) {
    const img = imgs[k]!;
    const src = img.getAttribute("src") || "";
    if (src.indexOf(prefix) !== 0) continue;
    let svg: Element;
    try {
      const bin = atob(src.slice(prefix.length));
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      const doc = new DOMParser().parseFromString(
        new TextDecoder().decode(bytes),
        "image/svg+xml",
      );
      svg = doc.documentElement;
      if (
        svg.namespaceURI !== "http://www.w3.org/2000/svg" ||
        doc.getElementsByTagName("parsererror").length > 0
      ) continue;
    } catch (_) {
      continue;
    }
    const nodes = [svg, ...Array.from(svg.querySelectorAll("*"))];
    for (let n = 0; n < nodes.length; n++) {
      const el = nodes[n]!;
      const tag = el.localName.toLowerCase();
      if (tag === "script" || tag === "foreignobject") {
        el.remove();
        continue;
      }
      const names = el.getAttributeNames();
      for (let a = 0; a < names.length; a++) {
        const name = names[a]!.toLowerCase();
        const value = (el.getAttribute(names[a]!) || "").trim();
        if (
          name.indexOf("on") === 0 ||
          (/(^|:)href$/.test(name) && value.charAt(0) !== "#" &&
            value.indexOf("data:image/") !== 0)
        ) el.removeAttribute(names[a]!);
      }
    }
    img.replaceWith(document.importNode(svg, true));
  }
}

/** The enclosing figure wrapper of the running script, or the whole document. */
export function scriptScope(): ParentNode {
  const s = document.currentScript;
  const wrapper = s && s.parentElement && s.parentElement.closest(".ll-fig");
  return wrapper || document;
}

let cached: string | undefined;

/**
 * The inline script that turns the pictures of its own figure wrapper (or,
 * where scripts run detached from the output, as in the classic Notebook,
 * of the page) into inline SVG; defines no globals.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert";
 * import { pictureScript } from "./_live_svg.ts";
 * ok(pictureScript().startsWith("(function(){") && pictureScript().includes("upgradePictures"));
 * ```
 */
export function pictureScript(): string {
  cached ??= `(function(){"use strict";\n${portablePictureSource()}\n` +
    `upgradePictures(scriptScope());\n})();`;
  return cached;
}

/** Source of {@link upgradePictures} and {@link scriptScope}, for embedding. */
export function portablePictureSource(): string {
  return [upgradePictures, scriptScope].map((f) => f.toString()).join("\n");
}

/**
 * The notebook HTML of an SVG figure: a wrapper holding its static picture
 * (`alt` = the text alternative) and the script that makes it inline SVG
 * where scripts run.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert";
 * import { liveFigureHTML } from "./_live_svg.ts";
 * const html = liveFigureHTML('<svg width="10" height="5"></svg>', "Nothing");
 * ok(html.startsWith('<div class="ll-fig"><img class="ll-svg"') && html.endsWith("</script></div>"));
 * ```
 */
export function liveFigureHTML(svg: string, alt: string): string {
  return `<div class="${FIGURE_CLASS}">${
    pictureOf(svg, alt)
  }<script>${pictureScript()}</script></div>`;
}

/**
 * Like {@link liveFigureHTML} for HTML that holds SVGs among other markup
 * (a Plot `<figure>` with a caption or a legend): each outermost `<svg>`
 * becomes a picture, the largest with `alt` as its text, the others
 * (legend swatches) decorative.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert";
 * import { liveHTML } from "./_live_svg.ts";
 * const html = liveHTML('<figure><svg width="9" height="9"></svg><figcaption>C</figcaption></figure>', "C");
 * ok(html.includes('alt="C"') && html.includes("<figcaption>C</figcaption>"));
 * ```
 */
export function liveHTML(html: string, alt: string): string {
  const pieces: { start: number; end: number; area: number }[] = [];
  const tags = /<(\/?)svg\b[^>]*>/g;
  let depth = 0, start = 0;
  for (const m of html.matchAll(tags)) {
    if (m[1] === "") {
      if (depth++ === 0) start = m.index!;
    } else if (depth > 0 && --depth === 0) {
      const open = rootTag(html.slice(start));
      const w = Number(open.match(/\swidth="([\d.]+)"/)?.[1] ?? 0);
      const h = Number(open.match(/\sheight="([\d.]+)"/)?.[1] ?? 0);
      pieces.push({ start, end: m.index! + m[0].length, area: w * h });
    }
  }
  if (pieces.length === 0) return html;
  const largest = pieces.reduce((a, b) => (b.area > a.area ? b : a));
  let out = "", at = 0;
  for (const p of pieces) {
    out += html.slice(at, p.start) +
      pictureOf(html.slice(p.start, p.end), p === largest ? alt : "");
    at = p.end;
  }
  out += html.slice(at);
  return `<div class="${FIGURE_CLASS}">${out}<script>${pictureScript()}</script></div>`;
}

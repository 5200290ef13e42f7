/**
 * Figures that run in the page: the building blocks the live figures
 * (`lib/live/`) are made of. A page figure is a static SVG picture that
 * every viewer shows (see docs/ARCHITECTURE.md, "The display pipeline"),
 * plus a script that, where scripts run, turns the picture into inline SVG
 * and makes it interactive.
 *
 * @module
 */

import { FIGURE_CLASS, pictureOf, portablePictureSource } from "./_live_svg.ts";
import { DISPLAY, type Figure, withXmlns } from "./show.ts";
import { escapeXml } from "./_xml.ts";

/** The figures' font, for panels a page figure draws itself. */
export { FONT } from "./_figure.ts";

/** What {@linkcode pageFigure} assembles. */
export interface PageFigureParts {
  /** The figure's first frame as SVG: the static picture every viewer shows. */
  svg: string;
  /** The text alternative of that frame (the picture's `alt` and `text/plain`). */
  text: string;
  /** Class of the root element, besides `ll-fig`; the script finds its roots by it. */
  kind: string;
  /** Attributes of the root element (e.g. `data-state`), escaped here. */
  attributes?: Record<string, string>;
  /** HTML after the picture, inside the root (a status line, the figure's data). */
  body?: string;
  /**
   * JavaScript that runs once the pictures are inline SVG, in a scope where
   * `roots` is an array of this figure's root elements (each started once).
   * It runs for a root when the root comes within 600 px of the visible
   * part of the page (at once where `IntersectionObserver` is missing), so
   * a long page opens without starting figures nobody has scrolled to.
   * Defines no globals.
   */
  script?: string;
}

/** A short stable hash of a string, for ids that tell figures apart. */
function hash(s: string): string {
  let h1 = 0x811c9dc5, h2 = 0x01000193;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    h1 = Math.imul(h1 ^ c, 16777619);
    h2 = Math.imul(h2 ^ c, 2246822519);
  }
  return (h1 >>> 0).toString(36) + (h2 >>> 0).toString(36);
}

/**
 * A figure whose notebook HTML is `svg` as a static picture inside a root
 * `div.ll-fig.<kind>`, then `body`, then a script that makes the picture
 * inline SVG and runs `script` for the figure's roots. The root carries a
 * `data-ll-id` from the content, so a figure's script starts only copies of
 * its own figure even where scripts run detached from their output (the
 * classic Notebook), and never twice.
 *
 * @param parts The picture, its text, the root's class and attributes, the body and the script.
 * @returns A figure: the HTML for notebooks and pages, the SVG for `toSVG()`.
 *
 * @example
 * ```ts
 * import { ok, strictEqual } from "node:assert";
 * import { pageFigure } from "./page.ts";
 * import { DISPLAY } from "./show.ts";
 * const fig = pageFigure({
 *   svg: '<svg width="10" height="10"></svg>', text: "A dot", kind: "ll-dot",
 *   attributes: { "data-state": '{"x":1}' }, script: "roots.forEach((r) => r.title = 'hi');",
 * });
 * const html = String(fig[DISPLAY]()["text/html"]);
 * ok(html.startsWith('<div class="ll-fig ll-dot" data-ll-id="'));
 * ok(html.includes('data-state="{&quot;x&quot;:1}"'));
 * strictEqual(fig.toString(), "A dot");
 * ```
 */
export function pageFigure(parts: PageFigureParts): Figure {
  const { svg, text, kind, attributes = {}, body = "", script = "" } = parts;
  if (!/^[a-z][\w-]*$/.test(kind)) throw new TypeError(`Expected kind to be a class name`);
  const standalone = withXmlns(svg);
  let html: string | undefined;
  const build = () => {
    const id = hash(kind + standalone + script);
    const attrs = Object.entries(attributes)
      .map(([k, v]) => ` ${k}="${escapeXml(v)}"`).join("");
    const selector = `.${kind}[data-ll-id="${id}"]:not([data-ll-ready])`;
    const start = script === "" ? "upgradePictures(scriptScope());" : [
      `function start(roots) {`,
      `roots.forEach(function (r) { upgradePictures(r); });`,
      script,
      `}`,
      `var found = Array.prototype.slice.call(document.querySelectorAll(${
        JSON.stringify(selector)
      }));`,
      `found.forEach(function (r) { r.setAttribute("data-ll-ready", "1"); });`,
      `if (typeof IntersectionObserver !== "function") { if (found.length > 0) start(found); }`,
      `else found.forEach(function (r) {`,
      `  var seen = new IntersectionObserver(function (entries) {`,
      `    if (!entries.some(function (e) { return e.isIntersecting; })) return;`,
      `    seen.disconnect();`,
      `    start([r]);`,
      `  }, { rootMargin: "600px" });`,
      `  seen.observe(r);`,
      `});`,
    ].join("\n");
    return `<div class="${FIGURE_CLASS} ${kind}" data-ll-id="${id}"${attrs}>${
      pictureOf(standalone, text)
    }${body}<script>(function(){"use strict";\n${portablePictureSource()}\n${start}\n})();` +
      `</script></div>`;
  };
  return {
    [DISPLAY]: () => ({
      "text/html": html ??= build(),
      "image/svg+xml": standalone,
      "text/plain": text,
    }),
    toSVG: () => standalone,
    toString: () => text,
  };
}

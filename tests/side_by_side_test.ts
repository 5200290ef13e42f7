import { ok, strictEqual, throws } from "node:assert";
import { sideBySide } from "../lib/plot/side_by_side.ts";
import { DISPLAY, table } from "../lib/plot/show.ts";
import { svgFigure } from "../lib/plot/_figure.ts";

const a = svgFigure('<svg width="100" height="50"><circle r="3"/></svg>', "figure a");
const b = svgFigure('<svg width="80" height="50"><rect width="3" height="3"/></svg>', "figure b");

Deno.test("sideBySide() holds each figure's HTML, in order, in a grid of the given columns", () => {
  const html = sideBySide([a, b, table([{ c: 3 }])], { columns: 2 }).toHTML();
  const ia = html.indexOf('alt="figure a"'), ib = html.indexOf('alt="figure b"');
  const ic = html.indexOf("<table");
  ok(ia > 0 && ib > ia && ic > ib, "figures out of order or missing");
  ok(html.includes("grid-template-columns:repeat(2, max-content)"));
  ok(html.startsWith('<div class="ll-side-by-side"') && html.endsWith("</div></div>"));
});

Deno.test("sideBySide() puts every figure in one row by default", () => {
  ok(sideBySide([a, b]).toHTML().includes("repeat(2, max-content)"));
});

Deno.test("sideBySide() displays as text/html with the figures' text alternatives", () => {
  const bundle = sideBySide([a, b])[DISPLAY]();
  strictEqual(typeof bundle["text/html"], "string");
  strictEqual(bundle["text/plain"], "figure a\nfigure b");
  ok(!("image/svg+xml" in bundle));
});

Deno.test("sideBySide() shows plain values as escaped text", () => {
  ok(sideBySide(["<b>x</b>"]).toHTML().includes("<pre>&lt;b&gt;x&lt;/b&gt;</pre>"));
});

Deno.test("sideBySide() rejects no figures and bad columns or gaps", () => {
  throws(() => sideBySide([]), { name: "RangeError", message: /at least one figure/ });
  throws(() => sideBySide([a], { columns: 0 }), { name: "RangeError", message: /columns/ });
  throws(() => sideBySide([a], { columns: 1.5 }), { name: "RangeError", message: /columns/ });
  throws(() => sideBySide([a], { gap: -1 }), { name: "RangeError", message: /gap/ });
  throws(() => sideBySide([a], { gap: NaN }), { name: "RangeError", message: /gap/ });
});

import { deepStrictEqual, ok, strictEqual, throws } from "node:assert";
import { Plot, plot, type PlotOptions } from "../lib/plot/plot.ts";
import { bundleOf, DISPLAY, formatNumber, show, table, withXmlns } from "../lib/plot/show.ts";
import { picturesIn } from "../lib/plot/_live_svg.ts";

Deno.test("bundleOf() gives an SVG element as text/html and as standalone image/svg+xml", () => {
  const b = bundleOf(plot({ marks: [Plot.lineY([1, 3, 2])] }));
  const html = picturesIn(String(b["text/html"]))[0] ?? "";
  ok(html.startsWith("<svg"), html.slice(0, 40));
  ok(String(b["image/svg+xml"]).startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
  ok(html.includes("<path"), "the figure lost its marks");
});

Deno.test("bundleOf() gives a non-SVG element (a Plot figure with a legend) as text/html only", () => {
  const b = bundleOf(plot({
    color: { legend: true },
    marks: [
      Plot.dot([{ x: 1, y: 2, s: "a" }, { x: 2, y: 1, s: "b" }], { x: "x", y: "y", fill: "s" }),
    ],
  }));
  ok(String(b["text/html"]).startsWith('<div class="ll-fig"><figure'));
  strictEqual(b["image/svg+xml"], undefined);
});

Deno.test("bundleOf() shows rows of objects as a table and anything else as plain text", () => {
  ok(String(bundleOf([{ a: 1 }, { a: 2 }])["text/html"]).startsWith('<table class="ll-table">'));
  deepStrictEqual(bundleOf("hello"), { "text/plain": "hello" });
  deepStrictEqual(bundleOf({ x: 1 }), { "text/plain": "{ x: 1 }" });
  const own = { [DISPLAY]: () => ({ "text/markdown": "**hi**" }) };
  deepStrictEqual(bundleOf(own), { "text/markdown": "**hi**" });
});

Deno.test("withXmlns() adds xmlns to an SVG root once and leaves other markup alone", () => {
  strictEqual(
    withXmlns('<svg width="1"></svg>'),
    '<svg xmlns="http://www.w3.org/2000/svg" width="1"></svg>',
  );
  const once = withXmlns("<svg></svg>");
  strictEqual(withXmlns(once), once);
  strictEqual(withXmlns("<div></div>"), "<div></div>");
});

Deno.test("table() escapes its text, aligns numbers right and text left, and formats numbers", () => {
  const t = table([{ name: "<script>alert(1)</script>", loss: 1234.5678, n: 3 }], {
    caption: "A & B",
  });
  const html = String(t[DISPLAY]()["text/html"]);
  ok(!html.includes("<script>"), html);
  ok(html.includes("&lt;script&gt;alert(1)&lt;/script&gt;"));
  ok(html.includes("<caption>A &amp; B</caption>"));
  ok(html.includes('<td style="text-align:left">&lt;script'));
  ok(html.includes('<td style="text-align:right">1235</td>'));
  ok(html.includes('<td style="text-align:right">3</td>'));
  strictEqual(
    t.toString(),
    "A & B\nname                       loss  n\n<script>alert(1)</script>  1235  3",
  );
});

Deno.test("formatNumber() keeps integers, gives four significant digits, and exponents at the extremes", () => {
  strictEqual(formatNumber(42), "42");
  strictEqual(formatNumber(0.123456), "0.1235");
  strictEqual(formatNumber(-2.5), "-2.5");
  strictEqual(formatNumber(1234567.8), "1.235e+6");
  strictEqual(formatNumber(0.00001234), "1.234e-5");
  strictEqual(formatNumber(NaN), "NaN");
  strictEqual(formatNumber(-Infinity), "-Infinity");
});

Deno.test("show() outside a notebook prints the plain-text form and resolves", async () => {
  const printed: unknown[] = [];
  const log = console.log;
  console.log = (...a: unknown[]) => printed.push(...a);
  try {
    await show(table([{ a: 1 }]));
    await show(plot({ marks: [Plot.lineY([1, 2])] }));
  } finally {
    console.log = log;
  }
  deepStrictEqual(printed, ["a\n1", "[figure]"]);
});

/** The text of a chart's x or y axis label. */
function axisLabel(chart: Element, axis: "x" | "y"): string {
  return chart.querySelector(`[aria-label="${axis}-axis label"] text`)?.textContent ?? "";
}
const countOf = (chart: Element, label: string) =>
  chart.querySelectorAll(`[aria-label="${label}"]`).length;

Deno.test("plot() draws in the house style: 11 px text, centred labels without arrows, a frame", () => {
  const options = { x: { label: "step" }, y: { label: "loss" }, marks: [Plot.lineY([1, 3, 2])] };
  const house = plot(options);
  strictEqual(house.getAttribute("style"), "font-size:11px");
  strictEqual(axisLabel(house, "x"), "step");
  strictEqual(axisLabel(house, "y"), "loss");
  strictEqual(countOf(house, "frame"), 1);
  // Observable Plot's own look, for comparison: arrows at the ends, no frame.
  const plain = plot({ theme: "plain", ...options });
  strictEqual(plain.getAttribute("style"), null);
  strictEqual(axisLabel(plain, "x"), "step →");
  strictEqual(axisLabel(plain, "y"), "↑ loss");
  strictEqual(countOf(plain, "frame"), 0);
});

Deno.test("plot() in the plain theme is exactly Observable Plot's own chart", () => {
  const options = { width: 300, height: 200, marks: [Plot.dot([[1, 2], [2, 1]])] };
  const document = plot().ownerDocument;
  strictEqual(
    plot({ theme: "plain", ...options }).outerHTML,
    (Plot.plot({ document, ...options }) as unknown as Element).outerHTML,
  );
});

Deno.test("plot() lets a chart's own style, axis options and frame win over the house ones", () => {
  const own = plot({
    style: { fontSize: "14px", color: "black" },
    y: { label: "loss", labelArrow: "up" },
    marks: [Plot.lineY([1, 3, 2])],
  });
  strictEqual(own.getAttribute("style"), "font-size:14px;color:black");
  strictEqual(axisLabel(own, "y"), "↑ loss");
  strictEqual(countOf(plot({ frame: false, marks: [Plot.lineY([1, 2])] }), "frame"), 0);
  strictEqual(
    countOf(plot({ theme: "plain", frame: true, marks: [Plot.lineY([1, 2])] }), "frame"),
    1,
  );
  // A frame among the marks is the only one, drawn where it is put (last: over the line).
  const last = plot({ marks: [Plot.lineY([1, 2]), [Plot.frame({ stroke: "red" })]] });
  strictEqual(countOf(last, "frame"), 1);
  strictEqual(last.querySelector('[aria-label="frame"]')?.getAttribute("stroke"), "red");
  strictEqual(last.querySelector('[aria-label="frame"]')?.nextElementSibling, null);
});

Deno.test("plot() changes nothing for a chart that sets every house option itself", () => {
  // As curvePlot, contourPlot and regionMap do: their figures stay as they were.
  const options: PlotOptions = {
    style: { fontFamily: "serif", fontSize: "10px", background: "white" },
    x: { label: "w", labelAnchor: "center", labelArrow: "none", labelOffset: 36 },
    y: { label: "loss", labelAnchor: "center", labelArrow: "none" },
    marks: [Plot.frame({ stroke: "#000" }), Plot.lineY([1, 3, 2])],
  };
  strictEqual(plot(options).outerHTML, plot({ theme: "plain", ...options }).outerHTML);
});

Deno.test("plot() rejects an unknown theme and a frame that is not a boolean", () => {
  throws(() => plot({ theme: "dark" as "house" }), {
    name: "TypeError",
    message: /theme to be "house" or "plain" but found dark/,
  });
  throws(() => plot({ frame: "yes" as unknown as boolean }), {
    name: "TypeError",
    message: /frame to be true or false but found yes/,
  });
});

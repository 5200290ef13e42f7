import { deepStrictEqual, ok, strictEqual } from "node:assert";
import { Plot, plot } from "../lib/plot/plot.ts";
import { bundleOf, DISPLAY, formatNumber, show, table, withXmlns } from "../lib/plot/show.ts";

Deno.test("bundleOf() gives an SVG element as text/html and as standalone image/svg+xml", () => {
  const b = bundleOf(plot({ marks: [Plot.lineY([1, 3, 2])] }));
  const html = String(b["text/html"]);
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
  ok(String(b["text/html"]).startsWith("<figure"));
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

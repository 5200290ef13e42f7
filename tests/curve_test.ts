import { ok, strictEqual, throws } from "node:assert";
import { curvePlot } from "../lib/plot/curve.ts";
import { DISPLAY } from "../lib/plot/show.ts";
import { picturesIn } from "../lib/plot/_live_svg.ts";
import type { Landscape } from "../lib/core/types.ts";
import { sampleCurve } from "./plots/_grid.ts";

const parabola = sampleCurve((w) => (w - 2) ** 2, [-3, 5], 161);

Deno.test("curvePlot() draws one line per curve and a legend of the labelled ones", () => {
  const svg = curvePlot([
    { curve: parabola, label: "MSE" },
    { curve: sampleCurve((w) => 2 * Math.abs(w - 2), [-3, 5]), label: "MAE", dashed: true },
  ]).toSVG();
  ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
  strictEqual((svg.match(/aria-label="line"/g) ?? []).length, 2);
  ok(svg.includes(">MSE</text>") && svg.includes(">MAE</text>"));
  ok(svg.includes('stroke-dasharray="5,3"'), "the dashed curve has a dashed swatch");
});

Deno.test("curvePlot() marks points at the curve's height and labels them", () => {
  const fig = curvePlot(parabola, { points: [{ x: 2, label: "minimum" }] });
  ok(fig.toSVG().includes(">minimum</text>"));
  ok(fig.toString().includes("minimum (2, 0)"), fig.toString());
});

Deno.test("curvePlot() draws a tangent with the curve's slope and a downhill arrow", () => {
  const fig = curvePlot(parabola, { tangents: [{ x: -1 }, { x: 4, slope: 4, label: "here" }] });
  const svg = fig.toSVG();
  // The slope of (w − 2)² at −1 is −6, estimated from the samples.
  ok(svg.includes(">slope \u22126</text>"), "slope label");
  ok(svg.includes(">here</text>"));
  strictEqual((svg.match(/aria-label="arrow"/g) ?? []).length, 1);
  ok(fig.toString().includes("downhill arrows"));
});

Deno.test("curvePlot() samples a one-weight landscape and uses its exact gradient", () => {
  const l = {
    dims: 1,
    vars: ["w"],
    expr: "w^2",
    at: (w: number) => w * w,
    gradient: (w: number) => [2 * w],
    hessian: () => [[2]],
    grid: () => {
      throw new Error("not 2D");
    },
    curve: ({ x, n = 100 }: { x: [number, number]; n?: number }) => sampleCurve((w) => w * w, x, n),
  } as unknown as Landscape;
  const fig = curvePlot(l, { x: [-3, 3], tangents: [{ x: 1.5 }] });
  ok(fig.toSVG().includes(">slope 3</text>"));
  ok(fig.toString().includes("Line chart of w^2"));
});

Deno.test("curvePlot() displays as text/html and image/svg+xml with a text alternative", () => {
  const b = curvePlot(parabola, { title: "A parabola", xLabel: "w", yLabel: "loss" })[DISPLAY]();
  const [picture] = picturesIn(String(b["text/html"]));
  ok(picture?.startsWith("<svg") && String(b["image/svg+xml"]).startsWith("<svg"));
  ok(String(b["text/plain"]).startsWith("A parabola: Line chart of curve 1 against w"));
  ok(picture?.includes("<title>A parabola</title>"));
});

Deno.test("curvePlot() escapes a title containing <script>", () => {
  const svg = curvePlot(parabola, { title: "<script>alert(1)</script>" }).toSVG();
  ok(!svg.includes("<script") && svg.includes("&lt;script&gt;alert(1)&lt;/script&gt;"));
});

Deno.test("curvePlot() throws for no curves, bad curves and non-finite positions", () => {
  throws(() => curvePlot([]), TypeError);
  throws(() => curvePlot({ nope: 1 } as never), {
    name: "TypeError",
    message: /invalid curves\[0\]/,
  });
  throws(() => curvePlot({ ...parabola, values: new Float64Array(3) }), RangeError);
  throws(() => curvePlot(parabola, { points: [{ x: NaN }] }), {
    name: "RangeError",
    message: /points\[0\]\.x/,
  });
  throws(() => curvePlot(parabola, { tangents: [{ x: 0, curve: 3 }] }), RangeError);
  throws(() => curvePlot(parabola, { width: Infinity }), RangeError);
});

Deno.test("curvePlot() leaves gaps where a curve is not finite", () => {
  const holes = sampleCurve((w) => (Math.abs(w) < 0.5 ? NaN : 1 / Math.abs(w)), [-3, 3]);
  const svg = curvePlot(holes).toSVG();
  ok(!/NaN/.test(svg));
  const d = svg.match(/aria-label="line".*?<path[^>]* d="([^"]*)"/)![1]!;
  strictEqual(d.split("M").length - 1, 2, "two pieces, one each side of the hole");
});

/** The y tick labels of a chart's SVG, as drawn. */
const yTicks = (svg: string) =>
  [...(svg.match(/aria-label="y-axis tick label".*?<\/g>/)?.[0] ?? "").matchAll(
    />([^<]+)<\/text>/g,
  )]
    .map((m) => m[1]!);

Deno.test("curvePlot() draws reference lines beneath the curves, quiet and labelled", () => {
  const fig = curvePlot({ curve: parabola, label: "MSE" }, {
    references: [{ y: 40, label: "guessing" }, { x: 2, label: "w = 2" }, { x: 4 }],
  });
  const svg = fig.toSVG();
  strictEqual((svg.match(/aria-label="rule"/g) ?? []).length, 2, "one ruleY, one ruleX");
  const rules = (svg.match(/<g[^>]*aria-label="rule".*?<\/g>/g) ?? []).join("");
  strictEqual((rules.match(/<line /g) ?? []).length, 3, "three lines in the rules");
  ok(svg.includes(">guessing</text>") && svg.includes(">w = 2</text>"));
  ok(svg.indexOf('aria-label="rule"') < svg.indexOf('aria-label="line"'), "beneath the curve");
  ok(svg.includes('stroke="#8c8c8c"') && svg.includes('fill="#666"'), "grey line and label");
  ok(svg.includes('stroke-dasharray="5,4"'));
  // The parabola reaches 25; the y axis grows to show the line at 40.
  ok(yTicks(svg).includes("40"), yTicks(svg).join(" "));
  ok(
    fig.toString().includes("reference lines: guessing at y = 40, w = 2 at x = 2, line at x = 4"),
    fig.toString(),
  );
  // Not in the legend: only the labelled curve is.
  const legend = svg.match(/<g class="ll-legend".*?<\/g>/)?.[0] ?? "";
  ok(legend.includes(">MSE</text>") && !legend.includes("guessing"), legend);
});

Deno.test("curvePlot() puts a reference line on a log axis among the decades", () => {
  const svg = curvePlot(sampleCurve((w) => 1 + w * w, [-3, 3]), {
    logY: true,
    references: [{ y: 0.01, label: "floor" }],
  }).toSVG();
  ok(svg.includes(">floor</text>"));
  ok(yTicks(svg).includes("0.01"), yTicks(svg).join(" "));
});

Deno.test("curvePlot() rejects reference lines without exactly one finite x or y", () => {
  const bad = (references: unknown, logY = false) => () =>
    curvePlot(parabola, { references: references as never, logY });
  throws(bad([{ x: 1, y: 2 }]), {
    name: "TypeError",
    message: /references\[0\].*exactly one.*both/,
  });
  throws(bad([{ y: 1 }, { label: "?" }]), {
    name: "TypeError",
    message: /references\[1\].*exactly one of x \(a vertical line\) and y .*neither/,
  });
  throws(bad([{ y: NaN }]), { name: "RangeError", message: /references\[0\]\.y to be a finite/ });
  throws(bad([{ x: Infinity }]), { name: "RangeError", message: /references\[0\]\.x/ });
  throws(bad([{ y: 0 }], true), { name: "RangeError", message: /positive on a log y axis/ });
  throws(bad([{ y: 1, label: 3 }]), { name: "TypeError", message: /label to be a string/ });
  throws(bad({ y: 1 }), { name: "TypeError", message: /references to be an array/ });
  throws(bad([null]), { name: "TypeError", message: /references\[0\] to be/ });
});

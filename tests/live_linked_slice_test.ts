/**
 * linkedSlice: the first frame is the loss along the line computed with
 * `l.at()`, the shape hint counts dips and tells convex slices from others,
 * bad options get clear errors, non-finite losses leave holes, and in
 * Chromium every click, drag, slider move and key gives a state
 * (`data-state`) and a drawing equal to what Deno computes, number for
 * number.
 */
import { deepStrictEqual, ok, strictEqual, throws } from "node:assert";
import { landscape } from "../lib/landscape/mod.ts";
import type { Landscape } from "../lib/core/types.ts";
import {
  describeSlice,
  linkedSlice,
  sliceSamples,
  sliceShape,
  type SliceState,
} from "../lib/live/mod.ts";
import { sliceFrames, sliceState } from "../lib/live/linked_slice.ts";
import { DISPLAY, type MapFrame } from "../lib/plot/mod.ts";
import { picturesIn } from "../lib/plot/_live_svg.ts";
import { assertWellFormedXml } from "./_xml.ts";
import { type Page, withBrowser, withPage } from "./_browser.ts";

const himmelblau = landscape("(x^2 + y - 11)^2 + (x + y^2 - 7)^2", { name: "Himmelblau" });
const options = {
  x: [-5, 5] as [number, number],
  y: [-5, 5] as [number, number],
  centre: [0.5, -0.5] as [number, number],
  angle: 30,
  logColor: true,
};

/** The state the library computes in Deno, with `l.at`, for a state's settings. */
function expected(l: Landscape, s: SliceState): SliceState {
  return sliceState((a, b) => l.at(a, b), l.expr, [...l.vars], s.centre, s.angle, s.radius, s.n);
}

/** Every sample is `l.at(centre + t·u)`, computed here point by point. */
function assertSamplesAreAt(l: Landscape, s: SliceState) {
  const th = s.angle * Math.PI / 180;
  strictEqual(s.ts.length, s.n);
  strictEqual(s.values.length, s.n);
  for (let k = 0; k < s.n; k++) {
    const t = s.ts[k]!;
    const v = l.at(s.centre[0] + t * Math.cos(th), s.centre[1] + t * Math.sin(th));
    // JSON writes a non-finite loss as null.
    strictEqual(s.values[k], Number.isFinite(v) ? v : (s.values[k] === null ? null : v));
  }
  strictEqual(s.ts[0], -s.radius);
  strictEqual(s.ts[s.n - 1], s.radius);
}

const jsonOf = (s: SliceState) => JSON.parse(JSON.stringify(s));

Deno.test("the first frame is the loss along the line by l.at(), with its state and text", async () => {
  const fig = linkedSlice(himmelblau, options);
  const s = fig.state;
  assertSamplesAreAt(himmelblau, s);
  strictEqual(s.n, 201);
  strictEqual(s.radius, 3.33, "a third of the map's smaller side, to three digits");
  deepStrictEqual(s.centre, [0.5, -0.5]);
  strictEqual(s.angle, 30);
  strictEqual(s.ts[100], 0, "t = 0 is a sample");
  strictEqual(s.values[100], s.centreValue);
  strictEqual(s.centreValue, himmelblau.at(0.5, -0.5));
  strictEqual(s.expr, himmelblau.expr);
  deepStrictEqual(s.vars, ["x", "y"]);
  deepStrictEqual({ dips: s.dips, looksConvex: s.looksConvex }, sliceShape(s.values));

  const html = String(fig[DISPLAY]()["text/html"]);
  const state = JSON.parse(
    html.match(/data-state="([^"]*)"/)![1]!.replace(/&quot;/g, '"').replace(/&amp;/g, "&"),
  );
  deepStrictEqual(state, jsonOf(s));
  ok(html.includes(describeSlice(s)), "the status line is the text alternative");
  ok(fig.toString().includes(describeSlice(s)));
  const [picture] = picturesIn(html);
  await assertWellFormedXml(picture!);
  await assertWellFormedXml(fig.toSVG());
  // The chart draws one vertex per sample: a move and n − 1 lines.
  const curve = fig.toSVG().match(/<path d="([^"]*)" fill="none" stroke="#d62728"/)![1]!;
  strictEqual(curve.split("l").length, s.n);
});

Deno.test("sliceSamples is symmetric about t = 0 and follows the angle", () => {
  const bowl = (x: number, y: number) => x * x + 4 * y * y;
  const along = sliceSamples(bowl, [0, 0], 0, 2, 9);
  const across = sliceSamples(bowl, [0, 0], 90, 2, 9);
  deepStrictEqual(along.ts, [-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2]);
  deepStrictEqual(along.values, along.ts.map((t) => t * t));
  for (let k = 0; k < 9; k++) {
    ok(Math.abs(across.values[k]! - 4 * along.ts[k]! ** 2) < 1e-12);
    ok(along.ts[k] === -along.ts[8 - k]!, "symmetric (0 and −0 alike)");
  }
  // An even number of samples straddles t = 0.
  deepStrictEqual(sliceSamples(bowl, [1, 1], 45, 1, 4).ts, [-1, -1 / 3, 1 / 3, 1]);
});

Deno.test("sliceShape counts dips (a flat bottom once, rounding not at all) and tells convex slices", () => {
  deepStrictEqual(sliceShape([4, 1, 0, 1, 4]), { dips: 1, looksConvex: true });
  deepStrictEqual(sliceShape([3, 1, 1, 1, 3]), { dips: 1, looksConvex: true });
  deepStrictEqual(sliceShape([1, 2, 3, 4]), { dips: 0, looksConvex: true }, "a line");
  deepStrictEqual(sliceShape([2, 2, 2]), { dips: 0, looksConvex: true }, "constant");
  deepStrictEqual(sliceShape([3, 1, 2, 1, 3]), { dips: 2, looksConvex: false });
  deepStrictEqual(sliceShape([3, 0, 2, 1, 2, 0, 3]), { dips: 3, looksConvex: false });
  deepStrictEqual(sliceShape([0, 1, 1.5, 1.6]), { dips: 0, looksConvex: false }, "concave");
  // A wiggle of rounding size at the bottom is not a second dip.
  deepStrictEqual(sliceShape([2, 1, 1 + 1e-13, 1, 2]), { dips: 1, looksConvex: true });
  // Holes split the curve; each finite stretch is judged on its own.
  deepStrictEqual(sliceShape([2, 1, 2, NaN, 2, 1, 2]), { dips: 2, looksConvex: false });
  deepStrictEqual(sliceShape([NaN, NaN]), { dips: 0, looksConvex: true });
});

Deno.test("on Himmelblau a slice through two minima has 2 dips, a short one in a valley looks convex", () => {
  // The minima (3, 2) and (−3.779310, −3.283186): the line through them.
  const a = [3, 2], b = [-3.779310253377747, -3.283185991286170];
  const mid: [number, number] = [(a[0]! + b[0]!) / 2, (a[1]! + b[1]!) / 2];
  const half = Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!) / 2;
  const angle = Math.atan2(a[1]! - b[1]!, a[0]! - b[0]!) * 180 / Math.PI;
  const through = linkedSlice(himmelblau, { ...options, centre: mid, angle, radius: half + 1 });
  strictEqual(through.state.dips, 2);
  strictEqual(through.state.looksConvex, false);
  ok(through.toString().includes("this slice has 2 dips, so it is not convex."));
  ok(through.toSVG().includes("2 dips: not convex"));
  // The surface is not convex, but this slice is.
  const inValley = linkedSlice(himmelblau, { ...options, centre: [3, 2], angle: 60, radius: 0.5 });
  strictEqual(inValley.state.dips, 1);
  strictEqual(inValley.state.looksConvex, true);
  ok(inValley.toString().includes("this slice looks convex."));
  ok(inValley.toSVG().includes("looks convex"));
});

Deno.test("a loss undefined on part of the slice leaves holes and a readable status", async () => {
  const l = landscape("sqrt(x) + y^2");
  const fig = linkedSlice(l, { x: [-1, 1], y: [-1, 1], angle: 0, radius: 1, n: 21 });
  assertSamplesAreAt(l, fig.state);
  ok(fig.state.values.slice(0, 10).every(Number.isNaN));
  ok(fig.toString().includes("(it is not finite at 10 of 21 points)"));
  ok(!/NaN|Infinity/.test(fig.toSVG()), "no NaN or Infinity in the markup");
  await assertWellFormedXml(fig.toSVG());
  const html = String(fig[DISPLAY]()["text/html"]);
  ok(html.includes("null,null"), "JSON has null where the loss is not finite");

  const nowhere = linkedSlice(landscape("sqrt(x - 10) + y"), { x: [-1, 1], y: [-1, 1] });
  ok(nowhere.toString().includes("the loss is not finite anywhere along it."));
  ok(!/NaN|Infinity/.test(nowhere.toSVG()));

  // −∞ at the centre: no centre mark on the chart, the rest drawn.
  const log = linkedSlice(landscape("log(x^2 + y^2)"), { x: [-1, 1], y: [-1, 1], n: 11 });
  strictEqual(log.state.centreValue, -Infinity);
  ok(!/NaN|Infinity/.test(log.toSVG()));
  await assertWellFormedXml(log.toSVG());
});

Deno.test("a TypeScript-function landscape gives a static slice that says why", () => {
  const l = landscape((x: number, y: number) => x * x + 10 * y * y);
  const fig = linkedSlice(l, { angle: 45 });
  assertSamplesAreAt(l, fig.state);
  strictEqual("expr" in fig.state, false);
  const html = String(fig[DISPLAY]()["text/html"]);
  ok(html.includes("give it as a string"));
  ok(!html.includes("bootSlices"), "no live script");
});

Deno.test("bad linkedSlice input gets errors that name the fix", () => {
  throws(() => linkedSlice(landscape("x^2")), /two weights.*curvePlot/);
  throws(() => linkedSlice({} as Landscape), /Expected a landscape/);
  throws(() => linkedSlice(himmelblau, { x: [5, -5] }), /\[low, high\].*swap/);
  throws(() => linkedSlice(himmelblau, { centre: [9, 0] }), /lie on the map.*widen/);
  throws(() => linkedSlice(himmelblau, { centre: [NaN, 0] }), /centre.*finite/);
  throws(() => linkedSlice(himmelblau, { angle: NaN }), /angle.*finite number of degrees/);
  throws(() => linkedSlice(himmelblau, { radius: 0 }), /radius.*positive/);
  throws(() => linkedSlice(himmelblau, { n: 2 }), /n.*integer from 3/);
  throws(() => linkedSlice(himmelblau, { n: 10.5 }), /n.*integer from 3/);
});

Deno.test("the arrow that turns the slice stays on the map when the slice's end is off it", () => {
  for (const angle of [0, 90, 200]) {
    const fig = linkedSlice(himmelblau, { ...options, centre: [4.5, 4.5], angle, radius: 4 });
    const arrow = fig.toSVG().match(/<polygon class="ll-slice-handle" points="([^"]*)"/)![1]!;
    const html = String(fig[DISPLAY]()["text/html"]);
    const f: MapFrame = JSON.parse(html.match(/class="ll-live-data">([^<]*)</)![1]!).frame;
    const corners = arrow.split(" ").map((p) => p.split(",").map(Number));
    ok(
      corners.every(([x, y]) =>
        x! > f.left && x! < f.left + f.width && y! > f.top && y! < f.top + f.height
      ),
      `${angle}°: ${arrow}`,
    );
  }
});

Deno.test("angles are kept in [0, 360)", () => {
  strictEqual(linkedSlice(himmelblau, { angle: -90, n: 5 }).state.angle, 270);
  strictEqual(linkedSlice(himmelblau, { angle: 725, n: 5 }).state.angle, 5);
});

async function stateOf(page: Page): Promise<SliceState> {
  return JSON.parse((await page.getAttribute(".ll-slice-figure", "data-state"))!);
}

/**
 * The page's state is the library's in Deno for its settings, exactly; the
 * status is its text; and what is drawn (the line on the map, the chart) is
 * what sliceFrames draws for it.
 */
async function check(page: Page, l: Landscape): Promise<SliceState> {
  const s = await stateOf(page);
  const mine = expected(l, s);
  deepStrictEqual(s, jsonOf(mine));
  assertSamplesAreAt(l, s);
  strictEqual((await page.textContent(".ll-live-status"))!.trim(), describeSlice(mine));
  const setup = JSON.parse((await page.textContent("script.ll-live-data"))!);
  const frames = sliceFrames(setup, mine);
  const same = await page.evaluate(([line, chart]) => {
    const ns = "http://www.w3.org/2000/svg";
    const norm = (markup: string) => {
      const g = document.createElementNS(ns, "g");
      g.innerHTML = markup;
      return g.innerHTML;
    };
    return [
      norm(line!) === document.querySelector("g.ll-slice")!.innerHTML,
      norm(chart!) === document.querySelector("svg.ll-chart")!.innerHTML,
    ];
  }, [frames.line, frames.chart]);
  deepStrictEqual(same, [true, true], "the drawing is the state's");
  return s;
}

/** The client pixel of weight (x, y) on the map. */
async function clientPixel(page: Page, w: [number, number]): Promise<[number, number]> {
  const setup = JSON.parse((await page.textContent("script.ll-live-data"))!);
  const f: MapFrame = setup.frame;
  // The map's own SVG pixels on the screen (its bounding box is only what it paints).
  const [a, d, e, g] = await page.evaluate(() => {
    const m = (document.querySelector("svg.ll-map") as SVGSVGElement).getScreenCTM()!;
    return [m.a, m.d, m.e, m.f];
  });
  return [
    e! + (f.left + (w[0] - f.x[0]) / (f.x[1] - f.x[0]) * f.width) * a!,
    g! + (f.top + (f.y[1] - w[1]) / (f.y[1] - f.y[0]) * f.height) * d!,
  ];
}

const outline = (page: Page) =>
  page.evaluate(() => (document.querySelector("svg.ll-map") as SVGElement).style.outline);

async function writePage(html: string): Promise<{ dir: string; url: string }> {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(
    `${dir}/slice.html`,
    `<!doctype html><meta charset="utf-8"><body>${html}</body>`,
  );
  return { dir, url: `file://${dir}/slice.html` };
}

Deno.test("in Chromium, clicks, drags, sliders and keys give the library's slice exactly", async () => {
  const fig = linkedSlice(himmelblau, options);
  const { dir, url } = await writePage(String(fig[DISPLAY]()["text/html"]));
  await withBrowser((browser) =>
    withPage(async (page, errors) => {
      await page.goto(url);
      await page.waitForSelector(".ll-live-controls");
      deepStrictEqual(await stateOf(page), jsonOf(fig.state));
      // Tabbing to the map shows the focus ring at once.
      await page.keyboard.press("Tab");
      ok(await page.evaluate(() => document.activeElement!.classList.contains("ll-map")));
      ok((await outline(page)).includes("solid"), "a focus ring when tabbed to");
      await page.evaluate(() => (document.activeElement as HTMLElement).blur());

      // A click moves the centre there (rounded to a thousandth of the map).
      let at = await clientPixel(page, [-2.5, 1.5]);
      await page.mouse.click(at[0], at[1]);
      let s = await check(page, himmelblau);
      ok(Math.abs(s.centre[0] + 2.5) < 0.03 && Math.abs(s.centre[1] - 1.5) < 0.03, `${s.centre}`);
      strictEqual(s.angle, 30, "a click away from the arrow does not turn the slice");
      strictEqual(await outline(page), "none", "no focus ring after a click");

      // Dragging the arrow turns the slice toward the pointer, to a whole degree.
      const handle = await page.locator(".ll-slice-handle").boundingBox();
      ok(handle, "the arrow is on the map");
      await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
      await page.mouse.down();
      const th = 120 * Math.PI / 180;
      at = await clientPixel(page, [
        s.centre[0] + 2 * Math.cos(th),
        s.centre[1] + 2 * Math.sin(th),
      ]);
      await page.mouse.move(at[0], at[1], { steps: 4 });
      await page.mouse.up();
      await page.waitForFunction(() =>
        JSON.parse(document.querySelector(".ll-slice-figure")!.getAttribute("data-state")!)
          .angle === 120
      );
      const turned = await check(page, himmelblau);
      deepStrictEqual(turned.centre, s.centre, "turning keeps the centre");

      // Dragging elsewhere moves the centre with the pointer.
      at = await clientPixel(page, [1, 1]);
      await page.mouse.move(at[0], at[1]);
      await page.mouse.down();
      at = await clientPixel(page, [2, -3]);
      await page.mouse.move(at[0], at[1], { steps: 5 });
      await page.mouse.up();
      await page.waitForFunction(() =>
        JSON.parse(document.querySelector(".ll-slice-figure")!.getAttribute("data-state")!)
          .centre[1] < -2.9
      );
      s = await check(page, himmelblau);
      ok(Math.abs(s.centre[0] - 2) < 0.03 && Math.abs(s.centre[1] + 3) < 0.03, `${s.centre}`);
      strictEqual(s.angle, 120);

      // Keys: arrows move the centre by 2 % of the map (Shift 10 %), [ and ] turn by 5° (Shift 15°).
      await page.keyboard.press("ArrowLeft");
      let k = await check(page, himmelblau);
      ok(Math.abs(k.centre[0] - (s.centre[0] - 0.2)) < 1e-9);
      await page.keyboard.press("Shift+ArrowUp");
      k = await check(page, himmelblau);
      ok(Math.abs(k.centre[1] - (s.centre[1] + 1)) < 1e-9);
      ok((await outline(page)).includes("solid"), "a focus ring for keyboard use");
      await page.keyboard.press("[");
      strictEqual((await check(page, himmelblau)).angle, 125);
      await page.keyboard.press("Shift+BracketRight");
      strictEqual((await check(page, himmelblau)).angle, 110);

      // The sliders.
      await page.locator("input[data-control=angle]").fill("0");
      strictEqual((await check(page, himmelblau)).angle, 0);
      await page.keyboard.press("ArrowRight");
      strictEqual((await check(page, himmelblau)).angle, 1, "the slider's own keys");
      await page.locator("input[data-control=radius]").fill("2");
      const r = await check(page, himmelblau);
      const slider = Number(await page.locator("input[data-control=radius]").inputValue());
      strictEqual(r.radius, Number(slider.toPrecision(3)));
      ok(Math.abs(r.radius - 2) < 0.02, `radius ${r.radius}`);
      strictEqual((await page.textContent("output"))!.trim(), "1°");

      // Every control has a label; the map says how to use it.
      const unlabelled = await page.evaluate(() =>
        [...document.querySelectorAll(".ll-live-controls input")]
          .filter((el) => !document.querySelector(`label[for="${el.id}"]`)).length
      );
      strictEqual(unlabelled, 0);
      const map = page.locator("svg.ll-map");
      strictEqual(await map.getAttribute("tabindex"), "0");
      ok((await map.getAttribute("aria-label"))!.includes("[ and ] turn it"));
      deepStrictEqual(errors, []);
    }, { browser })
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("in Chromium, a slice with holes stays exact and drawn", async () => {
  const l = landscape("sqrt(x) + y^2");
  const fig = linkedSlice(l, { x: [-1, 1], y: [-1, 1], centre: [0.5, 0], angle: 0, n: 51 });
  const { dir, url } = await writePage(String(fig[DISPLAY]()["text/html"]));
  await withPage(async (page, errors) => {
    await page.goto(url);
    await page.waitForSelector(".ll-live-controls");
    const at = await clientPixel(page, [-0.2, 0.3]);
    await page.mouse.click(at[0], at[1]);
    const s = await check(page, l);
    ok(s.values.includes(null as unknown as number), "holes are null in the JSON");
    ok((await page.textContent(".ll-live-status"))!.includes("not finite at"));
    deepStrictEqual(errors, []);
  });
  await Deno.remove(dir, { recursive: true });
});

Deno.test("in Chromium without JavaScript, the slice is its first frame and its text", async () => {
  const fig = linkedSlice(himmelblau, options);
  const { dir, url } = await writePage(String(fig[DISPLAY]()["text/html"]));
  await withPage(async (page, errors) => {
    await page.goto(url);
    const visible = await page.evaluate(() => {
      const img = document.querySelector("img.ll-svg") as HTMLImageElement;
      return img.complete && img.naturalWidth > 0;
    });
    strictEqual(visible, true);
    strictEqual(await page.locator(".ll-live-controls").count(), 0);
    strictEqual((await page.textContent(".ll-live-status"))!.trim(), describeSlice(fig.state));
    deepStrictEqual(errors, []);
  }, { javaScriptEnabled: false });
  await Deno.remove(dir, { recursive: true });
});

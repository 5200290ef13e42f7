/**
 * descentExplorer: the first frame is descend()'s path, bad options get
 * clear errors, and in Chromium every click, slider move and arrow key
 * gives a state (`data-state`) equal to descend() computed here in Deno,
 * number for number.
 */
import { deepStrictEqual, ok, strictEqual, throws } from "node:assert";
import { descend, type DescendOptions, landscape } from "../lib/landscape/mod.ts";
import { descentExplorer, describeDescent, type ExplorerState } from "../lib/live/mod.ts";
import { DISPLAY } from "../lib/plot/mod.ts";
import { picturesIn } from "../lib/plot/_live_svg.ts";
import { assertWellFormedXml } from "./_xml.ts";
import { type Page, withBrowser, withPage } from "./_browser.ts";

const himmelblau = landscape("(x^2 + y - 11)^2 + (x + y^2 - 7)^2", { name: "Himmelblau" });
const options = {
  x: [-5, 5] as [number, number],
  y: [-5, 5] as [number, number],
  from: [0.5, -0.5] as [number, number],
  learningRate: 0.01,
  learningRates: [0.0001, 0.1] as [number, number],
  steps: 80,
  logColor: true,
};

/** descend() with the settings a state records. */
function expected(l: typeof himmelblau, s: ExplorerState) {
  const o: DescendOptions = {
    from: s.start,
    optimizer: s.optimizer,
    learningRate: s.learningRate,
    steps: s.steps,
  };
  if (s.momentum !== undefined) o.momentum = s.momentum;
  return descend(l, o);
}

function assertStateIsDescend(l: typeof himmelblau, s: ExplorerState) {
  const run = expected(l, s);
  deepStrictEqual(s.points, run.points);
  deepStrictEqual(s.values, run.values);
  strictEqual(s.diverged, run.diverged);
}

Deno.test("the explorer's first frame is descend()'s path, with its state and text", async () => {
  const fig = descentExplorer(himmelblau, options);
  assertStateIsDescend(himmelblau, fig.state);
  strictEqual(fig.state.expr, himmelblau.expr);
  deepStrictEqual(fig.state.vars, ["x", "y"]);
  strictEqual("momentum" in fig.state, false, "gd has no momentum");
  const bundle = fig[DISPLAY]();
  const html = String(bundle["text/html"]);
  const state = JSON.parse(
    html.match(/data-state="([^"]*)"/)![1]!.replace(/&quot;/g, '"').replace(/&amp;/g, "&"),
  );
  deepStrictEqual(state, JSON.parse(JSON.stringify(fig.state)));
  ok(html.includes(describeDescent(fig.state)), "the status line is the text alternative");
  const [picture] = picturesIn(html);
  await assertWellFormedXml(picture!);
  await assertWellFormedXml(fig.toSVG());
  // The path drawn has one point per state point.
  const line = fig.toSVG().match(/<path class="ll-line" d="([^"]*)"/)![1]!;
  strictEqual(line.split("l").length, fig.state.points.length);
});

Deno.test("the explorer says plainly when a run diverges, and keeps finite numbers only", () => {
  const fig = descentExplorer(himmelblau, { ...options, learningRate: 0.1, from: [4, 4] });
  strictEqual(fig.state.diverged, true);
  ok(fig.state.values.every(Number.isFinite));
  ok(fig.toString().includes("diverged after"));
  ok(fig.toSVG().includes("diverged at step"));
  ok(!/NaN|Infinity/.test(fig.toSVG()), "no NaN or Infinity in the markup");
});

Deno.test("a loss undefined on part of the map leaves holes and a readable status", async () => {
  const l = landscape("sqrt(x) + y^2");
  const fig = descentExplorer(l, { x: [-1, 1], y: [-1, 1], from: [-0.5, 0.5] });
  strictEqual(fig.state.diverged, true);
  ok(fig.toString().includes("the loss at the start is not finite"));
  ok(!/NaN|Infinity/.test(fig.toSVG()));
  await assertWellFormedXml(fig.toSVG());
});

Deno.test("a TypeScript-function landscape gives a static explorer that says why", () => {
  const l = landscape((x: number, y: number) => x * x + 10 * y * y);
  const fig = descentExplorer(l, { from: [2, 1], learningRate: 0.05 });
  assertStateIsDescend(l, fig.state);
  const html = String(fig[DISPLAY]()["text/html"]);
  ok(html.includes("give it as a string"));
  ok(!html.includes("bootExplorers"), "no live script");
});

Deno.test("bad explorer input gets errors that name the fix", () => {
  throws(() => descentExplorer(landscape("x^2")), /two weights.*curvePlot/);
  throws(() => descentExplorer(himmelblau, { x: [5, -5] }), /\[low, high\].*swap/);
  throws(
    () => descentExplorer(himmelblau, { learningRate: 2, learningRates: [0.001, 1] }),
    /widen the range/,
  );
  throws(() => descentExplorer(himmelblau, { learningRate: -1 }), /learningRate/);
  throws(
    () => descentExplorer(himmelblau, { optimizer: "sgd" as "gd" }),
    /one of gd, momentum, nesterov, rmsprop, adam/,
  );
  throws(() => descentExplorer(himmelblau, { from: [NaN, 0] }), /from.*finite/);
});

async function stateOf(page: Page, root = ".ll-explorer"): Promise<ExplorerState> {
  return JSON.parse((await page.getAttribute(root, "data-state"))!);
}

async function check(page: Page, l: typeof himmelblau): Promise<ExplorerState> {
  const s = await stateOf(page);
  assertStateIsDescend(l, s);
  strictEqual((await page.textContent(".ll-live-status"))!.trim(), describeDescent(s));
  // What is drawn is the state: one polyline vertex per point.
  const drawn = await page.evaluate(() =>
    document.querySelector("g.ll-path path.ll-line")!.getAttribute("d")!.split("l").length
  );
  strictEqual(drawn, s.points.length);
  return s;
}

Deno.test("in Chromium, clicks, sliders and keys give descend()'s path exactly", async () => {
  const fig = descentExplorer(himmelblau, options);
  const html = String(fig[DISPLAY]()["text/html"]);
  const dir = await Deno.makeTempDir();
  const file = `${dir}/explorer.html`;
  await Deno.writeTextFile(file, `<!doctype html><meta charset="utf-8"><body>${html}</body>`);
  await withBrowser((browser) =>
    withPage(async (page, errors) => {
      await page.goto(`file://${file}`);
      await page.waitForSelector(".ll-live-controls");
      deepStrictEqual(await stateOf(page), JSON.parse(JSON.stringify(fig.state)));

      // A click sets the start (rounded to a thousandth of the map).
      const box = (await page.locator("svg.ll-map").boundingBox())!;
      await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.35);
      let s = await check(page, himmelblau);
      ok(s.start[0] < 0 && s.start[1] > 0, `start ${s.start} is up and left`);
      strictEqual(
        await page.evaluate(() =>
          (document.querySelector("svg.ll-map") as SVGElement).style.outline
        ),
        "none",
        "no focus ring after a click",
      );

      // Tab onto the map shows the focus ring; keys move the start and keep it.
      await page.evaluate(() => (document.querySelector("select") as HTMLElement).focus());
      await page.keyboard.press("Shift+Tab");
      strictEqual(
        await page.evaluate(() => document.activeElement?.classList.contains("ll-map")),
        true,
        "Shift+Tab from the first control reaches the map",
      );
      ok(
        (await page.evaluate(() =>
          (document.querySelector("svg.ll-map") as SVGElement).style.outline
        )).includes("solid"),
        "a focus ring when tabbed to",
      );
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("Shift+ArrowDown");
      const moved = await check(page, himmelblau);
      ok(moved.start[0] > s.start[0] && moved.start[1] < s.start[1]);
      ok(
        (await page.evaluate(() =>
          (document.querySelector("svg.ll-map") as SVGElement).style.outline
        )).includes("solid"),
        "a focus ring for keyboard use",
      );

      // Optimizer, momentum, steps and learning rate.
      await page.selectOption("select[data-control=optimizer]", "momentum");
      s = await check(page, himmelblau);
      strictEqual(s.momentum, 0.9);
      await page.locator("input[data-control=momentum]").fill("0.5");
      s = await check(page, himmelblau);
      strictEqual(s.momentum, 0.5);
      for (const optimizer of ["nesterov", "rmsprop", "adam", "gd"]) {
        await page.selectOption("select[data-control=optimizer]", optimizer);
        s = await check(page, himmelblau);
        strictEqual(s.optimizer, optimizer);
      }
      await page.locator("input[data-control=steps]").fill("500");
      const { rates } = JSON.parse((await page.textContent("script.ll-live-data"))!);
      await page.locator("input[data-control=learningRate]").fill(String(rates.indexOf(0.05)));
      s = await check(page, himmelblau);
      strictEqual(s.steps, 500);
      strictEqual(s.learningRate, 0.05);
      strictEqual(s.diverged, true, "γ = 0.05 is too large on Himmelblau from here");
      ok((await page.textContent(".ll-live-status"))!.includes("diverged after"));

      // Every control has a label.
      const unlabelled = await page.evaluate(() =>
        [...document.querySelectorAll(".ll-live-controls input, .ll-live-controls select")]
          .filter((el) => !document.querySelector(`label[for="${el.id}"]`)).length
      );
      strictEqual(unlabelled, 0);
      deepStrictEqual(errors, []);
    }, { browser })
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("in Chromium without JavaScript, the explorer is its first frame and its text", async () => {
  const fig = descentExplorer(himmelblau, options);
  const html = String(fig[DISPLAY]()["text/html"]);
  const dir = await Deno.makeTempDir();
  const file = `${dir}/explorer.html`;
  await Deno.writeTextFile(file, `<!doctype html><meta charset="utf-8"><body>${html}</body>`);
  await withPage(async (page, errors) => {
    await page.goto(`file://${file}`);
    const visible = await page.evaluate(() => {
      const img = document.querySelector("img.ll-svg") as HTMLImageElement;
      return img.complete && img.naturalWidth > 0;
    });
    strictEqual(visible, true);
    strictEqual(await page.locator(".ll-live-controls").count(), 0);
    strictEqual((await page.textContent(".ll-live-status"))!.trim(), describeDescent(fig.state));
    deepStrictEqual(errors, []);
  }, { javaScriptEnabled: false });
  await Deno.remove(dir, { recursive: true });
});

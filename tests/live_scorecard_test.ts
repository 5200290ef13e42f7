/**
 * scorecard: the first frame is lineFitLoss's loss of the first line, bad
 * options get clear errors, a loss that overflows leaves holes and says so,
 * the page's loss (MSE: the landscape's generated value function; MAE and
 * Huber: lineLossValue) equals lineFitLoss exactly, and in Chromium every
 * drag, click, slider move and arrow key gives a state (`data-state`) whose
 * loss is lineFitLoss(...).at(slope, intercept) computed here in Deno,
 * number for number, with the status line saying it.
 */
import { deepStrictEqual, ok, strictEqual, throws } from "node:assert";
import { lineFitLoss, lineLossValue, penguins } from "../lib/data/mod.ts";
import { landscapeSource } from "../lib/landscape/mod.ts";
import { mulberry32 } from "../lib/core/random.ts";
import { scorecard, type ScorecardLoss, type ScorecardState } from "../lib/live/scorecard.ts";
import { describeLine, roundTo, type ScorecardSetup } from "../lib/live/_scorecard_page.ts";
import { DISPLAY } from "../lib/plot/mod.ts";
import { picturesIn } from "../lib/plot/_live_svg.ts";
import { assertWellFormedXml } from "./_xml.ts";
import { type Page, withBrowser, withPage } from "./_browser.ts";

const birds = penguins({ complete: true });
const flipper = birds.map((b) => b.flipperLengthMm);
const mass = birds.map((b) => b.bodyMassG);
const labels = { xLabel: "flipper length (mm)", yLabel: "body mass (g)" };

function setupOf(html: string): ScorecardSetup {
  return JSON.parse(
    html.match(/<script type="application\/json" class="ll-live-data">(.*?)<\/script>/)![1]!,
  );
}

function stateIn(html: string): ScorecardState {
  return JSON.parse(
    html.match(/data-state="([^"]*)"/)![1]!.replace(/&quot;/g, '"').replace(/&amp;/g, "&"),
  );
}

Deno.test("the scorecard's first frame is lineFitLoss at the first line, with its text", async () => {
  for (const loss of ["mse", "mae", "huber"] as const) {
    const fig = scorecard(flipper, mass, { ...labels, loss, delta: 300 });
    const l = lineFitLoss(flipper, mass, { loss, delta: 300 });
    // Default first line: everyone is average (the mean, rounded to the intercept's unit).
    strictEqual(fig.state.slope, 0);
    strictEqual(fig.state.intercept, 4207);
    strictEqual(fig.state.loss, l.at(0, 4207));
    strictEqual(fig.state.lossName, loss);
    strictEqual(fig.state.delta, loss === "huber" ? 300 : undefined);
    const html = String(fig[DISPLAY]()["text/html"]);
    deepStrictEqual(stateIn(html), JSON.parse(JSON.stringify(fig.state)));
    const setup = setupOf(html);
    deepStrictEqual(setup.xs, flipper);
    deepStrictEqual(setup.ys, mass);
    const text = describeLine(setup, fig.state);
    strictEqual(fig.toString(), `Scorecard: ${text}`);
    ok(html.includes(`aria-live="polite" style="margin:4px 0 0;font-size:13px">${text}</p>`));
    const [picture] = picturesIn(html);
    await assertWellFormedXml(picture!);
    await assertWellFormedXml(fig.toSVG());
    // One miss per penguin, drawn from its dot to the line.
    const misses = fig.toSVG().match(/<g class="ll-line">.*?<path d="([^"]*)"/)![1]!;
    strictEqual(misses.split("M").length - 1, flipper.length);
  }
  const mse = scorecard(flipper, mass, labels);
  strictEqual(mse.state.loss, 646425.4264264267);
  ok(mse.toSVG().includes(">MSE = 646,425</text>"), "the loss is printed on the figure");
  ok(mse.toSVG().includes("least squares"), "MSE marks the least-squares line");
  ok(!scorecard(flipper, mass, { loss: "mae" }).toSVG().includes("least squares"));
});

Deno.test("the default ranges hold the least-squares line and the chapter's candidates", () => {
  const setup = setupOf(String(scorecard(flipper, mass)[DISPLAY]()["text/html"]));
  deepStrictEqual(setup.slope, [-10, 110]);
  deepStrictEqual(setup.intercept, [-20000, 8000]);
  deepStrictEqual(setup.units, [0.01, 1]);
  deepStrictEqual(setup.map.x, setup.slope);
  deepStrictEqual(setup.map.y, setup.intercept);
  const fig = scorecard(flipper, mass, { line: { slope: 50, intercept: -5800 } });
  strictEqual(fig.state.loss, lineFitLoss(flipper, mass).at(50, -5800));
});

Deno.test("the page's loss functions equal lineFitLoss exactly", () => {
  const random = mulberry32(7);
  const points: [number, number][] = [];
  for (let k = 0; k < 400; k++) {
    points.push([-10 + 120 * random(), -20000 + 28000 * random()]);
    // Near the best lines, where Huber's misses cross δ and MAE's kinks are.
    points.push([49.686 + (random() - 0.5) * 0.02, -5780 + (random() - 0.5) * 4]);
  }
  for (const loss of ["mae", "huber"] as const) {
    for (const delta of [1, 300, 0.37]) {
      const l = lineFitLoss(flipper, mass, { loss, delta });
      for (const [m, b] of points) {
        strictEqual(
          lineLossValue(flipper, mass, loss, delta, m, b),
          l.at(m, b),
          `${loss} ${m} ${b}`,
        );
      }
    }
  }
  const l = lineFitLoss(flipper, mass);
  const src = landscapeSource(l)!;
  const value = new Function(`${src.helpers}\nreturn (function () {\n${src.value}\n})();`)();
  for (const [m, b] of points) strictEqual(value(m, b), l.at(m, b));
  strictEqual(lineLossValue([1], [1], "mae", 1, NaN, 0), NaN);
  strictEqual(lineLossValue([1e300], [1], "mae", 1, 1e10, 0), NaN, "a prediction that overflows");
});

Deno.test("a loss that overflows on part of the map leaves holes and says so", async () => {
  const fig = scorecard([1, 2, 3], [1, 2, 4], {
    slope: [-1e155, 1e155],
    intercept: [-1, 1],
    line: { slope: 1e155, intercept: 0 },
  });
  strictEqual(fig.state.loss, Infinity);
  ok(fig.toString().endsWith("has no finite MSE on 3 points."), fig.toString());
  ok(fig.toSVG().includes("MSE is not finite here"));
  ok(!/NaN|Infinity/.test(fig.toSVG()), "no NaN or Infinity in the markup");
  await assertWellFormedXml(fig.toSVG());
  const html = String(fig[DISPLAY]()["text/html"]);
  strictEqual(stateIn(html).loss, null, "JSON has no Infinity");
});

Deno.test("bad scorecard input gets errors that name the fix", () => {
  throws(() => scorecard([1, 2], [1, 2], { loss: "rmse" as "mse" }), {
    name: "TypeError",
    message: /one of mse, mae, huber but found rmse/,
  });
  throws(
    () => scorecard([1, 2], [0, 1], { loss: "cross-entropy" as "mse" }),
    /classifier: use lineFitLoss and contourPlot/,
  );
  throws(() => scorecard([1, 2, 3], [1, 2]), { name: "RangeError", message: /same length/ });
  throws(() => scorecard([1, NaN], [1, 2]), /finite numbers but found NaN at 1/);
  throws(() => scorecard([2, 2, 2], [1, 2, 3]), /two different values.*slope/);
  throws(
    () => scorecard([1, 2], [1, 2], { slope: [3, 1] }),
    /slope.*\[low, high\] with low < high/,
  );
  throws(() => scorecard([1, 2], [1, 2], { intercept: [0, Infinity] }), /intercept.*finite/);
  throws(
    () => scorecard([1, 2], [1, 2], { line: { slope: 100, intercept: 0 } }),
    /first line.*widen them or move the line/,
  );
  throws(() => scorecard([1, 2], [1, 2], { line: { slope: NaN, intercept: 0 } }), /finite/);
  throws(() => scorecard([1, 2], [1, 2], { loss: "huber", delta: -1 }), /delta.*positive/);
  throws(() => scorecard([1, 2, 3], [1e200, -1e200, 1e200]), /give slope and intercept/);
});

async function stateOf(page: Page): Promise<ScorecardState> {
  return JSON.parse((await page.getAttribute(".ll-scorecard", "data-state"))!);
}

/** The page's state: its loss is lineFitLoss's, and the status line and the figure say it. */
async function check(
  page: Page,
  setup: ScorecardSetup,
  loss: ScorecardLoss,
  delta: number,
): Promise<ScorecardState> {
  const s = await stateOf(page);
  strictEqual(s.loss, lineFitLoss(flipper, mass, { loss, delta }).at(s.slope, s.intercept));
  strictEqual(s.lossName, loss);
  strictEqual(s.slope, roundTo(s.slope, setup.units[0]), "slopes are rounded");
  strictEqual(s.intercept, roundTo(s.intercept, setup.units[1]), "intercepts are rounded");
  strictEqual((await page.textContent(".ll-live-status"))!.trim(), describeLine(setup, s));
  const drawn = await page.evaluate(() => ({
    loss: document.querySelector("text.ll-loss")!.textContent,
    slope: (document.querySelector("input[data-control=slope]") as HTMLInputElement).value,
    intercept: (document.querySelector("input[data-control=intercept]") as HTMLInputElement).value,
  }));
  ok(describeLine(setup, s).includes(drawn.loss!), `${drawn.loss} is the loss of the state`);
  strictEqual(Number(drawn.slope), s.slope);
  strictEqual(Number(drawn.intercept), s.intercept);
  return s;
}

async function open(page: Page, html: string): Promise<string> {
  const dir = await Deno.makeTempDir();
  const file = `${dir}/scorecard.html`;
  await Deno.writeTextFile(file, `<!doctype html><meta charset="utf-8"><body>${html}</body>`);
  await page.goto(`file://${file}`);
  await page.waitForSelector(".ll-live-controls");
  return dir;
}

Deno.test("in Chromium, drags, clicks, sliders and keys give lineFitLoss exactly", async () => {
  await withBrowser(async (browser) => {
    for (const loss of ["mse", "mae", "huber"] as const) {
      const delta = loss === "huber" ? 300 : 1;
      const fig = scorecard(flipper, mass, { ...labels, loss, delta });
      const html = String(fig[DISPLAY]()["text/html"]);
      const setup = setupOf(html);
      await withPage(async (page, errors) => {
        const dir = await open(page, html);
        deepStrictEqual(await stateOf(page), JSON.parse(JSON.stringify(fig.state)));

        // Tab reaches the left handle first, with a focus ring.
        await page.keyboard.press("Tab");
        deepStrictEqual(
          await page.evaluate(() => [
            document.activeElement!.getAttribute("class"),
            document.activeElement!.getAttribute("data-handle"),
            document.querySelector("circle.ll-ring")!.getAttribute("display"),
          ]),
          ["ll-handle", "0", "inline"],
        );

        // A slider sets the slope; the intercept stays.
        await page.locator("input[data-control=slope]").fill("49.7");
        let s = await check(page, setup, loss, delta);
        strictEqual(s.slope, 49.7);
        strictEqual(s.intercept, 4207);
        await page.locator("input[data-control=intercept]").fill("-5800");
        s = await check(page, setup, loss, delta);
        deepStrictEqual([s.slope, s.intercept], [49.7, -5800]);

        // A click on the map puts the line there (the map's frame, a quarter in).
        // Panels' pixels from the whole figure's box (a nested SVG's own box is its content's).
        const whole = (await page.locator(".ll-scorecard svg").first().boundingBox())!;
        strictEqual(whole.width, setup.scatter.size[0] + 8 + setup.map.size[0], "drawn at scale 1");
        const map = { x: whole.x + setup.scatter.size[0] + 8, y: whole.y };
        const mf = setup.map;
        await page.mouse.click(
          map.x + mf.left + mf.width * 0.25,
          map.y + mf.top + mf.height * 0.25,
        );
        s = await check(page, setup, loss, delta);
        ok(Math.abs(s.slope - 20) < 0.5, `slope ${s.slope} is a quarter across`);
        ok(Math.abs(s.intercept - 1000) < 100, `intercept ${s.intercept} is a quarter down`);
        strictEqual(
          await page.evaluate(() =>
            (document.querySelector("svg.ll-map") as SVGElement).style.outline
          ),
          "none",
          "no focus ring after a click",
        );
        // The marker is where the state is.
        const marker = await page.evaluate(() => {
          const c = document.querySelector("circle.ll-marker")!;
          return [Number(c.getAttribute("cx")), Number(c.getAttribute("cy"))];
        });
        ok(Math.abs(marker[0]! - (mf.left + mf.width * 0.25)) < 1);
        ok(Math.abs(marker[1]! - (mf.top + mf.height * 0.25)) < 1);

        // Arrow keys on the map: a hundredth of the range, Shift ten times that.
        await page.keyboard.press("ArrowRight");
        let next = await check(page, setup, loss, delta);
        strictEqual(next.slope, roundTo(s.slope + 1.2, 0.01));
        strictEqual(next.intercept, s.intercept);
        await page.keyboard.press("Shift+ArrowDown");
        s = next;
        next = await check(page, setup, loss, delta);
        strictEqual(next.intercept, roundTo(s.intercept - 2800, 1));
        ok(
          (await page.evaluate(() =>
            (document.querySelector("svg.ll-map") as SVGElement).style.outline
          )).includes("solid"),
          "a focus ring for keyboard use",
        );

        // Dragging the marker on the map moves the line.
        await page.mouse.move(map.x + mf.left + mf.width * 0.5, map.y + mf.top + mf.height * 0.5);
        await page.mouse.down();
        await page.mouse.move(map.x + mf.left + mf.width * 0.6, map.y + mf.top + mf.height * 0.6, {
          steps: 5,
        });
        await page.mouse.up();
        await frame(page);
        s = await check(page, setup, loss, delta);
        ok(Math.abs(s.slope - 62) < 0.5, `slope ${s.slope} after the drag`);
        ok(Math.abs(s.intercept - -8800) < 100, `intercept ${s.intercept} after the drag`);

        // Dragging the line (away from its handles) moves it up: the slope stays.
        const scatter = whole;
        const sf = setup.scatter;
        const px = scatter.x + sf.left + sf.width * 0.5;
        const py = scatter.y + sf.top + sf.height * 0.5;
        await page.mouse.move(px, py);
        await page.mouse.down();
        await page.mouse.move(px, py - sf.height * 0.1, { steps: 4 });
        await page.mouse.up();
        await frame(page);
        next = await check(page, setup, loss, delta);
        strictEqual(next.slope, s.slope);
        const up = (sf.y[1] - sf.y[0]) * 0.1;
        ok(
          Math.abs(next.intercept - s.intercept - up) < 20,
          `moved up ${next.intercept - s.intercept}`,
        );
        s = next;

        // Dragging the right handle up turns the line about the left one.
        const handle = async (k: number) => {
          const c = page.locator("circle.ll-handle").nth(k);
          const b = (await c.boundingBox())!;
          return [b.x + b.width / 2, b.y + b.height / 2];
        };
        const [hx, hy] = await handle(1);
        const left = (t: ScorecardState) => t.slope * setup.handles[0] + t.intercept;
        await page.mouse.move(hx!, hy!);
        await page.mouse.down();
        await page.mouse.move(hx!, hy! - 30, { steps: 3 });
        await page.mouse.up();
        await frame(page);
        next = await check(page, setup, loss, delta);
        ok(next.slope > s.slope, `steeper: ${s.slope} → ${next.slope}`);
        ok(Math.abs(left(next) - left(s)) < 2.5, "the left end stays");
        strictEqual(
          await page.evaluate(() =>
            document.querySelector("circle.ll-ring")!.getAttribute("display")
          ),
          "none",
          "no focus ring after a drag",
        );

        // The handle has the focus: arrow keys move it, with a focus ring.
        s = next;
        await page.keyboard.press("ArrowDown");
        next = await check(page, setup, loss, delta);
        ok(next.slope < s.slope, "lower right end, shallower line");
        ok(Math.abs(left(next) - left(s)) < 2.5, "the left end stays");
        strictEqual(
          await page.evaluate(() =>
            document.querySelector("circle.ll-ring")!.getAttribute("display")
          ),
          "inline",
        );

        // Every control has a label.
        const unlabelled = await page.evaluate(() =>
          [...document.querySelectorAll(".ll-live-controls input")]
            .filter((el) => !document.querySelector(`label[for="${el.id}"]`)).length
        );
        strictEqual(unlabelled, 0);
        deepStrictEqual(errors, []);
        await Deno.remove(dir, { recursive: true });
      }, { browser });
    }
  });
});

/** Waits for the next animation frame (drags redraw in one). */
function frame(page: Page): Promise<unknown> {
  return page.evaluate(() =>
    new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 20)))
  );
}

Deno.test("in Chromium, an overflowing loss stays a readable figure", async () => {
  const fig = scorecard([1, 2, 3], [1, 2, 4], {
    slope: [-1e155, 1e155],
    intercept: [-1, 1],
    line: { slope: 1e155, intercept: 0 },
  });
  const html = String(fig[DISPLAY]()["text/html"]);
  const setup = setupOf(html);
  await withPage(async (page, errors) => {
    const dir = await open(page, html);
    await page.locator("input[data-control=slope]").fill("0");
    const s = await stateOf(page);
    strictEqual(s.loss, lineFitLoss([1, 2, 3], [1, 2, 4]).at(0, s.intercept));
    ok(Number.isFinite(s.loss));
    strictEqual((await page.textContent(".ll-live-status"))!.trim(), describeLine(setup, s));
    await page.locator("input[data-control=slope]").fill("1e155");
    strictEqual((await stateOf(page)).loss, null);
    ok((await page.textContent(".ll-live-status"))!.includes("has no finite MSE"));
    deepStrictEqual(errors, []);
    await Deno.remove(dir, { recursive: true });
  });
});

Deno.test("in Chromium without JavaScript, the scorecard is its first frame and its text", async () => {
  const fig = scorecard(flipper, mass, labels);
  const html = String(fig[DISPLAY]()["text/html"]);
  await withPage(async (page, errors) => {
    const dir = await Deno.makeTempDir();
    await Deno.writeTextFile(
      `${dir}/s.html`,
      `<!doctype html><meta charset="utf-8"><body>${html}</body>`,
    );
    await page.goto(`file://${dir}/s.html`);
    const visible = await page.evaluate(() => {
      const img = document.querySelector("img.ll-svg") as HTMLImageElement;
      return img.complete && img.naturalWidth > 0;
    });
    strictEqual(visible, true);
    strictEqual(await page.locator(".ll-live-controls").count(), 0);
    strictEqual(
      (await page.textContent(".ll-live-status"))!.trim(),
      describeLine(setupOf(html), fig.state),
    );
    deepStrictEqual(errors, []);
    await Deno.remove(dir, { recursive: true });
  }, { javaScriptEnabled: false });
});

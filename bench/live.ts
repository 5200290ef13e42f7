/**
 * The live figures' budgets (issue 10), measured in headless Chromium:
 *
 * - size: what one figure adds to a page, its script included, raw and gzipped;
 * - update: one redraw after a control moves (for the explorer, 500 steps of
 *   Adam), the script's work plus the style and layout it causes, median of
 *   60;
 * - start: how much more main-thread time (Chromium's TaskDuration, up to
 *   the first idle moment after load) a page with the figure takes to open
 *   than the same page with its script removed (a static picture), median
 *   of 11 alternating loads: the cost of starting one figure in view;
 * - open: the same for a page of eight copies, per figure: figures start
 *   only when they come near the visible part of the page, so a long page
 *   pays only for those in view.
 *
 * There is no peer that does this in a page with no kernel, so the table
 * compares with the budgets: 120 KB, 16 ms and 50 ms.
 *
 * @module
 */

import { DISPLAY, type Figure } from "../lib/plot/mod.ts";
import { catalog } from "../lib/landscape/mod.ts";
import { descentExplorer, linkedSlice, scorecard } from "../lib/live/mod.ts";
import { withBrowser } from "../tests/_browser.ts";
import { median } from "./_util.ts";

interface Case {
  name: string;
  make: () => Figure;
  /** A range input to move, and two values to alternate between. */
  control: string;
  values: [string, string];
}

function cases(): Case[] {
  const himmelblau = catalog.himmelblau;
  const x = Array.from({ length: 100 }, (_, i) => -2 + (4 * i) / 99);
  const y = x.map((v, i) => 0.7 * v + 4.2 + 0.3 * Math.sin(7 * i));
  return [{
    name: "descentExplorer (Himmelblau, Adam, 500 steps)",
    make: () =>
      descentExplorer(himmelblau.landscape, {
        ...himmelblau.domain,
        from: [-4, 4],
        optimizer: "adam",
        learningRate: 0.1,
        learningRates: [0.001, 1],
        steps: 500,
        logColor: true,
      }),
    control: "input[data-control=learningRate]",
    values: ["10", "30"],
  }, {
    name: "scorecard (100 points, MSE)",
    make: () => scorecard(x, y),
    control: "input[data-control=slope]",
    values: ["0.5", "0.9"],
  }, {
    name: "linkedSlice (Himmelblau, 201 samples)",
    make: () => linkedSlice(himmelblau.landscape, { ...himmelblau.domain }),
    control: "input[data-control=angle]",
    values: ["30", "60"],
  }];
}

async function gzipBytes(s: string): Promise<number> {
  const stream = new Blob([s]).stream().pipeThrough(new CompressionStream("gzip"));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

const page = (body: string) => `<!doctype html><meta charset="utf-8"><body>${body}</body>`;

/** Runs the benchmark and prints a Markdown table. */
export async function main(): Promise<void> {
  const dir = await Deno.makeTempDir();
  const rows: string[] = [];
  await withBrowser(async (browser) => {
    for (const c of cases()) {
      const html = String(c.make()[DISPLAY]()["text/html"]);
      const script = html.match(/<script>[\s\S]*<\/script>/)?.[0] ?? "";
      const kb = (html.length / 1024).toFixed(0);
      const gz = ((await gzipBytes(html)) / 1024).toFixed(0);

      // Update: a slider moved back and forth, each redraw timed with the layout it causes.
      const one = `${dir}/one.html`;
      await Deno.writeTextFile(one, page(html));
      const context = await browser.newContext();
      const p = await context.newPage();
      await p.goto(`file://${one}`);
      await p.waitForSelector(".ll-live-controls");
      const times = await p.evaluate(({ control, values }) => {
        const input = document.querySelector(control) as HTMLInputElement;
        const out: number[] = [];
        for (let k = 0; k < 70; k++) {
          input.value = values[k % 2]!;
          const t0 = performance.now();
          input.dispatchEvent(new Event("input", { bubbles: true }));
          void document.body.offsetHeight; // style and layout
          out.push(performance.now() - t0);
        }
        return out.slice(10);
      }, { control: c.control, values: c.values });
      await context.close();

      // Start and open: the page live versus its static pictures only.
      const extraMs = async (copies: number) => {
        const figures = Array.from({ length: copies }, () => html).join("\n");
        const livePage = `${dir}/live.html`, staticPage = `${dir}/static.html`;
        await Deno.writeTextFile(livePage, page(figures));
        await Deno.writeTextFile(
          staticPage,
          page(figures.replace(/<script>[\s\S]*?<\/script>/g, "")),
        );
        const openMs = async (file: string, live: boolean) => {
          const ctx = await browser.newContext({ viewport: { width: 1200, height: 900 } });
          const pg = await ctx.newPage();
          const cdp = await ctx.newCDPSession(pg);
          await cdp.send("Performance.enable");
          await pg.goto(`file://${file}`, { waitUntil: "load" });
          // Wait for the first idle moment after load (every figure in view has
          // started by then), and take the main thread's busy time so far:
          // Chromium's own TaskDuration, steadier than a wall clock here.
          await pg.evaluate(() =>
            new Promise((r) =>
              requestAnimationFrame(() => requestAnimationFrame(() => requestIdleCallback(r)))
            )
          );
          const { metrics } = await cdp.send("Performance.getMetrics");
          const t = 1000 * metrics.find((m) => m.name === "TaskDuration")!.value;
          if (live && (await pg.locator(".ll-live-controls").count()) === 0) {
            throw new Error("no figure in view started");
          }
          await ctx.close();
          return t;
        };
        const liveTimes: number[] = [], staticTimes: number[] = [];
        for (let k = 0; k < 11; k++) {
          staticTimes.push(await openMs(staticPage, false));
          liveTimes.push(await openMs(livePage, true));
        }
        return (median(liveTimes) - median(staticTimes)) / copies;
      };
      const startMs = await extraMs(1);
      const openMs = await extraMs(8);
      rows.push(
        `| ${c.name} | ${kb} KB (${gz} KB gzipped; script ${
          (script.length / 1024).toFixed(0)
        } KB) | ${median(times).toFixed(2)} ms | ${startMs.toFixed(1)} ms | ${
          openMs.toFixed(1)
        } ms |`,
      );
    }
  });
  await Deno.remove(dir, { recursive: true });
  console.log(
    "| live figure | adds to a page (budget 120 KB) | update, median (budget 16 ms) | " +
      "start in view | page open, per figure, 8 in a page (budget 50 ms) |",
  );
  console.log("|---|---|---|---|---|");
  for (const r of rows) console.log(r);
}

if (import.meta.main) await main();

// progress(): the Jupyter messages it sends (through a recording channel in
// place of Deno.jupyter), its throttling, and that its end leaves no progress.
import { deepStrictEqual, ok, strictEqual } from "node:assert";
import {
  openProgress,
  progress,
  PROGRESS_CLASS,
  type ProgressChannel,
} from "../lib/plot/progress.ts";
import { table } from "../lib/plot/show.ts";

interface Sent {
  msgType: string;
  content: {
    data?: Record<string, string>;
    transient?: { display_id?: string };
    wait?: boolean;
    comm_id?: string;
  };
}

/** A channel that records what it is sent, and a way to wait for a message. */
function recorder() {
  const sent: Sent[] = [];
  const waiters: { test: (m: Sent) => boolean; resolve: () => void }[] = [];
  const channel: ProgressChannel = {
    broadcast(msgType, content) {
      const m = { msgType, content } as Sent;
      sent.push(m);
      for (const w of waiters.filter((w) => w.test(m))) w.resolve();
    },
  };
  const next = (test: (m: Sent) => boolean) =>
    new Promise<void>((resolve) => waiters.push({ test, resolve }));
  // Markers of show()'s publication wait are not the progress's own messages.
  const displays = () => sent.filter((m) => m.msgType !== "comm_msg");
  return { channel, sent, displays, next };
}

/** A clock the test moves by hand. */
function manualClock(start = 1000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

Deno.test("progress sends one display_data with a display id, then updates of that display", async () => {
  const { channel, displays } = recorder();
  const clock = manualClock();
  const p = await openProgress("Training 4 networks", { total: 4 }, channel, clock.now);
  clock.advance(1500);
  await p.update(1, "seed 1 trained");
  clock.advance(1500);
  await p.update(2, "seed 2 trained");
  const [first, ...rest] = displays();
  strictEqual(first!.msgType, "display_data");
  const id = first!.content.transient?.display_id;
  ok(id?.startsWith(`${PROGRESS_CLASS}-`), `display id ${id}`);
  strictEqual(first!.content.data!["text/plain"], "Training 4 networks: 0 of 4 · 0.0 s");
  ok(first!.content.data!["text/html"]!.includes('<progress max="4" value="0"'));
  deepStrictEqual(rest.map((m) => m.msgType), ["update_display_data", "update_display_data"]);
  ok(rest.every((m) => m.content.transient?.display_id === id), "every update names the display");
  deepStrictEqual(rest.map((m) => m.content.data!["text/plain"]), [
    "Training 4 networks: 1 of 4 · seed 1 trained · 1.5 s",
    "Training 4 networks: 2 of 4 · seed 2 trained · 3.0 s",
  ]);
  ok(rest[1]!.content.data!["text/html"]!.includes('<progress max="4" value="2"'));
  strictEqual(String(p), "Training 4 networks: 2 of 4 · seed 2 trained · 3.0 s");
  await p.done();
});

Deno.test("progress escapes its label and note in HTML and, without a total, shows a running bar", async () => {
  const { channel, displays } = recorder();
  const clock = manualClock();
  const p = await openProgress("<b>Plane</b> & co", {}, channel, clock.now);
  clock.advance(200);
  await p.update(3, "<i>row</i>");
  const html = displays().map((m) => m.content.data!["text/html"]!);
  ok(html[0]!.includes("&lt;b&gt;Plane&lt;/b&gt; &amp; co · 0.0 s"), html[0]);
  ok(!html.join("").includes("<b>") && !html.join("").includes("<i>"));
  ok(html[0]!.includes("<progress style="), "no value: an indeterminate bar");
  strictEqual(
    displays()[1]!.content.data!["text/plain"],
    "<b>Plane</b> & co: 3 done · <i>row</i> · 0.2 s",
  );
  await p.clear();
});

Deno.test("progress sends at most one update per interval, however often it is told", async () => {
  const { channel, displays } = recorder();
  const clock = manualClock();
  const p = await openProgress("Counting", { total: 2000, interval: 100 }, channel, clock.now);
  for (let k = 1; k <= 2000; k++) {
    clock.advance(1); // 2 s of work in 1 ms units
    await p.update(k);
  }
  await p.done("counted");
  const updates = displays().filter((m) => m.msgType === "update_display_data");
  // 20 throttled updates (one per 100 ms of the 2 s), then the final one.
  strictEqual(updates.length, 21, updates.map((m) => m.content.data!["text/plain"]).join("\n"));
  deepStrictEqual(
    updates.slice(0, 3).map((m) => m.content.data!["text/plain"]),
    [
      "Counting: 100 of 2000 · 0.1 s",
      "Counting: 200 of 2000 · 0.2 s",
      "Counting: 300 of 2000 · 0.3 s",
    ],
  );
  deepStrictEqual(updates.at(-1)!.content.data, { "text/plain": "counted" });
});

Deno.test("an update that comes too soon is sent by itself when the interval is over", async () => {
  const { channel, displays, next } = recorder();
  const p = await openProgress("Slow unit", { total: 2, interval: 300 }, channel);
  const sentLater = next((m) =>
    m.content.data?.["text/plain"]?.startsWith("Slow unit: 1 of 2") ?? false
  );
  await p.update(1, "first done"); // just after the first display: too soon
  strictEqual(displays().length, 1, "sent at once despite the interval");
  await sentLater; // the awaited work yields; the deferred update goes out
  strictEqual(displays().length, 2);
  await p.done();
});

Deno.test("done() replaces the progress by the final figure, or by an empty text, and ends it", async () => {
  const withFigure = recorder();
  const p = await openProgress("Drawing", { total: 1 }, withFigure.channel);
  await p.done(table([{ loss: 0.5 }]));
  const last = withFigure.displays().at(-1)!;
  strictEqual(last.msgType, "update_display_data");
  strictEqual(
    last.content.transient?.display_id,
    withFigure.displays()[0]!.content.transient?.display_id,
  );
  ok(last.content.data!["text/html"]!.startsWith('<table class="ll-table">'));
  ok(
    !JSON.stringify(last.content.data).includes(PROGRESS_CLASS),
    "the final display is the figure only",
  );

  const empty = recorder();
  const q = await openProgress("Computing", { total: 3, interval: 1000 }, empty.channel);
  await q.update(1); // deferred: the interval is not over
  await q.done();
  deepStrictEqual(empty.displays().at(-1)!.content.data, { "text/plain": "" });
  const count = empty.displays().length;
  await q.update(2);
  await q.done("again");
  await new Promise((r) => setTimeout(r, 50));
  strictEqual(
    empty.displays().length,
    count,
    "nothing is sent once done, not even a deferred update",
  );
});

Deno.test("clear() clears the cell's output instead, and waits for its publication", async () => {
  const { channel, sent, displays } = recorder();
  const p = await openProgress("Training", {}, channel);
  await p.clear();
  deepStrictEqual(displays().map((m) => m.msgType), ["display_data", "clear_output"]);
  strictEqual(displays()[1]!.content.wait, false);
  await p.clear();
  await p.done();
  strictEqual(displays().length, 2);
  // Outside a Jupyter kernel the publication wait sends no marker.
  strictEqual(sent.filter((m) => m.msgType === "comm_msg").length, 0);
});

Deno.test("progress rejects a bad label, total, interval or count, naming the value", async () => {
  const { channel } = recorder();
  await Promise.all([
    [" ", {}, TypeError, /non-empty string.*" "/],
    ["Training", { total: 0 }, RangeError, /positive integer.*found 0/],
    ["Training", { total: 2.5 }, RangeError, /found 2\.5/],
    ["Training", { interval: -1 }, RangeError, /interval.*found -1/],
    ["Training", { interval: NaN }, RangeError, /found NaN/],
  ].map(async ([label, options, type, message]) => {
    let error: unknown;
    await openProgress(label as string, options as object, channel).catch((e) => (error = e));
    ok(error instanceof (type as typeof Error), `${label} ${JSON.stringify(options)}: ${error}`);
    ok((message as RegExp).test(String(error)), String(error));
  }));
  const p = await openProgress("Training", { total: 4 }, channel);
  for (const bad of [-1, 5, NaN]) {
    let error: unknown;
    await p.update(bad).catch((e) => (error = e));
    ok(error instanceof RangeError && /from 0 to 4 but found/.test(error.message), String(error));
  }
  await p.done();
});

Deno.test("outside a notebook progress() prints nothing, and done(figure) prints like show()", async () => {
  const printed: unknown[] = [];
  const log = console.log;
  console.log = (...a: unknown[]) => printed.push(...a);
  try {
    const p = await progress("Training", { total: 2 });
    await p.update(1, "half");
    await p.update(2);
    ok(String(p).startsWith("Training: 2 of 2 · "));
    await p.done(table([{ a: 1 }]));
    const q = await progress("Computing");
    await q.done();
    const r = await progress("Computing");
    await r.clear();
  } finally {
    console.log = log;
  }
  deepStrictEqual(printed, ["a\n1"]);
});

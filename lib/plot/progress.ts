/**
 * Progress for slow notebook cells, shown in place and gone when done.
 *
 * In the Deno kernel, Jupyter's stop button kills the kernel
 * (denoland/deno#24491), so a learner who stops a slow cell loses every
 * variable. A cell that takes more than a couple of seconds should say that
 * it is working and how far it is. {@linkcode progress} displays one line
 * with a bar (a Jupyter `display_data` with a `transient.display_id`) and
 * updates that same output (`update_display_data`) as the work goes on; at
 * the end the output becomes the cell's figure, or nothing, so the saved
 * notebook and its exported page keep no trace of the progress.
 *
 * Outside a notebook (tests, scripts) it prints nothing; `done(figure)`
 * prints the figure's text like {@linkcode show}.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert";
 * import { progress, table } from "./mod.ts";
 *
 * const p = await progress("Squaring 3 numbers", { total: 3 });
 * const rows = [];
 * for (const x of [1, 2, 3]) {
 *   rows.push({ x, square: x * x });
 *   await p.update(rows.length, `x = ${x}`);
 * }
 * ok(String(p).startsWith("Squaring 3 numbers: 3 of 3 · x = 3"));
 * await p.done(table(rows)); // in a notebook the table takes the progress's place
 * ```
 *
 * @module
 */

import { escapeXml } from "./_xml.ts";
import { outputPublished } from "./_iopub_flush.ts";
import { bundleOf, kernel, type MediaBundle, show } from "./show.ts";

/** Options of {@linkcode progress}. */
export interface ProgressOptions {
  /**
   * How many units of work there are (a positive integer): the display then
   * shows "k of total" and a bar that fills. Without it the bar only says
   * that something runs.
   */
  total?: number;
  /**
   * The least time between two updates sent to the notebook, in
   * milliseconds (default 100: at most 10 a second). An update that comes
   * sooner is shown when the interval is over, and costs nothing meanwhile.
   */
  interval?: number;
}

/** A progress display opened by {@linkcode progress}. */
export interface Progress {
  /**
   * Reports that `done` units of work are finished, with an optional note
   * on what runs now. Sends the new state at once, or at the end of the
   * throttling interval; await it between units of work. Ignored once the
   * progress is done.
   *
   * @param done Units finished: a number from 0 to `total` (any number from 0 without a total).
   * @param note A few words on the work in hand, shown after the count.
   * @throws {RangeError} For a `done` outside that range.
   */
  update(done: number, note?: string): Promise<void>;
  /**
   * Ends the progress: its output becomes `final` (a figure, table or any
   * value {@linkcode show} takes) or, without one, an empty text. Resolves
   * once the notebook has it, as `show()` does. Outside a notebook,
   * `done(final)` is `show(final)`. Calling it again does nothing.
   */
  done(final?: unknown): Promise<void>;
  /**
   * Ends the progress by clearing the cell's output, so that nothing at all
   * is left: only for a progress that is the cell's only output (it clears
   * the cell's other outputs too). Calling it again does nothing.
   */
  clear(): Promise<void>;
  /** The line the display shows now, such as `"Training: 2 of 4 · seed 3 · 3.1 s"`. */
  toString(): string;
}

/** Where a progress sends its messages: `Deno.jupyter` in a notebook. */
export interface ProgressChannel {
  /** Sends one IOPub message, as `Deno.jupyter.broadcast` does. */
  broadcast(msgType: string, content: Record<string, unknown>): Promise<void> | void;
}

/** The class of the progress's HTML: what tests look for in executed notebooks. */
export const PROGRESS_CLASS = "ll-progress";

const DEFAULT_INTERVAL = 100;

function checkOptions(label: string, { total, interval = DEFAULT_INTERVAL }: ProgressOptions) {
  if (typeof label !== "string" || label.trim() === "") {
    throw new TypeError(
      `Expected the label to be a non-empty string such as "Training 4 networks" but found ${
        JSON.stringify(label)
      }`,
    );
  }
  if (total !== undefined && (!Number.isInteger(total) || total < 1)) {
    throw new RangeError(
      `Expected total to be a positive integer (the number of units of work) but found ${total}`,
    );
  }
  if (typeof interval !== "number" || !Number.isFinite(interval) || interval < 0) {
    throw new RangeError(
      `Expected interval to be a finite number of milliseconds from 0 but found ${interval}`,
    );
  }
  return { total, interval };
}

/** The display's text: label, count, note and elapsed time. */
function line(label: string, done: number, total: number | undefined, note: string, ms: number) {
  const count = total !== undefined ? `: ${done} of ${total}` : done > 0 ? `: ${done} done` : "";
  return [`${label}${count}`, ...(note ? [note] : []), `${(ms / 1000).toFixed(1)} s`].join(" · ");
}

function bundle(text: string, done: number, total: number | undefined): MediaBundle {
  // Without `value` a <progress> is indeterminate: browsers animate it.
  const bar = total !== undefined
    ? `<progress max="${total}" value="${done}" style="width:10em"></progress>`
    : `<progress style="width:10em"></progress>`;
  return {
    "text/html": `<div class="${PROGRESS_CLASS}" style="display:flex;align-items:center;` +
      `gap:0.6em;font-size:0.9em">${bar}<span>${escapeXml(text)}</span></div>`,
    "text/plain": text,
  };
}

/**
 * Opens a progress on `channel`, or a silent one without it: the engine of
 * {@linkcode progress}, with the channel and the clock as parameters so that
 * tests can watch the messages.
 *
 * @param label What the cell is doing, such as `"Training 4 networks"`.
 * @param options The number of units and the throttling interval.
 * @param channel Where the messages go; none outside a notebook.
 * @param now The clock, in milliseconds.
 * @returns The open progress, once its first display is sent.
 * @throws {TypeError} For an empty label.
 * @throws {RangeError} For a total or interval out of range.
 */
export async function openProgress(
  label: string,
  options: ProgressOptions = {},
  channel?: ProgressChannel,
  now: () => number = () => performance.now(),
): Promise<Progress> {
  const { total, interval } = checkOptions(label, options);
  const id = `${PROGRESS_CLASS}-${crypto.randomUUID()}`;
  const start = now();
  let done = 0;
  let note = "";
  let lastSent = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let finished = false;
  const text = () => line(label, done, total, note, now() - start);
  const send = async (msgType: string, data: MediaBundle) => {
    lastSent = now();
    await channel!.broadcast(msgType, { data, metadata: {}, transient: { display_id: id } });
  };
  const sendState = () => send("update_display_data", bundle(text(), done, total));
  const stop = () => {
    finished = true;
    clearTimeout(timer);
    timer = undefined;
  };
  /** Waits until the notebook has what was sent (see `show()`). */
  const published = async () => {
    const marker = (commId: string) =>
      void channel!.broadcast("comm_msg", { comm_id: commId, data: {} });
    if (!(await outputPublished(marker))) await new Promise((r) => setTimeout(r, 0));
  };
  if (channel) await send("display_data", bundle(text(), done, total));

  return {
    async update(units: number, what?: string) {
      if (finished) return;
      const most = total ?? Infinity;
      if (typeof units !== "number" || !(units >= 0 && units <= most)) {
        throw new RangeError(
          `Expected the units done to be a number from 0 to ${most} but found ${units}`,
        );
      }
      done = units;
      note = what ?? "";
      if (!channel) return;
      const wait = lastSent + interval - now();
      if (wait <= 0) {
        clearTimeout(timer);
        timer = undefined;
        await sendState();
      } else if (timer === undefined) {
        // Too soon: send the latest state when the interval is over.
        timer = setTimeout(() => {
          timer = undefined;
          if (!finished) void sendState();
        }, wait);
      }
    },
    async done(final?: unknown) {
      if (finished) return;
      stop();
      if (!channel) {
        if (final !== undefined) await show(final);
        return;
      }
      await send(
        "update_display_data",
        final === undefined ? { "text/plain": "" } : bundleOf(final),
      );
      await published();
    },
    async clear() {
      if (finished) return;
      stop();
      if (!channel) return;
      await channel.broadcast("clear_output", { wait: false });
      await published();
    },
    toString: text,
  };
}

/**
 * Shows a progress line with a bar in the notebook, updated in place as the
 * work goes on, for cells that take more than a couple of seconds. Await
 * `update()` between units of work (it sends at most 10 updates a second
 * and costs nothing in between), and end with `done(figure)`: the figure
 * takes the progress's place, so the saved notebook keeps no progress. A
 * cell with nothing to show ends with `done()` (an empty text is left) or,
 * when the progress is its only output, `clear()` (nothing is left).
 *
 * Outside a notebook it prints nothing, and `done(figure)` prints like
 * {@linkcode show}.
 *
 * @param label What the cell is doing, such as `"Training 4 networks"`.
 * @param options `total`: the number of units of work; `interval`: the
 *   least time between two updates sent, in milliseconds (default 100).
 * @returns The open progress, once its first display is sent.
 * @throws {TypeError} For an empty label.
 * @throws {RangeError} For a total or interval out of range.
 *
 * @example A loop with a count, ending in its table
 * ```ts
 * import { ok } from "node:assert";
 * import { progress, table } from "./mod.ts";
 *
 * const p = await progress("Adding up", { total: 4 });
 * let sum = 0;
 * for (let k = 1; k <= 4; k++) {
 *   sum += k;
 *   await p.update(k, `term ${k}`);
 * }
 * ok(String(p).startsWith("Adding up: 4 of 4 · term 4 · "));
 * await p.done(table([{ sum }])); // outside a notebook: prints "sum\n 10"
 * ```
 *
 * @example One long step, no count
 * ```ts
 * import { ok } from "node:assert";
 * import { progress } from "./mod.ts";
 *
 * const p = await progress("Waiting");
 * await new Promise((resolve) => setTimeout(resolve, 10));
 * ok(String(p).startsWith("Waiting · "));
 * await p.clear(); // nothing was shown, nothing is left
 * ```
 */
export async function progress(label: string, options: ProgressOptions = {}): Promise<Progress> {
  const jupyter = kernel();
  const channel = jupyter ? { broadcast: jupyter.broadcast.bind(jupyter) } : undefined;
  return await openProgress(label, options, channel);
}

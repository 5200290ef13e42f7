/**
 * The scorecard's page side: small portable functions (no imports at run
 * time, no outside names but `Math`, `Number`, `String`, `JSON`, the DOM and
 * each other) that draw the line, its misses and the marker for a state, say
 * the state in words, and start the figure in the page. Deno runs the same
 * functions for the first frame; the page gets them by source.
 *
 * @module
 */

import type { MapFrame } from "../plot/mod.ts";
import { controlBar, element, fmt, keyboardRing, px, toPixel } from "./_draw.ts";

/** The losses a scorecard can show. */
export type ScorecardLoss = "mse" | "mae" | "huber";

/** What the page needs to redraw a scorecard, stored in the figure as JSON. */
export interface ScorecardSetup {
  /** The scatter plot's frame, in the scatter panel's own pixels. */
  scatter: MapFrame;
  /** The contour map's frame, in the map panel's own pixels. */
  map: MapFrame;
  /** The data. */
  xs: number[];
  ys: number[];
  /** The x of the two handles on the line. */
  handles: [number, number];
  /** The sliders' ranges (the map's axes). */
  slope: [number, number];
  intercept: [number, number];
  /** Slopes and intercepts are rounded to these (a ten-thousandth of their range, a power of ten). */
  units: [number, number];
  lossName: ScorecardLoss;
  /** Huber's threshold (1 unless given). */
  delta: number;
  /** "MSE", "MAE" or "Huber loss". */
  lossLabel: string;
}

/** The state a live scorecard keeps in its root's `data-state` attribute. */
export interface ScorecardState {
  /** The line's slope. */
  slope: number;
  /** The line's intercept. */
  intercept: number;
  /** `lineFitLoss(x, y, { loss })` at `(slope, intercept)`; `null` in JSON when not finite. */
  loss: number;
  /** Which loss. */
  lossName: ScorecardLoss;
  /** Huber's threshold, for `"huber"` only. */
  delta?: number;
}

/**
 * A number as typed: shortest exact form, a true minus sign.
 */
export function plainNumber(v: number): string {
  return String(v).replace(/-/g, "−");
}

/**
 * A loss for reading: six significant digits, thousands grouped with
 * commas from 10,000 up to 10¹², otherwise as {@linkcode fmt}.
 */
export function fmtLoss(v: number): string {
  if (!Number.isFinite(v)) return fmt(v);
  const a = Math.abs(v);
  if (a >= 1e4 && a < 1e12) {
    const digits = String(Math.round(a));
    let out = "";
    for (let k = 0; k < digits.length; k++) {
      if (k > 0 && (digits.length - k) % 3 === 0) out += ",";
      out += digits.charAt(k);
    }
    return (v < 0 ? "−" : "") + out;
  }
  if (a >= 1e-3 && a < 1e4) return String(Number(v.toPrecision(6))).replace(/-/g, "−");
  return fmt(v);
}

/** The line as an equation, e.g. "ŷ = 49.68·x − 5872". */
export function lineEquation(slope: number, intercept: number): string {
  return "ŷ = " + plainNumber(slope) + "·x " + (intercept < 0 ? "− " : "+ ") +
    plainNumber(Math.abs(intercept));
}

/** The loss as printed on the figure, e.g. "MSE = 152,134" or "MSE is not finite". */
export function lossText(setup: ScorecardSetup, loss: number): string {
  return Number.isFinite(loss)
    ? setup.lossLabel + " = " + fmtLoss(loss)
    : setup.lossLabel + " is not finite here";
}

/** The text alternative of a scorecard's state. */
export function describeLine(setup: ScorecardSetup, s: ScorecardState): string {
  return "The line " + lineEquation(s.slope, s.intercept) + " (slope " + plainNumber(s.slope) +
    ", intercept " + plainNumber(s.intercept) + ") " +
    (Number.isFinite(s.loss)
      ? "scores " + lossText(setup, s.loss)
      : "has no finite " + setup.lossLabel) +
    (s.lossName === "huber" ? " (δ = " + plainNumber(setup.delta) + ")" : "") + " on " +
    setup.xs.length + (setup.xs.length === 1 ? " point." : " points.");
}

/** A pixel clamped so markup stays small and finite far outside a frame. */
export function clampPx(v: number): string {
  return px(Math.max(-1e4, Math.min(1e4, v)));
}

/**
 * The drawing of a state: the misses and the line (markup for the scatter's
 * `g.ll-line`), the handles' and the marker's pixels.
 */
export function scorecardFrame(
  setup: ScorecardSetup,
  s: ScorecardState,
): { line: string; handles: number[][]; marker: number[] } {
  const f = setup.scatter;
  let misses = "";
  for (let i = 0; i < setup.xs.length; i++) {
    const x = setup.xs[i]!;
    const p = toPixel(f, x, setup.ys[i]!);
    const q = toPixel(f, x, s.slope * x + s.intercept);
    misses += "M" + px(p[0]) + "," + px(p[1]) + "V" + clampPx(q[1]);
  }
  const a = toPixel(f, f.x[0], s.slope * f.x[0] + s.intercept);
  const b = toPixel(f, f.x[1], s.slope * f.x[1] + s.intercept);
  const line = `<svg x="${px(f.left)}" y="${px(f.top)}" width="${px(f.width)}" ` +
    `height="${px(f.height)}" viewBox="${px(f.left)} ${px(f.top)} ${px(f.width)} ` +
    `${px(f.height)}" overflow="hidden">` +
    (misses === ""
      ? ""
      : `<path d="${misses}" stroke="#d62728" stroke-opacity="0.6" stroke-width="1" fill="none"/>`) +
    `<line x1="${px(a[0])}" y1="${clampPx(a[1])}" x2="${px(b[0])}" y2="${clampPx(b[1])}" ` +
    `stroke="#fff" stroke-width="5" stroke-opacity="0.8"/>` +
    `<line x1="${px(a[0])}" y1="${clampPx(a[1])}" x2="${px(b[0])}" y2="${clampPx(b[1])}" ` +
    `stroke="#1f77b4" stroke-width="2.5"/></svg>`;
  const handles = [];
  for (let k = 0; k < 2; k++) {
    const x = setup.handles[k]!;
    const h = toPixel(f, x, s.slope * x + s.intercept);
    // A handle whose end of the line is off the panel waits at the edge.
    handles.push([h[0], Math.max(f.top, Math.min(f.top + f.height, h[1]))]);
  }
  const m = toPixel(setup.map, s.slope, s.intercept);
  return {
    line,
    handles,
    marker: [
      Math.max(setup.map.left, Math.min(setup.map.left + setup.map.width, m[0])),
      Math.max(setup.map.top, Math.min(setup.map.top + setup.map.height, m[1])),
    ],
  };
}

/** A value rounded to a multiple of `unit` (a power of ten), as short as it prints. */
export function roundTo(v: number, unit: number): number {
  return Number((Math.round(v / unit) * unit).toPrecision(12));
}

/**
 * Starts the scorecards in `roots`: builds the sliders, wires the handles,
 * the line and the map, and on every change computes the loss with `value`
 * and redraws.
 */
export function bootScorecards(
  roots: HTMLElement[],
  value: (m: number, b: number, setup: ScorecardSetup) => number,
): void {
  for (let r = 0; r < roots.length; r++) {
    const root = roots[r]!;
    const data = root.querySelector("script.ll-live-data");
    const scatter = root.querySelector("svg.ll-scatter") as SVGSVGElement | null;
    const map = root.querySelector("svg.ll-map") as SVGSVGElement | null;
    const lineGroup = root.querySelector("g.ll-line");
    const lossLabel = root.querySelector("text.ll-loss");
    const equation = root.querySelector("text.ll-equation");
    const marker = root.querySelector("circle.ll-marker");
    const ring = root.querySelector("circle.ll-ring");
    const handleEls = root.querySelectorAll("circle.ll-handle");
    const status = root.querySelector(".ll-live-status");
    if (
      !data || !scatter || !map || !lineGroup || !lossLabel || !equation || !marker || !ring ||
      handleEls.length !== 2 || !status
    ) continue;
    let setup: ScorecardSetup, state: ScorecardState;
    try {
      setup = JSON.parse(data.textContent || "");
      state = JSON.parse(root.getAttribute("data-state") || "");
    } catch (_) {
      continue;
    }
    const doc = root.ownerDocument;
    const make = (tag: string, attrs: Record<string, string>, text?: string) =>
      element(doc, tag, attrs, text);
    const uid = root.getAttribute("data-ll-id") + "-" + r;
    const controls = controlBar(doc);
    const slider = (name: "slope" | "intercept", k: number) => {
      const range = setup[name];
      const input = make("input", {
        type: "range",
        min: String(range[0]),
        max: String(range[1]),
        step: String(setup.units[k]),
        "data-control": name,
        id: uid + "-" + name,
      }) as HTMLInputElement;
      input.value = String(state[name]);
      const out = make("output", { style: "min-width:5em", for: uid + "-" + name });
      out.textContent = plainNumber(state[name]);
      const wrap = make("span", { style: "display:inline-flex;gap:6px;align-items:center" });
      wrap.appendChild(make("label", { for: uid + "-" + name }, name));
      wrap.appendChild(input);
      wrap.appendChild(out);
      controls.appendChild(wrap);
      return { input, out };
    };
    const slopeCtl = slider("slope", 0);
    const interceptCtl = slider("intercept", 1);
    controls.appendChild(
      make(
        "span",
        { style: "opacity:0.85" },
        "Drag the line or its two handles, or the marker on the map; arrow keys work too.",
      ),
    );
    root.insertBefore(controls, status);

    const clamp = (v: number, range: number[]) => Math.min(range[1]!, Math.max(range[0]!, v));
    const set = (slope: number, intercept: number) => {
      state.slope = roundTo(clamp(slope, setup.slope), setup.units[0]);
      state.intercept = roundTo(clamp(intercept, setup.intercept), setup.units[1]);
    };
    const render = () => {
      const loss = value(state.slope, state.intercept, setup);
      const next: ScorecardState = {
        slope: state.slope,
        intercept: state.intercept,
        loss,
        lossName: setup.lossName,
      };
      if (setup.lossName === "huber") next.delta = setup.delta;
      state = next;
      const frame = scorecardFrame(setup, next);
      lineGroup.innerHTML = frame.line;
      for (let k = 0; k < 2; k++) {
        const h = handleEls[k]!;
        h.setAttribute("cx", px(frame.handles[k]![0]!));
        h.setAttribute("cy", px(frame.handles[k]![1]!));
        const x = setup.handles[k]!;
        const y = next.slope * x + next.intercept;
        h.setAttribute("aria-valuenow", String(y));
        h.setAttribute("aria-valuetext", "ŷ = " + fmt(y) + " at x = " + fmt(x));
      }
      if (focused >= 0) {
        ring.setAttribute("cx", handleEls[focused]!.getAttribute("cx")!);
        ring.setAttribute("cy", handleEls[focused]!.getAttribute("cy")!);
      }
      marker.setAttribute("cx", px(frame.marker[0]!));
      marker.setAttribute("cy", px(frame.marker[1]!));
      equation.textContent = lineEquation(next.slope, next.intercept);
      lossLabel.textContent = lossText(setup, loss);
      slopeCtl.input.value = String(next.slope);
      slopeCtl.out.textContent = plainNumber(next.slope);
      interceptCtl.input.value = String(next.intercept);
      interceptCtl.out.textContent = plainNumber(next.intercept);
      status.textContent = describeLine(setup, next);
      root.setAttribute("data-state", JSON.stringify(next));
    };
    slopeCtl.input.addEventListener("input", () => {
      set(Number(slopeCtl.input.value), state.intercept);
      render();
    });
    interceptCtl.input.addEventListener("input", () => {
      set(state.slope, Number(interceptCtl.input.value));
      render();
    });

    // Pointer positions in a panel's own pixels.
    const local = (svg: SVGSVGElement, e: PointerEvent) => {
      const m = svg.getScreenCTM();
      return m ? new DOMPoint(e.clientX, e.clientY).matrixTransform(m.inverse()) : null;
    };
    let pending = false;
    const later = () => {
      if (pending) return;
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        render();
      });
    };
    let focused = -1;
    // Focus from the Tab key or a key shows a ring; focus from a pointer does not.
    const handleRings = Array.from(
      handleEls,
      (h) =>
        keyboardRing(h as SVGElement, (on) => ring.setAttribute("display", on ? "inline" : "none")),
    );

    // The scatter: a handle turns the line about the other handle; anywhere
    // else in the frame, the line moves up and down with the pointer.
    const sf = setup.scatter;
    const yAt = (py: number) => sf.y[1] - (py - sf.top) / sf.height * (sf.y[1] - sf.y[0]);
    let drag: { id: number; handle: number; y0: number; b0: number; other: number } | null = null;
    scatter.style.touchAction = "none";
    scatter.style.cursor = "ns-resize";
    scatter.addEventListener("pointerdown", (e: PointerEvent) => {
      if (e.button !== 0) return;
      const p = local(scatter, e);
      if (!p) return;
      let handle = -1;
      for (let k = 0; k < 2; k++) {
        const dx = p.x - Number(handleEls[k]!.getAttribute("cx"));
        const dy = p.y - Number(handleEls[k]!.getAttribute("cy"));
        if (dx * dx + dy * dy <= 14 * 14) handle = k;
      }
      const inside = p.x >= sf.left && p.x <= sf.left + sf.width && p.y >= sf.top &&
        p.y <= sf.top + sf.height;
      if (handle < 0 && !inside) return;
      if (handle >= 0) handleRings[handle]!.pointer();
      const ox = setup.handles[1 - Math.max(0, handle)]!;
      drag = {
        id: e.pointerId,
        handle,
        y0: yAt(p.y),
        b0: state.intercept,
        other: state.slope * ox + state.intercept,
      };
      scatter.setPointerCapture(e.pointerId);
      e.preventDefault();
    });
    scatter.addEventListener("pointermove", (e: PointerEvent) => {
      if (!drag || e.pointerId !== drag.id) return;
      const p = local(scatter, e);
      if (!p) return;
      const y = yAt(p.y);
      if (drag.handle < 0) set(state.slope, drag.b0 + (y - drag.y0));
      else {
        const xk = setup.handles[drag.handle]!, xo = setup.handles[1 - drag.handle]!;
        const slope = (y - drag.other) / (xk - xo);
        set(slope, drag.other - slope * xo);
      }
      later();
    });
    const stop = (e: PointerEvent) => {
      if (drag && e.pointerId === drag.id) drag = null;
    };
    scatter.addEventListener("pointerup", stop);
    scatter.addEventListener("pointercancel", stop);
    for (let k = 0; k < 2; k++) {
      const h = handleEls[k] as SVGElement;
      h.setAttribute("tabindex", "0");
      h.setAttribute("role", "slider");
      h.setAttribute("aria-orientation", "vertical");
      h.setAttribute("aria-valuemin", String(sf.y[0]));
      h.setAttribute("aria-valuemax", String(sf.y[1]));
      h.setAttribute(
        "aria-label",
        (k === 0 ? "Left" : "Right") + " handle of the line; arrow keys move it up and down",
      );
      h.style.cursor = "grab";
      h.style.outline = "none";
      h.addEventListener("focus", () => {
        focused = k;
        ring.setAttribute("cx", h.getAttribute("cx")!);
        ring.setAttribute("cy", h.getAttribute("cy")!);
      });
      h.addEventListener("blur", () => {
        focused = -1;
      });
      h.addEventListener("keydown", (e: KeyboardEvent) => {
        if (e.key !== "ArrowUp" && e.key !== "ArrowDown") return;
        const step = (sf.y[1] - sf.y[0]) * (e.shiftKey ? 0.1 : 0.01) *
          (e.key === "ArrowUp" ? 1 : -1);
        const xk = setup.handles[k]!, xo = setup.handles[1 - k]!;
        const yo = state.slope * xo + state.intercept;
        const slope = (state.slope * xk + state.intercept + step - yo) / (xk - xo);
        set(slope, yo - slope * xo);
        handleRings[k]!.key();
        e.preventDefault();
        render();
      });
    }

    // The map: a click, a drag or the arrow keys put the marker, so the line.
    const mf = setup.map;
    map.setAttribute("tabindex", "0");
    map.setAttribute("role", "application");
    map.setAttribute(
      "aria-label",
      "Loss map over slope and intercept: the marker is the line. Left and right arrows " +
        "change the slope, up and down the intercept, Shift for bigger steps.",
    );
    map.style.cursor = "crosshair";
    map.style.touchAction = "none";
    map.style.outline = "none";
    const mapRing = keyboardRing(map, (on) => {
      map.style.outline = on ? "2px solid #1a73e8" : "none";
    });
    const fromMap = (e: PointerEvent) => {
      const p = local(map, e);
      if (
        !p || p.x < mf.left || p.x > mf.left + mf.width || p.y < mf.top ||
        p.y > mf.top + mf.height
      ) return false;
      set(
        mf.x[0] + (p.x - mf.left) / mf.width * (mf.x[1] - mf.x[0]),
        mf.y[1] - (p.y - mf.top) / mf.height * (mf.y[1] - mf.y[0]),
      );
      return true;
    };
    let mapDrag = -1;
    map.addEventListener("pointerdown", (e: PointerEvent) => {
      if (e.button !== 0 || !fromMap(e)) return;
      mapRing.pointer();
      mapDrag = e.pointerId;
      map.setPointerCapture(e.pointerId);
      e.preventDefault();
      render();
    });
    map.addEventListener("pointermove", (e: PointerEvent) => {
      if (e.pointerId !== mapDrag || !fromMap(e)) return;
      later();
    });
    const stopMap = (e: PointerEvent) => {
      if (e.pointerId === mapDrag) mapDrag = -1;
    };
    map.addEventListener("pointerup", stopMap);
    map.addEventListener("pointercancel", stopMap);
    map.addEventListener("keydown", (e: KeyboardEvent) => {
      const k = e.shiftKey ? 0.1 : 0.01;
      const ds = (setup.slope[1] - setup.slope[0]) * k;
      const di = (setup.intercept[1] - setup.intercept[0]) * k;
      if (e.key === "ArrowLeft") set(state.slope - ds, state.intercept);
      else if (e.key === "ArrowRight") set(state.slope + ds, state.intercept);
      else if (e.key === "ArrowUp") set(state.slope, state.intercept + di);
      else if (e.key === "ArrowDown") set(state.slope, state.intercept - di);
      else return;
      mapRing.key();
      e.preventDefault();
      render();
    });
  }
}

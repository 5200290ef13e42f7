/**
 * The client-side script that makes `surface3d` figures rotatable in
 * notebooks and exported HTML: drag, or focus the figure and use the arrow
 * keys (Home resets the view).
 *
 * The script is self-contained (no network, no modules, no globals): the
 * source of the portable renderer functions, embedded with
 * `Function.prototype.toString`, plus {@link bootSurfaces}. Every run
 * initializes each `.ll-s3d` element of the page not yet initialized, from
 * the JSON scene inside it, so the same figure may appear several times in a
 * page and re-running a notebook (outputs replaced) needs nothing special.
 * Before that it turns the figure's static picture into inline SVG (see
 * `../_live_svg.ts`).
 *
 * @module
 */

import { drawAxes3d } from "./_axes.ts";
import { camera, normAngle, project, r1, toScreen } from "./_camera.ts";
import { decodeScene, renderScene } from "./_scene.ts";
import { scriptScope, upgradePictures } from "../_live_svg.ts";

/** Class of the element that holds one rotatable figure. */
export const SURFACE_CLASS = "ll-s3d";

/**
 * Initializes every rotatable surface in `doc` that is not yet initialized:
 * redraws its scene group on drag and on the arrow keys (which move the
 * surface the way a drag would; Shift for bigger steps, Home to reset), and
 * records the current view in `data-azimuth` / `data-elevation`.
 * Portable: it is embedded in the script by source, so it refers only to
 * the other embedded functions and to browser globals.
 */
export function bootSurfaces(doc: Document): void {
  const roots = doc.querySelectorAll(".ll-s3d:not([data-ll-ready])");
  for (let r = 0; r < roots.length; r++) {
    const root = roots[r] as HTMLElement;
    const data = root.querySelector("script.ll-s3d-data");
    const svg = root.querySelector("svg");
    const g = root.querySelector("g.ll-s3d-scene");
    if (data === null || svg === null || g === null) continue;
    let enc;
    try {
      enc = JSON.parse(data.textContent || "");
    } catch (_) {
      continue;
    }
    if (enc === null || enc.v !== 1) continue;
    root.setAttribute("data-ll-ready", "1");
    const scene = decodeScene(enc);
    const home = { azimuth: enc.azimuth, elevation: enc.elevation };
    const view = { azimuth: home.azimuth, elevation: home.elevation };
    let pending = false;
    const draw = () => {
      pending = false;
      g.innerHTML = renderScene(scene, view);
      root.setAttribute("data-azimuth", String(Math.round(view.azimuth * 10) / 10));
      root.setAttribute("data-elevation", String(Math.round(view.elevation * 10) / 10));
    };
    const request = () => {
      if (pending) return;
      pending = true;
      requestAnimationFrame(draw);
    };
    const turn = (dAzimuth: number, dElevation: number) => {
      view.azimuth = normAngle(view.azimuth + dAzimuth);
      view.elevation = normAngle(view.elevation + dElevation);
      request();
    };
    // Like matplotlib: dragging across the whole axes turns the view by 180°.
    const degreesPerPixel = () => {
      const box = svg.getBoundingClientRect();
      const vb = svg.viewBox && svg.viewBox.baseVal;
      const k = vb && vb.width > 0 && box.width > 0 ? vb.width / box.width : 1;
      return 180 * k / scene.layout.side;
    };
    let drag: { x: number; y: number; id: number } | null = null;
    svg.style.cursor = "grab";
    svg.style.touchAction = "none";
    // A focus ring only for keyboard focus: a pointer focuses the figure by
    // script, which browsers ring when the previously focused element was
    // focused from the keyboard (a notebook cell run with Shift+Enter).
    let byPointer = false;
    root.addEventListener("focus", () => {
      if (!byPointer) root.style.outline = "";
    });
    svg.addEventListener("pointerdown", (e: PointerEvent) => {
      if (e.button !== 0) return;
      drag = { x: e.clientX, y: e.clientY, id: e.pointerId };
      svg.setPointerCapture(e.pointerId);
      svg.style.cursor = "grabbing";
      byPointer = true;
      root.style.outline = "none";
      root.focus({ preventScroll: true });
      byPointer = false;
      e.preventDefault();
    });
    svg.addEventListener("pointermove", (e: PointerEvent) => {
      if (drag === null || e.pointerId !== drag.id) return;
      const k = degreesPerPixel();
      turn(-(e.clientX - drag.x) * k, (e.clientY - drag.y) * k);
      drag.x = e.clientX;
      drag.y = e.clientY;
    });
    const stop = (e: PointerEvent) => {
      if (drag === null || e.pointerId !== drag.id) return;
      drag = null;
      svg.style.cursor = "grab";
    };
    svg.addEventListener("pointerup", stop);
    svg.addEventListener("pointercancel", stop);
    root.addEventListener("keydown", (e: KeyboardEvent) => {
      root.style.outline = "";
      const step = e.shiftKey ? 15 : 5;
      if (e.key === "ArrowLeft") turn(step, 0);
      else if (e.key === "ArrowRight") turn(-step, 0);
      else if (e.key === "ArrowUp") turn(0, -step);
      else if (e.key === "ArrowDown") turn(0, step);
      else if (e.key === "Home") {
        view.azimuth = home.azimuth;
        view.elevation = home.elevation;
        request();
      } else return;
      e.preventDefault();
    });
  }
}

const PORTABLE = [
  normAngle,
  camera,
  project,
  r1,
  toScreen,
  drawAxes3d,
  decodeScene,
  renderScene,
  bootSurfaces,
  upgradePictures,
  scriptScope,
];

/**
 * Source of the portable functions, one after the other: evaluated in an
 * empty scope they define `decodeScene`, `renderScene`, `bootSurfaces`, ….
 *
 * @example
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { portableSource } from "./_surface_script.ts";
 * const r1 = new Function(`${portableSource()}\nreturn r1;`)();
 * strictEqual(r1(1.26), "1.3");
 * ```
 */
export function portableSource(): string {
  return PORTABLE.map((f) => f.toString()).join("\n");
}

let cached: string | undefined;

/**
 * The rotation script's source: the portable renderer and
 * {@link bootSurfaces}, wrapped in an immediately invoked function so that
 * it defines no globals.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert";
 * import { surfaceScript } from "./_surface_script.ts";
 * ok(surfaceScript().startsWith("(function(){") && !surfaceScript().includes("import "));
 * ```
 */
export function surfaceScript(): string {
  cached ??= `(function(){"use strict";\n${portableSource()}\n` +
    `upgradePictures(scriptScope());\nbootSurfaces(document);\n})();`;
  return cached;
}

/**
 * Learner edits of every chapter's edit-me cells, run as a learner would run
 * them: each chapter's code before its last edit-me cell, then each edit of
 * an edit-me cell, in one `deno run` per chapter (see `_learner_edits.ts`).
 *
 * A valid edit runs to its end. An invalid one either throws an error whose
 * message names the fix, or shows a figure that says plainly what is missing;
 * either way the learner never sees an internal detail.
 */
import { deepStrictEqual, ok } from "node:assert";
import {
  codeSources,
  declaredNames,
  type Edit,
  type EditRun,
  isEditMe,
  type Outcome,
  type Prefix,
  runLearnerEdits,
  topLevelStatements,
  usedNames,
} from "./_learner_edits.ts";
import { readNotebook } from "./_notebook.ts";

/** What an edit must do. */
type Expect =
  /** Run to its end; `shows`, when given, must be in what it showed. */
  | { ok: true; shows?: RegExp }
  /** Throw an error whose message matches `hint` (the fix). */
  | { error: RegExp }
  /** Run to its end and show a figure whose text matches `note`. */
  | { note: RegExp };

/** One learner edit and what it must do. */
type Case = Edit & { expect: Expect };

/**
 * Details that mean nothing to a learner: they must never reach one. (A loss
 * can be undefined *there*, *at* or *for* some w: that is mathematics.)
 */
const INTERNAL =
  /\bundefined\b(?! (?:there|at|for|where)\b)|Cannot read propert|is not a function|is not iterable|tangents\[|curves\[|\[object |file:\/\/|\.ts:\d+|^\s+at /m;

/** Replaces the first string literal passed to `fn(` in the cell. */
function call(fn: string, to: string): [RegExp, string] {
  return [new RegExp(`${fn}\\("[^"]*"`), `${fn}(${JSON.stringify(to)}`];
}

/** Replaces `key: <value>` (a number, a string or a bracketed list) in the cell. */
function option(key: string, to: string): [RegExp, string] {
  return [new RegExp(`\\b${key}: (?:\\[[^\\]]*\\]|"[^"]*"|[-\\w.]+)`), `${key}: ${to}`];
}

/** Replaces the value of `const <name> = <value>;` (any type annotation kept). */
function assign(name: string, to: string): [RegExp, string] {
  return [new RegExp(`(const ${name}(?:: [^=]+)? = )[^;]*;`), `$1${to};`];
}

/**
 * Replaces a setting written either as `const <name> = <value>;` or inline as
 * `<key>: <value>` (the notebooks have had both forms).
 */
function setting(name: string, key: string, to: string): [RegExp, string] {
  const value = String.raw`(?:\[[^\]]*\]|[^,;}\s]+)`;
  return [new RegExp(`(const ${name}(?:: [^=]+)? = |\\b${key}: )${value}`), `$1${to}`];
}

/** Checks one outcome against what its edit must do. */
function check(c: Case, o: Outcome | undefined): void {
  ok(o, `no outcome for "${c.name}": the module stopped before it`);
  const said = o.ok ? o.shown.join("\n") : `${o.error}: ${o.message}`;
  const detail = `edit "${c.name}" ${o.ok ? "ran and showed" : "threw"}:\n${said}`;
  ok(!INTERNAL.test(said), `an internal detail reaches the learner; ${detail}`);
  if ("ok" in c.expect) {
    ok(o.ok, `expected a valid edit to run; ${detail}`);
    ok(o.shown.length > 0, `expected a figure or table; ${detail}`);
    if (c.expect.shows) ok(c.expect.shows.test(said), `expected ${c.expect.shows}; ${detail}`);
  } else if ("error" in c.expect) {
    ok(!o.ok, `expected an error matching ${c.expect.error}; ${detail}`);
    ok(c.expect.error.test(o.message!), `expected the fix ${c.expect.error}; ${detail}`);
  } else {
    ok(o.ok, `expected a figure with a note ${c.expect.note}; ${detail}`);
    ok(c.expect.note.test(said), `expected the note ${c.expect.note}; ${detail}`);
  }
}

/** The code cells of a notebook that carry an edit-me marker. */
async function markedCells(notebook: string): Promise<string[]> {
  return codeSources((await readNotebook(notebook)).cells).filter(isEditMe);
}

/** One test per chapter: run its edits once, then check each in a step. */
function chapter(notebook: string, prefix: Prefix, cases: Case[]): void {
  Deno.test(`learner edits: ${notebook.replace(/^notebooks\/|\.ipynb$/g, "")}`, async (t) => {
    // Every edit-me cell has at least one edit here, so a new one is not left untested.
    for (const cell of await markedCells(notebook)) {
      ok(
        cases.some((c) => c.cell.test(cell)),
        `an edit-me cell has no learner edits in this test:\n${cell}`,
      );
    }
    const run: EditRun = await runLearnerEdits(notebook, cases, prefix);
    for (const c of cases) {
      await t.step(c.name, () => check(c, run.outcomes.get(c.name)));
    }
    if (Deno.env.get("LEARNER_EDITS_VERBOSE")) {
      console.log(`${notebook}: ${run.seconds.toFixed(1)} s (${run.path})`);
      for (const o of run.outcomes.values()) {
        console.log(JSON.stringify({ ...o, shown: o.shown.map((s) => s.slice(0, 300)) }));
      }
    }
  });
}

// ── Chapter 01: a rule from flipper length to body mass ─────────────────────
const myRule = /const myRule = /;
const rule = (to: string): [RegExp, string] => [/const myRule = [^\n]*/, `const myRule = ${to};`];
chapter("notebooks/01-loss-as-a-scorecard.ipynb", "all", [
  { name: "as shipped", cell: myRule, expect: { ok: true, shows: /your rule/ } },
  {
    name: "another line",
    cell: myRule,
    replace: [rule("(flipperMm: number) => 50 * flipperMm - 5800")],
    expect: { ok: true, shows: /your rule/ },
  },
  {
    name: "a curve",
    cell: myRule,
    replace: [rule("(flipperMm: number) => 0.5 * (flipperMm - 150) ** 2 + 2500")],
    expect: { ok: true },
  },
  {
    // A block body without `return`: every prediction is undefined.
    name: "a rule that forgets return",
    cell: myRule,
    replace: [rule("(flipperMm: number) => { 45 * flipperMm - 4800; }")],
    expect: { error: /return/ },
  },
  {
    name: "a rule with no number for some penguins (sqrt of a negative)",
    cell: myRule,
    replace: [rule("(flipperMm: number) => 400 * Math.sqrt(flipperMm - 200)")],
    expect: { error: /NaN|not a number/ },
  },
]);

// ── Chapter 02: Huber's threshold, and any one-weight loss as a curve with tangents ──
const huberCell = /const delta = /;
const huberFigures = [
  /shapes\.map\(\(\{ l, x, title, unit \}\)/,
  /shapes\.map\(\(\{ name, l, x, unit \}\)/,
];
const yourCurve = /const yourLoss = landscape\(/;
const loss02 = (to: string) => [call("landscape", to)];
chapter("notebooks/02-shapes-of-loss.ipynb", "all", [
  {
    name: "δ as shipped, with the two cells after it",
    cell: huberCell,
    rerun: huberFigures,
    expect: { ok: true, shows: /Huber \(δ = 1 kg\)/ },
  },
  {
    name: "δ = 0.1",
    cell: huberCell,
    replace: [assign("delta", "0.1")],
    rerun: huberFigures,
    expect: { ok: true, shows: /Huber \(δ = 0\.1 kg\)/ },
  },
  {
    name: "δ = 0",
    cell: huberCell,
    replace: [assign("delta", "0")],
    rerun: huberFigures,
    expect: { error: /positive|greater than 0|MAE/ },
  },
  {
    name: "δ = -0.3",
    cell: huberCell,
    replace: [assign("delta", "-0.3")],
    rerun: huberFigures,
    expect: { error: /positive|greater than 0/ },
  },
  { name: "curve as shipped", cell: yourCurve, expect: { ok: true } },
  { name: '"w^4 - w^2"', cell: yourCurve, replace: loss02("w^4 - w^2"), expect: { ok: true } },
  {
    name: '"2w + w^2" (implicit *)',
    cell: yourCurve,
    replace: loss02("2w + w^2"),
    expect: { ok: true },
  },
  {
    name: '"abs(w - 0.4)" (a kink under a tangent)',
    cell: yourCurve,
    replace: loss02("abs(w - 0.4)"),
    expect: { ok: true },
  },
  {
    name: "another range",
    cell: yourCurve,
    replace: [option("x", "[-3, 3]")],
    expect: { ok: true, shows: /from -3 to 3/ },
  },
  {
    name: "other tangents",
    cell: yourCurve,
    replace: [[/\[-1\.6, 0\.4, 1\.5\]/, "[-1, 0, 1]"]],
    expect: { ok: true, shows: /tangents at -1, 0, 1/ },
  },
  {
    name: '"w**4 - 3*w**2 + w"',
    cell: yourCurve,
    replace: loss02("w**4 - 3*w**2 + w"),
    expect: { error: /\^/ },
  },
  { name: '"ln(w)"', cell: yourCurve, replace: loss02("ln(w)"), expect: { error: /log/ } },
  {
    name: '"sqr(w)"',
    cell: yourCurve,
    replace: loss02("sqr(w)"),
    expect: { error: /did you mean sqrt/ },
  },
  {
    name: '"w^4 - 3*w^2 +"',
    cell: yourCurve,
    replace: loss02("w^4 - 3*w^2 +"),
    expect: { error: /finish|remove/ },
  },
  {
    name: "range [2, -2]",
    cell: yourCurve,
    replace: [option("x", "[2, -2]")],
    expect: { error: /swap/ },
  },
  {
    name: '"sqrt(w)" with a tangent at w = -1.6',
    cell: yourCurve,
    replace: loss02("sqrt(w)"),
    expect: { note: /no tangent at w = -1\.6.*undefined.*try w =/ },
  },
  {
    name: '"log(w)" with a tangent at w = -1.6',
    cell: yourCurve,
    replace: loss02("log(w)"),
    expect: { note: /no tangent at w = -1\.6/ },
  },
  {
    name: 'two weights "w1^2 + w2^2"',
    cell: yourCurve,
    replace: loss02("w1^2 + w2^2"),
    expect: { error: /two weights.*numbers in place|contourPlot/ },
  },
  {
    // W and w are two names: the learner meant one weight.
    name: 'a misspelt weight "W^4 - 3*w^2 + w"',
    cell: yourCurve,
    replace: loss02("W^4 - 3*w^2 + w"),
    expect: { error: /one name typed two ways|did you mean w\b/ },
  },
]);

// ── Chapter 03: any two-weight landscape, any TypeScript loss with a descent, a feature ──
const yourSurface = /const expression = /;
const myLoss = /const myLoss = /;
const yourFeature = /const yourFeature = /;
const expr03 = (to: string) => [assign("expression", JSON.stringify(to))];
chapter("notebooks/03-from-loss-to-landscape.ipynb", "all", [
  { name: "surface as shipped", cell: yourSurface, expect: { ok: true } },
  {
    name: '"w1^4 - w1^2 + w2^2"',
    cell: yourSurface,
    replace: expr03("w1^4 - w1^2 + w2^2"),
    expect: { ok: true },
  },
  {
    name: '"2w1 + w2^2" (implicit *)',
    cell: yourSurface,
    replace: expr03("2w1 + w2^2"),
    expect: { ok: true },
  },
  {
    name: '"w1^2" (w2 unused)',
    cell: yourSurface,
    replace: expr03("w1^2"),
    expect: { ok: true },
  },
  {
    name: "range [-5, 5]",
    cell: yourSurface,
    replace: [assign("range", "[-5, 5]")],
    expect: { ok: true },
  },
  {
    name: '"w1**2 + w2**2"',
    cell: yourSurface,
    replace: expr03("w1**2 + w2**2"),
    expect: { error: /\^/ },
  },
  {
    name: '"ln(w1) + w2^2"',
    cell: yourSurface,
    replace: expr03("ln(w1) + w2^2"),
    expect: { error: /log/ },
  },
  {
    name: '"sqr(w1) + w2^2"',
    cell: yourSurface,
    replace: expr03("sqr(w1) + w2^2"),
    expect: { error: /did you mean sqrt/ },
  },
  {
    name: '"w1w2" (a missing *)',
    cell: yourSurface,
    replace: expr03("w1w2"),
    expect: { error: /w1\*w2/ },
  },
  {
    name: '"w1^2 + 3*w2^2 + 2w1w2" (a missing *)',
    cell: yourSurface,
    replace: expr03("w1^2 + 3*w2^2 + 2w1w2"),
    expect: { error: /w1\*w2/ },
  },
  {
    name: '"w1^2 + w1w2" (a missing *)',
    cell: yourSurface,
    replace: expr03("w1^2 + w1w2"),
    expect: { error: /w1\*w2/ },
  },
  {
    name: 'a misspelt weight "W1^2 + 3*w2^2 + 2*w1*w2"',
    cell: yourSurface,
    replace: expr03("W1^2 + 3*w2^2 + 2*w1*w2"),
    expect: { error: /one name typed two ways|did you mean w1\b/ },
  },
  {
    name: 'a misspelt weight "W1^2 + w2^2"',
    cell: yourSurface,
    replace: expr03("W1^2 + w2^2"),
    expect: { error: /one name typed two ways|did you mean w1\b/ },
  },
  {
    name: 'a third weight "w1^2 + w2^2 + w3^2"',
    cell: yourSurface,
    replace: expr03("w1^2 + w2^2 + w3^2"),
    expect: { error: /w3/ },
  },
  {
    name: "range [3, -3]",
    cell: yourSurface,
    replace: [assign("range", "[3, -3]")],
    expect: { error: /swap/ },
  },
  {
    name: '"sqrt(w1) + w2^2" (undefined for w1 < 0)',
    cell: yourSurface,
    replace: expr03("sqrt(w1) + w2^2"),
    expect: { note: /holes where not finite/ },
  },
  { name: "descent as shipped", cell: myLoss, expect: { ok: true } },
  {
    name: "another start",
    cell: myLoss,
    replace: [setting("myStart", "from", "[2, -2]")],
    expect: { ok: true },
  },
  {
    name: "learning rate 0.01, 300 steps",
    cell: myLoss,
    replace: [setting("myRate", "learningRate", "0.01"), setting("mySteps", "steps", "300")],
    expect: { ok: true },
  },
  {
    name: "Adam",
    cell: myLoss,
    replace: [[/learningRate: /, 'optimizer: "adam", learningRate: ']],
    expect: { ok: true },
  },
  {
    name: "a bowl written in TypeScript",
    cell: myLoss,
    replace: [[/Math\.log\(1 \+[^\n]*;/, "w1 ** 2 + 3 * w2 ** 2;"]],
    expect: { ok: true },
  },
  {
    name: 'optimizer "Adam" (capital A)',
    cell: myLoss,
    replace: [[/learningRate: /, 'optimizer: "Adam", learningRate: ']],
    expect: { error: /\badam\b/ },
  },
  {
    name: 'optimizer "sgd"',
    cell: myLoss,
    replace: [[/learningRate: /, 'optimizer: "sgd", learningRate: ']],
    expect: { error: /\bgd\b/ },
  },
  {
    name: "learning rate 10 (overshoots)",
    cell: myLoss,
    replace: [setting("myRate", "learningRate", "10")],
    // The figure says where the walk went: off the map, or diverged.
    expect: { note: /leaves the map at step \d+|diverged after/i },
  },
  {
    name: "steps -5",
    cell: myLoss,
    replace: [setting("mySteps", "steps", "-5")],
    expect: { error: /from 0 to/ },
  },
  {
    name: "a start with one number",
    cell: myLoss,
    replace: [setting("myStart", "from", "[-2.5]")],
    expect: { error: /2 numbers/ },
  },
  {
    name: "a loss undefined at the start (log of a negative)",
    cell: myLoss,
    replace: [[/Math\.log\(1 \+[^\n]*;/, "Math.log(w1) + w2 ** 2;"]],
    expect: { note: /undefined|NaN|not finite|not a number/i },
  },
  {
    name: "feature as shipped",
    cell: yourFeature,
    expect: { ok: true, shows: /times more curved/ },
  },
  {
    name: "flipper length in centimetres",
    cell: yourFeature,
    replace: [assign("yourFeature", "flipper.map((x) => x / 10)")],
    expect: { ok: true, shows: /times more curved/ },
  },
  {
    name: "standardized flipper length",
    cell: yourFeature,
    replace: [assign("yourFeature", "standardize(flipper).values")],
    expect: { ok: true, shows: /times more curved/ },
  },
  {
    name: "a feature for only 10 penguins",
    cell: yourFeature,
    replace: [assign("yourFeature", "flipper.slice(0, 10)")],
    expect: { error: /10.*333|333.*10/ },
  },
  {
    name: "a feature with no number for some penguins",
    cell: yourFeature,
    replace: [assign("yourFeature", "flipper.map((x) => Math.log(x - 200))")],
    expect: { error: /NaN|not a number|finite/ },
  },
]);

// ── Chapter 05: the basin map of any two-weight loss, and a start near a ridge ─────────────────────────
const yourBasins = /const yourBasins = basins\(/;
const ridge = /const ridgeStart = /;
chapter("notebooks/05-convex-vs-non-convex.ipynb", "all", [
  { name: "as shipped", cell: yourBasins, expect: { ok: true } },
  {
    name: "Himmelblau on [-5, 5]²",
    cell: yourBasins,
    replace: [
      call("landscape", "(x^2 + y - 11)^2 + (x + y^2 - 7)^2"),
      [
        /const yourDomain = [^\n]*/,
        "const yourDomain = { x: [-5, 5] as [number, number], y: [-5, 5] as [number, number] };",
      ],
      option("learningRate", "0.01"),
    ],
    expect: { ok: true },
  },
  {
    name: "momentum",
    cell: yourBasins,
    replace: [option("optimizer", '"momentum"')],
    expect: { ok: true },
  },
  {
    name: "learning rate 0.2 (ten times larger)",
    cell: yourBasins,
    replace: [option("learningRate", "0.2")],
    expect: { ok: true, shows: /diverged|not converged|no minimum/ },
  },
  {
    name: "learning rate 10",
    cell: yourBasins,
    replace: [option("learningRate", "10")],
    expect: { note: /diverged/ },
  },
  {
    name: '"x**2 + y^2"',
    cell: yourBasins,
    replace: [call("landscape", "x**2 + y^2")],
    expect: { error: /\^/ },
  },
  {
    name: 'one weight "x^4 - x^2"',
    cell: yourBasins,
    replace: [call("landscape", "x^4 - x^2")],
    expect: { error: /two weights|curve/ },
  },
  {
    name: 'optimizer "sgd"',
    cell: yourBasins,
    replace: [option("optimizer", '"sgd"')],
    expect: { error: /\bgd\b/ },
  },
  {
    name: 'optimizer "Adam"',
    cell: yourBasins,
    replace: [option("optimizer", '"Adam"')],
    expect: { error: /\badam\b/ },
  },
  {
    name: "steps -5",
    cell: yourBasins,
    replace: [option("steps", "-5")],
    expect: { error: /from 0 to|positive/ },
  },
  {
    name: "domain x: [2, -2]",
    cell: yourBasins,
    replace: [[/x: \[-2, 2\] as/, "x: [2, -2] as"]],
    expect: { error: /swap/ },
  },
  {
    name: "ridge start as shipped",
    cell: ridge,
    expect: { ok: true, shows: /from \(1\.5, 0\.0001\)/ },
  },
  {
    name: "ridge start (1.5, 0.1)",
    cell: ridge,
    replace: [assign("ridgeStart", "[1.5, 0.1]")],
    expect: { ok: true, shows: /from \(1\.5, 0\.1\)/ },
  },
  {
    // On the ridge the gradient never turns toward a valley: every optimizer stays.
    name: "ridge start exactly on the ridge (1.5, 0)",
    cell: ridge,
    replace: [assign("ridgeStart", "[1.5, 0]")],
    expect: { ok: true, shows: /never/ },
  },
  {
    name: "ridge start with one number",
    cell: ridge,
    replace: [assign("ridgeStart", "[1.5]")],
    expect: { error: /2 numbers/ },
  },
  {
    name: "ridge start with three numbers",
    cell: ridge,
    replace: [assign("ridgeStart", "[1.5, 0.0001, 0]")],
    expect: { error: /2 numbers/ },
  },
]);

Deno.test("learner edits: the statement splitter keeps what the edits need", () => {
  const cell = [
    "// a comment",
    "const net = { hidden: [64, 64],",
    "  epochs: 30 };",
    "const { a, b: c } = f(`x ${net} {`);",
    "await show(table([",
    "  { x: 1 },",
    "]));",
  ].join("\n");
  const statements = topLevelStatements(cell);
  ok(statements.length === 3, JSON.stringify(statements));
  ok(declaredNames(statements[0]!).join() === "net");
  ok(declaredNames(statements[1]!).join() === "a,c");
  ok(declaredNames(statements[2]!).length === 0);
  // A spread uses a name; a property after a dot and an object key do not.
  const used = usedNames("const yours = { ...net, hidden: [w], points: p.points, x: a ? b : c };");
  deepStrictEqual([...used].sort(), ["a", "b", "c", "const", "net", "p", "w", "yours"]);
});

// ── Chapter 04: your own network and plane (tfjs; about 4 s per network trained) ──
const yourNet = /const yourNet = /;
const net04 = (
  to: string,
): [RegExp, string] => [/const yourNet = [^;]*;/, `const yourNet = ${to};`];
chapter("notebooks/04-high-vs-low-dimensions.ipynb", "needed", [
  { name: "as shipped", cell: yourNet, expect: { ok: true, shows: /filter directions/ } },
  {
    name: "one hidden layer of 8, layer-normalized directions, plane seed 3",
    cell: yourNet,
    replace: [
      net04("{ ...net, hidden: [8] }"),
      [/const planeSeed = \d+/, "const planeSeed = 3"],
      [/const normalization = "\w+"/, 'const normalization = "layer"'],
    ],
    expect: { ok: true, shows: /Network 2 → 8 → 3.*layer directions/ },
  },
  {
    name: "hidden: 16 (a number, not a list)",
    cell: yourNet,
    replace: [net04("{ ...net, hidden: 16 }")],
    expect: { error: /\[16\]|a list/ },
  },
  {
    name: "hidden: [0]",
    cell: yourNet,
    replace: [net04("{ ...net, hidden: [0] }")],
    expect: { error: /positive/ },
  },
  {
    name: "epochs -5",
    cell: yourNet,
    replace: [net04("{ ...net, hidden: [16, 16], epochs: -5 }")],
    expect: { error: /positive integer/ },
  },
  {
    name: 'normalization "filters" (a typo)',
    cell: yourNet,
    replace: [[/const normalization = "\w+"/, 'const normalization = "filters"']],
    expect: { error: /"filter"/ },
  },
  {
    name: "learning rate 10 (training diverges)",
    cell: yourNet,
    replace: [net04("{ ...net, hidden: [16, 16], learningRate: 10 }")],
    expect: { note: /diverge|not finite|NaN|too large|smaller learning rate|guess/i },
  },
]);

// ── Chapter 06: another batch size (tfjs; under a second per network trained) ──
const yourBatch = /const yourBatchSize = /;
const batch = (
  to: string,
): [RegExp, string] => [/const yourBatchSize = [^;]*;/, `const yourBatchSize = ${to};`];
const epochs = (
  to: string,
): [RegExp, string] => [/const yourEpochs = [^;]*;/, `const yourEpochs = ${to};`];
chapter("notebooks/06-wide-and-narrow-valleys.ipynb", "needed", [
  { name: "as shipped", cell: yourBatch, expect: { ok: true, shows: /yours/ } },
  {
    name: "batches of 32, 60 epochs",
    cell: yourBatch,
    replace: [batch("32"), epochs("60")],
    expect: { ok: true, shows: /Batches of 32, 60 epochs/ },
  },
  {
    name: "the whole training set per step (300)",
    cell: yourBatch,
    replace: [batch("300")],
    expect: { ok: true },
  },
  {
    name: "batch size 0",
    cell: yourBatch,
    replace: [batch("0")],
    expect: { error: /positive integer/ },
  },
  {
    name: "batch size 2.5",
    cell: yourBatch,
    replace: [batch("2.5")],
    expect: { error: /integer/ },
  },
  {
    name: "epochs -5",
    cell: yourBatch,
    replace: [epochs("-5")],
    expect: { error: /positive integer/ },
  },
  {
    name: "learning rate 10 (training diverges)",
    cell: yourBatch,
    replace: [[/epochs: yourEpochs \}/, "epochs: yourEpochs, learningRate: 10 }"]],
    expect: { note: /diverge|not finite|NaN|too large|smaller learning rate|guess/i },
  },
]);

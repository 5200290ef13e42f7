// The claims of notebook 01, "Loss as a scorecard": every number its prose
// and its exercise answers print, recomputed here the way the chapter computes
// it (same data, lines and rules) and found in the notebook's markdown at the
// precision printed; and its qualitative claims (which line each loss prefers).
import { ok, strictEqual } from "node:assert";
import { crossEntropy, mae, mse } from "../lib/data/losses.ts";
import { penguins, SPECIES } from "../lib/data/penguins.ts";
import { readNotebook, text } from "./_notebook.ts";

const nb = await readNotebook("notebooks/01-loss-as-a-scorecard.ipynb");
const markdownCells = nb.cells.filter((c) => c.cell_type === "markdown").map((c) => text(c.source));

/** The one markdown cell that contains `needle`. */
function prose(needle: string): string {
  const hits = markdownCells.filter((s) => s.includes(needle));
  strictEqual(hits.length, 1, `expected one markdown cell with "${needle}", found ${hits.length}`);
  return hits[0]!;
}

function says(cell: string, phrase: string) {
  ok(cell.includes(phrase), `the prose does not say "${phrase}":\n${cell}`);
}

const pct = (x: number) => `${(100 * x).toFixed(0)} %`;

// As the chapter does it.
const birds = penguins({ complete: true });
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const flipper = birds.map((b) => b.flipperLengthMm);
const mass = birds.map((b) => b.bodyMassG);
const meanFlipper = mean(flipper);
const meanMass = mean(mass);
const bestSlope = mean(flipper.map((x, i) => (x - meanFlipper) * (mass[i]! - meanMass))) /
  mean(flipper.map((x) => (x - meanFlipper) ** 2));
const lines = {
  average: { slope: 0, intercept: meanMass },
  fifty: { slope: 50, intercept: -5800 },
  steep: { slope: 70, intercept: -10000 },
  shallow: { slope: 30, intercept: -1800 },
  leastSquares: { slope: bestSlope, intercept: meanMass - bestSlope * meanFlipper },
};
const score = (rule: (x: number) => number) => {
  const predictions = flipper.map(rule);
  const sizes = mae(predictions, mass, { reduction: "none" });
  return {
    mse: mse(predictions, mass),
    mae: mae(predictions, mass),
    worstMiss: Math.max(...sizes),
    under200: sizes.filter((e) => e < 200).length,
  };
};
const scored = Object.fromEntries(
  Object.entries(lines).map(([k, l]) => [k, score((x) => l.slope * x + l.intercept)]),
) as Record<keyof typeof lines, ReturnType<typeof score>>;

const answers = birds.map((b) => SPECIES.indexOf(b.species));
const share = SPECIES.map((s) => birds.filter((b) => b.species === s).length / birds.length);
const typicalFlipper = SPECIES.map((s) =>
  mean(birds.filter((b) => b.species === s).map((b) => b.flipperLengthMm))
);
const argmax = (row: number[]) => row.indexOf(Math.max(...row));
const rule = (predict: (x: number) => number[], fromLogits = false) => {
  const rows = flipper.map(predict);
  return {
    ce: crossEntropy(rows, answers, { fromLogits }),
    accuracy: rows.filter((row, i) => argmax(row) === answers[i]).length / rows.length,
    worst: Math.max(...crossEntropy(rows, answers, { fromLogits, reduction: "none" })),
  };
};
const threshold = (gentoo: number[]) => (x: number) => x > 206 ? gentoo : [0.6, 0.35, 0.05];
const rules = {
  dontKnow: rule(() => [1 / 3, 1 / 3, 1 / 3]),
  baseRates: rule(() => share),
  hedged: rule(threshold([0.05, 0.05, 0.9])),
  certain: rule((x) => (x > 206 ? [0, 0, 1] : [1, 0, 0])),
  closest: rule((x) => typicalFlipper.map((m) => -((x - m) ** 2) / (2 * 7 ** 2)), true),
};

Deno.test("chapter 01 scores 333 penguins and names the article the series follows", () => {
  strictEqual(birds.length, 333);
  says(text(nb.cells[0]!.source), "333 real penguins");
  const series = prose("## This series and the article");
  says(series, "*Loss Landscapes: Part 1*, published on Towards AI");
  for (const n of ["01", "02", "03", "04", "05", "06"]) says(series, `**${n} `);
  says(prose("## What a loss is"), "also called the **objective function**");
});

Deno.test("chapter 01: the least-squares line's RMSE and MAE, as printed", () => {
  const cell = prose("in the RMSE sense");
  const ls = scored.leastSquares;
  says(cell, `misses by ${Math.sqrt(ls.mse).toFixed(0)} g in the RMSE sense`);
  says(cell, `by ${ls.mae.toFixed(0)} g on average`);
});

Deno.test("chapter 01: MSE prefers the shallow line, MAE the steep one, and the misses say why", () => {
  const cell = prose("MSE prefers the shallow line, MAE the steep one");
  const { shallow, steep } = scored;
  ok(
    shallow.mse < steep.mse && steep.mae < shallow.mae,
    "the two losses disagree as the prose says",
  );
  // "agree on the best and the worst line"
  const all = Object.values(scored);
  for (const loss of ["mse", "mae"] as const) {
    const sorted = all.map((s) => s[loss]).sort((a, b) => a - b);
    strictEqual(scored.leastSquares[loss], sorted[0]);
    strictEqual(scored.average[loss], sorted.at(-1));
  }
  says(cell, `(${steep.under200} against ${shallow.under200} for the shallow one)`);
  says(cell, `(${steep.worstMiss.toFixed(0)} g against ${shallow.worstMiss.toFixed(0)} g)`);
  ok(steep.under200 > shallow.under200 && steep.worstMiss > shallow.worstMiss);
});

Deno.test("chapter 01: the live scorecard starts at everyone-is-average with the MSE printed", () => {
  const cell = prose("### Every line gets a score");
  says(cell, `slope 0, intercept ${meanMass.toFixed(0)} g`);
  says(cell, `MSE = ${Math.round(scored.average.mse).toLocaleString("en-US")} g²`);
});

Deno.test("chapter 01: the species rules' accuracies, cap and ranking, as printed", () => {
  const cell = prose("The hedged and the certain threshold rules make exactly the same choices");
  const { dontKnow, baseRates, hedged, certain, closest } = rules;
  strictEqual(hedged.accuracy, certain.accuracy);
  says(cell, `the same accuracy, ${pct(hedged.accuracy)}`);
  const ratio = certain.ce / hedged.ce;
  ok(ratio > 6 && ratio < 7, `"more than six times worse": ${ratio}`);
  says(cell, "more than six times worse");
  strictEqual(certain.worst.toFixed(1), "16.1");
  says(cell, "the capped maximum of 16.1");
  strictEqual(dontKnow.accuracy, baseRates.accuracy);
  says(cell, `the same ${pct(dontKnow.accuracy)}`);
  ok(baseRates.ce < dontKnow.ce, "base rates score better");
  const best = Object.values(rules).reduce((a, b) => (b.ce < a.ce ? b : a));
  strictEqual(best, closest);
  ok(closest.accuracy < hedged.accuracy);
  says(cell, `(${pct(closest.accuracy)} against ${pct(hedged.accuracy)})`);
});

Deno.test("chapter 01: the suggested line beats least squares on MAE but not on MSE", () => {
  says(prose("## Your turn"), "try a slope of 50.5 g/mm with an intercept of −5960 g");
  const mine = score((x) => 50.5 * x - 5960);
  ok(mine.mae < scored.leastSquares.mae, `MAE ${mine.mae}`);
  ok(mine.mse > scored.leastSquares.mse, `MSE ${mine.mse}`);
});

Deno.test("chapter 01: the exercise answers, recomputed", () => {
  const cell = prose("## Exercises");
  // 1. Twice the miss.
  const predicted = [3.5, 4.0, 5.2, 3.9];
  const actual = [3.75, 3.8, 5.55, 3.25];
  const doubled = predicted.map((p, i) => actual[i]! + 2 * (p - actual[i]!));
  says(
    cell,
    `to ${mse(doubled, actual).toFixed(4)} kg² (it was ${mse(predicted, actual).toFixed(6)} kg²)`,
  );
  says(
    cell,
    `to ${mae(doubled, actual).toFixed(3)} kg (it was ${mae(predicted, actual).toFixed(4)} kg)`,
  );
  // 2. The same penalty for everyone.
  strictEqual(rules.dontKnow.ce.toFixed(12), rules.dontKnow.worst.toFixed(12));
  says(cell, `\\ln 3 \\approx ${Math.log(3).toFixed(3)}`);
  // 3. Sure of itself, and worse for it.
  const sharper = rule(threshold([0.005, 0.005, 0.99]));
  ok(sharper.ce > rules.hedged.ce);
  strictEqual(sharper.accuracy, rules.hedged.accuracy);
  says(cell, `goes up, from ${rules.hedged.ce.toFixed(3)} to ${sharper.ce.toFixed(3)}`);
  says(cell, `the accuracy stays ${pct(sharper.accuracy)}`);
  says(cell, `$-\\ln 0.005 \\approx ${sharper.worst.toFixed(2)}$`);
  says(cell, `$-\\ln 0.05 \\approx ${rules.hedged.worst.toFixed(2)}$`);
  // 4. The best constant: the median.
  const median = [...mass].sort((a, b) => a - b)[(mass.length - 1) / 2]!;
  says(cell, `the median body mass, ${median} g`);
  says(cell, `*everyone is average* (${meanMass.toFixed(0)} g)`);
  const constant = score(() => median);
  ok(constant.mse > scored.average.mse && constant.mae < scored.average.mae);
  says(
    cell,
    `(${Math.round(constant.mse)} g² against ${Math.round(scored.average.mse)} g²)`,
  );
  says(cell, `(${constant.mae.toFixed(1)} g against ${scored.average.mae.toFixed(1)} g)`);
});

Deno.test("chapter 01: edit-me cells use one marker, and every answer is collapsible", () => {
  const all = nb.cells.map((c) => text(c.source)).join("\n");
  ok(!all.includes("← edit me"), "old marker style");
  const exercises = prose("## Exercises");
  const questions = exercises.match(/^\*\*\d\. /gm) ?? [];
  ok(questions.length >= 3 && questions.length <= 5, `${questions.length} exercises`);
  strictEqual(
    (exercises.match(/<details><summary>Answer<\/summary>\n\n[\s\S]*?\n\n<\/details>/g) ?? [])
      .length,
    questions.length,
  );
  ok(exercises.includes("✏️"), "at least one edit-me exercise");
  says(prose("## Your turn"), "denoland/deno#24491");
  says(prose("## Your turn"), "well under a minute");
});

Deno.test("chapter 01: the qualitative claims about the penguins and the misses", () => {
  strictEqual(penguins().length, 344);
  says(prose("## A real data set"), "measured 344 penguins");
  says(prose("## A real data set"), "We use the 333 penguins with no missing value");
  // "Penguins with longer flippers tend to be heavier."
  says(prose("Penguins with longer flippers tend to be heavier"), "tend to be heavier");
  ok(bestSlope > 0, `slope ${bestSlope}`);
  // "The Chinstrap penguins sit mostly below zero" (misses of the least-squares line).
  says(prose("### Looking at the misses"), "The Chinstrap penguins sit mostly below zero");
  const { slope, intercept } = lines.leastSquares;
  const chinstrap = birds.filter((b) => b.species === "Chinstrap");
  const below = chinstrap.filter((b) => b.bodyMassG < slope * b.flipperLengthMm + intercept);
  ok(below.length > 0.75 * chinstrap.length, `${below.length} of ${chinstrap.length}`);
  // "confident where the species are far apart and unsure where Adélie and
  // Chinstrap flippers overlap"
  says(prose("Its curves show where"), "unsure where Adélie and Chinstrap flippers overlap");
  const probabilities = (x: number) => {
    const e = typicalFlipper.map((m) => Math.exp(-((x - m) ** 2) / (2 * 7 ** 2)));
    const total = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / total);
  };
  ok(Math.max(...probabilities(typicalFlipper[2]!)) > 0.95, "sure at the Gentoo's typical flipper");
  const between = (typicalFlipper[0]! + typicalFlipper[1]!) / 2;
  ok(Math.max(...probabilities(between)) < 0.55, "unsure between Adélie and Chinstrap");
});

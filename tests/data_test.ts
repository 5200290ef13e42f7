import { deepStrictEqual, notStrictEqual, ok, strictEqual } from "node:assert";
import { ISLANDS, type Penguin, penguins, SPECIES } from "../lib/data/penguins.ts";

function count<T>(xs: T[], key: (x: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[key(x)] = (out[key(x)] ?? 0) + 1;
  return out;
}

const NUMERIC = ["beakLengthMm", "beakDepthMm", "flipperLengthMm", "bodyMassG"] as const;

Deno.test("penguins() gives the 344 penguins of three species on three islands", () => {
  const all = penguins();
  strictEqual(all.length, 344);
  deepStrictEqual(count(all, (p) => p.species), { Adelie: 152, Chinstrap: 68, Gentoo: 124 });
  deepStrictEqual(count(all, (p) => p.island), { Biscoe: 168, Dream: 124, Torgersen: 52 });
  ok(all.every((p) => (SPECIES as readonly string[]).includes(p.species)));
  ok(all.every((p) => (ISLANDS as readonly string[]).includes(p.island)));
  deepStrictEqual(Object.keys(all[0]!), [
    "species",
    "island",
    "beakLengthMm",
    "beakDepthMm",
    "flipperLengthMm",
    "bodyMassG",
    "sex",
  ]);
  // The first penguin of the source file.
  deepStrictEqual(
    all[0],
    {
      species: "Adelie",
      island: "Torgersen",
      beakLengthMm: 39.1,
      beakDepthMm: 18.7,
      flipperLengthMm: 181,
      bodyMassG: 3750,
      sex: "male",
    } satisfies Penguin,
  );
});

Deno.test("penguins() marks missing values with null, never NaN or strings", () => {
  const all = penguins();
  for (const key of NUMERIC) {
    const missing = all.filter((p) => p[key] === null).length;
    strictEqual(missing, 2, key);
    ok(
      all.every((p) => p[key] === null || (typeof p[key] === "number" && Number.isFinite(p[key]))),
    );
  }
  deepStrictEqual(count(all, (p) => String(p.sex)), { male: 168, female: 165, null: 11 });
});

Deno.test("penguins({ complete: true }) keeps the 333 penguins with every value present", () => {
  const complete = penguins({ complete: true });
  strictEqual(complete.length, 333);
  for (const p of complete) {
    for (const key of NUMERIC) ok(Number.isFinite(p[key]) && p[key] > 0, key);
    ok(p.sex === "female" || p.sex === "male");
  }
  deepStrictEqual(count(complete, (p) => p.species), { Adelie: 146, Chinstrap: 68, Gentoo: 119 });
});

Deno.test("penguins() measurements lie in plausible ranges with the known extremes", () => {
  const complete = penguins({ complete: true });
  const range = (key: typeof NUMERIC[number]) => {
    const xs = complete.map((p) => p[key]);
    return [Math.min(...xs), Math.max(...xs)];
  };
  deepStrictEqual(range("flipperLengthMm"), [172, 231]);
  deepStrictEqual(range("bodyMassG"), [2700, 6300]);
  deepStrictEqual(range("beakLengthMm"), [32.1, 59.6]);
  deepStrictEqual(range("beakDepthMm"), [13.1, 21.5]);
});

Deno.test("penguins() returns fresh rows, so changing one does not change the next call", () => {
  const a = penguins();
  a[0]!.bodyMassG = 0;
  a.pop();
  const b = penguins();
  strictEqual(b.length, 344);
  strictEqual(b[0]!.bodyMassG, 3750);
  notStrictEqual(a[1], b[1]);
});

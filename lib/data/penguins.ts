/**
 * Small real data sets, committed under `data/` (sources, licences and
 * columns in data/README.md).
 *
 * @module
 */

import raw from "../../data/penguins.json" with { type: "json" };

/** The three penguin species, in the order used for class indices (0, 1, 2). */
export const SPECIES = ["Adelie", "Chinstrap", "Gentoo"] as const;

/** A penguin species. */
export type Species = typeof SPECIES[number];

/** The three islands of the Palmer Archipelago where the penguins were measured. */
export const ISLANDS = ["Biscoe", "Dream", "Torgersen"] as const;

/** An island of the Palmer Archipelago. */
export type Island = typeof ISLANDS[number];

/** One penguin of the Palmer penguins data; `null` marks a missing value. */
export interface Penguin {
  /** The species: `"Adelie"`, `"Chinstrap"` or `"Gentoo"`; its index in `SPECIES` is the class. */
  species: Species;
  /** The island where the penguin was measured. */
  island: Island;
  /** Beak (culmen) length in millimetres. */
  beakLengthMm: number | null;
  /** Beak (culmen) depth in millimetres. */
  beakDepthMm: number | null;
  /** Flipper length in millimetres. */
  flipperLengthMm: number | null;
  /** Body mass in grams. */
  bodyMassG: number | null;
  /** The sex as the researchers recorded it; `null` for 11 penguins. */
  sex: "female" | "male" | null;
}

/** A penguin with every value present. */
export type CompletePenguin = { [K in keyof Penguin]: NonNullable<Penguin[K]> };

const ROWS = raw as Penguin[];

function isComplete(p: Penguin): p is CompletePenguin {
  return Object.values(p).every((v) => v !== null);
}

/**
 * The Palmer penguins: 344 penguins of three species measured on three
 * islands near Palmer Station, Antarctica, 2007–2009 (Gorman, Williams &
 * Fraser 2014; packaged by Horst, Hill & Gorman 2020; CC0). Rows come in the
 * order of the source file.
 *
 * @param options `complete: true` keeps only the 333 penguins with no
 *   missing value (11 lack the sex, 2 of those also every measurement).
 * @returns Fresh copies of the rows, so a notebook may change them freely.
 *
 * @example
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { penguins } from "./penguins.ts";
 * strictEqual(penguins().length, 344);
 * const complete = penguins({ complete: true });
 * strictEqual(complete.length, 333);
 * strictEqual(complete[0]!.flipperLengthMm, 181); // a number, never null
 * ```
 */
export function penguins(options: { complete: true }): CompletePenguin[];
/**
 * All 344 Palmer penguins, `null` marking a missing value, or only the 333
 * complete ones when `complete` is true; fresh copies in the source file's
 * order.
 *
 * @example Missing values are `null`
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { penguins } from "./penguins.ts";
 *
 * const all = penguins({ complete: false });
 * strictEqual(all.filter((p) => p.sex === null).length, 11);
 * ```
 */
export function penguins(options?: { complete?: boolean }): Penguin[];
export function penguins({ complete = false }: { complete?: boolean } = {}): Penguin[] {
  const rows = ROWS.map((r) => ({ ...r }));
  return complete ? rows.filter(isComplete) : rows;
}

/**
 * Converts `data/penguins.json` from the npm package `vega-datasets@2.9.0`
 * into the tidy `data/penguins.json` of this repository (see data/README.md).
 *
 * ```sh
 * cd /tmp && npm pack vega-datasets@2.9.0 && tar xzf vega-datasets-2.9.0.tgz
 * deno run --allow-read --allow-write tools/convert_penguins.ts /tmp/package/data/penguins.json
 * ```
 *
 * The input is checked against its SHA-256, so the output always comes from
 * the same upstream file.
 *
 * @module
 */

const SOURCE_SHA256 = "0facf769609f1205b82cbceb8238c36af3e6147a0ca0e163902cc6281ce3e917";
const OUTPUT = new URL("../data/penguins.json", import.meta.url);

interface VegaPenguin {
  "Species": string;
  "Island": string;
  "Beak Length (mm)": number | null;
  "Beak Depth (mm)": number | null;
  "Flipper Length (mm)": number | null;
  "Body Mass (g)": number | null;
  "Sex": string | null;
}

function sex(s: string | null): "female" | "male" | null {
  if (s === "FEMALE") return "female";
  if (s === "MALE") return "male";
  // Upstream has null for unrecorded sex and "." for one Gentoo penguin.
  if (s === null || s === ".") return null;
  throw new RangeError(`Expected Sex to be "FEMALE", "MALE", "." or null but found ${s}`);
}

const input = Deno.args[0];
if (input === undefined) {
  console.error(
    "Usage: deno run --allow-read --allow-write tools/convert_penguins.ts <vega-datasets penguins.json>",
  );
  Deno.exit(2);
}
const bytes = await Deno.readFile(input);
const digest = Array.from(
  new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)),
  (b) => b.toString(16).padStart(2, "0"),
).join("");
if (digest !== SOURCE_SHA256) {
  throw new Error(
    `Expected the penguins.json of vega-datasets 2.9.0 (SHA-256 ${SOURCE_SHA256}) but found ${digest}`,
  );
}
const rows = JSON.parse(new TextDecoder().decode(bytes)) as VegaPenguin[];
const tidy = rows.map((r) => ({
  species: r["Species"],
  island: r["Island"],
  beakLengthMm: r["Beak Length (mm)"],
  beakDepthMm: r["Beak Depth (mm)"],
  flipperLengthMm: r["Flipper Length (mm)"],
  bodyMassG: r["Body Mass (g)"],
  sex: sex(r["Sex"]),
}));
// Two-space indentation is also what `deno fmt` writes, so the file passes `deno fmt --check`.
await Deno.writeTextFile(OUTPUT, JSON.stringify(tidy, null, 2) + "\n");
console.log(`Wrote ${tidy.length} rows to ${OUTPUT.pathname}`);

/**
 * `deno task bench`: runs every benchmark in `bench/` in one process, one
 * after the other, each printing a Markdown table of medians and ratios
 * against its peer (numpy, matplotlib, PyTorch).
 *
 * @module
 */

const benches = ["grid.ts", "surface.ts", "plane.ts", "hessian.ts", "live.ts"];
const only = Deno.args;

for (const file of benches) {
  const name = file.replace(/\.ts$/, "");
  if (only.length > 0 && !only.includes(name)) continue;
  const url = new URL(`./${file}`, import.meta.url);
  try {
    await Deno.stat(url);
  } catch {
    console.log(`\n## ${name}: not written yet, skipped`);
    continue;
  }
  console.log(`\n## ${name}`);
  const mod = await import(url.href);
  await mod.main();
}

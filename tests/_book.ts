/**
 * The book, built once for the tests that read executed notebooks and pages.
 *
 * The build goes to `.cache/test-book/` and is reused while nothing that can
 * change it has changed: the key is a SHA-256 of every file under
 * notebooks/, lib/, data/, tools/ and of deno.json and deno.lock.
 *
 * @module
 */

import { buildBook, type Chapter } from "../tools/book.ts";
import { root } from "../tools/setup.ts";

/** Where the tests' book is built. */
export const testBookDir = `${root}/.cache/test-book`;

async function* files(path: string): AsyncGenerator<string> {
  const info = await Deno.stat(path).catch(() => undefined);
  if (!info) return;
  if (info.isFile) {
    yield path;
    return;
  }
  const names: string[] = [];
  for await (const e of Deno.readDir(path)) names.push(e.name);
  for (const name of names.sort()) {
    if (name === "__pycache__" || name.endsWith("-changed.svg")) continue;
    yield* files(`${path}/${name}`);
  }
}

/** A hash of everything the book's output depends on. */
export async function sourceHash(): Promise<string> {
  const parts: Uint8Array[] = [];
  const enc = new TextEncoder();
  for (const top of ["notebooks", "lib", "data", "tools", "deno.json", "deno.lock"]) {
    for await (const f of files(`${root}/${top}`)) {
      parts.push(enc.encode(`\0${f.slice(root.length)}\0`), await Deno.readFile(f));
    }
  }
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", all));
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Returns the tests' book, building it (all notebooks, HTML export) unless a
 * build of the same sources is already there.
 */
export async function testBook(): Promise<{ dir: string; chapters: Chapter[] }> {
  const hash = await sourceHash();
  const stamp = `${testBookDir}/source-hash`;
  const built = await Deno.readTextFile(stamp).catch(() => "");
  if (built !== hash) {
    await buildBook({ out: testBookDir, quiet: true });
    await Deno.writeTextFile(stamp, hash);
  }
  const chapters = JSON.parse(await Deno.readTextFile(`${testBookDir}/book.json`)).chapters;
  return { dir: testBookDir, chapters };
}

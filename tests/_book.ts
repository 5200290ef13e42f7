/**
 * The book, built once for the tests that read executed notebooks and pages.
 *
 * The build goes to `.cache/test-book/<key>/` and is reused while nothing that
 * can change it has changed: the key is a SHA-256 of every file under
 * notebooks/, lib/, data/, tools/ and of deno.json and deno.lock. A build is
 * made in a scratch folder and renamed into place, so test runs that overlap
 * (or edit the sources meanwhile) never read a half-built or removed book.
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

/** Builds older than this, of other sources, are removed when a new one is made. */
const KEEP_MS = 3600_000;

/**
 * Returns the tests' book, building it (all notebooks, HTML export) unless a
 * build of the same sources is already there.
 */
export async function testBook(): Promise<{ dir: string; chapters: Chapter[] }> {
  const dir = `${testBookDir}/${(await sourceHash()).slice(0, 16)}`;
  if (!(await Deno.stat(`${dir}/book.json`).catch(() => undefined))) {
    const scratch = `${testBookDir}/building-${crypto.randomUUID()}`;
    await buildBook({ out: scratch, quiet: true });
    // Another run may have finished the same build first: keep that one.
    await Deno.rename(scratch, dir).catch(() => Deno.remove(scratch, { recursive: true }));
    for await (const e of Deno.readDir(testBookDir)) {
      const path = `${testBookDir}/${e.name}`;
      const info = await Deno.stat(path).catch(() => undefined);
      if (path !== dir && info?.mtime && Date.now() - info.mtime.getTime() > KEEP_MS) {
        await Deno.remove(path, { recursive: true }).catch(() => {});
      }
    }
  }
  const chapters = JSON.parse(await Deno.readTextFile(`${dir}/book.json`)).chapters;
  return { dir, chapters };
}

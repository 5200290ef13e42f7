/**
 * Sets up what the book and the tests need, or stops with one clear line
 * saying what to install:
 *
 * - Jupyter's nbclient and nbconvert (Debian packages when we are root and
 *   apt-get exists, else pip into a project-local venv), with an nbclient the
 *   book's executor supports (0.7 or newer, checked by `tools/execute.py --check`),
 * - the Deno kernelspec, in a project-local Jupyter folder under `.cache/`
 *   so a user's own kernels are untouched,
 * - Chromium, for the browser tests, and matplotlib, for the test of chapter
 *   03's matplotlib figure (`--for-tests`).
 *
 * `deno run -A tools/setup.ts [--for-tests]`
 *
 * @module
 */

/** The project's root folder (absolute path, no trailing slash). */
export const root: string = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
/** The project's ignored cache folder. */
export const cacheDir = `${root}/.cache`;
/** Where the project-local Deno kernelspec lives (`JUPYTER_PATH`). */
export const jupyterPath = `${cacheDir}/jupyter-data/jupyter`;

/** A set-up step that cannot be done here; its message says what to install. */
export class SetupError extends Error {
  override name = "SetupError";
}

const JUPYTER_MODULES = ["nbclient", "nbconvert", "nbformat", "jupyter_client"];
const DEBIAN_JUPYTER = ["jupyter-nbconvert", "python3-nbclient", "jupyter-client"];

async function run(
  cmd: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ ok: boolean; out: string }> {
  try {
    const r = await new Deno.Command(cmd, { args, env, stdout: "piped", stderr: "piped" })
      .output();
    const dec = new TextDecoder();
    return { ok: r.success, out: dec.decode(r.stdout) + dec.decode(r.stderr) };
  } catch {
    return { ok: false, out: `${cmd} not found` };
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Python interpreters to try, in order: the project venv, Debian's, PATH's. */
function pythonCandidates(): string[] {
  return [`${cacheDir}/venv/bin/python`, "/usr/bin/python3", "python3"];
}

/** The first Python that imports every module in `modules`, if any. */
export async function findPython(modules: readonly string[]): Promise<string | undefined> {
  for (const py of pythonCandidates()) {
    if ((await run(py, ["-c", modules.map((m) => `import ${m}`).join("; ")])).ok) return py;
  }
  return undefined;
}

function isRoot(): boolean {
  return Deno.uid?.() === 0;
}

async function aptInstall(packages: string[], what: string): Promise<boolean> {
  if (!isRoot() || !(await run("apt-get", ["--version"])).ok) return false;
  console.log(`setup: installing ${what} from Debian packages (${packages.join(" ")})…`);
  const env = { DEBIAN_FRONTEND: "noninteractive" };
  let r = await run("apt-get", ["install", "-y", "-qq", ...packages], env);
  if (!r.ok) {
    await run("apt-get", ["update", "-qq"], env);
    r = await run("apt-get", ["install", "-y", "-qq", ...packages], env);
  }
  return r.ok;
}

async function pipInstall(): Promise<boolean> {
  const venv = `${cacheDir}/venv`;
  console.log(`setup: installing nbclient and nbconvert with pip into ${venv}…`);
  if (!(await exists(`${venv}/bin/python`))) {
    if (!(await run("python3", ["-m", "venv", venv])).ok) return false;
  }
  return (await run(`${venv}/bin/python`, [
    "-m",
    "pip",
    "install",
    "-q",
    "nbclient",
    "nbconvert",
    "jupyter-client",
  ])).ok;
}

const checked = new Map<string, Promise<string | undefined>>();

/** Why the book's executor cannot run on this Python's nbclient (one line), if it cannot. */
export function executorProblem(python: string): Promise<string | undefined> {
  let problem = checked.get(python);
  if (!problem) {
    problem = run(python, [`${root}/tools/execute.py`, "--check"]).then((r) =>
      r.ok ? undefined : r.out.trim().split("\n").at(-1)!.replace(/^error: /, "")
    );
    checked.set(python, problem);
  }
  return problem;
}

/**
 * Returns a Python that has nbclient and nbconvert, installing them when
 * missing (Debian packages as root, else pip into `.cache/venv`). Throws a
 * SetupError naming the version when its nbclient is one the executor does
 * not support.
 */
export async function ensureJupyter(): Promise<string> {
  let py = await findPython(JUPYTER_MODULES);
  if (!py && (await aptInstall(DEBIAN_JUPYTER, "Jupyter"))) py = await findPython(JUPYTER_MODULES);
  if (!py && (await pipInstall())) py = await findPython(JUPYTER_MODULES);
  if (py) {
    const problem = await executorProblem(py);
    if (problem) throw new SetupError(`${problem} (found in ${py})`);
    return py;
  }
  throw new SetupError(
    `Jupyter's nbclient and nbconvert are missing and could not be installed: install the Debian packages ${
      DEBIAN_JUPYTER.join(" ")
    } (or pip install nbclient nbconvert) and run this again`,
  );
}

/**
 * Installs the Deno kernelspec for this Deno binary into the project-local
 * Jupyter folder and returns the environment that makes Jupyter find it.
 */
export async function ensureKernel(): Promise<Record<string, string>> {
  const env = { JUPYTER_PATH: jupyterPath, NO_COLOR: "1" };
  const spec = `${jupyterPath}/kernels/deno/kernel.json`;
  try {
    const argv = JSON.parse(await Deno.readTextFile(spec)).argv as string[];
    if (argv[0] === Deno.execPath()) return env;
  } catch {
    // missing or unreadable: install it
  }
  const r = await run(Deno.execPath(), ["jupyter", "--install", "--force"], {
    XDG_DATA_HOME: `${cacheDir}/jupyter-data`,
  });
  if (!r.ok || !(await exists(spec))) {
    throw new SetupError(`Could not install the Deno Jupyter kernel: ${r.out.trim()}`);
  }
  return env;
}

/** Debian's Chromium, the browser the browser tests drive. */
export const chromiumPath = "/usr/bin/chromium";

/** Returns the path of Chromium, installing Debian's package when missing. */
export async function ensureChromium(): Promise<string> {
  if (await exists(chromiumPath)) return chromiumPath;
  if ((await aptInstall(["chromium"], "Chromium")) && (await exists(chromiumPath))) {
    return chromiumPath;
  }
  throw new SetupError(
    "Chromium is missing and could not be installed: install the Debian package chromium and run this again",
  );
}

/**
 * A Python with matplotlib, for the test that runs chapter 03's
 * matplotlib version of the article's figure; installs Debian's
 * python3-matplotlib when missing.
 */
export async function ensureMatplotlib(): Promise<string> {
  const found = await findPython(["matplotlib", "numpy"]);
  if (found !== undefined) return found;
  if (await aptInstall(["python3-matplotlib"], "matplotlib")) {
    const again = await findPython(["matplotlib", "numpy"]);
    if (again !== undefined) return again;
  }
  throw new SetupError(
    "matplotlib is missing and could not be installed: install the Debian package python3-matplotlib and run this again",
  );
}

/** Runs `deno install` when the npm packages are not in node_modules yet. */
export async function ensureNodeModules(): Promise<void> {
  if (await exists(`${root}/node_modules/mathjax/es5/tex-svg-full.js`)) return;
  const r = await run(Deno.execPath(), ["install", "--quiet"]);
  if (!r.ok) throw new SetupError(`deno install failed: ${r.out.trim()}`);
}

/** Prints a SetupError as one line and exits 1; rethrows anything else. */
export function exitOnSetupError(err: unknown): never {
  if (err instanceof SetupError) {
    console.error(`error: ${err.message}`);
    Deno.exit(1);
  }
  throw err;
}

if (import.meta.main) {
  try {
    await ensureNodeModules();
    const py = await ensureJupyter();
    await ensureKernel();
    const parts = [`Jupyter (${py})`, `Deno kernel (${jupyterPath})`];
    if (Deno.args.includes("--for-tests")) {
      parts.push(`Chromium (${await ensureChromium()})`);
      parts.push(`matplotlib (${await ensureMatplotlib()})`);
    }
    console.log(`setup: ready: ${parts.join(", ")}`);
  } catch (err) {
    exitOnSetupError(err);
  }
}

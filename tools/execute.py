"""Execute notebooks with the Deno kernel through nbclient, without losing output.

The Deno kernel (2.9.x) can report a cell `idle` before the cell's last
display or stream message is on the wire, and nbclient stops listening at
`idle`. `DrainingClient` keeps reading the cell's messages for a short quiet
period after `idle`, so late outputs land in the right cell. It does so in
nbclient's public `on_cell_executed` hook, so it needs nbclient 0.7 or newer
(tested with Debian's 0.7.2 and with 0.11.0); older versions stop it with one
line saying so.

Usage (the book builder, tools/book.ts, calls this; so do the tests):

    python3 tools/execute.py --out DIR [--html] [--quiet-period S] NOTEBOOK...
    python3 tools/execute.py --check    # only check the nbclient version

Progress goes to standard output. On a cell error it prints one line naming
the notebook, the cell, the cell's first line and the error, and exits 1.
When done it writes DIR/book.json describing every executed notebook.
"""

import argparse
import asyncio
import copy
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path
from queue import Empty

import nbformat
import nbclient
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionComplete, CellExecutionError, DeadKernelError
from nbclient.util import ensure_async

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")

MIN_NBCLIENT = (0, 7)


def unsupported_nbclient(version=nbclient.__version__):
    """One line saying why this nbclient cannot run the executor, or None."""
    parts = tuple(int(p) for p in re.findall(r"\d+", version)[:2])
    if parts >= MIN_NBCLIENT and hasattr(NotebookClient, "on_cell_executed"):
        return None
    return (
        f"nbclient {version} is not supported: the executor needs nbclient "
        f"{'.'.join(map(str, MIN_NBCLIENT))} or newer (for its on_cell_executed hook); "
        "upgrade nbclient (Debian 12's python3-nbclient is 0.7.2)"
    )


class DrainingClient(NotebookClient):
    """A NotebookClient that keeps draining a cell's output after `idle`."""

    quiet_period = 0.2

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.late_outputs = 0
        self.late_cells = []
        self.cell_started = time.monotonic()
        self.cell_seconds = {}
        self.on_cell_executed = self.drain_late_outputs

    async def drain_late_outputs(self, cell, cell_index, execute_reply):
        """nbclient's on_cell_executed hook: runs once the cell's reply and
        `idle` have both arrived, before the next cell is sent."""
        # The cell's run time, from its start to its reply and `idle`.
        self.cell_seconds[cell_index] = time.monotonic() - self.cell_started
        parent_msg_id = (execute_reply or {}).get("parent_header", {}).get("msg_id")
        if parent_msg_id is None:
            return
        # Anything for this cell that follows `idle` is a late output that
        # plain nbclient would drop. Read until the channel has been quiet
        # for `quiet_period` seconds.
        while True:
            try:
                msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=self.quiet_period))
            except Empty:
                return
            if msg["parent_header"].get("msg_id") != parent_msg_id:
                continue
            if msg["msg_type"] in ("display_data", "execute_result", "stream", "error"):
                self.late_outputs += 1
                self.late_cells.append(f"cell {cell_index + 1}: {msg['msg_type']}")
            try:
                self.process_message(msg, cell, cell_index)
            except CellExecutionComplete:
                pass


def first_heading_and_summary(nb):
    """Title = first markdown heading; summary = the first paragraph after it."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        lines = cell.source.strip().splitlines()
        title, summary = None, []
        for line in lines:
            if title is None:
                if line.startswith("#"):
                    title = line.lstrip("#").strip()
                continue
            if line.strip():
                summary.append(line.strip())
            elif summary:
                break
        if title:
            return title, " ".join(summary)
    return None, ""


class Progress:
    def __init__(self, label, total_cells):
        self.label = label
        self.total = total_cells
        self.start = time.monotonic()
        self.tty = sys.stdout.isatty()

    def cell(self, index, cell):
        elapsed = time.monotonic() - self.start
        line = f"{self.label} · cell {index + 1} of {self.total} · {elapsed:.1f} s"
        if self.tty:
            print("\r\x1b[2K" + line, end="", flush=True)
        else:
            print(line, flush=True)

    def done(self, extra=""):
        elapsed = time.monotonic() - self.start
        end = "\n"
        line = f"{self.label} · {self.total} cells · {elapsed:.1f} s{extra}"
        print(("\r\x1b[2K" if self.tty else "") + line, end=end, flush=True)
        return elapsed


def describe_error(path, nb, index, err):
    cell = nb.cells[index]
    first = next((l for l in cell.source.splitlines() if l.strip()), "").strip()
    message = f"{getattr(err, 'ename', type(err).__name__)}: {getattr(err, 'evalue', str(err))}"
    message = ANSI.sub("", message).strip().splitlines()[0] if message.strip() else message
    return f'error: {path}, cell {index + 1} of {len(nb.cells)} ("{first}"): {message}'


def execute(path, label, quiet_period, timeout):
    nb = nbformat.read(path, as_version=4)
    progress = Progress(label, len(nb.cells))
    client = DrainingClient(
        nb,
        kernel_name="deno",
        timeout=timeout,
        resources={"metadata": {"path": str(Path(path).parent)}},
        on_cell_start=lambda cell, cell_index: progress.cell(cell_index, cell),
    )
    client.quiet_period = quiet_period
    current = {"index": 0}

    def remember(cell, cell_index):
        current["index"] = cell_index
        client.cell_started = time.monotonic()
        progress.cell(cell_index, cell)

    client.on_cell_start = remember
    # The kernel's own stderr only says that `deno jupyter` is unstable; keep
    # it out of the progress, and show it only if the kernel dies.
    with tempfile.TemporaryFile(mode="w+") as kernel_log:
        try:
            client.execute(stderr=kernel_log)
        except (CellExecutionError, DeadKernelError, TimeoutError) as err:
            if progress.tty:
                print()
            print(describe_error(path, nb, current["index"], err), file=sys.stderr, flush=True)
            if isinstance(err, DeadKernelError):
                kernel_log.seek(0)
                print(kernel_log.read()[-2000:], file=sys.stderr, flush=True)
            return None, None, None, None
    late = f" · late outputs kept: {', '.join(client.late_cells)}" if client.late_cells else ""
    seconds = progress.done(late)
    return nb, seconds, client.late_outputs, client.cell_seconds


DETAILS = re.compile(r"<details>\s*(<summary>.*?</summary>)(.*?)</details>", re.S)
CHAPTER_LINK = re.compile(r"(\]\(|href=\")(\d\d-[\w-]+)\.ipynb(?=[#)\"])")


def html_links(nb, stems):
    """A copy of `nb` for the exported page: markdown links to other
    chapters' notebooks (`[…](03-from-loss-to-landscape.ipynb)`, which work
    in JupyterLab and VS Code) point to their pages instead
    (`03-from-loss-to-landscape.html`), and the Markdown inside
    `<details>` (an exercise's answer) is rendered here, since nbconvert's
    Markdown keeps an HTML block's inside as raw text (JupyterLab renders
    it). Maths stays as `$…$` for MathJax."""
    from nbconvert.filters.markdown import markdown2html

    page = copy.deepcopy(nb)
    for cell in page.cells:
        if cell.cell_type == "markdown":
            source = CHAPTER_LINK.sub(
                lambda m: f"{m.group(1)}{m.group(2)}.html" if m.group(2) in stems else m.group(0),
                cell.source,
            )
            cell.source = DETAILS.sub(
                lambda m: f"<details>{m.group(1)}\n{markdown2html(m.group(2).strip()).strip()}\n</details>",
                source,
            )
    return page


def export_html(nb, resources, template_dir):
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(extra_template_basedirs=[str(template_dir)], template_name="book")
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return body


def main():
    problem = unsupported_nbclient()
    if problem:
        print(f"error: {problem}", file=sys.stderr, flush=True)
        sys.exit(1)
    if sys.argv[1:] == ["--check"]:
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+")
    parser.add_argument("--out", required=True, help="folder for executed notebooks (and HTML)")
    parser.add_argument("--html", action="store_true", help="also export each notebook to HTML")
    parser.add_argument("--quiet-period", type=float, default=0.2)
    parser.add_argument("--timeout", type=int, default=300, help="seconds per cell")
    args = parser.parse_args()

    os.environ["NO_COLOR"] = "1"
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    template_dir = Path(__file__).parent / "templates"
    paths = [Path(p) for p in args.notebooks]
    chapters = []
    for k, path in enumerate(paths):
        label = f"notebook {k + 1} of {len(paths)} ({path.name})"
        nb, seconds, late, cell_seconds = execute(path, label, args.quiet_period, args.timeout)
        if nb is None:
            sys.exit(1)
        title, summary = first_heading_and_summary(nb)
        stem = path.stem
        nbformat.write(nb, out / f"{stem}.ipynb")
        outputs = sum(len(c.get("outputs", [])) for c in nb.cells if c.cell_type == "code")
        chapters.append({
            "notebook": path.name,
            "stem": stem,
            "title": title or stem,
            "summary": summary,
            "seconds": round(seconds, 2),
            "cells": len(nb.cells),
            "outputs": outputs,
            "lateOutputs": late,
            # Code cells' run times, as [cell number counting from 1, seconds].
            "cellSeconds": [[k + 1, round(s, 2)] for k, s in sorted(cell_seconds.items())],
            "nb": nb,
        })
    if args.html:
        for k, chapter in enumerate(chapters):
            nb = chapter["nb"]
            nb.metadata["title"] = chapter["title"]
            prev = chapters[k - 1] if k > 0 else None
            nxt = chapters[k + 1] if k + 1 < len(chapters) else None
            resources = {
                "metadata": {"name": chapter["stem"]},
                "book": {
                    "prev": {"href": f"{prev['stem']}.html", "title": prev["title"]} if prev else None,
                    "next": {"href": f"{nxt['stem']}.html", "title": nxt["title"]} if nxt else None,
                    "ipynb": f"{chapter['stem']}.ipynb",
                },
            }
            page = html_links(nb, {c["stem"] for c in chapters})
            (out / f"{chapter['stem']}.html").write_text(export_html(page, resources, template_dir))
    for chapter in chapters:
        del chapter["nb"]
    (out / "book.json").write_text(json.dumps({"chapters": chapters}, indent=2) + "\n")


if __name__ == "__main__":
    main()

"""The book's pipeline: execute the chapters, write data/derived, build the site.

``dltrends pipeline`` (or ``make pipeline``) from a clone of the repository:

1. Each chapter's MyST text ``book/markdown/NAME.md`` is the source. If its notebook
   ``book/NAME.ipynb`` was edited after it (JupyterLab without jupytext) and they
   disagree, the pipeline stops and says how to bring the edit into the text.
2. ``data/derived/*.csv`` (the scorecard and the audit) are written from the data.
3. papermill executes every chapter from its text, in table-of-contents order, ``--jobs``
   at a time (default: one per CPU, at most 4), each in its own process and kernel, into
   a temporary folder. A chapter's notebook in ``book/`` is replaced only when its run
   succeeded, so a failing or interrupted run leaves every committed notebook as it was.
   Volatile metadata is removed and every stored number is machine-independent
   (:mod:`dltrends.stable`), so an unchanged chapter gives an unchanged file.
4. ``jupyter-book build book -W -n --keep-going``: any warning fails the build.

A failing cell stops the pipeline (no new chapter starts) and names the chapter and the
cell. Ctrl-C stops it within seconds and says which chapters were finished and which
were left unchanged.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
import yaml

from dltrends.build.notebooks import clean_notebook, differences, text_notebook
from dltrends.build.paths import find_root
from dltrends.stable import stable


def chapters_in_toc_order(book: Path) -> list[str]:
    """The executable chapters (those with ``book/markdown/NAME.md``), in toc order."""
    toc = yaml.safe_load((book / "_toc.yml").read_text(encoding="utf-8"))
    names: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key in ("root", "file"):
                if key in node:
                    names.append(Path(str(node[key])).stem)
            for value in node.values():
                if isinstance(value, list | dict):
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(toc)
    return [name for name in names if (book / "markdown" / f"{name}.md").exists()]


class ChapterFailed(Exception):
    """A chapter's cell raised; the message names the chapter and the cell."""


def _failure_message(name: str, error: Exception) -> str:
    first_line = (getattr(error, "source", "") or "").strip().splitlines()[:1] or [""]
    return (
        f"chapter '{name}' (book/markdown/{name}.md), cell {getattr(error, 'cell_index', '?')} "
        f"(code cell starting {first_line[0]!r}): {getattr(error, 'ename', type(error).__name__)}: "
        f"{getattr(error, 'evalue', error)}"
    )


def execute_to(name: str, book: Path, output: Path, parameters: dict[str, Any] | None = None) -> Path:
    """Execute chapter ``name`` from its MyST text into ``output`` (written only on success).

    ``parameters`` override the defaults of the chapter's ``parameters`` cell; papermill's
    injected cell is then tagged ``remove-cell``. Raises :class:`ChapterFailed` naming the
    chapter and the cell when a cell raises.
    """
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    source = text_notebook(book / "markdown" / f"{name}.md")
    with tempfile.TemporaryDirectory(prefix=f"dltrends-{name}-") as work:
        executing = Path(work) / f"{name}.input.ipynb"
        executed = Path(work) / f"{name}.ipynb"
        nbformat.write(source, executing)
        try:
            pm.execute_notebook(
                str(executing),
                str(executed),
                parameters=parameters or None,
                cwd=str(book),
                kernel_name="python3",
                progress_bar=False,
                log_output=False,
            )
        except PapermillExecutionError as error:
            raise ChapterFailed(_failure_message(name, error)) from None
        nb = nbformat.read(executed, as_version=4)
        for cell in nb.cells:
            tags = cell.metadata.get("tags", [])
            if "injected-parameters" in tags and "remove-cell" not in tags:
                cell.metadata["tags"] = [*tags, "remove-cell"]
        partial = output.with_name(f".{output.name}.partial")
        nbformat.write(clean_notebook(nb, name), partial)
        os.replace(partial, output)
    return output


def execute(
    name: str,
    parameters: dict[str, Any] | None = None,
    output: Path | None = None,
    root: Path | None = None,
) -> Path:
    """Execute one chapter (in this process) into ``output``, default ``book/NAME.ipynb``."""
    book = (root or find_root()) / "book"
    return execute_to(name, book, Path(output) if output else book / f"{name}.ipynb", parameters)


def write_derived(root: Path) -> list[Path]:
    """Write ``data/derived/``: the reproduction scorecard and the data audit.

    Only the pipeline writes these files; chapters compute what they show and never
    write into ``data/``. Floats are stored machine-independently.
    """
    from dltrends import audit, scorecard

    derived = root / "data" / "derived"
    derived.mkdir(parents=True, exist_ok=True)
    written = []
    for filename, frame in (
        ("reproduction_scorecard.csv", scorecard.build_scorecard()),
        ("data_audit.csv", audit.build_audit()),
    ):
        target = derived / filename
        stable(frame).to_csv(target, index=False, lineterminator="\n")
        written.append(target)
    return written


def stale_notebooks(book: Path, names: list[str]) -> list[str]:
    """Messages for chapters whose notebook was edited after its text and disagrees."""
    messages = []
    for name in names:
        markdown, notebook = book / "markdown" / f"{name}.md", book / f"{name}.ipynb"
        if not notebook.exists() or notebook.stat().st_mtime <= markdown.stat().st_mtime:
            continue
        try:
            disagree = differences(markdown, notebook)
        except Exception as error:  # not a notebook at all
            messages.append(f"book/{name}.ipynb cannot be read as a notebook ({error}); restore it from git")
            continue
        if disagree:
            messages.append(
                f"book/{name}.ipynb was edited after book/markdown/{name}.md and they disagree: "
                f"bring the notebook's edits into the text with `jupytext --sync book/{name}.ipynb`, "
                f"or drop them with `git checkout book/{name}.ipynb`"
            )
    return messages


@dataclass
class Run:
    """Outcome of :func:`run_chapters`."""

    finished: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    unfinished: list[str] = field(default_factory=list)
    interrupted: bool = False


def _stop(process: subprocess.Popen) -> None:
    """Stop a chapter's process group (its papermill and its kernel)."""
    for sig, wait in ((signal.SIGTERM, 3.0), (signal.SIGKILL, 2.0)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def run_chapters(names: list[str], root: Path, jobs: int = 1) -> Run:
    """Execute chapters, ``jobs`` at a time, each in its own process.

    A chapter's notebook in ``book/`` is replaced only when its run succeeded.
    After a failure no new chapter starts (those running finish). On Ctrl-C every running
    chapter is stopped and no notebook is touched by it.
    """
    book = root / "book"
    total = len(names)
    run = Run()
    pending = list(enumerate(names, start=1))
    running: dict[str, tuple[subprocess.Popen, float, Path]] = {}
    work = Path(tempfile.mkdtemp(prefix="dltrends-pipeline-"))
    try:
        while pending or running:
            while pending and len(running) < jobs and not run.failures:
                position, name = pending.pop(0)
                print(f"[{position}/{total}] {name}: executing ...", flush=True)
                log = (work / f"{name}.log").open("w")
                process = subprocess.Popen(
                    [sys.executable, "-m", "dltrends.build.pipeline", "--one", name, str(root), str(work)],
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
                log.close()
                running[name] = (process, time.perf_counter(), work / f"{name}.ipynb")
            for name, (process, started, result) in list(running.items()):
                if process.poll() is None:
                    continue
                del running[name]
                failure = work / f"{name}.failure"
                if process.returncode == 0 and result.exists():
                    os.replace(result, book / f"{name}.ipynb")
                    run.finished.append(name)
                    print(f"  {name}: ok in {time.perf_counter() - started:.1f} s", flush=True)
                elif failure.exists():
                    run.failures.append("FAILED: " + failure.read_text(encoding="utf-8"))
                else:
                    tail = (work / f"{name}.log").read_text(encoding="utf-8", errors="replace")[-2000:]
                    run.failures.append(
                        f"FAILED: chapter '{name}' (exit status {process.returncode}):\n{tail}"
                    )
            if run.failures:
                run.unfinished.extend(name for _, name in pending)
                pending.clear()
            time.sleep(0.05)
    except KeyboardInterrupt:
        run.interrupted = True
        for name, (process, _, _) in running.items():
            _stop(process)
            run.unfinished.append(name)
        run.unfinished.extend(name for _, name in pending)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return run


def _one(name: str, root: str, work: str) -> int:
    """Child process: execute one chapter into ``work``; on failure write the message."""
    book = Path(root) / "book"
    try:
        execute_to(name, book, Path(work) / f"{name}.ipynb")
    except ChapterFailed as error:
        (Path(work) / f"{name}.failure").write_text(str(error), encoding="utf-8")
        return 1
    return 0


def build(root: Path) -> int:
    """Build the site with every warning an error; return the exit status."""
    beside = Path(sys.executable).with_name("jupyter-book")
    program = str(beside) if beside.exists() else "jupyter-book"
    command = [program, "build", "book", "-W", "-n", "--keep-going"]
    return subprocess.run(command, cwd=root).returncode


def main(
    chapters: list[str] | None = None,
    jobs: int | None = None,
    no_build: bool = False,
    root: Path | None = None,
) -> int:
    """Run the pipeline; return the exit status (0 ok, 1 failed, 2 bad arguments, 130 Ctrl-C)."""
    root = root or find_root()
    book = root / "book"
    known = chapters_in_toc_order(book)
    names = chapters or known
    unknown = sorted(set(names) - set(known))
    if unknown:
        print(f"unknown chapter(s): {', '.join(unknown)}; known: {', '.join(known)}", file=sys.stderr)
        return 2
    stale = stale_notebooks(book, names)
    if stale:
        print("\n".join(stale), file=sys.stderr)
        return 1
    started = time.perf_counter()
    for path in write_derived(root):
        print(f"wrote {path.relative_to(root)}", flush=True)
    jobs = jobs or min(4, os.cpu_count() or 1)
    run = run_chapters(names, root, jobs=max(1, jobs))
    if run.interrupted:
        print(
            f"\ninterrupted: finished {', '.join(run.finished) or 'none'}; "
            f"left unchanged: {', '.join(run.unfinished) or 'none'}",
            file=sys.stderr,
        )
        return 130
    if run.failures:
        print("\n".join(run.failures), file=sys.stderr)
        if run.unfinished:
            print(f"not executed (left unchanged): {', '.join(run.unfinished)}", file=sys.stderr)
        return 1
    print(f"executed {len(names)} chapter(s) in {time.perf_counter() - started:.1f} s", flush=True)
    if no_build:
        return 0
    print("building the site: jupyter-book build book -W -n --keep-going", flush=True)
    status = build(root)
    print(f"pipeline finished in {time.perf_counter() - started:.1f} s (build status {status})")
    return status


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--one":
        raise SystemExit(_one(*sys.argv[2:]))
    from dltrends.build.cli import main as cli_main

    raise SystemExit(cli_main(["pipeline", *sys.argv[1:]]))

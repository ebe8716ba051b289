"""The pipeline's own pieces: chapter order, notebook cleaning, glued values, failures."""

import os

import nbformat
import pytest
from conftest import ROOT

from dltrends.build import pipeline
from dltrends.build.notebooks import clean_notebook, glued_values

BOOK = ROOT / "book"


def test_chapters_follow_the_toc_and_have_texts():
    names = pipeline.chapters_in_toc_order(BOOK)
    # The front page is executed too (its headline numbers are computed), then the chapters.
    assert names[:2] == ["intro", "flops_vs_flops"]
    assert {"data", "since_2021", "measured_energy"} <= set(names)
    for name in names:
        assert (BOOK / "markdown" / f"{name}.md").exists()
        assert (BOOK / f"{name}.ipynb").exists(), f"{name} was never executed"


def test_clean_notebook_removes_volatile_metadata():
    nb = nbformat.v4.new_notebook()
    nb.metadata["papermill"] = {"start_time": "2026-01-01T00:00:00"}
    nb.metadata["language_info"] = {"name": "python", "version": "3.12.1"}
    cell = nbformat.v4.new_code_cell("1 + 1")
    cell.metadata["papermill"] = {"duration": 0.1}
    cell.metadata["execution"] = {"iopub.status.busy": "2026"}
    cell.metadata["tags"] = ["parameters"]
    nb.cells.append(cell)
    cleaned = clean_notebook(nb, "demo")
    assert "papermill" not in cleaned.metadata
    assert cleaned.metadata["language_info"] == {"name": "python"}
    assert cleaned.cells[0].id == "demo-000"
    assert cleaned.cells[0].metadata == {"tags": ["parameters"]}


def test_committed_notebooks_are_clean():
    """The committed notebooks carry no timestamps: re-executing gives the same bytes."""
    for name in pipeline.chapters_in_toc_order(BOOK):
        nb = nbformat.read(BOOK / f"{name}.ipynb", as_version=4)
        assert "papermill" not in nb.metadata, name
        assert "version" not in nb.metadata.get("language_info", {}), name
        for index, cell in enumerate(nb.cells):
            assert cell.id == f"{name}-{index:03d}", (name, index)
            assert "execution" not in cell.metadata and "papermill" not in cell.metadata


def test_glued_values_of_the_flops_chapter():
    values = glued_values(BOOK / "flops_vs_flops.ipynb")
    # torchvision AlexNet: 714,188,480 MACs = 1.428 GFLOPs at 2 FLOPs per MAC.
    assert values["alexnet_gmacs"] == pytest.approx(0.71418848)
    assert values["alexnet_gflops"] == pytest.approx(1.42837696)
    assert values["paper_alexnet_gflops"] == 1.42


COMMITTED = '{"cells": [], "metadata": {"committed": true}, "nbformat": 4, "nbformat_minor": 5}\n'


def _committed(book):
    """A stand-in for the committed notebook, older than the text."""
    path = book / "broken.ipynb"
    path.write_text(COMMITTED)
    os.utime(path, (1_000_000_000, 1_000_000_000))
    return path


def _mini_book(tmp_path, body: str):
    """A book of one chapter ``broken`` with the given code, beside a copy of data/."""
    book = tmp_path / "book"
    (book / "markdown").mkdir(parents=True)
    (tmp_path / "data").mkdir()
    (book / "_toc.yml").write_text("format: jb-book\nroot: broken\n")
    head = (BOOK / "markdown" / "data.md").read_text().split("---", 2)
    (book / "markdown" / "broken.md").write_text(
        "---" + head[1] + "---\n\n# Broken\n\n```{code-cell} ipython3\n" + body + "\n```\n"
    )
    return book


def test_failing_cell_names_chapter_and_cell_and_keeps_the_notebook(tmp_path, capsys, monkeypatch):
    book = _mini_book(tmp_path, "1 / 0")
    committed = _committed(book)
    monkeypatch.setattr(pipeline, "write_derived", lambda root: [])
    status = pipeline.main(["broken"], no_build=True, root=tmp_path)
    err = capsys.readouterr().err
    assert status == 1
    assert "chapter 'broken'" in err and "ZeroDivisionError" in err
    assert "cell 1 (code cell starting '1 / 0')" in err
    assert committed.read_text() == COMMITTED
    assert sorted(p.name for p in book.iterdir()) == ["_toc.yml", "broken.ipynb", "markdown"]


def test_a_successful_run_replaces_the_notebook(tmp_path, monkeypatch):
    book = _mini_book(tmp_path, "x = 6 * 7\nx")
    monkeypatch.setattr(pipeline, "write_derived", lambda root: [])
    assert pipeline.main(["broken"], no_build=True, root=tmp_path) == 0
    nb = nbformat.read(book / "broken.ipynb", as_version=4)
    assert nb.cells[1].outputs[0]["data"]["text/plain"] == "42"
    assert nb.cells[1].id == "broken-001"


def test_ctrl_c_stops_within_seconds_and_names_what_was_left(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    book = _mini_book(tmp_path, "import time\ntime.sleep(120)")
    committed = _committed(book)
    env = {**os.environ, "DLTRENDS_ROOT": str(tmp_path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "dltrends", "pipeline", "--no-build"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    line = ""
    while "executing" not in line and time.monotonic() < deadline:
        line = process.stdout.readline()
    time.sleep(3)  # the kernel is running the sleeping cell
    sent = time.monotonic()
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert time.monotonic() - sent < 8
    assert process.returncode == 130
    assert "interrupted" in err and "left unchanged: broken" in err
    assert committed.read_text() == COMMITTED

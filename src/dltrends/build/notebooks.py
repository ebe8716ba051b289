"""A chapter's two files: its MyST text (the source) and its executed notebook.

``book/markdown/NAME.md`` is what an author edits; ``book/NAME.ipynb`` is what the book
shows. :func:`differences` says where they disagree (a test requires that they never do),
:func:`clean_notebook` strips what changes from run to run, :func:`glued_values` reads the
numbers a chapter glued.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import jupytext
import nbformat

_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+>")

#: Cell metadata that belongs to the text (kept and compared); the rest is volatile.
_TEXT_METADATA = ("tags", "mystnb", "jupyter", "editable", "slideshow")


def text_notebook(markdown: Path) -> nbformat.NotebookNode:
    """The notebook that a chapter's MyST text defines (cells, no outputs)."""
    return jupytext.read(markdown)


def _cell_signature(cell: Any) -> tuple[str, str, dict]:
    metadata = {
        key: value for key, value in cell.get("metadata", {}).items() if key in _TEXT_METADATA and value
    }
    return cell.cell_type, cell.source.strip(), metadata


def _is_injected(cell: Any) -> bool:
    return "injected-parameters" in cell.get("metadata", {}).get("tags", [])


def differences(markdown: Path, notebook: Path, limit: int = 5) -> list[str]:
    """Where the text and the notebook disagree (cell kind, source or tags); [] if nowhere.

    papermill's injected-parameters cell (a run with other parameters) is not compared.
    """
    text_cells = [_cell_signature(c) for c in text_notebook(markdown).cells]
    book_cells = [
        _cell_signature(c) for c in nbformat.read(notebook, as_version=4).cells if not _is_injected(c)
    ]
    found: list[str] = []
    if len(text_cells) != len(book_cells):
        found.append(f"{len(text_cells)} cells in the text, {len(book_cells)} in the notebook")
    for index, (a, b) in enumerate(zip(text_cells, book_cells, strict=False)):
        if a == b:
            continue
        what = "kind" if a[0] != b[0] else "source" if a[1] != b[1] else "metadata (tags)"
        first = (a[1].splitlines() or [""])[0][:60]
        found.append(f"cell {index} ({what} differs; the text's cell starts {first!r})")
        if len(found) >= limit:
            break
    return found


def clean_notebook(nb: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """Strip volatile metadata so re-executing an unchanged chapter changes no byte.

    Removes papermill's timestamps and durations and the kernel's Python version, numbers
    the cells ``NAME-000``..., drops empty tag lists, and replaces object addresses in
    ``text/plain`` reprs (``<Styler at 0x7f...>``; the book renders the HTML) by
    ``at 0x0>``.
    """
    nb.metadata.pop("papermill", None)
    jupytext_meta = nb.metadata.get("jupytext")
    if isinstance(jupytext_meta, dict):
        jupytext_meta.pop("text_representation", None)
    language = nb.metadata.get("language_info")
    if isinstance(language, dict):
        language.pop("version", None)
    for index, cell in enumerate(nb.cells):
        cell.id = f"{name}-{index:03d}"
        for key in ("papermill", "execution"):
            cell.metadata.pop(key, None)
        if cell.metadata.get("tags") == []:
            del cell.metadata["tags"]
        for output in cell.get("outputs", []):
            text = output.get("data", {}).get("text/plain")
            if isinstance(text, str) and _ADDRESS.search(text):
                output["data"]["text/plain"] = _ADDRESS.sub(" at 0x0>", text)
    return nb


def glued_values(notebook: Path) -> dict[str, Any]:
    """The values a chapter glued (``myst_nb.glue``), read from an executed notebook.

    Numbers and strings are parsed back from their ``text/plain`` form; anything else
    (a chart, a table) is returned as that text. Tests use this to compare a chapter's
    headline numbers across parameter settings.
    """
    nb = nbformat.read(notebook, as_version=4)
    values: dict[str, Any] = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            scrap = output.get("metadata", {}).get("scrapbook", {})
            name = scrap.get("name")
            if not name:
                continue
            text = output.get("data", {}).get(scrap.get("mime_prefix", "") + "text/plain", "")
            try:
                values[name] = ast.literal_eval(text)
            except (ValueError, SyntaxError):
                values[name] = text
    return values

"""The layout every page follows (notes/chapter_conventions.md), checked for every page.

* every number a page shows is a ``{glue:text}`` key that its notebook glues, and every
  glued key is shown;
* searching a key lands on the one line that computes it: it appears as a literal string
  exactly once in the chapter modules (``src/dltrends/chapters/``) and the page's code;
* glue and bookkeeping stay out of sight: no visible cell calls ``glue``;
* tables go through ``dltrends.display.tables.show`` (no pandas Styler, no to_html);
* visible code teaches: no line longer than 80 characters (it would scroll sideways);
* no top-level literal in ``src/`` runs longer than 80 lines (curated facts are data).
"""

import ast
import re

import jupytext
import pytest
from conftest import ROOT

from dltrends.build.notebooks import glued_values
from dltrends.build.pipeline import chapters_in_toc_order

BOOK = ROOT / "book"
CHAPTERS = ROOT / "src" / "dltrends" / "chapters"
PAGES = chapters_in_toc_order(BOOK)
GLUE_ROLE = re.compile(r"\{glue:text\}`([A-Za-z0-9_]+)")
HIDDEN = {"remove-cell", "remove-input"}


def _text(name: str) -> str:
    return (BOOK / "markdown" / f"{name}.md").read_text(encoding="utf-8")


def _code_cells(name: str) -> list[tuple[str, set[str]]]:
    notebook = jupytext.reads(_text(name), fmt="md:myst")
    return [(c.source, set(c.metadata.get("tags", []))) for c in notebook.cells if c.cell_type == "code"]


def _shown_keys(name: str) -> set[str]:
    return set(GLUE_ROLE.findall(_text(name)))


def test_every_page_is_in_the_layout():
    assert PAGES[0] == "intro" and len(PAGES) == 13
    for name in PAGES:
        assert (BOOK / "markdown" / f"{name}.md").exists(), name


@pytest.mark.parametrize("name", PAGES)
def test_every_key_shown_is_glued_and_every_glued_key_shown(name):
    glued = set(glued_values(BOOK / f"{name}.ipynb"))
    shown = _shown_keys(name)
    assert sorted(shown - glued) == [], "shown but never glued"
    assert sorted(glued - shown) == [], "glued but never shown"


def _dict_keys(source: str) -> list[str]:
    """Every literal string key of every dict display in ``source`` (a definition; a
    lookup such as ``band["x"]`` is not one)."""
    keys = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Dict):
            keys += [k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)]
    return keys


def _definitions() -> dict[str, list[str]]:
    """Where each key is defined: the chapter modules and the pages' code cells."""
    where: dict[str, list[str]] = {}
    sources = {
        f"src/dltrends/chapters/{p.name}": p.read_text(encoding="utf-8")
        for p in sorted(CHAPTERS.glob("*.py"))
    }
    for name in PAGES:
        cells = [source for source, _ in _code_cells(name) if not source.lstrip().startswith(("%", "!"))]
        sources[f"book/markdown/{name}.md"] = "\n".join(cells)
    for place, source in sources.items():
        for key in _dict_keys(source):
            where.setdefault(key, []).append(place)
    return where


def test_each_key_is_defined_in_exactly_one_place():
    """Searching a key finds the one line that computes it (and no column or other
    dict of the same name elsewhere)."""
    where = _definitions()
    problems = {
        f"{name}:{key}": where.get(key, [])
        for name in PAGES
        for key in _shown_keys(name)
        if len(where.get(key, [])) != 1
    }
    assert problems == {}


def test_numbers_functions_return_literal_keys():
    """Every ``*_numbers`` function returns a dict whose keys are literal strings (never
    f-strings): searching a key lands on the line that computes it."""
    checked = 0
    for path in sorted(CHAPTERS.glob("*.py")):
        for func in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(func, ast.FunctionDef) and func.name.endswith("_numbers")):
                continue
            for ret in ast.walk(func):
                if isinstance(ret, ast.Return) and isinstance(ret.value, ast.Dict):
                    for key in ret.value.keys:
                        if key is None:  # **other_numbers(...): counted in that function
                            continue
                        assert isinstance(key, ast.Constant) and isinstance(key.value, str), (
                            f"{path.name}:{func.name}:{key.lineno}: a key that is not a literal string"
                        )
                        checked += 1
    assert checked > 500


@pytest.mark.parametrize("name", PAGES)
def test_no_visible_cell_glues_and_tables_go_through_show(name):
    for source, tags in _code_cells(name):
        if tags & HIDDEN:
            continue
        assert not re.search(r"\bglue(_all)?\(", source), source
        assert ".style" not in source and "to_html(" not in source, source
        long = [line for line in source.splitlines() if len(line) > 80]
        assert long == [], long


def test_no_long_top_level_literal_in_src():
    """No top-level literal in src/ runs longer than 80 lines: curated facts are data
    files with schemas, not code."""
    found = []
    for path in sorted((ROOT / "src" / "dltrends").rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
                if node.end_lineno - node.lineno > 80:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []

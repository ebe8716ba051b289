"""Nothing stale passes: every chapter's MyST text and its executed notebook agree.

nbval re-executes each notebook's own code and compares the stored outputs; this test
makes sure that code (and the prose around it) is the code of the text an author edits,
``book/markdown/NAME.md``. A one-word edit of the text without re-running the pipeline
fails here.
"""

import shutil

import pytest
from conftest import ROOT

from dltrends.build.notebooks import differences
from dltrends.build.pipeline import chapters_in_toc_order

BOOK = ROOT / "book"


@pytest.mark.parametrize("name", chapters_in_toc_order(BOOK))
def test_text_and_notebook_agree(name):
    found = differences(BOOK / "markdown" / f"{name}.md", BOOK / f"{name}.ipynb")
    assert found == [], (
        f"book/markdown/{name}.md and book/{name}.ipynb disagree: {found}. "
        "Re-execute the chapter: make pipeline (or dltrends pipeline {name})."
    )


@pytest.mark.parametrize(
    "edit",
    [
        ("This chapter", "That chapter"),  # one word of prose
        ("digits=3", "digits=2"),  # code
        (":tags: [remove-cell]", ":tags: [remove-input]"),  # a cell's tags
    ],
)
def test_an_edit_of_the_text_is_seen(tmp_path, edit):
    old, new = edit
    for name in chapters_in_toc_order(BOOK):
        text = (BOOK / "markdown" / f"{name}.md").read_text(encoding="utf-8")
        if old in text:
            break
    else:
        pytest.fail(f"no chapter contains {old!r}")
    edited = tmp_path / f"{name}.md"
    edited.write_text(text.replace(old, new, 1), encoding="utf-8")
    notebook = tmp_path / f"{name}.ipynb"
    shutil.copy(BOOK / f"{name}.ipynb", notebook)
    assert differences(edited, notebook), f"an edit {old!r} -> {new!r} of {name}.md went unseen"

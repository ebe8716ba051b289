"""Where the book is: a clone of the repository with ``book/_toc.yml`` and ``data/``."""

from __future__ import annotations

import os
from pathlib import Path

from dltrends.checks import DltrendsError

#: Environment variable naming the repository root, for running from elsewhere.
ROOT_VARIABLE = "DLTRENDS_ROOT"


class BookNotFoundError(DltrendsError):
    """No book (``book/_toc.yml``) was found where the command looked."""


def is_root(path: Path) -> bool:
    """True when ``path`` holds the book: ``book/_toc.yml`` and ``data/``."""
    return (path / "book" / "_toc.yml").is_file() and (path / "data").is_dir()


def find_root(start: Path | str | None = None) -> Path:
    """The repository root.

    ``$DLTRENDS_ROOT`` if set; else ``start`` (default: the current directory) or one of
    its parents; else the checkout this package was installed from in editable mode.
    """
    if os.environ.get(ROOT_VARIABLE):
        root = Path(os.environ[ROOT_VARIABLE]).expanduser().resolve()
        if not is_root(root):
            raise BookNotFoundError(f"${ROOT_VARIABLE}={root} holds no book/_toc.yml and data/")
        return root
    here = Path(start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if is_root(candidate):
            return candidate
    installed_from = Path(__file__).resolve().parents[3]
    if is_root(installed_from):
        return installed_from
    raise BookNotFoundError(
        f"no book found in {here} or its parents: run the command inside a clone of the "
        f"book's repository, or set {ROOT_VARIABLE} to its root"
    )

"""What a chapter shows: glued numbers, tables and charts, machine-independent.

``glue(name, value)`` and ``glue_all({name: value, ...})`` wrap ``myst_nb.glue``: every
float passes through :func:`dltrends.stable.stable` first, so a notebook executed on
another processor stores the same text (see :mod:`dltrends.stable`). Values are not
displayed where the cell runs; the prose shows them with ``{glue:text}`` roles.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dltrends.stable import stable


def glue(name: str, value: Any) -> None:
    """Glue one value (not displayed here) under ``name`` for the chapter's prose."""
    from myst_nb import glue as myst_glue

    myst_glue(name, stable(value), display=False)


def glue_all(values: Mapping[str, Any]) -> None:
    """Glue every ``name: value`` of a mapping, as :func:`glue` does."""
    for name, value in values.items():
        glue(name, value)

"""Schemas of data/curation/*.csv: facts the book curates about its own data files.

``columns``: the unit and meaning of every column of every data file (the data
dictionary); ``files``: what each file holds and where it comes from.
"""

from __future__ import annotations

from dltrends.schemas.base import OPT, Col, S, Schema

COLUMNS = Schema(
    {"file": Col(S), "column": Col(S), "unit": Col(S, **OPT), "meaning": Col(S)},
    key=("file", "column"),
    description="the unit and meaning of every column of every data file",
)

FILES = Schema(
    {"file": Col(S), "description": Col(S), "source": Col(S)},
    key=("file",),
    description="what each data file holds and where it comes from",
)

CURATION: dict[str, Schema] = {"columns": COLUMNS, "files": FILES}

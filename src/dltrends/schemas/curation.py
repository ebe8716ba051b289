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

#: The dictionary and the file sources are split by family of files (the same schema):
#: the first edition's files, the 2021-2026 files and the measured-energy files.
CURATION: dict[str, Schema] = {
    "columns": COLUMNS,
    "columns_since_2021": COLUMNS,
    "columns_measured": COLUMNS,
    "files": FILES,
    "files_since_2021": FILES,
    "files_measured": FILES,
}

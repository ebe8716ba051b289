"""Schemas of data/curation/*.csv: facts the book curates about its own data files.

``columns``: the unit and meaning of every column of every data file (the data
dictionary); ``files``: what each file holds and where it comes from. The data audit
(:mod:`dltrends.audit`) reads four more, each row with the ``source`` it rests on
(publisher, title, year, URL or arXiv id; "unverified" where it is):

* ``originals``: values checked against the original publications (a model's paper, a
  GPU's announcement), with where the book's data holds each (``locations``);
* ``finding_notes``: the explanation of a finding, and the value the book uses, where
  they need knowledge beyond the tables;
* ``model_names``: the explicit name table that matches a model across sources;
* ``prose_checks``: numbers of Desislavov et al.'s prose and the table cell each restates.

:mod:`dltrends.memory` reads two: ``memory_conventions`` (a training or inference setup:
bytes per activation, what it assumes, its source) and ``memory_convention_parts`` (its
bytes per parameter, itemised); :mod:`dltrends.scaling` reads ``scaling_architectures``
(the EfficientNet coefficients, resolutions and GFLOPs behind the paper's estimates).
"""

from __future__ import annotations

from dltrends.schemas.base import INT, OPT, Col, D, S, Schema, num

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

#: How a value was checked: a primary source (the publication itself, the maker's own
#: text or code), a report dated at the time (NVIDIA's press releases are not at hand),
#: or not at all.
EVIDENCE = ("primary", "contemporaneous report", "unverified")

ORIGINALS = Schema(
    {
        "id": Col(S),
        "quantity": Col(S),
        # A numeric original: resolutions up to 800 px, GFLOPs up to 2860, millions of
        # parameters up to 1843.
        "original": num(0, 1e5, required=False),
        "original_date": Col(D, **OPT),
        "date_precision": Col("category", required=False, allowed=("day", "month")),
        "date_basis": Col(
            "category",
            required=False,
            allowed=("announcement", "availability", "announcement and availability"),
        ),
        "unit": Col("category", allowed=("px", "factor", "GFLOPs", "millions", "date")),
        # Absolute, in the unit (days for dates): at most a few hundred.
        "tolerance": num(0, 400, exclusive=False),
        "locations": Col(S),
        "lost": Col(S, **OPT),
        "explanation": Col(S, **OPT),
        "book_uses": Col(S, **OPT),
        "citation": Col(S, **OPT),
        "source": Col(S),
        "evidence": Col("category", allowed=EVIDENCE),
        "notes": Col(S, **OPT),
    },
    key=("id",),
    description="values checked against the original publications, with their sources",
)

FINDING_NOTES = Schema(
    {"finding": Col(S), "explanation": Col(S), "book_uses": Col(S, **OPT), "source": Col(S)},
    key=("finding",),
    description="the explanation of a data-audit finding where it needs knowledge beyond the tables",
)

MODEL_NAMES = Schema(
    {"printed_name": Col(S), "canonical": Col(S), "source": Col(S)},
    key=("printed_name",),
    description="the explicit table that matches a model's printed names across sources",
)

PROSE_CHECKS = Schema(
    {
        "claim": Col(S),
        "file": Col(S),
        "key_column": Col(S),
        "key": Col(S),
        "column": Col(S),
        "transform": Col("category", allowed=("value", "year")),
        "source": Col(S),
    },
    key=("claim", "column"),
    description="numbers of the paper's prose and the table cells they restate",
)

MEMORY_CONVENTIONS = Schema(
    {
        "convention": Col(S),
        "bytes_per_activation": num(0, 8),
        "assumes": Col(S),
        "source": Col(S),
    },
    key=("convention",),
    description="training setups: bytes per activation, what each assumes, its source",
)

MEMORY_CONVENTION_PARTS = Schema(
    {
        "convention": Col(S),
        "position": num(0, 20, kind=INT),
        "component": Col(S),
        "bytes_per_parameter": num(0, 8),
    },
    key=("convention", "position"),
    description="the bytes per parameter of each training setup, itemised",
)

SCALING_ARCHITECTURES = Schema(
    {
        "architecture": Col(S),
        "width": num(0, 10, required=False),
        "depth": num(0, 10, required=False),
        "resolution_px": num(32, 1024, kind=INT),
        "gflops": num(0, 1e4, required=False),
        "source": Col(S),
    },
    key=("architecture",),
    description="the scaling constants (EfficientNet width and depth, test resolutions, GFLOPs) "
    "of the paper's estimates",
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
    "originals": ORIGINALS,
    "finding_notes": FINDING_NOTES,
    "model_names": MODEL_NAMES,
    "prose_checks": PROSE_CHECKS,
    "memory_conventions": MEMORY_CONVENTIONS,
    "memory_convention_parts": MEMORY_CONVENTION_PARTS,
    "scaling_architectures": SCALING_ARCHITECTURES,
}

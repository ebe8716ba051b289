"""The parts every check shares: the columns of a finding, the curated facts it may
draw on, and the one rule for comparing printed values.

A finding is one row with the columns of :data:`FINDING_COLUMNS`. Where an explanation
or the value the book uses needs knowledge beyond the tables (a fact about an original
publication), it comes from data/curation/finding_notes.csv, by finding id, with the
primary source it rests on (:func:`finding`); every other explanation is computed.
The curated files are loaded once and validated beyond their schemas
(:func:`curated`): a file that contradicts itself raises :class:`dltrends.data.DataError`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path

import pandas as pd

from dltrends import data
from dltrends.compare import agrees_at_print, tolerance
from dltrends.compare.desislavov import decimals_of

#: The three kinds of check.
KINDS = ("across sources", "within a table", "against original publications")

#: The columns of a finding. ``source``: the primary source of the explanation, where it
#: states a fact about an original publication (empty where it is computed from the data).
FINDING_COLUMNS = [
    "finding",
    "check",
    "kind",
    "compared",
    "where",
    "values",
    "explanation",
    "book_uses",
    "source",
]

EMPTY = pd.DataFrame(columns=FINDING_COLUMNS)

#: Transforms a location may apply to a cell before comparing it.
TRANSFORMS = ("value", "year", "first_int")

_LOCATION = re.compile(
    r"(?P<file>[a-z0-9_/]+)\[(?:(?P<key_column>[a-z0-9_]+)=)?(?P<key>[^\]|]+)\]"
    r"\.(?P<column>[a-z0-9_]+)(?::(?P<transform>[a-z_]+))?"
)


# ----------------------------------------------------------------------------- helpers


def normalized_name(name: object) -> str:
    """Lower-case a model name and keep only letters and digits (``×`` counts as ``x``).

    >>> normalized_name("ResNeXt101 (64x4d)") == normalized_name("ResNeXt-101 (64×4d)")
    True
    """
    return re.sub(r"[^0-9a-z]", "", str(name).lower().replace("×", "x"))


def fmt(value: object) -> str:
    """A value as a finding prints it: dates as YYYY-MM-DD, large whole numbers grouped."""
    if isinstance(value, pd.Timestamp):
        return str(value.date())
    if isinstance(value, float):
        if math.isnan(value):
            return "empty"
        return f"{value:,.0f}" if value.is_integer() and abs(value) >= 1e4 else f"{value:g}"
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 1e4 else str(value)
    return str(value)


def printed_decimals(values: list[float]) -> list[int]:
    """The decimals each value is printed with, read from the float
    (:func:`dltrends.compare.desislavov.decimals_of`): trailing zeros do not count, since
    Desislavov et al.'s Table 2 pads whole numbers to two decimals ("61.00").
    """
    return list(decimals_of(pd.DataFrame({"v": [float(v) for v in values]}), "v"))


def printed_values_agree(
    a: float, b: float, decimals_a: int | None = None, decimals_b: int | None = None
) -> bool:
    """Whether two printed values can be the same quantity: the book's one rule
    (:func:`dltrends.compare.agrees_at_print`) with ``b``'s own rounding carried, so that
    they agree when the intervals they stand for overlap. The decimals are read from the
    floats (:func:`printed_decimals`) unless given (as printed, from the text).

    >>> printed_values_agree(20.01, 20), printed_values_agree(60.0, 55.0), printed_values_agree(22.6, 23.05)
    (True, False, False)
    """
    read_a, read_b = printed_decimals([a, b])
    dec_a = read_a if decimals_a is None else int(decimals_a)
    dec_b = read_b if decimals_b is None else int(decimals_b)
    return agrees_at_print(float(a), dec_a, float(b), carried=tolerance(dec_b))


def has(frames: Mapping[str, pd.DataFrame], *names: str) -> bool:
    """Whether every named file is in ``frames`` (a check without its files is skipped)."""
    return all(name in frames and frames[name] is not None for name in names)


def where(file: str) -> str:
    """A data file as a finding names it: its description in data/curation/files*.csv."""
    described = curated("files").set_index("file")["description"]
    label = str(described[file]) if file in described.index else file
    return f"{label} ({file}.csv)"


# ----------------------------------------------------------------------------- findings


def finding(
    kind: str,
    check: str,
    finding_id: str,
    compared: str,
    where: str,
    values: str,
    explanation: str,
    book_uses: str,
    source: str = "",
) -> dict[str, str]:
    """One finding; a note of finding_notes.csv for ``finding_id`` replaces the computed
    explanation (and the value the book uses, when the note gives one) and names its source.
    """
    notes = curated("finding_notes").set_index("finding")
    if finding_id in notes.index:
        note = notes.loc[finding_id]
        explanation, source = str(note["explanation"]), str(note["source"])
        if isinstance(note["book_uses"], str) and note["book_uses"]:
            book_uses = note["book_uses"]
    return {
        "finding": finding_id,
        "check": check,
        "kind": kind,
        "compared": compared,
        "where": where,
        "values": values,
        "explanation": explanation,
        "book_uses": book_uses,
        "source": source,
    }


def frame(rows: list[dict[str, str]]) -> pd.DataFrame:
    """The findings of one check as a frame (empty, with the columns, when none)."""
    if not rows:
        return EMPTY.copy()
    return pd.DataFrame(rows, columns=FINDING_COLUMNS)


# ----------------------------------------------------------------------------- curation


def parse_location(text: str) -> dict[str, str | None]:
    """One location of originals.csv: ``file[key_column=key].column`` with an optional
    ``:transform``; ``scaling[architecture].attribute`` for a constant of
    :data:`dltrends.scaling.ARCHITECTURES`.

    >>> parse_location("memory_wall_cv[model=AlexNet].input_resolution:first_int")["transform"]
    'first_int'
    """
    match = _LOCATION.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"not a location: {text!r} (write file[key_column=key].column[:transform])")
    out = match.groupdict()
    out["transform"] = out["transform"] or "value"
    if out["transform"] not in TRANSFORMS:
        raise ValueError(f"{text!r}: transform must be one of {TRANSFORMS}")
    if (out["file"] == "scaling") != (out["key_column"] is None):
        raise ValueError(f"{text!r}: a key column is needed for a data file, and only there")
    return out


def _problems(name: str, table: pd.DataFrame) -> list[str]:
    """What the schema cannot say about a curated file: rules across its columns."""
    problems = []
    if name == "originals":
        for i, row in table.iterrows():
            where_ = f"row {i + 1} ({row['id']})"
            dated = row["unit"] == "date"
            if dated and (pd.isna(row["original_date"]) or pd.isna(row["date_precision"])):
                problems.append(f"{where_}: a date needs original_date and date_precision")
            if dated and not pd.isna(row["original"]):
                problems.append(f"{where_}: a date has no numeric original")
            if not dated and (pd.isna(row["original"]) or not pd.isna(row["original_date"])):
                problems.append(f"{where_}: unit {row['unit']} needs a numeric original and no date")
            if row["date_precision"] == "month" and row["tolerance"] != 0:
                problems.append(f"{where_}: a date known to the month compares the month (tolerance 0)")
            for text in str(row["locations"]).split("|"):
                try:
                    parse_location(text)
                except ValueError as error:
                    problems.append(f"{where_}: {error}")
    if name == "prose_checks":
        for i, row in table.iterrows():
            if row["file"] not in data.SCHEMAS or row["column"] not in data.SCHEMAS[row["file"]].columns:
                problems.append(f"row {i + 1}: no column {row['column']!r} in data file {row['file']!r}")
    if name == "finding_notes":
        for i, row in table.iterrows():
            if not re.fullmatch(r"[a-z0-9_]+\.[a-z0-9_.-]+", str(row["finding"])):
                problems.append(f"row {i + 1}: {row['finding']!r} is not a finding id (check.part...)")
    if "source" in table.columns:
        for i, text in table["source"].items():
            if len(str(text).strip()) < 10 and str(text).strip() != "unverified":
                problems.append(f"row {i + 1}: source {text!r} names no source (or write 'unverified')")
    return problems


@cache
def curated(name: str) -> pd.DataFrame:
    """A file of data/curation/, loaded and validated once: its schema
    (:func:`dltrends.data.load_curated`), then the rules across its columns. ``files``
    stacks every files*.csv (:func:`dltrends.data.curated_all`).
    """
    table = data.curated_all(name) if name == "files" else data.load_curated(name)
    problems = _problems(name, table)
    if problems:
        raise data.DataError(Path(data.DATA_DIR) / "curation" / f"{name}.csv", problems)
    return table

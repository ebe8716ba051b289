"""Checks against original publications: the book's data beside the values of the
models' own papers and the GPUs' announcements.

The values are data/curation/originals.csv, one row per quantity, each with the primary
source it was checked in (``source``: publisher, title, year, URL or arXiv id), how it
was checked (``evidence``: the source itself, a report dated at the time, or
unverified), and the places the book's data holds it (``locations``). A date is compared
to the day or, where only the month is known, to the month; a number within the row's
tolerance. Values the seed text lost and the book restored from the original (``lost``)
are reported as such, with the book's constant compared.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from dltrends import scaling
from dltrends.audit.core import KINDS, curated, finding, fmt, frame, has, parse_location
from dltrends.audit.core import where as _where
from dltrends.compare import slug as _slug

KIND = KINDS[2]

_COMPARED_COLUMNS = ["id", "location", "label", "value", "agrees"]


def originals() -> pd.DataFrame:
    """data/curation/originals.csv, validated (:func:`dltrends.audit.core.curated`)."""
    return curated("originals").copy()


def original_text(row: pd.Series) -> str:
    """The original value with its unit: ``224 px``, ``2017-05`` (a date known to the month)."""
    if row["unit"] != "date":
        return f"{row['original']:g} {row['unit']}"
    date = pd.Timestamp(row["original_date"])
    return date.strftime("%Y-%m") if row["date_precision"] == "month" else str(date.date())


def _details(row: pd.Series) -> str:
    """How the original is compared: a date's basis and precision, a number's tolerance."""
    if row["unit"] == "date":
        parts = [str(row["date_basis"])] if isinstance(row["date_basis"], str) else []
        parts.append(
            "known to the month"
            if row["date_precision"] == "month"
            else f"tolerance {row['tolerance']:g} days"
        )
    else:
        parts = [f"tolerance {row['tolerance']:g}"]
    return "; ".join([*parts, f"evidence: {row['evidence']}"])


def locate(frames: Mapping[str, pd.DataFrame], text: str) -> tuple[object, str] | None:
    """The value at one location of originals.csv and a label for it; None when its file
    is not in ``frames`` or has no such row.
    """
    loc = parse_location(text)
    if loc["file"] == "scaling":
        value = getattr(scaling.ARCHITECTURES[loc["key"]], loc["column"])
        return value, f"dltrends.scaling.ARCHITECTURES['{loc['key']}'].{loc['column']}"
    if not has(frames, loc["file"]):
        return None
    table = frames[loc["file"]]
    rows = table[table[loc["key_column"]].astype(str) == loc["key"]]
    if rows.empty:
        return None
    value = rows[loc["column"]].iloc[0]
    if loc["transform"] == "year":
        value = pd.Timestamp(value).year
    elif loc["transform"] == "first_int":
        value = int(re.match(r"\d+", str(value)).group(0))
    return value, f"{_where(loc['file'])}, row '{loc['key']}', {loc['column']}"


def agrees(row: pd.Series, value: object) -> bool:
    """Whether a data value is the original: to the day (within the tolerance, in days)
    or the month for a date, within the tolerance for a number.
    """
    if pd.isna(value):
        return True
    if row["unit"] == "date":
        date, original = pd.Timestamp(value), pd.Timestamp(row["original_date"])
        if row["date_precision"] == "month":
            return (date.year, date.month) == (original.year, original.month)
        return abs((date - original).days) <= row["tolerance"]
    return abs(float(value) - float(row["original"])) <= float(row["tolerance"]) + 1e-9


def compared(frames: Mapping[str, pd.DataFrame], table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every location of every original with the value found there: ``id``, ``location``,
    ``label``, ``value`` and ``agrees``. Locations whose file is not in ``frames`` are left
    out. ``table`` defaults to :func:`originals`.
    """
    table = originals() if table is None else table
    rows = []
    for _, row in table.iterrows():
        for text in str(row["locations"]).split("|"):
            found = locate(frames, text)
            if found is None:
                continue
            value, label = found
            rows.append(
                {
                    "id": row["id"],
                    "location": text.strip(),
                    "label": label,
                    "value": value,
                    "agrees": agrees(row, value),
                }
            )
    return pd.DataFrame(rows, columns=_COMPARED_COLUMNS)


def check_against_originals(
    frames: Mapping[str, pd.DataFrame], table: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The book's data against the original publications (data/curation/originals.csv).

    A finding where a data value (or a book constant) is not the original (:func:`agrees`),
    and one for each value the seed text lost and the book restored from the original.
    ``table`` defaults to :func:`originals` (a test passes its own rows).
    """
    table = originals() if table is None else table
    values = compared(frames, table)
    findings = []
    for _, row in table.iterrows():
        citation = (
            row["citation"] if isinstance(row["citation"], str) and row["citation"] else "its primary source"
        )
        what = f"{row['quantity']} vs {citation}: {original_text(row)}"
        source = f"{row['source']} [{row['evidence']}]"
        found = values[values["id"] == row["id"]]
        if isinstance(row["lost"], str) and row["lost"]:
            constants = "; ".join(
                f"{label} = {fmt(value)}" for label, value in zip(found["label"], found["value"], strict=True)
            )
            findings.append(
                finding(
                    KIND,
                    "against_originals",
                    f"against_originals.{row['id']}.lost",
                    what,
                    "Desislavov et al. 2023 (seed text): " + row["lost"],
                    f"lost in the seed; original {original_text(row)}; book: {constants}",
                    f"restored from the original publication ({row['notes']}); the restored value "
                    + (
                        "reproduces the paper's numbers"
                        if found["agrees"].all()
                        else "DIFFERS from the book's constant"
                    ),
                    row["book_uses"]
                    if isinstance(row["book_uses"], str) and row["book_uses"]
                    else "the original's value",
                    source,
                )
            )
            continue
        for _, hit in found[~found["agrees"]].iterrows():
            file = parse_location(hit["location"])["file"]
            findings.append(
                finding(
                    KIND,
                    "against_originals",
                    f"against_originals.{row['id']}.{_slug(file)}",
                    what,
                    hit["label"],
                    f"data {fmt(hit['value'])}; original {original_text(row)} ({_details(row)})",
                    row["explanation"]
                    if isinstance(row["explanation"], str) and row["explanation"]
                    else "the data differs from the original publication",
                    row["book_uses"]
                    if isinstance(row["book_uses"], str) and row["book_uses"]
                    else "the value as printed in the source the book reproduces",
                    source,
                )
            )
    return frame(findings)


def originals_table(frames: Mapping[str, pd.DataFrame] | None = None) -> pd.DataFrame:
    """The values checked against originals, one row per quantity, with their citations:
    ``quantity``, ``original``, ``in the book's data`` (the values found, when ``frames``
    is given), ``agrees``, ``lost from the seed text``, ``evidence``, ``citation`` and
    ``source``.
    """
    table = originals()
    values = compared(frames, table) if frames is not None else pd.DataFrame(columns=_COMPARED_COLUMNS)
    rows = []
    for _, row in table.iterrows():
        found = values[values["id"] == row["id"]]
        rows.append(
            {
                "quantity": row["quantity"],
                "original": original_text(row),
                "in the book's data": ", ".join(dict.fromkeys(fmt(v) for v in found["value"])),
                "agrees": bool(found["agrees"].all()) if len(found) else None,
                "lost from the seed text": "yes" if isinstance(row["lost"], str) and row["lost"] else "",
                "evidence": row["evidence"],
                "citation": row["citation"] if isinstance(row["citation"], str) else "",
                "source": row["source"],
            }
        )
    return pd.DataFrame(rows)

"""Reproduction scorecard: every number of the sources that the book recomputes.

One row per claim (:func:`build_scorecard`), gathered from :mod:`dltrends.compare` (the
same functions the chapters and the data audit use), with the columns of
:data:`dltrends.compare.COLUMNS`:

* ``claim``: a stable id, e.g. ``table4.v100.mixed.cv``;
* ``kind``: what the comparison is worth (:data:`dltrends.compare.KINDS`):
  ``independent`` (recomputed from the inputs by the method the source describes),
  ``consistency`` (a total against its parts, a value against the same value
  elsewhere), ``identity`` (true by construction) or ``inferred`` (a rule chosen because
  it yields the printed result);
* ``source``, ``paper_value`` (read from ``data/``, never typed here),
  ``recomputed_value``, ``unit``;
* ``tolerance``: half a unit of the printed value's last digit, for every claim (plus
  the rounding a value built from printed numbers carries);
* ``status``: ``agrees``, ``differs-explained`` or ``differs``; ``note``.

A claim is **reproduced** only when it is ``independent`` and agrees. ``tolerance_factor``
scales every tolerance (2.0 accepts twice the rounding), so a reader can see which claims
hinge on the last digit. The pipeline writes the table to
``data/derived/reproduction_scorecard.csv``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from dltrends import audit, checks
from dltrends.checks import InputError
from dltrends.compare import (
    KINDS,
    STATUSES,
    claims_frame,
    desislavov,
    measured,
    memory_wall,
    seed003,
    since_2021,
)

#: The groups of claims, by the first part of their id, in the order the book shows them.
GROUPS = {
    "table3": "Table 3: speed-ups",
    "table4": "Table 4: mean speed-ups",
    "table8": "Table 8: GFLOPS/W",
    "table9": "Table 9: adapted GPUs",
    "fig1": "Fig. 1: correlations",
    "table1": "Table 1: AlexNet band",
    "eq4": "Eq. 4: GFLOPs estimates",
    "vitg14": "Eq. 4: GFLOPs estimates",
    "text": "prose",
    "human": "human energy references",
    "seed003": "seed 003: memory rule",
    "memorywall": "Memory Wall: memory breakdown",
    "memorywall_cv": "Memory Wall: CV tables",
    "since2021": "since 2021: the paper's predictions",
    "measured": "measured energy: estimate against measurement",
}


def build_scorecard(
    frames: Mapping[str, pd.DataFrame] | None = None, tolerance_factor: float = 1.0
) -> pd.DataFrame:
    """Every claim the book recomputes, one row each; claim ids are unique.

    ``frames`` defaults to :func:`dltrends.audit.load_frames` (every data file and the
    reported files); ``tolerance_factor`` scales every tolerance.
    """
    factor = checks.number(tolerance_factor, "tolerance_factor")
    frames = audit.load_frames() if frames is None else frames
    claims = desislavov.claims(frames) + seed003.claims(frames) + memory_wall.claims(frames)
    claims += since_2021.claims(frames) + measured.claims(frames)
    return claims_frame(claims, factor)


def group_of(claim_id: str) -> str:
    """The group of a claim id (:data:`GROUPS`), from its first part."""
    head = str(claim_id).split(".")[0]
    if head not in GROUPS:
        raise InputError(f"claim {claim_id!r} has no known group; known: {sorted(GROUPS)}")
    return GROUPS[head]


def reproduced(card: pd.DataFrame) -> pd.Series:
    """True for the claims that count as reproduced: independent and agreeing."""
    return (card["kind"] == "independent") & (card["status"] == "agrees")


def summary(card: pd.DataFrame) -> pd.DataFrame:
    """Claims per kind (rows, in :data:`KINDS` order) and status (columns), with totals."""
    table = pd.crosstab(card["kind"], card["status"]).reindex(
        index=list(KINDS), columns=list(STATUSES), fill_value=0
    )
    table = table.astype(int)
    table["total"] = table.sum(axis=1)
    table.loc["all kinds"] = table.sum(axis=0)
    table.index.name = "kind"
    table.columns.name = None
    return table.reset_index()


def summary_by_group(card: pd.DataFrame) -> pd.DataFrame:
    """Claims per group (rows, in :data:`GROUPS` order) and kind (columns), with the
    reproduced (independent and agreeing) count and the total.
    """
    groups = card["claim"].map(group_of)
    table = pd.crosstab(groups, card["kind"]).reindex(columns=list(KINDS), fill_value=0)
    order = list(dict.fromkeys(GROUPS.values()))
    table = table.reindex([g for g in order if g in table.index]).astype(int)
    table["reproduced"] = reproduced(card).groupby(groups).sum().reindex(table.index).astype(int)
    table["total"] = table[list(KINDS)].sum(axis=1)
    table.index.name = "group"
    table.columns.name = None
    return table.reset_index()


def gap_table(card: pd.DataFrame) -> pd.DataFrame:
    """Relative gap of every numeric claim, for the scorecard chart.

    Columns: ``claim``, ``group``, ``kind``, ``status``, ``paper_value``,
    ``recomputed_value``, ``gap_percent`` = 100 x (recomputed - paper) / |paper|. Claims
    without a number on both sides (Table 1's list, rows with no recomputed value) are
    left out.
    """
    rows = []
    for _, row in card.iterrows():
        paper, computed = row["paper_value"], row["recomputed_value"]
        if isinstance(paper, str) or isinstance(computed, str):
            continue
        if computed is None or paper is None or pd.isna(computed) or pd.isna(paper) or paper == 0:
            continue
        rows.append(
            {
                "claim": row["claim"],
                "group": group_of(row["claim"]),
                "kind": row["kind"],
                "status": row["status"],
                "paper_value": float(paper),
                "recomputed_value": float(computed),
                "gap_percent": 100.0 * (float(computed) - float(paper)) / abs(float(paper)),
            }
        )
    return pd.DataFrame(rows)


def _fmt(value: object) -> str:
    """A number as text for the table: thousands separators, up to 6 significant digits."""
    if isinstance(value, str):
        return value
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    value = float(value)
    if value.is_integer() and abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.6g}"


def display_table(card: pd.DataFrame) -> pd.DataFrame:
    """The scorecard with its values as text, for the page's filterable table."""
    shown = card.copy()
    for column in ("paper_value", "recomputed_value", "tolerance"):
        shown[column] = shown[column].map(_fmt)
    shown.insert(1, "group", card["claim"].map(group_of))
    return shown.reset_index(drop=True)

"""What every chart of the book shares: sizes, the colours of each meaning, one column check.

One encoding per meaning across the book: a colour per architecture, per precision, per
source, per model selection, per scorecard status; a dash per kind of trend line.
"""

from __future__ import annotations

import re

import altair as alt
import pandas as pd

from dltrends.checks import InputError

WIDTH = 620
HEIGHT = 340

ARCHITECTURE_COLORS = {"CNN": "#4c78a8", "Transformer": "#f58518", "Hybrid": "#54a24b"}
PRECISION_COLORS = {
    "FP32": "#4c78a8",
    "TF32": "#72b7b2",
    "FP16": "#54a24b",
    "Mixed": "#e45756",
    "FP16/FP32 Tensor": "#b279a2",
}
SOURCE_COLORS = {"paper": "#9d755d", "this book": "#4c78a8"}


def color_scale(mapping: dict[str, str], title: str) -> alt.Color:
    """A nominal colour encoding with the book's fixed colours for ``mapping``'s keys."""
    return alt.Color(
        f"{title}:N",
        scale=alt.Scale(domain=list(mapping), range=list(mapping.values())),
        legend=alt.Legend(title=title.replace("_", " ")),
    )


#: Strokes of the trend lines: dashed for a selection of leading models, solid for all.
TREND_DASHES = {"dashed": [6, 4], "solid": [1, 0]}

#: A date axis with one labelled tick per year.
YEAR_AXIS = alt.Axis(format="%Y", tickCount={"interval": "year", "step": 1})

DOMAIN_COLORS = {"CV": ARCHITECTURE_COLORS["CNN"], "NLP": ARCHITECTURE_COLORS["Transformer"]}

#: What memory holds, one colour each (the Memory Wall's "params" are the weights).
MEMORY_ROLE_COLORS = {
    "weights": "#6f4e7c",
    "parameters": "#6f4e7c",
    "gradients": "#f6c85f",
    "optimizer state": "#ca472f",
    "optimizer": "#ca472f",
    "activations": "#0b84a5",
}

SELECTION_COLORS = {"best models": "#7f3c8d", "all models": "#11a579", "yearly mean": "#3969ac"}
SELECTION_DASHES = {"best models": [6, 3], "all models": [1, 0], "yearly mean": [2, 2]}

#: Colour of each scorecard status (dltrends.compare.STATUSES).
STATUS_COLORS = {"agrees": "#3d9970", "differs-explained": "#ffb000", "differs": "#d62728"}
#: Shape of each kind of claim (dltrends.compare.KINDS).
KIND_SHAPES = {
    "independent": "circle",
    "consistency": "square",
    "identity": "cross",
    "inferred": "diamond",
    "prediction": "triangle-up",
    "measurement": "triangle-down",
}

#: Colour of each kind of data-audit check (dltrends.audit.KINDS).
AUDIT_KIND_COLORS = {
    "across sources": "#6f4e7c",
    "within a table": "#0b84a5",
    "against original publications": "#ca472f",
}


def require(table: pd.DataFrame, columns: set[str], builder: str) -> None:
    """The one column check of every chart builder: ``table`` must have ``columns``."""
    if not isinstance(table, pd.DataFrame):
        raise InputError(f"{builder}: expected a pandas DataFrame, got {type(table).__name__}")
    missing = columns - set(table.columns)
    if missing:
        raise InputError(f"{builder}: missing columns {sorted(missing)}")


def natural_order(values: object) -> list:
    """Distinct values in natural order: by a leading number if there is one ('128 tokens')."""

    def key(value: object) -> tuple:
        match = re.match(r"\s*(\d+(?:\.\d+)?)", str(value))
        return (0, float(match.group(1)), str(value)) if match else (1, 0.0, str(value))

    return sorted({v for v in values if v is not None}, key=key)


def plain_columns(table: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Only the columns a chart needs, with categoricals and pandas strings as plain text."""
    out = table[columns].copy()
    for column in columns:
        if isinstance(out[column].dtype, (pd.CategoricalDtype, pd.StringDtype)):
            out[column] = out[column].astype(object).where(out[column].notna(), None)
        elif pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%Y-%m-%d")
    return out.reset_index(drop=True)


def year_axis(title: str = "launch date (year)", field: str = "year") -> alt.X:
    """A decimal-year x axis with whole-year ticks."""
    return alt.X(
        f"{field}:Q",
        title=title,
        scale=alt.Scale(zero=False, nice=False),
        axis=alt.Axis(format="d", tickMinStep=1),
    )

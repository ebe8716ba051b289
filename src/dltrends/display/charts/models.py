"""Charts of the chapters CV trends and NLP trends (Figs 1-6 and 15 of Desislavov et al.).

Every point's tooltip names the model and shows its release date and its values with
their units. Trend lines come from :func:`dltrends.trends.line` (decimal ``year``),
stacked with a ``fit`` label; the builders draw them on the same date axis as the
models.
"""

from __future__ import annotations

import math

import altair as alt
import numpy as np
import pandas as pd

from dltrends.checks import InputError
from dltrends.display.charts.base import (
    ARCHITECTURE_COLORS,
    HEIGHT,
    SOURCE_COLORS,
    TREND_DASHES,
    WIDTH,
    YEAR_AXIS,
    natural_order,
    plain_columns,
    require,
)
from dltrends.display.tables import header

#: Width of the plots of this module (the legends go below).
PLOT_WIDTH = WIDTH - 100

#: Space kept free around the points, in pixels, so that no mark is cut at an edge.
EDGE = 8

#: Tooltip of the release date of a model.
RELEASED = alt.Tooltip("release_date:T", title="release date", format="%Y-%m-%d")

#: Tooltip of a model's GFLOPs.
GFLOPS = alt.Tooltip("gflops:Q", title="GFLOPs per forward pass", format=",.2f")

#: Opacity of the bubbles, so that overlapping bubbles stay visible.
_BUBBLE_OPACITY = 0.35


def _title(column: str, title: str | None) -> str:
    """A legend or axis title: the one given, else the book's header of the column."""
    return title if title is not None else header(column)


def _whole_years(dates: pd.Series) -> list[alt.DateTime]:
    """1 January of the first year to 1 January after the last: a date domain that shows
    every year's tick and keeps the first and last models off the edges.
    """
    years = pd.DatetimeIndex(dates).year
    first, last = int(years.min()), int(years.max()) + 1
    return [alt.DateTime(year=first, month=1, date=1), alt.DateTime(year=last, month=1, date=1)]


def _line_dates(lines: pd.DataFrame) -> pd.DataFrame:
    """Trend lines (:func:`dltrends.trends.line`) with ``date`` as ISO text, from ``year``."""
    years = lines["year"].to_numpy(dtype=float)
    whole = np.floor(years).astype(int)
    starts = pd.to_datetime([f"{y}-01-01" for y in whole])
    ends = pd.to_datetime([f"{y + 1}-01-01" for y in whole])
    dates = starts + (ends - starts) * (years - whole)
    return lines.assign(date=pd.DatetimeIndex(dates).strftime("%Y-%m-%d")).reset_index(drop=True)


def _dates(models: pd.DataFrame, lines: pd.DataFrame | None = None) -> pd.Series:
    dates = pd.to_datetime(models["release_date"])
    if lines is not None:
        dates = pd.concat([dates, pd.to_datetime(lines["date"])], ignore_index=True)
    return dates


# ----------------------------------------------------------------------------- Fig. 1


def params_flops_chart(cv_models: pd.DataFrame) -> alt.Chart:
    """Fig. 1: parameters against GFLOPs of the ImageNet models, log-log, by architecture.

    ``cv_models`` has ``model``, ``params_millions``, ``gflops``, ``architecture``
    (CNN, Transformer, Hybrid), ``release_date``. Colours: :data:`ARCHITECTURE_COLORS`.
    """
    columns = {"model", "params_millions", "gflops", "architecture", "release_date"}
    require(cv_models, columns, "params_flops_chart")
    data = plain_columns(cv_models, sorted(columns))
    present = [a for a in ARCHITECTURE_COLORS if a in set(data["architecture"])]
    legend = alt.Legend(title="architecture", orient="bottom")
    return (
        alt.Chart(data)
        .mark_point(filled=True, size=60, opacity=0.75)
        .encode(
            x=alt.X(
                "params_millions:Q",
                title="parameters, millions (log scale)",
                scale=alt.Scale(type="log", padding=EDGE),
            ),
            y=alt.Y(
                "gflops:Q",
                title="GFLOPs per forward pass (log scale)",
                scale=alt.Scale(type="log", padding=EDGE),
            ),
            color=alt.Color(
                "architecture:N",
                scale=alt.Scale(domain=present, range=[ARCHITECTURE_COLORS[a] for a in present]),
                legend=legend,
            ),
            shape=alt.Shape("architecture:N", scale=alt.Scale(domain=present), legend=legend),
            tooltip=[
                alt.Tooltip("model:N"),
                alt.Tooltip("architecture:N"),
                alt.Tooltip("params_millions:Q", title="parameters (millions)", format=",.1f"),
                GFLOPS,
                RELEASED,
            ],
        )
        .properties(width=PLOT_WIDTH, height=HEIGHT)
    )


# ----------------------------------------------------------------------------- Figs 2 and 15


def score_date_bubble_chart(
    models: pd.DataFrame,
    score_col: str,
    score_title: str,
    color_col: str | None = None,
    color_mapping: dict[str, str] | None = None,
    shape_col: str | None = None,
    max_area: float = 2500.0,
) -> alt.LayerChart:
    """Figs 2 and 15: a score against release date, bubble AREA proportional to GFLOPs.

    ``models`` has ``model``, ``release_date``, ``gflops`` and ``score_col`` (whose title,
    with its unit, is ``score_title``); rows with no score are left out. The bubble of
    the largest model has ``max_area`` square pixels and every other bubble a
    proportional area (a linear size scale from zero: Vega-Lite sizes are areas). Both
    axes keep the largest bubble's radius free at their ends, so no bubble spills out of
    the plot. A small dot marks the centre of each bubble so the smallest models stay
    visible. ``color_col`` (with the book's ``color_mapping`` if given) and ``shape_col``
    are optional nominal columns.
    """
    columns = {"model", "release_date", "gflops", score_col}
    columns |= {c for c in (color_col, shape_col) if c}
    require(models, columns, "score_date_bubble_chart")
    data = plain_columns(models[models[score_col].notna()], sorted(columns))
    if data.empty:
        raise InputError(f"score_date_bubble_chart: no row has a {score_col!r} value")
    largest = float(data["gflops"].max())
    radius = math.ceil(math.sqrt(max_area / math.pi)) + 2
    size = alt.Size(
        "gflops:Q",
        title="GFLOPs (bubble area)",
        scale=alt.Scale(type="linear", domain=[0, largest], range=[0, max_area], zero=True),
        legend=alt.Legend(orient="bottom", values=_area_values(largest)),
    )
    encodings: dict = {
        "x": alt.X(
            "release_date:T",
            title="release date",
            axis=YEAR_AXIS,
            scale=alt.Scale(domain=_whole_years(data["release_date"]), padding=radius),
        ),
        "y": alt.Y(f"{score_col}:Q", title=score_title, scale=alt.Scale(zero=False, padding=radius)),
        "tooltip": [
            alt.Tooltip("model:N"),
            RELEASED,
            alt.Tooltip(f"{score_col}:Q", title=score_title, format=".2f"),
            GFLOPS,
        ],
    }
    if color_col:
        if color_mapping:
            kept = {k: v for k, v in color_mapping.items() if k in set(data[color_col])}
            scale = alt.Scale(domain=list(kept), range=list(kept.values()))
        else:
            scale = alt.Scale(domain=natural_order(data[color_col]), scheme="tableau10")
        encodings["color"] = alt.Color(
            f"{color_col}:N", scale=scale, legend=alt.Legend(title=header(color_col), orient="bottom")
        )
    if shape_col:
        encodings["shape"] = alt.Shape(
            f"{shape_col}:N",
            scale=alt.Scale(domain=natural_order(data[shape_col])),
            legend=alt.Legend(title=header(shape_col), orient="bottom"),
        )
    base = alt.Chart(data).encode(**encodings)
    bubbles = base.mark_point(filled=True, opacity=_BUBBLE_OPACITY, strokeWidth=1).encode(size=size)
    centres = base.mark_point(filled=True, size=8, opacity=1.0)
    return alt.layer(bubbles, centres).properties(width=PLOT_WIDTH, height=HEIGHT)


def _area_values(largest: float) -> list[float]:
    """Two round legend values (1-2-5 series, GFLOPs) for a bubble-area legend up to ``largest``."""
    candidates = [m * 10.0**k for k in range(-2, 8) for m in (1, 2, 5)]
    fitting = [c for c in candidates if largest / 25 <= c <= largest]
    return sorted(fitting[::-1][::2][:2]) if fitting else [largest]


# ----------------------------------------------------------------------------- Figs 3 and 6


def flops_trend_chart(
    points: pd.DataFrame,
    lines: pd.DataFrame,
    color_col: str,
    color_mapping: dict[str, str] | None = None,
    shape_col: str | None = None,
    dashes: dict[str, str] | None = None,
    band: bool = True,
    y_title: str = "GFLOPs per forward pass (log scale)",
) -> alt.LayerChart:
    """Figs 3 and 6: GFLOPs against release date on a log axis, with exponential trend lines.

    ``points`` has ``model``, ``release_date``, ``gflops``, ``color_col`` (and
    ``shape_col`` if given; a boolean ``highlight`` column, if present, rings the models
    a dashed line is fitted to). ``lines`` (:func:`dltrends.trends.line`, one or more
    stacked) has ``year``, ``fitted``, ``ci_lower``, ``ci_upper`` and ``fit``; ``dashes``
    maps each ``fit`` label to 'dashed' or 'solid' (:data:`TREND_DASHES`). ``band`` draws
    each line's 95% confidence band.
    """
    columns = {"model", "release_date", "gflops", color_col}
    columns |= {c for c in (shape_col,) if c}
    require(points, columns, "flops_trend_chart")
    require(lines, {"year", "fitted", "ci_lower", "ci_upper", "fit"}, "flops_trend_chart")
    keep = sorted(columns | ({"highlight"} & set(points.columns)))
    data = plain_columns(points, keep)
    line_data = _line_dates(lines[["year", "fitted", "ci_lower", "ci_upper", "fit"]])
    labels = list(dict.fromkeys(line_data["fit"]))
    dashes = dashes or {}
    stroke_dash = alt.StrokeDash(
        "fit:N",
        title="exponential fit",
        scale=alt.Scale(domain=labels, range=[TREND_DASHES[dashes.get(f, "solid")] for f in labels]),
        legend=alt.Legend(orient="bottom", direction="vertical", symbolStrokeWidth=2),
    )
    y_scale = alt.Scale(type="log", padding=EDGE)
    x_scale = alt.Scale(domain=_whole_years(_dates(data, line_data)))
    x = alt.X("release_date:T", title="release date", axis=YEAR_AXIS, scale=x_scale)
    line_x = alt.X("date:T", title="release date", axis=YEAR_AXIS, scale=x_scale)
    if color_mapping:
        present = {k: v for k, v in color_mapping.items() if k in set(data[color_col])}
        colors = alt.Scale(domain=list(present), range=list(present.values()))
    else:
        colors = alt.Scale(domain=natural_order(data[color_col]), scheme="tableau10")
    tooltip = [
        alt.Tooltip("model:N"),
        RELEASED,
        GFLOPS,
        alt.Tooltip(f"{color_col}:N", title=header(color_col)),
    ]
    point_enc: dict = {
        "x": x,
        "y": alt.Y("gflops:Q", title=y_title, scale=y_scale),
        "color": alt.Color(
            f"{color_col}:N",
            scale=colors,
            legend=alt.Legend(title=header(color_col), orient="bottom", direction="vertical"),
        ),
        "tooltip": tooltip,
    }
    if shape_col:
        point_enc["shape"] = alt.Shape(
            f"{shape_col}:N",
            scale=alt.Scale(domain=natural_order(data[shape_col])),
            legend=alt.Legend(title=header(shape_col), orient="bottom", direction="vertical"),
        )
    layers = []
    if band:
        layers.append(
            alt.Chart(line_data)
            .mark_area(opacity=0.12, color="#888888")
            .encode(
                x=line_x,
                y=alt.Y("ci_lower:Q", scale=y_scale, title=y_title),
                y2="ci_upper:Q",
                detail="fit:N",
            )
        )
    layers.append(alt.Chart(data).mark_point(filled=True, size=55, opacity=0.8).encode(**point_enc))
    if "highlight" in data.columns:
        layers.append(
            alt.Chart(data)
            .transform_filter("datum.highlight")
            .mark_point(size=170, filled=False, color="#333333", strokeWidth=1.2)
            .encode(x=x, y=alt.Y("gflops:Q", scale=y_scale, title=y_title), tooltip=tooltip)
        )
    layers.append(
        alt.Chart(line_data)
        .mark_line(color="#333333", strokeWidth=1.8)
        .encode(
            x=line_x,
            y=alt.Y("fitted:Q", scale=y_scale, title=y_title),
            strokeDash=stroke_dash,
            tooltip=[
                alt.Tooltip("fit:N", title="exponential fit"),
                alt.Tooltip("date:T", title="date", format="%Y-%m-%d"),
                alt.Tooltip("fitted:Q", title="fitted GFLOPs per forward pass", format=",.2f"),
            ],
        )
    )
    return alt.layer(*layers).properties(width=PLOT_WIDTH, height=HEIGHT)


# ----------------------------------------------------------------------------- Figs 4 and 5


def score_flops_chart(
    models: pd.DataFrame,
    score_col: str,
    score_title: str,
    frontier: pd.DataFrame | None = None,
) -> alt.LayerChart:
    """Figs 4 and 5: a score against GFLOPs (log x), coloured by release date.

    ``models`` has ``model``, ``gflops``, ``release_date`` and ``score_col`` (whose title,
    with its unit, is ``score_title``; rows with no score are left out). ``frontier``
    (from :func:`dltrends.trends.pareto_frontier`), if given, is drawn as a grey step
    line: each frontier model is the best score reachable at its GFLOPs or more, until
    the next one. The colour scale spans whole years, so the first year is on the legend.
    """
    columns = {"model", "gflops", "release_date", score_col}
    require(models, columns, "score_flops_chart")
    data = plain_columns(models[models[score_col].notna()], sorted(columns))
    if data.empty:
        raise InputError(f"score_flops_chart: no row has a {score_col!r} value")
    x = alt.X(
        "gflops:Q",
        title="GFLOPs per forward pass (log scale)",
        scale=alt.Scale(type="log", padding=EDGE),
    )
    y = alt.Y(f"{score_col}:Q", title=score_title, scale=alt.Scale(zero=False, padding=EDGE))
    years = pd.DatetimeIndex(pd.to_datetime(data["release_date"])).year
    layers = []
    if frontier is not None:
        require(frontier, columns, "score_flops_chart (frontier)")
        front = plain_columns(frontier, sorted(columns)).sort_values("gflops", kind="stable")
        layers.append(
            alt.Chart(front)
            .mark_line(color="#9a9a9a", strokeWidth=2, interpolate="step-after")
            .encode(x=x, y=y, order=alt.Order("gflops:Q"))
        )
    layers.append(
        alt.Chart(data)
        .mark_point(filled=True, size=60, opacity=0.85)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "release_date:T",
                title="release date",
                scale=alt.Scale(
                    scheme="viridis",
                    domain=[
                        alt.DateTime(year=int(years.min()), month=1, date=1),
                        alt.DateTime(year=int(years.max()), month=12, date=31),
                    ],
                ),
                legend=alt.Legend(
                    orient="bottom",
                    format="%Y",
                    gradientLength=300,
                    tickCount={"interval": "year", "step": 1},
                ),
            ),
            tooltip=[
                alt.Tooltip("model:N"),
                RELEASED,
                alt.Tooltip(f"{score_col}:Q", title=score_title, format=".2f"),
                GFLOPS,
            ],
        )
    )
    return alt.layer(*layers).properties(width=PLOT_WIDTH, height=HEIGHT)


# ----------------------------------------------------------------------------- input length


def rescaled_flops_chart(models: pd.DataFrame, lines: pd.DataFrame, tokens: int) -> alt.LayerChart:
    """GFLOPs as printed and rescaled to ``tokens`` tokens, against release date (log y).

    ``models`` (from :func:`dltrends.nlp.normalise_to_tokens`) has ``model``,
    ``release_date``, ``gflops`` (rescaled), ``gflops_as_printed`` and
    ``input_tokens_as_printed``; a grey rule joins the two values of each model that
    moved. ``lines`` (:func:`dltrends.trends.line`) are the all-model trends of both
    versions (``year``, ``fitted``, ``fit``; solid for as printed, dashed for rescaled,
    in that order).
    """
    columns = ["model", "release_date", "gflops", "gflops_as_printed", "input_tokens_as_printed"]
    require(models, set(columns), "rescaled_flops_chart")
    require(lines, {"year", "fitted", "fit"}, "rescaled_flops_chart")
    data = plain_columns(models, columns)
    line_data = _line_dates(lines[["year", "fitted", "fit"]])
    rescaled = f"at {int(tokens)} tokens"
    printed = "as printed (Table 7)"
    y_scale = alt.Scale(type="log", padding=EDGE)
    y_title = "GFLOPs per forward pass (log scale)"
    x_scale = alt.Scale(domain=_whole_years(_dates(data, line_data)))
    x = alt.X("release_date:T", title="release date", axis=YEAR_AXIS, scale=x_scale)
    moved = (
        alt.Chart(data)
        .transform_filter("datum.gflops != datum.gflops_as_printed")
        .mark_rule(color="#9a9a9a", strokeWidth=1.5)
        .encode(x=x, y=alt.Y("gflops_as_printed:Q", scale=y_scale, title=y_title), y2="gflops:Q")
    )
    points = (
        alt.Chart(data)
        .transform_fold(["gflops_as_printed", "gflops"], as_=["version", "value"])
        .transform_calculate(version=f"datum.version == 'gflops' ? '{rescaled}' : '{printed}'")
        .mark_point(filled=True, size=55, opacity=0.85)
        .encode(
            x=x,
            y=alt.Y("value:Q", scale=y_scale, title=y_title),
            color=alt.Color(
                "version:N",
                title="GFLOPs",
                scale=alt.Scale(
                    domain=[printed, rescaled],
                    range=[SOURCE_COLORS["paper"], SOURCE_COLORS["this book"]],
                ),
                legend=alt.Legend(orient="bottom", direction="vertical"),
            ),
            tooltip=[
                alt.Tooltip("model:N"),
                RELEASED,
                alt.Tooltip("version:N", title="GFLOPs"),
                alt.Tooltip("value:Q", title="GFLOPs per forward pass", format=",.2f"),
                alt.Tooltip("input_tokens_as_printed:Q", title="tokens as printed"),
            ],
        )
    )
    labels = list(dict.fromkeys(line_data["fit"]))
    trend = (
        alt.Chart(line_data)
        .mark_line(color="#333333", strokeWidth=1.8)
        .encode(
            x=alt.X("date:T", title="release date", axis=YEAR_AXIS, scale=x_scale),
            y=alt.Y("fitted:Q", scale=y_scale, title=y_title),
            strokeDash=alt.StrokeDash(
                "fit:N",
                title="fit to all models",
                scale=alt.Scale(
                    domain=labels,
                    range=[TREND_DASHES["solid"], TREND_DASHES["dashed"]][: len(labels)],
                ),
                legend=alt.Legend(orient="bottom", direction="vertical"),
            ),
            tooltip=[
                alt.Tooltip("fit:N", title="fit to all models"),
                alt.Tooltip("date:T", title="date", format="%Y-%m-%d"),
                alt.Tooltip("fitted:Q", title="fitted GFLOPs per forward pass", format=",.2f"),
            ],
        )
    )
    return alt.layer(moved, points, trend).properties(width=PLOT_WIDTH, height=HEIGHT)

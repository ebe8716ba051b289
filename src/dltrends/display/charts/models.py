"""Charts of the chapters CV trends and NLP trends (Figs 1-6 and 15 of Desislavov et al.)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from dltrends.checks import InputError
from dltrends.display.charts.base import (
    ARCHITECTURE_COLORS,
    HEIGHT,
    TREND_DASHES,
    WIDTH,
    YEAR_AXIS,
    natural_order,
    plain_columns,
    require,
)

# ----------------------------------------------------------------------------- CV and NLP trends
# Builders of the chapters "CV trends" and "NLP trends" (Figs 1-6 and 15 of Desislavov et al.).







def params_flops_chart(cv_models: pd.DataFrame) -> alt.Chart:
    """Fig. 1: parameters against GFLOPs of the ImageNet models, log-log, by architecture.

    ``cv_models`` has ``model``, ``params_millions``, ``gflops``, ``architecture``
    (CNN, Transformer, Hybrid), ``release_date``. Colours: :data:`ARCHITECTURE_COLORS`.
    """
    columns = {"model", "params_millions", "gflops", "architecture", "release_date"}
    require(cv_models, columns, "params_flops_chart")
    data = plain_columns(cv_models, sorted(columns))
    present = [a for a in ARCHITECTURE_COLORS if a in set(data["architecture"])]
    color = alt.Color(
        "architecture:N",
        scale=alt.Scale(domain=present, range=[ARCHITECTURE_COLORS[a] for a in present]),
        legend=alt.Legend(title="architecture", orient="bottom"),
    )
    return (
        alt.Chart(data)
        .mark_point(filled=True, size=60, opacity=0.75)
        .encode(
            x=alt.X(
                "params_millions:Q",
                title="parameters, millions (log scale)",
                scale=alt.Scale(type="log"),
            ),
            y=alt.Y("gflops:Q", title="GFLOPs per forward pass (log scale)", scale=alt.Scale(type="log")),
            color=color,
            shape=alt.Shape(
                "architecture:N",
                scale=alt.Scale(domain=present),
                legend=alt.Legend(title="architecture", orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("model:N"),
                alt.Tooltip("architecture:N"),
                alt.Tooltip("params_millions:Q", title="parameters (M)", format=",.1f"),
                alt.Tooltip("gflops:Q", title="GFLOPs", format=",.2f"),
                alt.Tooltip("release_date:N", title="released"),
            ],
        )
        .properties(width=WIDTH - 100, height=HEIGHT)
    )


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

    ``models`` has ``model``, ``release_date``, ``gflops`` and ``score_col``; rows with no
    score are left out. The bubble of the largest model has ``max_area`` square pixels
    and every other bubble a proportional area (a linear size scale from zero: Vega-Lite
    sizes are areas). A small dot marks the centre of each bubble so the smallest models
    stay visible. ``color_col`` (with the book's ``color_mapping`` if given) and
    ``shape_col`` are optional nominal columns.
    """
    columns = {"model", "release_date", "gflops", score_col}
    columns |= {c for c in (color_col, shape_col) if c}
    require(models, columns, "score_date_bubble_chart")
    data = plain_columns(models[models[score_col].notna()], sorted(columns))
    if data.empty:
        raise InputError(f"score_date_bubble_chart: no row has a {score_col!r} value")
    largest = float(data["gflops"].max())
    size = alt.Size(
        "gflops:Q",
        title="GFLOPs (bubble area)",
        scale=alt.Scale(type="linear", domain=[0, largest], range=[0, max_area], zero=True),
        legend=alt.Legend(orient="bottom", values=_area_values(largest)),
    )
    encodings: dict = {
        "x": alt.X("release_date:T", title="release date", axis=YEAR_AXIS),
        "y": alt.Y(f"{score_col}:Q", title=score_title, scale=alt.Scale(zero=False)),
        "tooltip": [
            alt.Tooltip("model:N"),
            alt.Tooltip(f"{score_col}:Q", title=score_title, format=".2f"),
            alt.Tooltip("gflops:Q", title="GFLOPs", format=",.2f"),
            alt.Tooltip("release_date:T", title="released", format="%Y-%m-%d"),
        ],
    }
    if color_col:
        if color_mapping:
            present = {k: v for k, v in color_mapping.items() if k in set(data[color_col])}
            color = alt.Color(
                f"{color_col}:N",
                scale=alt.Scale(domain=list(present), range=list(present.values())),
                legend=alt.Legend(title=color_col.replace("_", " "), orient="bottom"),
            )
        else:
            color = alt.Color(
                f"{color_col}:N",
                scale=alt.Scale(domain=natural_order(data[color_col]), scheme="tableau10"),
                legend=alt.Legend(title=color_col.replace("_", " "), orient="bottom"),
            )
        encodings["color"] = color
    if shape_col:
        encodings["shape"] = alt.Shape(
            f"{shape_col}:N",
            scale=alt.Scale(domain=natural_order(data[shape_col])),
            legend=alt.Legend(title=shape_col.replace("_", " "), orient="bottom"),
        )
    base = alt.Chart(data).encode(**encodings)
    bubbles = base.mark_point(filled=True, opacity=0.35, strokeWidth=1).encode(size=size)
    centres = base.mark_point(filled=True, size=8, opacity=1.0)
    return alt.layer(bubbles, centres).properties(width=WIDTH - 100, height=HEIGHT)


def _area_values(largest: float) -> list[float]:
    """Two round legend values (1-2-5 series, GFLOPs) for a bubble-area legend up to ``largest``."""
    candidates = [m * 10.0**k for k in range(-2, 8) for m in (1, 2, 5)]
    fitting = [c for c in candidates if largest / 25 <= c <= largest]
    return sorted(fitting[::-1][::2][:2]) if fitting else [largest]


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
    a dashed line is fitted to). ``lines`` (from :func:`dltrends.models.trend_line`,
    one or more stacked) has ``date``, ``fitted``, ``ci_lower``, ``ci_upper`` and
    ``fit``; ``dashes`` maps each ``fit`` label to 'dashed' or 'solid'
    (:data:`TREND_DASHES`). ``band`` draws each line's 95% confidence band.
    """
    columns = {"model", "release_date", "gflops", color_col}
    columns |= {c for c in (shape_col,) if c}
    require(points, columns, "flops_trend_chart")
    require(lines, {"date", "fitted", "ci_lower", "ci_upper", "fit"}, "flops_trend_chart")
    keep = sorted(columns | ({"highlight"} & set(points.columns)))
    data = plain_columns(points, keep)
    labels = list(dict.fromkeys(lines["fit"]))
    dashes = dashes or {}
    stroke_dash = alt.StrokeDash(
        "fit:N",
        title="exponential fit",
        scale=alt.Scale(domain=labels, range=[TREND_DASHES[dashes.get(f, "solid")] for f in labels]),
        legend=alt.Legend(orient="bottom", direction="vertical", symbolStrokeWidth=2),
    )
    y_scale = alt.Scale(type="log")
    x = alt.X("release_date:T", title="release date", axis=YEAR_AXIS)
    if color_mapping:
        present = {k: v for k, v in color_mapping.items() if k in set(data[color_col])}
        color_scale_ = alt.Scale(domain=list(present), range=list(present.values()))
    else:
        color_scale_ = alt.Scale(domain=natural_order(data[color_col]), scheme="tableau10")
    color = alt.Color(
        f"{color_col}:N",
        scale=color_scale_,
        legend=alt.Legend(title=color_col.replace("_", " "), orient="bottom", direction="vertical"),
    )
    point_enc: dict = {
        "x": x,
        "y": alt.Y("gflops:Q", title=y_title, scale=y_scale),
        "color": color,
        "tooltip": [
            alt.Tooltip("model:N"),
            alt.Tooltip("gflops:Q", title="GFLOPs", format=",.2f"),
            alt.Tooltip("release_date:T", title="released", format="%Y-%m-%d"),
            alt.Tooltip(f"{color_col}:N", title=color_col.replace("_", " ")),
        ],
    }
    if shape_col:
        point_enc["shape"] = alt.Shape(
            f"{shape_col}:N",
            scale=alt.Scale(domain=natural_order(data[shape_col])),
            legend=alt.Legend(title=shape_col.replace("_", " "), orient="bottom", direction="vertical"),
        )
    layers = []
    line_data = lines[["date", "fitted", "ci_lower", "ci_upper", "fit"]].reset_index(drop=True)
    line_x = alt.X("date:T", title="release date", axis=YEAR_AXIS)
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
            .encode(x=x, y=alt.Y("gflops:Q", scale=y_scale, title=y_title), tooltip=[alt.Tooltip("model:N")])
        )
    layers.append(
        alt.Chart(line_data)
        .mark_line(color="#333333", strokeWidth=1.8)
        .encode(
            x=line_x,
            y=alt.Y("fitted:Q", scale=y_scale, title=y_title),
            strokeDash=stroke_dash,
            tooltip=[alt.Tooltip("fit:N"), alt.Tooltip("fitted:Q", title="fitted GFLOPs", format=",.2f")],
        )
    )
    return alt.layer(*layers).properties(width=WIDTH - 100, height=HEIGHT)


def score_flops_chart(
    models: pd.DataFrame,
    score_col: str,
    score_title: str,
    frontier: pd.DataFrame | None = None,
) -> alt.LayerChart:
    """Figs 4 and 5: a score against GFLOPs (log x), coloured by release date.

    ``models`` has ``model``, ``gflops``, ``release_date`` and ``score_col`` (rows with
    no score are left out). ``frontier`` (from :func:`dltrends.trends.pareto_frontier`),
    if given, is drawn as a grey step line: each frontier model is the best score
    reachable at its GFLOPs or more, until the next one.
    """
    columns = {"model", "gflops", "release_date", score_col}
    require(models, columns, "score_flops_chart")
    data = plain_columns(models[models[score_col].notna()], sorted(columns))
    if data.empty:
        raise InputError(f"score_flops_chart: no row has a {score_col!r} value")
    x = alt.X("gflops:Q", title="GFLOPs per forward pass (log scale)", scale=alt.Scale(type="log"))
    y = alt.Y(f"{score_col}:Q", title=score_title, scale=alt.Scale(zero=False))
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
                scale=alt.Scale(scheme="viridis"),
                legend=alt.Legend(
                    orient="bottom",
                    format="%Y",
                    gradientLength=300,
                    tickCount={"interval": "year", "step": 1},
                ),
            ),
            tooltip=[
                alt.Tooltip("model:N"),
                alt.Tooltip(f"{score_col}:Q", title=score_title, format=".2f"),
                alt.Tooltip("gflops:Q", title="GFLOPs", format=",.2f"),
                alt.Tooltip("release_date:T", title="released", format="%Y-%m-%d"),
            ],
        )
    )
    return alt.layer(*layers).properties(width=WIDTH - 100, height=HEIGHT)


def rescaled_flops_chart(models: pd.DataFrame, lines: pd.DataFrame, tokens: int) -> alt.LayerChart:
    """GFLOPs as printed and rescaled to ``tokens`` tokens, against release date (log y).

    ``models`` (from :func:`dltrends.models.normalise_to_tokens`) has ``model``,
    ``release_date``, ``gflops`` (rescaled) and ``gflops_as_printed``; a grey rule joins
    the two values of each model that moved. ``lines`` are the all-model trend lines
    of both versions (``date``, ``fitted``, ``fit``; solid for as printed, dashed for
    rescaled, in that order).
    """
    require(models, {"model", "release_date", "gflops", "gflops_as_printed"}, "rescaled_flops_chart")
    require(lines, {"date", "fitted", "fit"}, "rescaled_flops_chart")
    data = plain_columns(models, ["model", "release_date", "gflops", "gflops_as_printed"])
    rescaled = f"at {int(tokens)} tokens"
    y_scale = alt.Scale(type="log")
    y_title = "GFLOPs per forward pass (log scale)"
    x = alt.X("release_date:T", title="release date", axis=YEAR_AXIS)
    moved = (
        alt.Chart(data)
        .transform_filter("datum.gflops != datum.gflops_as_printed")
        .mark_rule(color="#9a9a9a", strokeWidth=1.5)
        .encode(x=x, y=alt.Y("gflops_as_printed:Q", scale=y_scale, title=y_title), y2="gflops:Q")
    )
    points = (
        alt.Chart(data)
        .transform_fold(["gflops_as_printed", "gflops"], as_=["version", "value"])
        .transform_calculate(
            version=f"datum.version == 'gflops' ? '{rescaled}' : 'as printed (Table 7)'"
        )
        .mark_point(filled=True, size=55, opacity=0.85)
        .encode(
            x=x,
            y=alt.Y("value:Q", scale=y_scale, title=y_title),
            color=alt.Color(
                "version:N",
                title="GFLOPs",
                scale=alt.Scale(
                    domain=["as printed (Table 7)", rescaled], range=["#9d755d", "#4c78a8"]
                ),
                legend=alt.Legend(orient="bottom", direction="vertical"),
            ),
            tooltip=[
                alt.Tooltip("model:N"),
                alt.Tooltip("version:N"),
                alt.Tooltip("value:Q", title="GFLOPs", format=",.2f"),
            ],
        )
    )
    labels = list(dict.fromkeys(lines["fit"]))
    trend = (
        alt.Chart(lines[["date", "fitted", "fit"]].reset_index(drop=True))
        .mark_line(color="#333333", strokeWidth=1.8)
        .encode(
            x=alt.X("date:T", title="release date", axis=YEAR_AXIS),
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
        )
    )
    return alt.layer(moved, points, trend).properties(width=WIDTH - 100, height=HEIGHT)

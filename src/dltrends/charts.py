"""The book's chart builders. Each returns an ``alt.Chart`` and is unit-tested via ``to_dict()``.

Conventions kept across the book: lower-case axis titles with units; log scales say
"(log scale)"; one colour meaning per book: architecture (CNN, transformer, hybrid),
precision (FP32, FP16, tensor, mixed, TF32) and source (paper or this book).
Importing this module enables the offline renderer of :mod:`dltrends.render`.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from dltrends.checks import InputError

from . import checks, render

render.enable()

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


def efficiency_by_precision_chart(table: pd.DataFrame) -> alt.Chart:
    """Peak against adapted GFLOPS/W for the GPUs with NGC measurements.

    ``table`` has columns ``gpu``, ``precision``, ``kind`` ('peak (Table 8)' or an adapted
    label) and ``gflops_per_watt``. Horizontal bars, log x, one row per GPU and precision.
    """
    required = {"gpu", "precision", "kind", "gflops_per_watt"}
    missing = required - set(table.columns)
    if missing:
        raise InputError(f"efficiency_by_precision_chart: missing columns {sorted(missing)}")
    data = table.assign(label=table["gpu"] + " " + table["precision"])
    return (
        alt.Chart(data)
        .mark_point(filled=True, size=90, opacity=0.9)
        .encode(
            y=alt.Y("label:N", title=None, sort=None),
            x=alt.X(
                "gflops_per_watt:Q",
                title="efficiency, GFLOPS per watt (= GFLOP per joule, log scale)",
                scale=alt.Scale(type="log"),
            ),
            color=alt.Color(
                "kind:N",
                title="efficiency",
                scale=alt.Scale(scheme="tableau10"),
                legend=alt.Legend(orient="bottom", direction="vertical"),
            ),
            shape=alt.Shape("kind:N", title="efficiency"),
            tooltip=[
                alt.Tooltip("gpu:N"),
                alt.Tooltip("precision:N"),
                alt.Tooltip("kind:N"),
                alt.Tooltip("gflops_per_watt:Q", format=".1f", title="GFLOPS/W"),
            ],
        )
        .properties(width=WIDTH - 200, height=alt.Step(22))
    )


def energy_per_inference_chart(table: pd.DataFrame) -> alt.Chart:
    """Joules for one inference of one model on several GPU and precision settings.

    ``table`` has columns ``setting`` (e.g. 'Tesla V100 FP32'), ``joules`` and
    ``precision``; bars coloured by precision, linear x (a bar's length is the energy).
    """
    required = {"setting", "joules", "precision"}
    missing = required - set(table.columns)
    if missing:
        raise InputError(f"energy_per_inference_chart: missing columns {sorted(missing)}")
    return (
        alt.Chart(table)
        .mark_bar()
        .encode(
            y=alt.Y("setting:N", title=None, sort="-x"),
            x=alt.X(
                "joules:Q",
                title="energy per inference, joules",
            ),
            color=color_scale(
                {k: v for k, v in PRECISION_COLORS.items() if k in set(table["precision"])},
                "precision",
            ),
            tooltip=[
                alt.Tooltip("setting:N"),
                alt.Tooltip("joules:Q", format=".4f", title="joules"),
            ],
        )
        .properties(width=WIDTH - 220, height=alt.Step(22))
    )


# ----------------------------------------------------------------------------- CV and NLP trends
# Builders of the chapters "CV trends" and "NLP trends" (Figs 1-6 and 15 of Desislavov et al.).

#: Strokes of the trend lines: dashed for a selection of leading models, solid for all.
TREND_DASHES = {"dashed": [6, 4], "solid": [1, 0]}


#: A date axis with one labelled tick per year.
_CVNLP_YEAR_AXIS = alt.Axis(format="%Y", tickCount={"interval": "year", "step": 1})


def _cvnlp_natural_order(values: object) -> list:
    """Distinct values in natural order: by a leading number if there is one ('128 tokens')."""
    import re

    def key(value: object) -> tuple:
        match = re.match(r"\s*(\d+(?:\.\d+)?)", str(value))
        return (0, float(match.group(1)), str(value)) if match else (1, 0.0, str(value))

    return sorted({v for v in values if v is not None}, key=key)


def _cvnlp_require(table: pd.DataFrame, columns: set[str], builder: str) -> None:
    missing = columns - set(table.columns)
    if missing:
        raise InputError(f"{builder}: missing columns {sorted(missing)}")


def _cvnlp_columns(table: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Only the columns a chart needs, with categoricals and pandas strings as plain text."""
    out = table[columns].copy()
    for column in columns:
        if isinstance(out[column].dtype, (pd.CategoricalDtype, pd.StringDtype)):
            out[column] = out[column].astype(object).where(out[column].notna(), None)
        elif pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%Y-%m-%d")
    return out.reset_index(drop=True)


def params_flops_chart(cv_models: pd.DataFrame) -> alt.Chart:
    """Fig. 1: parameters against GFLOPs of the ImageNet models, log-log, by architecture.

    ``cv_models`` has ``model``, ``params_millions``, ``gflops``, ``architecture``
    (CNN, Transformer, Hybrid), ``release_date``. Colours: :data:`ARCHITECTURE_COLORS`.
    """
    columns = {"model", "params_millions", "gflops", "architecture", "release_date"}
    _cvnlp_require(cv_models, columns, "params_flops_chart")
    data = _cvnlp_columns(cv_models, sorted(columns))
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
    _cvnlp_require(models, columns, "score_date_bubble_chart")
    data = _cvnlp_columns(models[models[score_col].notna()], sorted(columns))
    if data.empty:
        raise InputError(f"score_date_bubble_chart: no row has a {score_col!r} value")
    largest = float(data["gflops"].max())
    size = alt.Size(
        "gflops:Q",
        title="GFLOPs (bubble area)",
        scale=alt.Scale(type="linear", domain=[0, largest], range=[0, max_area], zero=True),
        legend=alt.Legend(orient="bottom", values=_cvnlp_area_values(largest)),
    )
    encodings: dict = {
        "x": alt.X("release_date:T", title="release date", axis=_CVNLP_YEAR_AXIS),
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
                scale=alt.Scale(domain=_cvnlp_natural_order(data[color_col]), scheme="tableau10"),
                legend=alt.Legend(title=color_col.replace("_", " "), orient="bottom"),
            )
        encodings["color"] = color
    if shape_col:
        encodings["shape"] = alt.Shape(
            f"{shape_col}:N",
            scale=alt.Scale(domain=_cvnlp_natural_order(data[shape_col])),
            legend=alt.Legend(title=shape_col.replace("_", " "), orient="bottom"),
        )
    base = alt.Chart(data).encode(**encodings)
    bubbles = base.mark_point(filled=True, opacity=0.35, strokeWidth=1).encode(size=size)
    centres = base.mark_point(filled=True, size=8, opacity=1.0)
    return alt.layer(bubbles, centres).properties(width=WIDTH - 100, height=HEIGHT)


def _cvnlp_area_values(largest: float) -> list[float]:
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
    _cvnlp_require(points, columns, "flops_trend_chart")
    _cvnlp_require(lines, {"date", "fitted", "ci_lower", "ci_upper", "fit"}, "flops_trend_chart")
    keep = sorted(columns | ({"highlight"} & set(points.columns)))
    data = _cvnlp_columns(points, keep)
    labels = list(dict.fromkeys(lines["fit"]))
    dashes = dashes or {}
    stroke_dash = alt.StrokeDash(
        "fit:N",
        title="exponential fit",
        scale=alt.Scale(domain=labels, range=[TREND_DASHES[dashes.get(f, "solid")] for f in labels]),
        legend=alt.Legend(orient="bottom", direction="vertical", symbolStrokeWidth=2),
    )
    y_scale = alt.Scale(type="log")
    x = alt.X("release_date:T", title="release date", axis=_CVNLP_YEAR_AXIS)
    if color_mapping:
        present = {k: v for k, v in color_mapping.items() if k in set(data[color_col])}
        color_scale_ = alt.Scale(domain=list(present), range=list(present.values()))
    else:
        color_scale_ = alt.Scale(domain=_cvnlp_natural_order(data[color_col]), scheme="tableau10")
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
            scale=alt.Scale(domain=_cvnlp_natural_order(data[shape_col])),
            legend=alt.Legend(title=shape_col.replace("_", " "), orient="bottom", direction="vertical"),
        )
    layers = []
    line_data = lines[["date", "fitted", "ci_lower", "ci_upper", "fit"]].reset_index(drop=True)
    line_x = alt.X("date:T", title="release date", axis=_CVNLP_YEAR_AXIS)
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
    _cvnlp_require(models, columns, "score_flops_chart")
    data = _cvnlp_columns(models[models[score_col].notna()], sorted(columns))
    if data.empty:
        raise InputError(f"score_flops_chart: no row has a {score_col!r} value")
    x = alt.X("gflops:Q", title="GFLOPs per forward pass (log scale)", scale=alt.Scale(type="log"))
    y = alt.Y(f"{score_col}:Q", title=score_title, scale=alt.Scale(zero=False))
    layers = []
    if frontier is not None:
        _cvnlp_require(frontier, columns, "score_flops_chart (frontier)")
        front = _cvnlp_columns(frontier, sorted(columns)).sort_values("gflops", kind="stable")
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
    _cvnlp_require(models, {"model", "release_date", "gflops", "gflops_as_printed"}, "rescaled_flops_chart")
    _cvnlp_require(lines, {"date", "fitted", "fit"}, "rescaled_flops_chart")
    data = _cvnlp_columns(models, ["model", "release_date", "gflops", "gflops_as_printed"])
    rescaled = f"at {int(tokens)} tokens"
    y_scale = alt.Scale(type="log")
    y_title = "GFLOPs per forward pass (log scale)"
    x = alt.X("release_date:T", title="release date", axis=_CVNLP_YEAR_AXIS)
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
            x=alt.X("date:T", title="release date", axis=_CVNLP_YEAR_AXIS),
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
# --------------------------------------------------------------------------- memory wall chapter
# Builders of the "Memory wall" chapter (book/markdown/memory_wall.md).

#: Domain colours of the Memory Wall tables: its CV models are all CNNs and its NLP models
#: (nearly) all transformers, so they reuse the architecture colours.
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


def _require(table: pd.DataFrame, columns: set[str], builder: str) -> None:
    checks.frame(table, columns, builder)


def _role_scale(roles: list[str], title: str) -> alt.Color:
    mapping = {role: MEMORY_ROLE_COLORS[role] for role in roles}
    return alt.Color(
        "role:N" if title == "role" else f"{title}:N",
        scale=alt.Scale(domain=list(mapping), range=list(mapping.values())),
        legend=alt.Legend(title=title, orient="bottom"),
    )


_GROWTH_METRICS = {
    "params_millions": ("parameters, millions (log scale)", ",.4~r", "parameters (M)"),
    "inference_gflops": ("inference GFLOPs per input (log scale)", ",.4~r", "inference GFLOPs"),
}


def memory_wall_growth_chart(table: pd.DataFrame, metric: str = "params_millions") -> alt.Chart:
    """Parameters or inference GFLOPs of the Memory Wall's models against release date.

    ``table`` is :func:`dltrends.memory.memory_wall_growth_table` (one reading per model);
    ``metric`` is ``params_millions`` or ``inference_gflops``. Points on a log y axis,
    coloured and shaped by domain (CV, NLP); rows without a value are left out.
    """
    if metric not in _GROWTH_METRICS:
        raise InputError(f"metric must be one of {sorted(_GROWTH_METRICS)}, got {metric!r}")
    _require(
        table, {"model", "domain", "release_date", "source_document", metric}, "memory_wall_growth_chart"
    )
    data = table[table[metric].notna() & (table[metric] > 0)].copy()
    data["release_date"] = pd.to_datetime(data["release_date"]).dt.strftime("%Y-%m-%d")
    title, fmt, tip = _GROWTH_METRICS[metric]
    domains = [d for d in DOMAIN_COLORS if d in set(data["domain"])]
    return (
        alt.Chart(data)
        .mark_point(filled=True, size=80, opacity=0.9)
        .encode(
            x=alt.X("release_date:T", title="release date", axis=alt.Axis(format="%Y")),
            y=alt.Y(f"{metric}:Q", title=title, scale=alt.Scale(type="log")),
            color=alt.Color(
                "domain:N",
                scale=alt.Scale(domain=domains, range=[DOMAIN_COLORS[d] for d in domains]),
                legend=alt.Legend(title="domain", orient="bottom"),
            ),
            shape=alt.Shape(
                "domain:N",
                scale=alt.Scale(domain=domains),
                legend=alt.Legend(title="domain", orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("model:N"),
                alt.Tooltip("release_date:T", title="release date", format="%Y-%m-%d"),
                alt.Tooltip(f"{metric}:Q", title=tip, format=fmt),
                alt.Tooltip("source_document:N", title="document(s)"),
            ],
        )
        .properties(width=WIDTH - 110, height=HEIGHT - 60)
    )


def training_memory_breakdown_chart(table: pd.DataFrame) -> alt.LayerChart:
    """The Memory Wall's training-memory breakdown: stacked bars and the printed total.

    ``table`` is :func:`dltrends.memory.memory_wall_breakdown_long`. One stacked bar per
    model (parameters, optimizer, activations, in GB as printed, LINEAR y), in the table's
    order (by year), with a black tick at the printed total: where the tick leaves the
    top of the bar, the printed total is not the sum of its parts. Tooltips give the
    year, input size and batch size.
    """
    needed = {
        "model",
        "year",
        "input_size",
        "batch_size",
        "component",
        "component_order",
        "gb_printed",
        "total_gb_printed",
        "sum_of_parts_gb",
    }
    _require(table, needed, "training_memory_breakdown_chart")
    order = list(dict.fromkeys(table["model"]))
    components = list(dict.fromkeys(table.sort_values("component_order")["component"]))
    base = alt.Chart(table).encode(
        x=alt.X("model:N", title=None, sort=order, axis=alt.Axis(labelAngle=-30, labelLimit=160))
    )
    context = [
        alt.Tooltip("model:N"),
        alt.Tooltip("year:Q", format="d"),
        alt.Tooltip("input_size:N", title="input size (pixels or tokens)"),
        alt.Tooltip("batch_size:Q", title="batch size"),
    ]
    bars = base.mark_bar().encode(
        y=alt.Y("gb_printed:Q", title="training memory, GB as printed", stack="zero"),
        color=_role_scale(components, "component"),
        order=alt.Order("component_order:Q"),
        tooltip=[
            *context,
            alt.Tooltip("component:N"),
            alt.Tooltip("gb_printed:Q", title="GB (printed)", format=".2f"),
        ],
    )
    totals = (
        alt.Chart(table.drop_duplicates("model"))
        .mark_tick(color="black", thickness=3, size=26)
        .encode(
            x=alt.X("model:N", sort=order),
            y=alt.Y("total_gb_printed:Q"),
            tooltip=[
                *context,
                alt.Tooltip("total_gb_printed:Q", title="total, printed (GB)", format=".2f"),
                alt.Tooltip("sum_of_parts_gb:Q", title="sum of the printed parts (GB)", format=".2f"),
            ],
        )
    )
    return alt.layer(bars, totals).properties(width=WIDTH - 120, height=HEIGHT - 40)


def unit_check_chart(table: pd.DataFrame) -> alt.LayerChart:
    """Computed over printed params memory, in GB and GiB, with the printed value's rounding band.

    ``table`` is :func:`dltrends.memory.memory_wall_unit_check_long`. One row per model
    and parameter count; a grey bar spans the ratios that round to the printed value
    (printed +- 0.005), and a point per unit marks computed / printed (LINEAR x). A point
    inside the band is the unit that row uses.
    """
    _require(
        table,
        {"label", "unit", "ratio", "band_low", "band_high", "computed", "printed", "matches"},
        "unit_check_chart",
    )
    order = list(dict.fromkeys(table["label"]))
    y = alt.Y("label:N", title=None, sort=order, axis=alt.Axis(labelLimit=260))
    bands = (
        alt.Chart(table.drop_duplicates("label"))
        .mark_rule(color="#bbbbbb", strokeWidth=9, opacity=0.8)
        .encode(
            y=y,
            x=alt.X(
                "band_low:Q",
                title="computed / printed params memory (grey: rounds to the printed value)",
                scale=alt.Scale(zero=False),
            ),
            x2="band_high:Q",
            tooltip=[alt.Tooltip("label:N", title="row"), alt.Tooltip("printed:Q", format=".2f")],
        )
    )
    units = list(dict.fromkeys(table["unit"]))
    points = (
        alt.Chart(table)
        .mark_point(filled=True, size=70)
        .encode(
            y=y,
            x=alt.X("ratio:Q"),
            color=alt.Color(
                "unit:N",
                scale=alt.Scale(domain=units, range=[SOURCE_COLORS["this book"], "#e45756"][: len(units)]),
                legend=alt.Legend(title="computed in", orient="bottom"),
            ),
            shape=alt.Shape(
                "unit:N",
                scale=alt.Scale(domain=units),
                legend=alt.Legend(title="computed in", orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("label:N", title="row"),
                alt.Tooltip("unit:N"),
                alt.Tooltip("computed:Q", format=".3f"),
                alt.Tooltip("printed:Q", format=".2f"),
                alt.Tooltip("ratio:Q", format=".3f"),
                alt.Tooltip("matches:N", title="rounds to the printed value"),
            ],
        )
    )
    return alt.layer(bands, points).properties(width=WIDTH - 300, height=alt.Step(20))


def layer_memory_chart(table: pd.DataFrame) -> alt.Chart:
    """Activations and parameters per layer of one network (from :func:`layers.layer_table`).

    Points on a log x axis, one row per layer in network order; counts of zero (pooling
    layers have no parameters, the input none) are left out, since a log scale cannot
    show them. Activations are per sample: they are multiplied by the batch size in
    memory, parameters are not.
    """
    _require(table, {"name", "activations", "parameters"}, "layer_memory_chart")
    order = list(table["name"])
    long = table.melt(
        id_vars=["name"], value_vars=["activations", "parameters"], var_name="what", value_name="count"
    )
    long = long[long["count"] > 0]
    return (
        alt.Chart(long)
        .mark_point(filled=True, size=80)
        .encode(
            y=alt.Y("name:N", title=None, sort=order),
            x=alt.X(
                "count:Q",
                title="count per layer (per sample for activations, log scale)",
                scale=alt.Scale(
                    type="log", domain=[float(long["count"].min()) / 2, float(long["count"].max()) * 2]
                ),
            ),
            color=_role_scale(["activations", "parameters"], "what"),
            shape=alt.Shape(
                "what:N",
                scale=alt.Scale(domain=["activations", "parameters"]),
                legend=alt.Legend(title="what", orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("name:N", title="layer"),
                alt.Tooltip("what:N"),
                alt.Tooltip("count:Q", format=","),
            ],
        )
        .properties(width=WIDTH - 160, height=alt.Step(20))
    )


def rule_of_thumb_chart(table: pd.DataFrame) -> alt.Chart:
    """Seed 003's rule-of-thumb examples: how far params x 20 bytes is from the printed value.

    ``table`` is :func:`dltrends.memory.seed003_rule_examples`. One point per example at
    (recomputed - printed) / printed in per cent (LINEAR x, 0 = the rule reproduces the
    printed value), coloured and shaped by whether it rounds to the printed value.
    """
    _require(
        table,
        {"example", "params", "bytes", "printed", "printed_unit", "computed_in_printed_unit", "match"},
        "rule_of_thumb_chart",
    )
    data = table[["example", "params", "printed", "printed_unit", "computed_in_printed_unit", "match"]].copy()
    data["difference_pct"] = 100 * (data["computed_in_printed_unit"] / data["printed"] - 1)
    matches = {"yes": SOURCE_COLORS["this book"], "no": "#e45756"}
    return (
        alt.Chart(data)
        .mark_point(filled=True, size=110)
        .encode(
            y=alt.Y("example:N", title=None, sort=list(data["example"])),
            x=alt.X(
                "difference_pct:Q",
                title="params x 20 bytes against the printed value, % difference",
                scale=alt.Scale(domain=[-2, max(10.0, float(data["difference_pct"].max()) + 1)]),
            ),
            color=alt.Color(
                "match:N",
                scale=alt.Scale(domain=list(matches), range=list(matches.values())),
                legend=alt.Legend(title="rounds to the printed value", orient="bottom"),
            ),
            shape=alt.Shape(
                "match:N",
                scale=alt.Scale(domain=list(matches)),
                legend=alt.Legend(title="rounds to the printed value", orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("example:N"),
                alt.Tooltip("params:Q", format=",.0f", title="parameters"),
                alt.Tooltip("computed_in_printed_unit:Q", format=",.4~f", title="params x 20 B"),
                alt.Tooltip("printed:Q", format="g", title="printed"),
                alt.Tooltip("printed_unit:N", title="unit"),
                alt.Tooltip("difference_pct:Q", format=".2f", title="difference, %"),
            ],
        )
        .properties(width=WIDTH - 220, height=alt.Step(28))
    )


def bytes_per_param_chart(table: pd.DataFrame) -> alt.Chart:
    """Bytes per parameter of each training convention and inference precision.

    ``table`` is :func:`dltrends.memory.bytes_per_param_components`: one stacked
    horizontal bar per setup (LINEAR x), one segment per stored copy, coloured by role
    (weights, gradients, optimizer state). Activations are not included.
    """
    _require(table, {"setup", "label", "item", "role", "bytes", "setup_total"}, "bytes_per_param_chart")
    data = table.reset_index(drop=True).assign(item_order=lambda t: t.index)
    roles = [r for r in ("weights", "gradients", "optimizer state") if r in set(data["role"])]
    return (
        alt.Chart(data)
        .mark_bar(stroke="white", strokeWidth=1)
        .encode(
            y=alt.Y(
                "label:N", title=None, sort=list(dict.fromkeys(data["label"])), axis=alt.Axis(labelLimit=330)
            ),
            x=alt.X("bytes:Q", title="bytes per parameter", stack="zero"),
            color=_role_scale(roles, "role"),
            order=alt.Order("item_order:Q"),
            tooltip=[
                alt.Tooltip("label:N", title="setup"),
                alt.Tooltip("item:N", title="stored copy"),
                alt.Tooltip("bytes:Q", format="g"),
                alt.Tooltip("setup_total:Q", format="g", title="total bytes per parameter"),
            ],
        )
        .properties(width=WIDTH - 360, height=alt.Step(24))
    )


def memory_calculator_chart(
    setups: pd.DataFrame,
    models: pd.DataFrame,
    initial_log10_params: float = 9.0,
    initial_setup: str = "seed003_mixed_adam",
) -> alt.LayerChart:
    """An interactive memory calculator: parameters and setup in, memory out (no kernel).

    ``setups`` is :func:`dltrends.memory.calculator_setups` (``setup``, ``label``,
    ``bytes_per_param``), ``models`` is :func:`dltrends.memory.calculator_models`
    (``model``, ``params``). Two Altair parameters bound to widgets: ``log10_params``
    (a slider from 6 to 12, i.e. 10^6 to 10^12 parameters) and ``setup`` (a select of the
    setups). The chart draws memory = params x bytes per parameter (GB = 10^9 B, log-log)
    for the chosen setup as a line, the named models as labelled points, the chosen size
    as a red point, and a text mark (named ``memory_readout``) that reads e.g. "1 billion
    parameters x 20 B = 20.00 GB (18.63 GiB)". Activations are not included.
    """
    _require(setups, {"setup", "label", "bytes_per_param"}, "memory_calculator_chart")
    _require(models, {"model", "params"}, "memory_calculator_chart")
    names = list(setups["setup"])
    if initial_setup not in names:
        raise InputError(f"initial_setup must be one of {names}, got {initial_setup!r}")
    if not 6 <= float(initial_log10_params) <= 12:
        raise InputError(f"initial_log10_params must be within 6 and 12, got {initial_log10_params!r}")
    log_params = alt.param(
        name="log10_params",
        value=float(initial_log10_params),
        bind=alt.binding_range(
            min=6, max=12, step=0.01, name="parameters, log10 (6 = 1 million, 12 = 1 trillion) "
        ),
    )
    setup = alt.param(
        name="setup",
        value=initial_setup,
        bind=alt.binding_select(options=names, labels=list(setups["label"]), name="setup "),
    )
    plain = setups[["setup", "label", "bytes_per_param"]].reset_index(drop=True)
    grid = pd.DataFrame({"log10": [6 + 0.5 * i for i in range(13)]})
    line_data = plain.merge(grid, how="cross").assign(params=lambda t: 10.0 ** t["log10"])
    line_data["gb"] = line_data["params"] * line_data["bytes_per_param"] / 1e9
    model_data = models[["model", "params"]].merge(plain, how="cross")
    model_data["gb"] = model_data["params"] * model_data["bytes_per_param"] / 1e9
    x = alt.X(
        "params:Q",
        title="parameters (log scale)",
        scale=alt.Scale(type="log", domain=[1e6, 1e12]),
        axis=alt.Axis(format="~s"),
    )
    y = alt.Y("gb:Q", title="memory, GB = 10^9 bytes (log scale)", scale=alt.Scale(type="log"))
    chosen = alt.datum.setup == setup
    line = alt.Chart(line_data).mark_line(color="#888888").encode(x=x, y=y).transform_filter(chosen)
    named = alt.Chart(model_data).transform_filter(chosen)
    points = named.mark_point(filled=True, size=60, color="#333333").encode(
        x=x,
        y=y,
        tooltip=[
            alt.Tooltip("model:N"),
            alt.Tooltip("params:Q", format=",.0f", title="parameters"),
            alt.Tooltip("gb:Q", format=",.2f", title="GB"),
        ],
    )
    labels = named.mark_text(align="left", dx=6, dy=-8, fontSize=11).encode(x=x, y=y, text="model:N")
    mine = (
        alt.Chart(plain)
        .transform_filter(chosen)
        .transform_calculate(params=f"pow(10, {log_params.name})")
        .transform_calculate(gb="datum.params * datum.bytes_per_param / 1e9")
    )
    marker = mine.mark_point(filled=True, size=160, color="#e45756", shape="diamond").encode(x=x, y=y)
    readout = (
        mine.transform_calculate(
            params_text=(
                "datum.params >= 1e9 ? format(datum.params / 1e9, '.3~r') + ' billion'"
                " : format(datum.params / 1e6, '.3~r') + ' million'"
            ),
            memory_text=(
                "datum.gb >= 1000 ? format(datum.gb / 1000, ',.2f') + ' TB'"
                " : format(datum.gb, ',.2f') + ' GB'"
            ),
            gib_text="format(datum.gb * 1e9 / pow(2, 30), ',.2f') + ' GiB'",
        )
        .transform_calculate(
            readout=(
                "datum.params_text + ' parameters x ' + format(datum.bytes_per_param, '~g') + ' B = '"
                " + datum.memory_text + ' (' + datum.gib_text + ')'"
            )
        )
        .mark_text(align="left", baseline="top", fontSize=14, fontWeight="bold", color="#e45756")
        .encode(x=alt.value(6), y=alt.value(6), text="readout:N")
        .properties(name="memory_readout")
    )
    return (
        alt.layer(line, points, labels, marker, readout)
        .add_params(log_params, setup)
        .properties(width=WIDTH - 100, height=HEIGHT)
    )


def activation_batch_chart(
    table: pd.DataFrame, reference: pd.DataFrame | None = None
) -> alt.Chart | alt.LayerChart:
    """Activation memory against batch size, one line per setting (e.g. input size).

    ``table`` is :func:`dltrends.memory.activation_memory_by_batch`: x batch size (log
    scale, base 2), y GB = 10^9 B (LINEAR). ``reference`` (optional; columns
    ``batch_size``, ``gb``, ``label``) adds labelled black points, e.g. the Memory Wall's
    printed activation memory.
    """
    _require(
        table, {"setting", "batch_size", "gb", "gib", "activations_per_sample"}, "activation_batch_chart"
    )
    lines = (
        alt.Chart(table)
        .mark_line(point=True)
        .encode(
            x=alt.X(
                "batch_size:Q",
                title="batch size (log scale)",
                scale=alt.Scale(type="log", base=2),
                axis=alt.Axis(values=sorted(set(int(b) for b in table["batch_size"]))),
            ),
            y=alt.Y("gb:Q", title="activation memory, GB = 10^9 bytes"),
            color=alt.Color(
                "setting:N",
                scale=alt.Scale(scheme="tableau10"),
                legend=alt.Legend(title="setting", orient="bottom", direction="vertical"),
            ),
            tooltip=[
                alt.Tooltip("setting:N"),
                alt.Tooltip("batch_size:Q", title="batch size"),
                alt.Tooltip("activations_per_sample:Q", format=",", title="activations per sample"),
                alt.Tooltip("gb:Q", format=",.3f", title="GB"),
                alt.Tooltip("gib:Q", format=",.3f", title="GiB"),
            ],
        )
        .properties(width=WIDTH - 100, height=HEIGHT - 60)
    )
    if reference is None:
        return lines
    _require(reference, {"batch_size", "gb", "label"}, "activation_batch_chart (reference)")
    ref = alt.Chart(reference).encode(x="batch_size:Q", y="gb:Q")
    marks = ref.mark_point(shape="square", size=90, filled=True, color="black").encode(
        tooltip=[alt.Tooltip("label:N"), alt.Tooltip("batch_size:Q"), alt.Tooltip("gb:Q", format=".2f")]
    )
    text = ref.mark_text(align="right", dx=-8, dy=-6, fontSize=11).encode(text="label:N")
    return alt.layer(lines, marks, text)


def transformer_activation_chart(table: pd.DataFrame) -> alt.Chart:
    """Transformer activation memory: formula (16-bit and 32-bit) against the Memory Wall.

    ``table`` is :func:`dltrends.memory.transformer_activation_long`. One row per model
    and sequence length (and one for each model's printed value), GB = 10^9 B on a LINEAR
    x axis; colour says paper or this book, shape the storage size.
    """
    _require(table, {"row", "model", "what", "source", "gb"}, "transformer_activation_chart")
    whats = list(dict.fromkeys(table["what"]))
    return (
        alt.Chart(table)
        .mark_point(filled=True, size=90, opacity=0.9)
        .encode(
            y=alt.Y(
                "row:N", title=None, sort=list(dict.fromkeys(table["row"])), axis=alt.Axis(labelLimit=260)
            ),
            x=alt.X("gb:Q", title="activation memory of the batch, GB = 10^9 bytes"),
            color=alt.Color(
                "source:N",
                scale=alt.Scale(domain=list(SOURCE_COLORS), range=list(SOURCE_COLORS.values())),
                legend=alt.Legend(title="source", orient="bottom", direction="vertical"),
            ),
            shape=alt.Shape(
                "what:N",
                scale=alt.Scale(domain=whats),
                legend=alt.Legend(title="value", orient="bottom", direction="vertical"),
            ),
            tooltip=[
                alt.Tooltip("row:N", title="case"),
                alt.Tooltip("what:N", title="value"),
                alt.Tooltip("gb:Q", format=",.2f", title="GB"),
            ],
        )
        .properties(width=WIDTH - 280, height=alt.Step(26))
    )
# ----------------------------------------------------------------------------- hardware, energy, forecasting
# Figs 7-14 of Desislavov et al. (2023) and the interactive multiplicative-effect chart.

#: One colour and one dash per model selection, kept across Figs 9, 10, 13, 14 and the
#: interactive chart: the cutting-edge models, all models, the yearly means.
SELECTION_COLORS = {"best models": "#7f3c8d", "all models": "#11a579", "yearly mean": "#3969ac"}
SELECTION_DASHES = {"best models": [6, 3], "all models": [1, 0], "yearly mean": [2, 2]}


def _hef_require(table: pd.DataFrame, columns: set[str], name: str) -> None:
    checks.frame(table, columns, name)


def _year_axis(title: str = "launch date (year)", field: str = "year") -> alt.X:
    return alt.X(
        f"{field}:Q",
        title=title,
        scale=alt.Scale(zero=False, nice=False),
        axis=alt.Axis(format="d", tickMinStep=1),
    )


def gpu_efficiency_chart(points: pd.DataFrame) -> alt.Chart:
    """Fig. 7: theoretical (peak) GFLOPS/W of NVIDIA GPUs by launch date and precision.

    ``points`` has ``year`` (decimal launch year), ``gflops_per_watt``, ``precision``
    ('FP32', 'FP16', 'FP16/FP32 Tensor'), ``gpu_type`` ('Desktop' or 'Server') and
    ``gpu``. Colour: precision (the book's precision colours); shape: desktop or
    server; log y.
    """
    _hef_require(points, {"year", "gflops_per_watt", "precision", "gpu_type", "gpu"}, "gpu_efficiency_chart")
    data = points[["gpu", "year", "gflops_per_watt", "precision", "gpu_type"]].assign(
        precision=lambda d: d["precision"].astype(str), gpu_type=lambda d: d["gpu_type"].astype(str)
    )
    present = [p for p in PRECISION_COLORS if p in set(data["precision"])]
    return (
        alt.Chart(data)
        .mark_point(filled=True, size=70, opacity=0.85)
        .encode(
            x=_year_axis(),
            y=alt.Y(
                "gflops_per_watt:Q",
                title="peak efficiency, GFLOPS per watt (log scale)",
                scale=alt.Scale(type="log"),
            ),
            color=alt.Color(
                "precision:N",
                title="precision",
                scale=alt.Scale(domain=present, range=[PRECISION_COLORS[p] for p in present]),
                legend=alt.Legend(orient="bottom"),
            ),
            shape=alt.Shape("gpu_type:N", title="type", legend=alt.Legend(orient="bottom")),
            tooltip=[
                alt.Tooltip("gpu:N"),
                alt.Tooltip("precision:N"),
                alt.Tooltip("gpu_type:N", title="type"),
                alt.Tooltip("gflops_per_watt:Q", format=".1f", title="GFLOPS/W"),
            ],
        )
        .properties(width=WIDTH - 120, height=HEIGHT)
    )


def adapted_efficiency_chart(points: pd.DataFrame, lines: pd.DataFrame) -> alt.LayerChart:
    """Fig. 8: the GFLOPS/W of Table 9 (FP32 and adapted rows) with the CNN and NLP fits.

    ``points``: ``year``, ``gflops_per_watt``, ``precision`` (colour), ``series``
    ('FP32 (both fits)', 'adapted for CNN', 'adapted for NLP'; shape), ``gpu``, ``watts``.
    ``lines``: ``year``, ``fitted``, ``fit`` ('CNN fit' solid, 'NLP fit' dashed). Log y.
    An optional ``label`` column of ``points`` writes its non-empty texts beside the points.
    """
    _hef_require(
        points, {"year", "gflops_per_watt", "precision", "series", "gpu", "watts"}, "adapted_efficiency_chart"
    )
    _hef_require(lines, {"year", "fitted", "fit"}, "adapted_efficiency_chart")
    present = [p for p in PRECISION_COLORS if p in set(points["precision"].astype(str))]
    y_scale = alt.Scale(type="log")
    y_title = "efficiency, GFLOPS per watt (log scale)"
    dots = (
        alt.Chart(points[["gpu", "year", "gflops_per_watt", "precision", "series", "watts"]])
        .mark_point(filled=True, size=70, opacity=0.85)
        .encode(
            x=_year_axis(),
            y=alt.Y("gflops_per_watt:Q", title=y_title, scale=y_scale),
            color=alt.Color(
                "precision:N",
                title="precision",
                scale=alt.Scale(domain=present, range=[PRECISION_COLORS[p] for p in present]),
                legend=alt.Legend(orient="bottom"),
            ),
            shape=alt.Shape(
                "series:N",
                title="row of Table 9",
                scale=alt.Scale(
                    domain=["FP32 (both fits)", "adapted for CNN", "adapted for NLP"],
                    range=["circle", "square", "triangle-up"],
                ),
                legend=alt.Legend(orient="bottom", direction="vertical"),
            ),
            tooltip=[
                alt.Tooltip("gpu:N"),
                alt.Tooltip("precision:N"),
                alt.Tooltip("series:N", title="row"),
                alt.Tooltip("watts:Q", title="TDP, W"),
                alt.Tooltip("gflops_per_watt:Q", format=".1f", title="GFLOPS/W"),
            ],
        )
    )
    fits = (
        alt.Chart(lines[["year", "fitted", "fit"]])
        .mark_line(color="#444444", strokeWidth=1.5)
        .encode(
            x=_year_axis(),
            y=alt.Y("fitted:Q", title=y_title, scale=y_scale),
            strokeDash=alt.StrokeDash(
                "fit:N",
                title="exponential fit",
                scale=alt.Scale(domain=["CNN fit", "NLP fit"], range=[[1, 0], [6, 3]]),
                legend=alt.Legend(orient="bottom", direction="vertical"),
            ),
        )
    )
    layers = [fits, dots]
    if "label" in points.columns and (points["label"].fillna("") != "").any():
        labelled = points[points["label"].fillna("") != ""][["year", "gflops_per_watt", "label"]]
        layers.append(
            alt.Chart(labelled)
            .mark_text(align="right", dx=-8, fontSize=11, color="#333333")
            .encode(
                x=_year_axis(), y=alt.Y("gflops_per_watt:Q", title=y_title, scale=y_scale), text="label:N"
            )
        )
    return alt.layer(*layers).properties(width=WIDTH - 120, height=HEIGHT)


def joules_trend_chart(
    models: pd.DataFrame, lines: pd.DataFrame, by_architecture: bool = True
) -> alt.LayerChart:
    """Figs 9 and 10: joules per inference against release date, with the three lines.

    ``models``: ``model``, ``year``, ``joules``, ``gflops``, ``best`` (in the
    cutting-edge fit; filled marks) and, when ``by_architecture``, ``architecture``
    (the book's architecture colours). ``lines``: ``line`` ('best models' dashed, 'all
    models' solid, 'yearly mean' dotted), ``year``, ``joules``. Log y.
    """
    need = {"model", "year", "joules", "gflops", "best"} | ({"architecture"} if by_architecture else set())
    _hef_require(models, need, "joules_trend_chart")
    _hef_require(lines, {"line", "year", "joules"}, "joules_trend_chart")
    y_title = "energy per inference, joules (log scale)"
    data = (
        models[sorted(need)]
        .assign(fit=lambda d: d["best"].map({True: "in the best-models fit", False: "other models"}))
        .drop(columns=["best"])
    )
    if by_architecture:
        present = [a for a in ARCHITECTURE_COLORS if a in set(data["architecture"].astype(str))]
        color = alt.Color(
            "architecture:N",
            title="architecture",
            scale=alt.Scale(domain=present, range=[ARCHITECTURE_COLORS[a] for a in present]),
            legend=alt.Legend(orient="bottom"),
        )
    else:
        color = alt.value("#555555")
    dots = (
        alt.Chart(data)
        .mark_point(size=55, opacity=0.8)
        .encode(
            x=_year_axis("release date (year)"),
            y=alt.Y("joules:Q", title=y_title, scale=alt.Scale(type="log")),
            color=color,
            shape=alt.Shape(
                "fit:N",
                title="model",
                scale=alt.Scale(
                    domain=["in the best-models fit", "other models"], range=["diamond", "circle"]
                ),
                legend=alt.Legend(orient="bottom"),
            ),
            fill=alt.Fill(
                "fit:N",
                scale=alt.Scale(
                    domain=["in the best-models fit", "other models"], range=["#333333", "transparent"]
                ),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("model:N"),
                alt.Tooltip("gflops:Q", format=",.2f", title="GFLOPs"),
                alt.Tooltip("joules:Q", format=".4f", title="joules"),
            ],
        )
    )
    present_lines = [k for k in SELECTION_COLORS if k in set(lines["line"])]
    trend = (
        alt.Chart(lines[["line", "year", "joules"]])
        .mark_line(strokeWidth=2)
        .encode(
            x=_year_axis("release date (year)"),
            y=alt.Y("joules:Q", title=y_title, scale=alt.Scale(type="log")),
            color=alt.Color(
                "line:N",
                title="line",
                scale=alt.Scale(domain=present_lines, range=[SELECTION_COLORS[k] for k in present_lines]),
                legend=alt.Legend(orient="bottom", direction="vertical"),
            ),
            strokeDash=alt.StrokeDash(
                "line:N",
                scale=alt.Scale(domain=present_lines, range=[SELECTION_DASHES[k] for k in present_lines]),
                legend=None,
            ),
        )
    )
    return (
        alt.layer(dots, trend)
        .resolve_scale(color="independent", shape="independent")
        .properties(width=WIDTH - 140, height=HEIGHT)
    )


def score_vs_joules_chart(
    models: pd.DataFrame, frontier: pd.DataFrame, score_col: str, score_title: str
) -> alt.LayerChart:
    """Figs 11 and 12: accuracy (or GLUE score) against joules per inference, log x.

    ``models``: ``model``, ``joules``, ``release_year`` (colour, early = dark) and
    ``score_col``; ``frontier``: the Pareto frontier (``joules``, ``score_col``), drawn
    as a grey step line. ``score_title`` is the y-axis title (lower case, with units).
    """
    _hef_require(models, {"model", "joules", "release_year", score_col}, "score_vs_joules_chart")
    _hef_require(frontier, {"joules", score_col}, "score_vs_joules_chart")
    data = models[models[score_col].notna()][["model", "joules", "release_year", score_col]]
    x = alt.X("joules:Q", title="energy per inference, joules (log scale)", scale=alt.Scale(type="log"))
    y = alt.Y(f"{score_col}:Q", title=score_title, scale=alt.Scale(zero=False))
    front = (
        alt.Chart(frontier[["joules", score_col]])
        .mark_line(color="#9a9a9a", strokeWidth=2, interpolate="step-after")
        .encode(x=x, y=y)
    )
    dots = (
        alt.Chart(data)
        .mark_circle(size=70, opacity=0.85)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "release_year:O",
                title="release year",
                scale=alt.Scale(scheme="viridis"),
                legend=alt.Legend(orient="bottom", columns=10),
            ),
            tooltip=[
                alt.Tooltip("model:N"),
                alt.Tooltip("release_year:O", title="year"),
                alt.Tooltip(f"{score_col}:Q", format=".2f", title=score_title),
                alt.Tooltip("joules:Q", format=".4f", title="joules"),
            ],
        )
    )
    return alt.layer(front, dots).properties(width=WIDTH - 120, height=HEIGHT)


def joules_forecast_chart(
    models: pd.DataFrame, bands: pd.DataFrame, references: pd.DataFrame, data_end: float
) -> alt.LayerChart:
    """Figs 13 and 14: joules trends extended to a year, 95% prediction bands, human references.

    ``models``: ``model``, ``year``, ``joules`` (grey points). ``bands``: ``trend``
    ('best models' or 'all models'), ``year``, ``fitted``, ``pi_lower``, ``pi_upper``.
    ``references``: ``label``, ``joules``, ``source`` ('this book' or 'paper'; the
    book's source colours), drawn as horizontal rules with their labels. A dotted
    vertical rule marks ``data_end``, the last release date fitted. Log y.
    """
    _hef_require(models, {"model", "year", "joules"}, "joules_forecast_chart")
    _hef_require(bands, {"trend", "year", "fitted", "pi_lower", "pi_upper"}, "joules_forecast_chart")
    _hef_require(references, {"label", "joules", "source"}, "joules_forecast_chart")
    y_title = "energy per inference, joules (log scale)"
    y = alt.Y("joules:Q", title=y_title, scale=alt.Scale(type="log"))
    x = _year_axis("release date (year)")
    present = [k for k in SELECTION_COLORS if k in set(bands["trend"])]
    trend_scale = alt.Scale(domain=present, range=[SELECTION_COLORS[k] for k in present])
    band_data = bands[["trend", "year", "fitted", "pi_lower", "pi_upper"]]
    bands_by_trend = [
        alt.Chart(band_data[band_data["trend"] == k])
        .mark_area(opacity=0.15, color=SELECTION_COLORS[k])
        .encode(
            x=x,
            y=alt.Y("pi_lower:Q", title=y_title, scale=alt.Scale(type="log"), axis=alt.Axis(format=".0e")),
            y2="pi_upper:Q",
        )
        for k in present
    ]
    line = (
        alt.Chart(band_data)
        .mark_line(strokeWidth=2)
        .encode(
            x=x,
            y=alt.Y("fitted:Q", title=y_title, scale=alt.Scale(type="log")),
            color=alt.Color(
                "trend:N",
                title="trend (shaded: 95% prediction interval)",
                scale=trend_scale,
                legend=alt.Legend(orient="bottom", direction="vertical", titleLimit=320),
            ),
            strokeDash=alt.StrokeDash(
                "trend:N",
                scale=alt.Scale(domain=present, range=[SELECTION_DASHES[k] for k in present]),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("trend:N"),
                alt.Tooltip("year:Q", format=".1f"),
                alt.Tooltip("fitted:Q", format=".3g", title="joules"),
                alt.Tooltip("pi_lower:Q", format=".3g", title="95% PI, low"),
                alt.Tooltip("pi_upper:Q", format=".3g", title="95% PI, high"),
            ],
        )
    )
    dots = (
        alt.Chart(models[["model", "year", "joules"]])
        .mark_point(size=35, color="#666666", opacity=0.7)
        .encode(x=x, y=y, tooltip=[alt.Tooltip("model:N"), alt.Tooltip("joules:Q", format=".4f")])
    )
    sources = [s for s in SOURCE_COLORS if s in set(references["source"])]
    refs = alt.Chart(references[["label", "joules", "source"]])
    rules = refs.mark_rule(strokeWidth=1.5, strokeDash=[4, 2]).encode(
        y=y,
        stroke=alt.Stroke(
            "source:N",
            title="human reference: energy in one second",
            scale=alt.Scale(domain=sources, range=[SOURCE_COLORS[s] for s in sources]),
            legend=alt.Legend(orient="bottom", direction="vertical", titleLimit=320),
        ),
        tooltip=["label:N"],
    )
    labels = (
        refs.transform_filter(alt.datum.source == "this book")
        .mark_text(align="left", baseline="bottom", dx=3, dy=-2, fontSize=11, color="#333333")
        .encode(x=alt.value(0), y=y, text="label:N")
    )
    end = (
        alt.Chart(pd.DataFrame({"year": [float(data_end)]}))
        .mark_rule(strokeDash=[2, 2], color="#888888")
        .encode(x=x)
    )
    return alt.layer(*bands_by_trend, line, dots, rules, labels, end).properties(
        width=WIDTH - 120, height=HEIGHT + 40
    )


def population_power_chart(
    series: pd.DataFrame,
    references: pd.DataFrame,
    population: float,
    year: float,
    inferences_per_second_per_person: float,
    world_watts: float,
    year_range: tuple[int, int],
) -> alt.LayerChart:
    """Interactive: the power a whole population would draw running inferences.

    Two sliders, bound Altair parameters that work in the static page: the year and the
    number of inferences per second per person (log10 scale, so -3 to 3 covers 0.001 to
    1000). The extrapolation happens inside the Vega-Lite spec: ``series`` carries, for
    each trend (``trend``, ``task``, ``selection``) and ``year``, the fitted
    ``slope``, ``year_center`` and ``log10_at_center`` (:func:`dltrends.scenarios.
    interactive_series`), and calculate transforms give joules = 10 ** (log10_at_center
    + slope x (year - year_center)) and watts = joules x rate x ``population``. At the
    chosen year a point per trend and a text line give the power and its share of
    ``world_watts`` (world electricity use as an average power). ``references``
    (``label``, ``watts``) are horizontal rules. The y scale is fixed so that moving a
    slider moves the lines, not the axis.
    """
    import math

    _hef_require(
        series,
        {"trend", "task", "selection", "year", "slope", "year_center", "log10_at_center"},
        "population_power_chart",
    )
    _hef_require(references, {"label", "watts"}, "population_power_chart")
    if population <= 0 or world_watts <= 0 or inferences_per_second_per_person <= 0:
        raise InputError("population, world_watts and the inference rate must be > 0")
    low, high = year_range
    if not low <= year <= high:
        raise InputError(f"year {year} outside the slider's range {year_range}")
    year_param = alt.param(
        name="forecast_year",
        value=float(year),
        bind=alt.binding_range(min=low, max=high, step=1, name="year "),
    )
    rate_param = alt.param(
        name="log10_rate",
        value=round(math.log10(inferences_per_second_per_person), 1),
        bind=alt.binding_range(
            min=-3, max=3, step=0.1, name="inferences per second per person, log10 (0 = one) "
        ),
    )
    joules_expr = "pow(10, datum.log10_at_center + datum.slope * (datum.year - datum.year_center))"
    watts_expr = f"datum.joules * pow(10, log10_rate) * {population!r}"
    y_title = "power of the whole population, watts (log scale)"
    y_scale = alt.Scale(type="log", domain=[1e5, 1e30])
    y = alt.Y("watts:Q", title=y_title, scale=y_scale, axis=alt.Axis(format=".0e"))
    x = alt.X(
        "year:Q",
        title="year",
        scale=alt.Scale(domain=[low, high], nice=False),
        axis=alt.Axis(format="d", tickMinStep=1),
    )
    trends_present = list(dict.fromkeys(series["selection"]))
    color = alt.Color(
        "selection:N",
        title="trend",
        scale=alt.Scale(
            domain=trends_present, range=[SELECTION_COLORS.get(s, "#888888") for s in trends_present]
        ),
        legend=alt.Legend(orient="bottom"),
    )
    tasks = list(dict.fromkeys(series["task"]))
    columns = ["trend", "task", "selection", "year", "slope", "year_center", "log10_at_center"]
    base = (
        alt.Chart(series[columns])
        .transform_calculate(joules=joules_expr)
        .transform_calculate(watts=watts_expr)
    )
    lines = base.mark_line(strokeWidth=2, clip=True).encode(
        x=x,
        y=y,
        color=color,
        strokeDash=alt.StrokeDash(
            "task:N",
            title="task",
            scale=alt.Scale(domain=tasks, range=[[1, 0], [6, 3]][: len(tasks)]),
            legend=alt.Legend(orient="bottom"),
        ),
        detail="trend:N",
    )
    one_per_trend = series[columns].drop_duplicates("trend").reset_index(drop=True)
    at_year = (
        alt.Chart(one_per_trend)
        .transform_calculate(year="forecast_year")
        .transform_calculate(joules=joules_expr)
        .transform_calculate(watts=watts_expr)
        .transform_calculate(share=f"datum.watts / {world_watts!r}")
    )
    points = at_year.mark_point(filled=True, size=90, clip=True).encode(
        x=x,
        y=y,
        color=color,
        shape=alt.Shape("task:N", legend=None),
        tooltip=[
            alt.Tooltip("trend:N"),
            alt.Tooltip("joules:Q", format=".3g"),
            alt.Tooltip("watts:Q", format=".3s"),
        ],
    )
    cursor = at_year.mark_rule(color="#888888", strokeDash=[2, 2]).encode(x=x)
    texts = []
    for index, trend in enumerate(one_per_trend["trend"]):
        texts.append(
            at_year.transform_filter(alt.datum.trend == trend)
            .transform_calculate(
                label=(
                    "datum.trend + ' in ' + format(datum.year, 'd') + ': ' + format(datum.joules, '.3~s') + "
                    "'J per inference, ' + format(datum.watts, '.3~s') + 'W = ' + "
                    "(datum.share >= 1 ? format(datum.share, '.3~g') + ' times world electricity' "
                    ": format(datum.share, '.3~%') + ' of world electricity')"
                )
            )
            .mark_text(align="left", baseline="top", fontSize=11, color="#222222")
            .encode(x=alt.value(0), y=alt.value(-15 * (len(one_per_trend) - index) - 4), text="label:N")
        )
    rules = (
        alt.Chart(references[["label", "watts"]])
        .mark_rule(color="#555555", strokeDash=[4, 2])
        .encode(
            y=alt.Y("watts:Q", title=y_title, scale=y_scale),
            tooltip=["label:N", alt.Tooltip("watts:Q", format=".3s")],
        )
    )
    rule_labels = (
        alt.Chart(references[["label", "watts"]])
        .mark_text(align="right", baseline="bottom", dy=-2, fontSize=10, color="#555555")
        .encode(x=alt.value(WIDTH - 140), y=alt.Y("watts:Q", title=y_title, scale=y_scale), text="label:N")
    )
    return (
        alt.layer(rules, rule_labels, lines, cursor, points, *texts)
        .add_params(year_param, rate_param)
        .properties(width=WIDTH - 140, height=HEIGHT + 60)
    )


# ----------------------------------------------------------------------------- appendices:
# reproduction scorecard and data audit

#: Colour of each scorecard status (dltrends.scorecard.STATUSES).
STATUS_COLORS = {"reproduced": "#3d9970", "differs-explained": "#ffb000", "differs": "#d62728"}

#: Colour of each kind of data-audit check (dltrends.audit.KINDS).
AUDIT_KIND_COLORS = {
    "across sources": "#6f4e7c",
    "within a table": "#0b84a5",
    "against original publications": "#ca472f",
}


def scorecard_gap_chart(gaps: pd.DataFrame) -> alt.Chart:
    """Gap between each recomputed value and the printed one, per group of claims.

    ``gaps`` is :func:`dltrends.scorecard.gap_table` (columns ``claim``, ``group``,
    ``status``, ``paper_value``, ``recomputed_value``, ``gap_percent``). One point per
    claim, x = 100 x (recomputed - printed) / printed on a symmetric log scale (linear
    within +/-1 %, logarithmic beyond), coloured by status.
    """
    required = {"claim", "group", "status", "paper_value", "recomputed_value", "gap_percent"}
    missing = required - set(gaps.columns)
    if missing:
        raise InputError(f"scorecard_gap_chart: missing columns {sorted(missing)}")
    order = list(dict.fromkeys(gaps["group"]))
    ticks = [-1000, -300, -100, -30, -10, -3, -1, 0, 1, 3, 10, 30, 100, 300, 1000]
    low = max([t for t in ticks if t <= min(float(gaps["gap_percent"].min()), 0.0)] or [ticks[0]])
    high = min([t for t in ticks if t >= max(float(gaps["gap_percent"].max()), 0.0)] or [ticks[-1]])
    return (
        alt.Chart(gaps)
        .mark_point(filled=True, size=70, opacity=0.75)
        .encode(
            y=alt.Y("group:N", title=None, sort=order),
            x=alt.X(
                "gap_percent:Q",
                title="recomputed minus printed, % of the printed value (symmetric log scale)",
                scale=alt.Scale(type="symlog", constant=1, domain=[low, high], nice=False),
                axis=alt.Axis(values=[t for t in ticks if low <= t <= high]),
            ),
            color=color_scale(
                {k: v for k, v in STATUS_COLORS.items() if k in set(gaps["status"])}, "status"
            ),
            tooltip=[
                alt.Tooltip("claim:N"),
                alt.Tooltip("paper_value:Q", title="printed", format=",.6g"),
                alt.Tooltip("recomputed_value:Q", title="recomputed", format=",.6g"),
                alt.Tooltip("gap_percent:Q", title="gap, %", format=".3f"),
                alt.Tooltip("status:N"),
            ],
        )
        .properties(width=WIDTH - 240, height=alt.Step(24))
        .configure_legend(orient="bottom")
    )


def audit_findings_chart(counts: pd.DataFrame) -> alt.Chart:
    """Number of findings of each data-audit check, coloured by the kind of check.

    ``counts`` is :func:`dltrends.audit.counts_by_check` (columns ``check``, ``kind``,
    ``description``, ``findings``). Horizontal bars on a linear axis, in the order given.
    """
    required = {"check", "kind", "description", "findings"}
    missing = required - set(counts.columns)
    if missing:
        raise InputError(f"audit_findings_chart: missing columns {sorted(missing)}")
    return (
        alt.Chart(counts)
        .mark_bar()
        .encode(
            y=alt.Y("check:N", title=None, sort=list(counts["check"])),
            x=alt.X("findings:Q", title="findings (count)", axis=alt.Axis(tickMinStep=1)),
            color=color_scale(
                {k: v for k, v in AUDIT_KIND_COLORS.items() if k in set(counts["kind"])}, "kind"
            ),
            tooltip=[
                alt.Tooltip("check:N"),
                alt.Tooltip("description:N", title="compares"),
                alt.Tooltip("findings:Q"),
            ],
        )
        .properties(width=WIDTH - 260, height=alt.Step(20))
        .configure_legend(orient="bottom", direction="vertical")
    )

"""Charts of the chapters FLOPs vs FLOPS, Hardware, Energy and Forecasting."""

from __future__ import annotations

import altair as alt
import pandas as pd

from dltrends.checks import InputError
from dltrends.display.charts.base import (
    ARCHITECTURE_COLORS,
    HEIGHT,
    PRECISION_COLORS,
    SELECTION_COLORS,
    SELECTION_DASHES,
    SOURCE_COLORS,
    WIDTH,
    color_scale,
    require,
    year_axis,
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


# ----------------------------------------------------------------------------- hardware, energy, forecasting
# Figs 7-14 of Desislavov et al. (2023) and the interactive multiplicative-effect chart.

#: One colour and one dash per model selection, kept across Figs 9, 10, 13, 14 and the
#: interactive chart: the cutting-edge models, all models, the yearly means.


def gpu_efficiency_chart(points: pd.DataFrame) -> alt.Chart:
    """Fig. 7: theoretical (peak) GFLOPS/W of NVIDIA GPUs by launch date and precision.

    ``points`` has ``year`` (decimal launch year), ``gflops_per_watt``, ``precision``
    ('FP32', 'FP16', 'FP16/FP32 Tensor'), ``gpu_type`` ('Desktop' or 'Server') and
    ``gpu``. Colour: precision (the book's precision colours); shape: desktop or
    server; log y.
    """
    require(points, {"year", "gflops_per_watt", "precision", "gpu_type", "gpu"}, "gpu_efficiency_chart")
    data = points[["gpu", "year", "gflops_per_watt", "precision", "gpu_type"]].assign(
        precision=lambda d: d["precision"].astype(str), gpu_type=lambda d: d["gpu_type"].astype(str)
    )
    present = [p for p in PRECISION_COLORS if p in set(data["precision"])]
    return (
        alt.Chart(data)
        .mark_point(filled=True, size=70, opacity=0.85)
        .encode(
            x=year_axis(),
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
    require(
        points, {"year", "gflops_per_watt", "precision", "series", "gpu", "watts"}, "adapted_efficiency_chart"
    )
    require(lines, {"year", "fitted", "fit"}, "adapted_efficiency_chart")
    present = [p for p in PRECISION_COLORS if p in set(points["precision"].astype(str))]
    y_scale = alt.Scale(type="log")
    y_title = "efficiency, GFLOPS per watt (log scale)"
    dots = (
        alt.Chart(points[["gpu", "year", "gflops_per_watt", "precision", "series", "watts"]])
        .mark_point(filled=True, size=70, opacity=0.85)
        .encode(
            x=year_axis(),
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
            x=year_axis(),
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
            .mark_text(align="right", dx=-8, fontSize=11)
            .encode(x=year_axis(), y=alt.Y("gflops_per_watt:Q", title=y_title, scale=y_scale), text="label:N")
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
    require(models, need, "joules_trend_chart")
    require(lines, {"line", "year", "joules"}, "joules_trend_chart")
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
            x=year_axis("release date (year)"),
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
            x=year_axis("release date (year)"),
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
    require(models, {"model", "joules", "release_year", score_col}, "score_vs_joules_chart")
    require(frontier, {"joules", score_col}, "score_vs_joules_chart")
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
    require(models, {"model", "year", "joules"}, "joules_forecast_chart")
    require(bands, {"trend", "year", "fitted", "pi_lower", "pi_upper"}, "joules_forecast_chart")
    require(references, {"label", "joules", "source"}, "joules_forecast_chart")
    y_title = "energy per inference, joules (log scale)"
    y = alt.Y("joules:Q", title=y_title, scale=alt.Scale(type="log"))
    x = year_axis("release date (year)")
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
        .mark_text(align="left", baseline="bottom", dx=3, dy=-2, fontSize=11)
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


#: The rates a reader can choose in the interactive chart, in words.
RATES: tuple[tuple[str, float], ...] = (
    ("one a day", 1 / 86_400),
    ("one an hour", 1 / 3_600),
    ("one a minute", 1 / 60),
    ("one every 10 seconds", 0.1),
    ("one a second", 1.0),
    ("ten a second", 10.0),
    ("a hundred a second", 100.0),
)

#: Power in plain units (W to TW), as a Vega expression of ``datum.watts``.
_WATTS_WORDS = (
    "datum.watts < 1e3 ? format(datum.watts, ',.3~r') + ' W' : "
    "datum.watts < 1e6 ? format(datum.watts / 1e3, ',.3~r') + ' kW' : "
    "datum.watts < 1e9 ? format(datum.watts / 1e6, ',.3~r') + ' MW' : "
    "datum.watts < 1e12 ? format(datum.watts / 1e9, ',.3~r') + ' GW' : "
    "datum.watts < 1e15 ? format(datum.watts / 1e12, ',.3~r') + ' TW' : "
    "replace(format(datum.watts, '.2e'), 'e+', ' × 10^') + ' W'"
)
#: Energy in plain units (mJ to MJ, then powers of ten), of ``datum.joules``.
_JOULES_WORDS = (
    "datum.joules < 1 ? format(datum.joules * 1e3, ',.3~r') + ' mJ' : "
    "datum.joules < 1e3 ? format(datum.joules, ',.3~r') + ' J' : "
    "datum.joules < 1e6 ? format(datum.joules / 1e3, ',.3~r') + ' kJ' : "
    "datum.joules < 1e9 ? format(datum.joules / 1e6, ',.3~r') + ' MJ' : "
    "replace(format(datum.joules, '.2e'), 'e+', ' × 10^') + ' J'"
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

    A slider for the year and a choice of how often each person runs an inference, in
    words (:data:`RATES`), both bound Vega-Lite parameters that work in the static page.
    The extrapolation happens inside the spec: ``series`` carries, for each trend and
    ``year``, the fitted ``slope``, ``year_center`` and ``log10_at_center``, and
    calculate transforms give joules = 10 ** (log10_at_center + slope x (year -
    year_center)) and watts = joules x rate x ``population``. Above the chart a line per
    trend says, in plain units, the joules per inference, the power and how it compares
    with world electricity (``world_watts``); beyond 1,000 times world electricity it
    says the extrapolation has left plausibility. ``references`` (``label``, ``watts``)
    are horizontal rules. The y axis is fixed (10 MW to 10 PW) and lines are clipped.
    """
    require(
        series,
        {"trend", "task", "selection", "year", "slope", "year_center", "log10_at_center"},
        "population_power_chart",
    )
    require(references, {"label", "watts"}, "population_power_chart")
    if population <= 0 or world_watts <= 0 or inferences_per_second_per_person <= 0:
        raise InputError("population, world_watts and the inference rate must be > 0")
    low, high = year_range
    if not low <= year <= high:
        raise InputError(f"year {year} outside the slider's range {year_range}")
    rates = [r for _, r in RATES]
    start = min(rates, key=lambda r: abs(r - inferences_per_second_per_person))
    year_param = alt.param(
        name="forecast_year",
        value=float(year),
        bind=alt.binding_range(min=low, max=high, step=1, name="year "),
    )
    rate_param = alt.param(
        name="rate",
        value=start,
        bind=alt.binding_select(
            options=rates, labels=[w for w, _ in RATES], name="each person runs an inference "
        ),
    )
    joules_expr = "pow(10, datum.log10_at_center + datum.slope * (datum.year - datum.year_center))"
    watts_expr = f"datum.joules * rate * {population!r}"
    y_title = "power of the whole population, watts (log scale)"
    y_scale = alt.Scale(type="log", domain=[1e7, 1e16], clamp=True)
    y = alt.Y("watts:Q", title=y_title, scale=y_scale, axis=alt.Axis(format="~s"))
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
        tooltip=[
            alt.Tooltip("trend:N"),
            alt.Tooltip("year:Q", format="d"),
            alt.Tooltip("joules:Q", title="joules per inference", format=".3~g"),
            alt.Tooltip("watts:Q", title="watts, everyone", format=".3~g"),
        ],
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
            alt.Tooltip("joules:Q", title="joules per inference", format=".3~g"),
            alt.Tooltip("watts:Q", title="watts, everyone", format=".3~g"),
        ],
    )
    cursor = at_year.mark_rule(color="#888888", strokeDash=[2, 2]).encode(x=x)
    comparison = (
        "datum.share > 1000 ? 'over 1,000 × world electricity (implausible)' : "
        "datum.share >= 1 ? '= ' + format(datum.share, ',.2~r') + ' × world electricity' : "
        "'= ' + format(datum.share, '.2~%') + ' of world electricity'"
    )
    texts = [
        at_year.transform_filter(alt.datum.trend == trend)
        .transform_calculate(joules_words=_JOULES_WORDS, watts_words=_WATTS_WORDS)
        .transform_calculate(
            label=f"datum.trend + ', ' + format(datum.year, 'd') + '|' + datum.joules_words"
            f" + ' per inference|everyone: ' + datum.watts_words + '|' + ({comparison})"
        )
        .mark_text(align="left", baseline="top", fontSize=11, lineBreak="|", limit={"expr": "width"})
        .encode(x=alt.value(0), y=alt.value(-58 * (len(one_per_trend) - index) - 4), text="label:N")
        for index, trend in enumerate(one_per_trend["trend"])
    ]
    refs = references[["label", "watts"]].reset_index(drop=True)
    refs["side"] = ["left" if i % 2 else "right" for i in range(len(refs))]
    rules = (
        alt.Chart(refs)
        .mark_rule(color="#888888", strokeDash=[4, 2])
        .encode(
            y=alt.Y("watts:Q", title=y_title, scale=y_scale),
            tooltip=["label:N", alt.Tooltip("watts:Q", format=".3~g")],
        )
    )
    rule_labels = [
        alt.Chart(refs[refs["side"] == side])
        .mark_text(
            align=side,
            baseline="bottom",
            dy=-2,
            dx=4 if side == "left" else -4,
            fontSize=11,
            limit={"expr": "width - 8"},
        )
        .encode(
            x=alt.value(0) if side == "left" else alt.value({"expr": "width"}),
            y=alt.Y("watts:Q", title=y_title, scale=y_scale),
            text="label:N",
        )
        for side in ("left", "right")
        if (refs["side"] == side).any()
    ]
    return (
        alt.layer(rules, *rule_labels, lines, cursor, points, *texts)
        .add_params(year_param, rate_param)
        .properties(width=WIDTH - 140, height=HEIGHT + 80)
    )


def utilisation_chart(table: pd.DataFrame) -> alt.LayerChart:
    """Achieved TFLOPS of each NGC benchmark as a share of the peak the paper credits.

    ``table`` is :func:`dltrends.chapters.energy.utilisation` (``benchmark``, ``family``,
    ``gpu``, ``precision``, ``utilisation``, ``achieved_tflops``, ``credited_tflops``,
    ``measured_over_paper``). One row per benchmark, ordered by family; colour: precision
    (the book's precision colours); shape: GPU; a rule at 1 (the credited peak).
    """
    require(
        table,
        {
            "benchmark",
            "family",
            "gpu",
            "precision",
            "utilisation",
            "achieved_tflops",
            "credited_tflops",
            "measured_over_paper",
        },
        "utilisation_chart",
    )
    data = table[
        [
            "benchmark",
            "family",
            "gpu",
            "precision",
            "utilisation",
            "achieved_tflops",
            "credited_tflops",
            "measured_over_paper",
        ]
    ].copy()
    order = list(data.sort_values(["family", "benchmark"])["benchmark"].drop_duplicates())
    present = [p for p in PRECISION_COLORS if p in set(data["precision"])]
    points = (
        alt.Chart(data)
        .mark_point(filled=True, size=80, opacity=0.85)
        .encode(
            y=alt.Y("benchmark:N", title=None, sort=order),
            x=alt.X("utilisation:Q", title="achieved / credited peak TFLOPS", axis=alt.Axis(format="%")),
            color=alt.Color(
                "precision:N",
                scale=alt.Scale(domain=present, range=[PRECISION_COLORS[p] for p in present]),
                legend=alt.Legend(orient="bottom"),
            ),
            shape=alt.Shape("gpu:N", title="GPU", legend=alt.Legend(orient="bottom")),
            tooltip=[
                alt.Tooltip("benchmark:N"),
                alt.Tooltip("family:N"),
                alt.Tooltip("gpu:N", title="GPU"),
                alt.Tooltip("precision:N"),
                alt.Tooltip("achieved_tflops:Q", title="achieved TFLOPS", format=".1f"),
                alt.Tooltip("credited_tflops:Q", title="credited TFLOPS", format=".1f"),
                alt.Tooltip("utilisation:Q", title="share of credited peak", format=".0%"),
                alt.Tooltip("measured_over_paper:Q", title="joules, measured / paper", format=".2f"),
            ],
        )
    )
    peak = alt.Chart(pd.DataFrame({"x": [1.0]})).mark_rule(strokeDash=[4, 3], color="#888").encode(x="x:Q")
    return alt.layer(peak, points).properties(width=WIDTH - 220, height=alt.Step(20))

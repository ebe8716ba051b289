"""Charts of the chapter Measured energy.

One colour per meaning within the chapter, beside the book's own (:mod:`.base`): the
paper's estimate keeps the book's colour of "paper", the tensor-core peak the colour of
tensor-core precision, and the estimate from the measured throughput the colour of
"this book". Every log scale says "(log scale)" in its axis title.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from dltrends.checks import InputError
from dltrends.display.charts.base import (
    HEIGHT,
    PRECISION_COLORS,
    SOURCE_COLORS,
    WIDTH,
    plain_columns,
    require,
)

#: The three estimates of :data:`dltrends.measured.ESTIMATES`, by their words.
ESTIMATE_COLORS = {
    "the paper's Eq. 2 (adapted GFLOPS/W of Table 9)": SOURCE_COLORS["paper"],
    "tensor-core peak at TDP": PRECISION_COLORS["FP16/FP32 Tensor"],
    "measured throughput, accelerators at TDP": SOURCE_COLORS["this book"],
}

#: Dense models and mixtures of experts.
DESIGN_COLORS = {"dense": "#4c78a8", "mixture-of-experts": "#f58518"}

#: What a line of the per-token chart is.
TOKEN_SERIES_COLORS = {
    "measured (GPU energy)": "#222222",
    "roofline estimate (weights only)": "#e45756",
    "FLOPs estimate (tensor-core peak)": PRECISION_COLORS["FP16/FP32 Tensor"],
}

#: The levels of the ladder, narrow to wide (:data:`dltrends.measured.LEVELS`).
LEVEL_COLORS = {
    "1. chip: FLOPs / peak FLOPS per watt": "#9ecae1",
    "2. accelerators (GPU, TPU)": "#6baed6",
    "3. server at the wall": "#3182bd",
    "4. data centre": "#08519c",
    "5. top-down": "#08306b",
}

#: This book's ladder, and whether a published figure was read in the publication.
STATUS_SHAPES = {
    "this book's ladder": "diamond",
    "measured (ML.ENERGY, AI Energy Score)": "square",
    "checked in the publication": "circle",
    "unverified": "triangle-up",
}

#: GPU families.
GPU_COLORS = {
    "V100": "#9d755d",
    "A40": "#bab0ac",
    "A100": "#4c78a8",
    "H100": "#e45756",
    "H200": "#b279a2",
    "B200": "#54a24b",
}


def _log_x(field: str, title: str, domain: list[float] | None = None) -> alt.X:
    """A log x axis labelled at the powers of ten only (1, 2 and 5 overlap on a phone)."""
    scale = alt.Scale(type="log", domain=domain) if domain else alt.Scale(type="log")
    decade = "log(datum.value) / LN10"
    axis = alt.Axis(labelExpr=f"abs({decade} - round({decade})) < 1e-6 ? datum.label : ''")
    return alt.X(field, title=title, scale=scale, axis=axis)


def estimate_ratio_chart(table: pd.DataFrame, factor: float = 2.0) -> alt.LayerChart:
    """Measured energy per sample over each estimate, one row per MLPerf result.

    ``table`` (:func:`dltrends.chapters.measured_energy.ratio_points`) has ``label``
    (benchmark, accelerators, submitter, round), ``system``, ``estimate`` (words of
    :data:`ESTIMATE_COLORS`), ``ratio`` (measured / estimate), ``measured_mj``,
    ``estimate_mj``. Log x; a rule at 1 and a band from 1 / ``factor`` to ``factor``.
    """
    require(
        table, {"label", "system", "estimate", "ratio", "measured_mj", "estimate_mj"}, "estimate_ratio_chart"
    )
    if factor <= 1:
        raise InputError(f"factor must be > 1, got {factor!r}")
    data = plain_columns(table, ["label", "system", "estimate", "ratio", "measured_mj", "estimate_mj"])
    order = list(dict.fromkeys(data["label"]))
    present = [e for e in ESTIMATE_COLORS if e in set(data["estimate"])]
    x = _log_x("ratio:Q", "measured energy / estimated energy (log scale)", [0.05, 20])
    y = alt.Y("label:N", title=None, sort=order, axis=alt.Axis(labelLimit=320))
    band = (
        alt.Chart(pd.DataFrame({"low": [1 / factor], "high": [factor]}))
        .mark_rect(color="#dddddd", opacity=0.5)
        .encode(x=alt.X("low:Q", scale=alt.Scale(type="log", domain=[0.05, 20])), x2="high:Q")
    )
    one = alt.Chart(pd.DataFrame({"ratio": [1.0]})).mark_rule(color="#555555").encode(x=x)
    points = (
        alt.Chart(data)
        .mark_point(filled=True, size=70, opacity=0.9)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "estimate:N",
                title="estimate",
                scale=alt.Scale(domain=present, range=[ESTIMATE_COLORS[e] for e in present]),
                legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=400),
            ),
            shape=alt.Shape("estimate:N", title="estimate", scale=alt.Scale(domain=present)),
            tooltip=[
                alt.Tooltip("system:N"),
                alt.Tooltip("estimate:N"),
                alt.Tooltip("measured_mj:Q", format=",.1f", title="measured, mJ per sample (wall)"),
                alt.Tooltip("estimate_mj:Q", format=",.1f", title="estimated, mJ per sample"),
                alt.Tooltip("ratio:Q", format=".2f", title="measured / estimated"),
            ],
        )
    )
    return alt.layer(band, one, points).properties(width=WIDTH - 340, height=alt.Step(14))


def token_ratio_chart(best: pd.DataFrame) -> alt.Chart:
    """Measured GPU energy per token over the FLOPs estimate, against active parameters.

    ``best`` (one configuration per model and GPU) has ``short`` (model), ``gpu``,
    ``gpus``, ``mean_batch``, ``architecture`` ('dense' or 'mixture-of-experts'),
    ``active_params_billions``, ``measured_j``, ``flops_j``, ``flops_ratio``. Log-log;
    colour: design; shape: GPU.
    """
    columns = [
        "short",
        "gpu",
        "gpus",
        "mean_batch",
        "architecture",
        "active_params_billions",
        "measured_j",
        "flops_j",
        "flops_ratio",
    ]
    require(best, set(columns), "token_ratio_chart")
    data = plain_columns(best, columns)
    present = [d for d in DESIGN_COLORS if d in set(data["architecture"])]
    return (
        alt.Chart(data)
        .mark_point(filled=True, size=90, opacity=0.85)
        .encode(
            x=_log_x("active_params_billions:Q", "parameters active per token, billions (log scale)"),
            y=alt.Y(
                "flops_ratio:Q",
                title="measured energy / FLOPs estimate (log scale)",
                scale=alt.Scale(type="log", domain=[1, 50]),
            ),
            color=alt.Color(
                "architecture:N",
                title="design",
                scale=alt.Scale(domain=present, range=[DESIGN_COLORS[d] for d in present]),
                legend=alt.Legend(orient="bottom"),
            ),
            shape=alt.Shape("gpu:N", title="GPU", legend=alt.Legend(orient="bottom")),
            tooltip=[
                alt.Tooltip("short:N", title="model"),
                alt.Tooltip("gpu:N", title="GPU"),
                alt.Tooltip("gpus:Q", title="GPUs"),
                alt.Tooltip("mean_batch:Q", format=",.0f", title="mean batch"),
                alt.Tooltip("measured_j:Q", format=".3f", title="measured, J per token"),
                alt.Tooltip("flops_j:Q", format=".4f", title="FLOPs estimate, J per token"),
                alt.Tooltip("flops_ratio:Q", format=".1f", title="measured / estimate"),
            ],
        )
        .properties(width=WIDTH - 160, height=HEIGHT - 40)
    )


def token_batch_chart(series: pd.DataFrame, initial_model: str) -> alt.LayerChart:
    """Interactive: energy per token against the batch size for one model, chosen in a
    select box (a bound Vega-Lite parameter, so it works in the static page).

    ``series`` (:func:`dltrends.chapters.measured_energy.token_series`) has ``model``,
    ``setup`` (GPUs, e.g. '4 x H100 SXM'), ``series`` (:data:`TOKEN_SERIES_COLORS`),
    ``mean_batch``, ``joules``. Log-log; measured points joined by lines, the two
    estimates as lines.
    """
    require(series, {"model", "setup", "series", "mean_batch", "joules"}, "token_batch_chart")
    models = list(dict.fromkeys(series["model"]))
    if initial_model not in models:
        raise InputError(f"initial_model must be one of {models}, got {initial_model!r}")
    choice = alt.param(
        name="token_model",
        value=initial_model,
        bind=alt.binding_select(options=models, name="model "),
    )
    data = plain_columns(series, ["model", "setup", "series", "mean_batch", "joules"])
    present = [s for s in TOKEN_SERIES_COLORS if s in set(data["series"])]
    base = alt.Chart(data).transform_filter(alt.datum.model == choice)
    encoding = {
        "x": _log_x("mean_batch:Q", "mean batch size, requests decoded together (log scale)"),
        "y": alt.Y(
            "joules:Q", title="energy per generated token, J (log scale)", scale=alt.Scale(type="log")
        ),
        "color": alt.Color(
            "series:N",
            title=None,
            scale=alt.Scale(domain=present, range=[TOKEN_SERIES_COLORS[s] for s in present]),
            legend=alt.Legend(orient="bottom", direction="vertical"),
        ),
        "strokeDash": alt.StrokeDash("setup:N", title="GPUs", legend=alt.Legend(orient="bottom")),
        "detail": "setup:N",
        "tooltip": [
            alt.Tooltip("model:N"),
            alt.Tooltip("setup:N", title="GPUs"),
            alt.Tooltip("series:N", title="what"),
            alt.Tooltip("mean_batch:Q", format=",.1f", title="mean batch"),
            alt.Tooltip("joules:Q", format=".4f", title="J per token"),
        ],
    }
    lines = base.mark_line(strokeWidth=1.8).encode(**encoding)
    measured = (
        base.transform_filter(alt.datum.series == present[0])
        .mark_point(filled=True, size=45)
        .encode(**encoding)
    )
    return alt.layer(lines, measured).add_params(choice).properties(width=WIDTH - 160, height=HEIGHT)


def ladder_chart(table: pd.DataFrame) -> alt.LayerChart:
    """The energy of one prompt by boundary, from the chip to the data centre: one row
    per figure, grouped by the level of its boundary.

    ``table`` (:func:`dltrends.chapters.measured_energy.ladder_points`) has ``label``
    (the row), ``level`` (:data:`LEVEL_COLORS`), ``wh`` (Wh per prompt), ``status``
    (:data:`STATUS_SHAPES`: this book's ladder, checked in the publication, unverified)
    and ``quantity``, in the order of the rows. This book's ladder for one configuration
    is joined by a line. x: log scale.
    """
    require(table, {"label", "level", "wh", "status", "quantity"}, "ladder_chart")
    data = plain_columns(table, ["label", "level", "wh", "status", "quantity"])
    unknown = set(data["status"]) - set(STATUS_SHAPES) | set(data["level"]) - set(LEVEL_COLORS)
    if unknown:
        raise InputError(f"ladder_chart: unknown status or level {sorted(unknown)}")
    levels = [v for v in LEVEL_COLORS if v in set(data["level"])]
    statuses = [s for s in STATUS_SHAPES if s in set(data["status"])]
    x = _log_x("wh:Q", "energy per prompt, Wh (log scale)", [0.001, 100])
    # Row labels are written above each row, inside the plot, so that on a phone the
    # plot keeps the whole width instead of giving it to a column of long labels.
    y = alt.Y("label:N", title=None, sort=list(data["label"]), axis=None)
    names = (
        alt.Chart(data)
        .mark_text(align="left", baseline="bottom", dy=-7, fontSize=11, limit={"expr": "width"})
        .encode(x=alt.value(0), y=y, text="label:N")
    )
    line = (
        alt.Chart(data)
        .transform_filter(alt.datum.status == "this book's ladder")
        .mark_line(color="#888888", strokeWidth=1.5)
        .encode(x=x, y=y, order=alt.Order("wh:Q"))
    )
    points = (
        alt.Chart(data)
        .mark_point(filled=True, size=90, opacity=0.9)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "level:N",
                title="boundary",
                scale=alt.Scale(domain=levels, range=[LEVEL_COLORS[v] for v in levels]),
                legend=alt.Legend(orient="bottom", direction="vertical"),
            ),
            shape=alt.Shape(
                "status:N",
                title="figure",
                scale=alt.Scale(domain=statuses, range=[STATUS_SHAPES[s] for s in statuses]),
                # Above the plot: beside the boundary legend it would not fit a phone.
                legend=alt.Legend(orient="top", direction="vertical", labelLimit=300),
            ),
            tooltip=[
                alt.Tooltip("label:N", title="figure"),
                alt.Tooltip("quantity:N", title="what it is"),
                alt.Tooltip("wh:Q", format=".3~g", title="Wh per prompt"),
                alt.Tooltip("level:N", title="boundary"),
                alt.Tooltip("status:N"),
            ],
        )
    )
    return alt.layer(names, line, points).properties(width=WIDTH, height=alt.Step(32))


def per_person_chart(
    options: pd.DataFrame,
    references: pd.DataFrame,
    population: float,
    prompts_per_day: int,
    initial_option: str,
    max_prompts: int = 500,
) -> alt.LayerChart:
    """Interactive: the electricity a year of everyone sending prompts, against
    electricity references.

    Two bound parameters: a slider of prompts per person per day (0 to ``max_prompts``)
    and a select of the energy per prompt (``options``: ``label``, ``wh_per_prompt``). The
    scenario's TWh a year = Wh x prompts x ``population`` x 365 / 10^12, computed in the
    page, is a bar beside the ``references`` (``label``, ``twh``); a line of text reads
    the result in words. Log x.
    """
    require(options, {"label", "wh_per_prompt"}, "per_person_chart")
    require(references, {"label", "twh"}, "per_person_chart")
    labels = list(options["label"])
    if initial_option not in labels:
        raise InputError(f"initial_option must be one of {labels}, got {initial_option!r}")
    if not 0 <= prompts_per_day <= max_prompts or population <= 0:
        raise InputError("prompts_per_day must be within the slider and population > 0")
    prompts = alt.param(
        name="prompts_per_day",
        value=int(prompts_per_day),
        bind=alt.binding_range(min=0, max=max_prompts, step=1, name="prompts per person per day "),
    )
    energy = alt.param(
        name="energy_option",
        value=initial_option,
        bind=alt.binding_select(options=labels, name="energy per prompt "),
    )
    low = 0.01
    x = _log_x("twh:Q", "electricity, TWh a year (log scale)", [low, 100_000])
    y = alt.Y("label:N", title=None, sort=None, axis=None)
    refs = plain_columns(references, ["label", "twh"]).assign(base=low)
    # Row labels above the bars, inside the plot (the plot keeps the width on a phone).
    ref_names = (
        alt.Chart(refs)
        .mark_text(align="left", baseline="bottom", dy=-9, fontSize=11, limit={"expr": "width"})
        .encode(x=alt.value(0), y=y, text="label:N")
    )
    reference_bars = (
        alt.Chart(refs)
        .mark_bar(color="#999999", height=12)
        .encode(
            x=x,
            x2="base:Q",
            y=y,
            tooltip=[alt.Tooltip("label:N"), alt.Tooltip("twh:Q", format=",.0f", title="TWh a year")],
        )
    )
    chosen = (
        alt.Chart(plain_columns(options, ["label", "wh_per_prompt"]))
        .transform_filter(alt.datum.label == energy)
        .transform_calculate(
            twh=f"datum.wh_per_prompt * prompts_per_day * {float(population)!r} * 365 / 1e12"
        )
        .transform_calculate(watts="datum.wh_per_prompt * prompts_per_day / 24", base=f"{low!r}")
    )
    scenario_name = (
        chosen.transform_calculate(label="'everyone, this scenario'")
        .mark_text(align="left", baseline="bottom", dy=-9, fontSize=11, color="#e45756")
        .encode(x=alt.value(0), y=y, text="label:N")
    )
    scenario = (
        chosen.transform_calculate(label="'everyone, this scenario'")
        .mark_bar(color="#e45756", height=12)
        .encode(
            x=x,
            x2="base:Q",
            y=y,
            tooltip=[
                alt.Tooltip("wh_per_prompt:Q", format=".3g", title="Wh per prompt"),
                alt.Tooltip("twh:Q", format=",.3g", title="TWh a year"),
            ],
        )
    )
    first, world = refs.iloc[0], refs.iloc[-1]

    def share(reference: pd.Series) -> str:
        ratio = f"datum.twh / {float(reference['twh'])!r}"
        return (
            f"({ratio} >= 1 ? format({ratio}, ',.3~r') + ' times ' : format({ratio}, '.3~p') + ' of ')"
            f" + '{reference['label']}'"
        )

    # Short lines, so that the readout fits a phone's width.
    lines = (
        f"format({float(population) / 1e9!r}, '.1f') + ' billion people × ' + prompts_per_day"
        " + ' prompts a day'",
        "'× ' + format(datum.wh_per_prompt, '.3~r') + ' Wh = ' + format(datum.twh, ',.3~r') + ' TWh a year'",
        "'= ' + format(datum.watts, '.3~r') + ' W a person, around the clock'",
        f"{share(first)}",
        f"{share(world)}",
    )
    readout = [
        chosen.transform_calculate(text=line)
        .mark_text(align="left", baseline="top", fontSize=12, fontWeight="bold" if i < 2 else "normal",
                   color="#e45756", limit={"expr": "width"})
        .encode(x=alt.value(0), y=alt.value(-16 * len(lines) - 6 + 16 * i), text="text:N")
        for i, line in enumerate(lines)
    ]  # fmt: skip
    return (
        alt.layer(reference_bars, ref_names, scenario, scenario_name, *readout)
        .add_params(prompts, energy)
        .properties(width=WIDTH, height=alt.Step(40))
    )


def history_chart(points: pd.DataFrame) -> alt.LayerChart:
    """Energy per token of the Llama models of ML.ENERGY v1, v2 and v3.

    ``points`` (:func:`dltrends.chapters.measured_energy.history_points`) has ``edition``
    (e.g. 'v1, 2023-09'), ``gpu`` (family, :data:`GPU_COLORS`), ``size``, ``model``,
    ``setup``, ``max_batch_size``, ``measured_j`` and ``lowest`` (the lowest of its
    edition, model and GPU, drawn large). x: the edition, GPUs side by side; log y.
    """
    columns = ["edition", "gpu", "size", "model", "setup", "max_batch_size", "measured_j", "lowest"]
    require(points, set(columns), "history_chart")
    data = plain_columns(points, columns)
    gpus = [g for g in GPU_COLORS if g in set(data["gpu"])]
    sizes = sorted(set(data["size"]), key=lambda s: float(s.rstrip("B")))
    encoding = {
        "x": alt.X(
            "edition:N",
            title="ML.ENERGY edition and data date",
            sort=sorted(set(data["edition"])),
            axis=alt.Axis(labelAngle=0),
        ),
        "xOffset": alt.XOffset("gpu:N", sort=gpus),
        "y": alt.Y(
            "measured_j:Q", title="GPU energy per generated token, J (log scale)", scale=alt.Scale(type="log")
        ),
        "color": alt.Color(
            "gpu:N",
            title="GPU",
            scale=alt.Scale(domain=gpus, range=[GPU_COLORS[g] for g in gpus]),
            legend=alt.Legend(orient="bottom"),
        ),
        "shape": alt.Shape("size:N", title="parameters", sort=sizes, legend=alt.Legend(orient="bottom")),
        "tooltip": [
            alt.Tooltip("model:N"),
            alt.Tooltip("setup:N", title="GPUs"),
            alt.Tooltip("max_batch_size:Q", title="max batch"),
            alt.Tooltip("measured_j:Q", format=".3f", title="J per token"),
        ],
    }
    every = alt.Chart(data).mark_point(size=30, opacity=0.35).encode(**encoding)
    lowest = (
        alt.Chart(data)
        .transform_filter(alt.datum.lowest)
        .mark_point(filled=True, size=110)
        .encode(**encoding)
    )
    return alt.layer(every, lowest).properties(width=WIDTH - 160, height=HEIGHT)

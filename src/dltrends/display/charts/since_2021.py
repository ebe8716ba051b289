"""Charts of the chapter What happened next (2021-2026).

* :func:`trend_backtest_chart`: points before and after mid-2021 on a log axis, with the
  trends fitted to the earlier points extended with their 95% prediction intervals (the
  efficiency lines, the Fig. 3 and Fig. 6 style trends, the joules trends);
* :func:`ratio_chart`: what happened divided by what the 2021 trend predicted;
* :func:`ridge_chart`: the roofline's ridge point (FLOP per byte) of the accelerators.

The book's colours: the precisions of :data:`base.PRECISION_COLORS` (the new data's
FP16/BF16 tensor rate takes the colour of the paper's tensor-core FP16), the
architectures of :data:`base.ARCHITECTURE_COLORS`, the model selections of
:data:`base.SELECTION_COLORS`; the precisions after the paper's (FP8, FP4), the kinds of
language model and the backtest lines have their colours here.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from dltrends.display.charts.base import (
    ARCHITECTURE_COLORS,
    DOMAIN_COLORS,
    HEIGHT,
    PRECISION_COLORS,
    SELECTION_COLORS,
    WIDTH,
    plain_columns,
    require,
    year_axis,
)

#: Precisions of the new accelerators: FP32 and FP16/BF16 continue the paper's colours.
PRECISION_COLORS_SINCE_2021 = {
    "FP32": PRECISION_COLORS["FP32"],
    "FP16/BF16": PRECISION_COLORS["FP16/FP32 Tensor"],
    "FP8": "#d67195",
    "FP4": "#8c6d31",
}

#: The lines of the efficiency backtest (dltrends.compare.since_2021.LINES).
LINE_COLORS = {
    "FP32": PRECISION_COLORS["FP32"],
    "FP16/FP32 Tensor": PRECISION_COLORS["FP16/FP32 Tensor"],
    "CNN": DOMAIN_COLORS["CV"],
    "NLP": DOMAIN_COLORS["NLP"],
    "new CNN": "#444444",
}

#: The trends fitted to a selection of models (keys: the fits of dltrends.compare.since_2021).
SELECTION_LINE_COLORS = {
    "best": SELECTION_COLORS["best models"],
    "all": SELECTION_COLORS["all models"],
    "record": SELECTION_COLORS["best models"],
}

#: The two kinds of work of the paper's Fig. 8, as point groups.
WORK_COLORS = {"CNN work": DOMAIN_COLORS["CV"], "NLP work": DOMAIN_COLORS["NLP"]}

#: Language models: the paper's Table 7 and the two architectures since.
LM_COLORS = {
    "Table 7 (paper)": "#888888",
    "dense": ARCHITECTURE_COLORS["Transformer"],
    "mixture-of-experts": "#17becf",
}

#: The two periods of every backtest: what the paper saw and what came after.
PERIOD_SHAPES = {"up to mid-2021": "circle", "since mid-2021": "triangle-up"}


def _scale(mapping: dict[str, str], present: object) -> alt.Scale:
    keys = [k for k in mapping if k in set(present)]
    return alt.Scale(domain=keys, range=[mapping[k] for k in keys])


def colors_for(labels: dict[str, str], palette: dict[str, str]) -> dict[str, str]:
    """The colour of each trend label: ``labels`` maps a key of ``palette`` to a label.

    >>> colors_for({"FP32": "FP32 peak, 2021 trend"}, LINE_COLORS)
    {'FP32 peak, 2021 trend': '#4c78a8'}
    """
    return {label: palette[key] for key, label in labels.items()}


def trend_backtest_chart(
    points: pd.DataFrame,
    lines: pd.DataFrame,
    *,
    y_title: str,
    unit: str,
    point_colors: dict[str, str],
    line_colors: dict[str, str],
    color_title: str,
    line_title: str = "2021 trend (shaded: 95% prediction interval)",
    cutoff_year: float = 2021.5,
    x_title: str = "date (year)",
) -> alt.LayerChart:
    """Points before and after the cutoff, with trends fitted before it, extended after it.

    ``points``: ``name``, ``date`` (text or date), ``year`` (decimal), ``value``,
    ``group`` (colour, ``point_colors``) and ``period`` ('up to mid-2021' or 'since
    mid-2021', the shape). ``lines``: ``trend`` (stroke colour, ``line_colors``), ``year``,
    ``fitted``, ``pi_lower``, ``pi_upper``: each trend's 95% prediction interval is shaded
    in its colour. A dotted rule marks ``cutoff_year``. ``y_title`` must say "(log
    scale)"; ``unit`` names the value in the tooltips.
    """
    require(points, {"name", "date", "year", "value", "group", "period"}, "trend_backtest_chart")
    require(lines, {"trend", "year", "fitted", "pi_lower", "pi_upper"}, "trend_backtest_chart")
    data = plain_columns(points, ["name", "date", "year", "value", "group", "period"])
    line_data = plain_columns(lines, ["trend", "year", "fitted", "pi_lower", "pi_upper"])
    x = year_axis(x_title)
    y_scale = alt.Scale(type="log")
    bands = [
        alt.Chart(line_data[line_data["trend"] == trend])
        .mark_area(opacity=0.12, color=color)
        .encode(x=x, y=alt.Y("pi_lower:Q", title=y_title, scale=y_scale), y2="pi_upper:Q")
        for trend, color in line_colors.items()
        if trend in set(line_data["trend"])
    ]
    fitted = (
        alt.Chart(line_data)
        .mark_line(strokeWidth=2)
        .encode(
            x=x,
            y=alt.Y("fitted:Q", title=y_title, scale=y_scale),
            stroke=alt.Stroke(
                "trend:N",
                title=line_title,
                scale=_scale(line_colors, line_data["trend"]),
                legend=alt.Legend(orient="bottom", direction="vertical", titleLimit=400, labelLimit=400),
            ),
            tooltip=[
                alt.Tooltip("trend:N"),
                alt.Tooltip("year:Q", format=".1f", title="year"),
                alt.Tooltip("fitted:Q", format=".3g", title=f"trend, {unit}"),
                alt.Tooltip("pi_lower:Q", format=".3g", title="95% PI, low"),
                alt.Tooltip("pi_upper:Q", format=".3g", title="95% PI, high"),
            ],
        )
    )
    dots = (
        alt.Chart(data)
        .mark_point(filled=True, size=60, opacity=0.85)
        .encode(
            x=x,
            y=alt.Y("value:Q", title=y_title, scale=y_scale),
            color=alt.Color(
                "group:N",
                title=color_title,
                scale=_scale(point_colors, data["group"]),
                legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=400),
            ),
            shape=alt.Shape(
                "period:N",
                title="data",
                scale=_scale(PERIOD_SHAPES, data["period"]),
                legend=alt.Legend(orient="bottom", direction="vertical"),
            ),
            tooltip=[
                alt.Tooltip("name:N", title="name"),
                alt.Tooltip("group:N", title=color_title),
                alt.Tooltip("date:N", title="date"),
                alt.Tooltip("value:Q", format=",.4~g", title=unit),
            ],
        )
    )
    cutoff = (
        alt.Chart(pd.DataFrame({"year": [float(cutoff_year)]}))
        .mark_rule(strokeDash=[2, 2], color="#888888")
        .encode(x=x)
    )
    return alt.layer(*bands, fitted, cutoff, dots).properties(width=WIDTH - 100, height=HEIGHT + 40)


def ratio_chart(backtest: pd.DataFrame) -> alt.LayerChart:
    """What happened over what the 2021 line predicted, per accelerator and line.

    ``backtest``: ``line`` (colour, :data:`LINE_COLORS`), ``line_label``,
    ``accelerator``, ``launch_date``, ``year``, ``actual``, ``predicted``, ``pi_lower``,
    ``pi_upper``, ``ratio`` and ``side`` ('inside', 'above', 'below'; filled points are
    inside the 95% prediction interval). Log y; a rule at 1 (the trend held exactly).
    """
    need = {"line", "line_label", "accelerator", "launch_date", "year", "actual", "predicted", "pi_lower"}
    require(backtest, need | {"pi_upper", "ratio", "side"}, "ratio_chart")
    data = plain_columns(backtest, sorted(need | {"pi_upper", "ratio", "side"}))
    data["inside"] = data["side"].map({"inside": "inside", "above": "outside", "below": "outside"})
    pairs = data[["line_label", "line"]].drop_duplicates()
    labels = dict(zip(pairs["line_label"], pairs["line"], strict=True))
    y_title = "actual ÷ predicted by the 2021 trend (log scale)"
    y = alt.Y("ratio:Q", title=y_title, scale=alt.Scale(type="log"))
    x = year_axis("launch date (year)")
    dots = (
        alt.Chart(data)
        .mark_point(filled=True, size=60, opacity=0.8)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "line_label:N",
                title="2021 trend",
                scale=alt.Scale(domain=list(labels), range=[LINE_COLORS[labels[k]] for k in labels]),
                legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=400),
            ),
            shape=alt.Shape(
                "inside:N",
                title="against the 95% prediction interval",
                scale=alt.Scale(domain=["inside", "outside"], range=["circle", "cross"]),
                legend=alt.Legend(orient="bottom", direction="vertical", titleLimit=400),
            ),
            tooltip=[
                alt.Tooltip("accelerator:N"),
                alt.Tooltip("line_label:N", title="2021 trend"),
                alt.Tooltip("launch_date:N", title="launch date"),
                alt.Tooltip("actual:Q", format=",.0f", title="actual, GFLOPS/W"),
                alt.Tooltip("predicted:Q", format=",.0f", title="predicted, GFLOPS/W"),
                alt.Tooltip("pi_lower:Q", format=",.0f", title="95% PI, low"),
                alt.Tooltip("pi_upper:Q", format=",.0f", title="95% PI, high"),
                alt.Tooltip("ratio:Q", format=".2f", title="actual ÷ predicted"),
            ],
        )
    )
    one = alt.Chart(pd.DataFrame({"ratio": [1.0]})).mark_rule(color="#444444", strokeDash=[4, 2]).encode(y=y)
    return alt.layer(one, dots).properties(width=WIDTH - 100, height=HEIGHT + 20)


def ridge_chart(
    points: pd.DataFrame,
    decode_flops_per_byte: float | None = None,
    decode_label: str = "decoding one sequence",
) -> alt.LayerChart:
    """The roofline's ridge point of each accelerator by launch date, per precision.

    ``points``: ``accelerator``, ``launch_date``, ``year``, ``precision`` (colour:
    'FP16/BF16', 'FP8', 'FP4'), ``kind`` (shape), ``tflops``, ``bandwidth_gbs``,
    ``flops_per_byte``. ``decode_flops_per_byte``, when given, draws a rule at the
    arithmetic intensity of decoding one sequence, labelled ``decode_label``. Log y.
    """
    need = {
        "accelerator",
        "launch_date",
        "year",
        "precision",
        "kind",
        "tflops",
        "bandwidth_gbs",
        "flops_per_byte",
    }
    require(points, need, "ridge_chart")
    data = plain_columns(points, sorted(need))
    y_title = "ridge point, FLOP per byte of memory traffic (log scale)"
    y = alt.Y("flops_per_byte:Q", title=y_title, scale=alt.Scale(type="log"))
    x = year_axis("launch date (year)")
    dots = (
        alt.Chart(data)
        .mark_point(filled=True, size=60, opacity=0.85)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "precision:N",
                title="precision (dense peak)",
                scale=_scale(PRECISION_COLORS_SINCE_2021, data["precision"]),
                legend=alt.Legend(orient="bottom", direction="vertical"),
            ),
            shape=alt.Shape("kind:N", title="kind", legend=alt.Legend(orient="bottom", direction="vertical")),
            tooltip=[
                alt.Tooltip("accelerator:N"),
                alt.Tooltip("launch_date:N", title="launch date"),
                alt.Tooltip("precision:N"),
                alt.Tooltip("tflops:Q", format=",.1f", title="peak, TFLOPS"),
                alt.Tooltip("bandwidth_gbs:Q", format=",.0f", title="bandwidth, GB/s"),
                alt.Tooltip("flops_per_byte:Q", format=",.0f", title="FLOP per byte"),
            ],
        )
    )
    layers: list = [dots]
    if decode_flops_per_byte is not None:
        rule = pd.DataFrame(
            {
                "flops_per_byte": [float(decode_flops_per_byte)],
                "label": [decode_label],
            }
        )
        base = alt.Chart(rule)
        layers.append(base.mark_rule(color="#444444", strokeDash=[4, 2]).encode(y=y))
        layers.append(
            base.mark_text(align="left", baseline="bottom", dx=3, dy=-2, fontSize=11, color="#333333").encode(
                x=alt.value(0), y=y, text="label:N"
            )
        )
    return alt.layer(*layers).properties(width=WIDTH - 100, height=HEIGHT)

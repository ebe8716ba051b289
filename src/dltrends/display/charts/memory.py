"""Charts of the chapter Memory wall (their frames: :mod:`dltrends.chapters.memory_wall`)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from dltrends.checks import InputError
from dltrends.display.charts.base import (
    DOMAIN_COLORS,
    HEIGHT,
    MEMORY_ROLE_COLORS,
    SOURCE_COLORS,
    WIDTH,
    require,
)

# The Memory Wall's CV models are all CNNs and its NLP models (nearly) all transformers, so
# its domains reuse the architecture colours (base.DOMAIN_COLORS).


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

    ``table`` is :func:`dltrends.chapters.memory_wall.growth_table` (one reading per model);
    ``metric`` is ``params_millions`` or ``inference_gflops``. Points on a log y axis,
    coloured and shaped by domain (CV, NLP); a model left out of the fit (``in_fit``
    False) is drawn hollow. Rows without a value are left out.
    """
    if metric not in _GROWTH_METRICS:
        raise InputError(f"metric must be one of {sorted(_GROWTH_METRICS)}, got {metric!r}")
    require(
        table,
        {"model", "domain", "release_date", "source_document", "in_fit", metric},
        "memory_wall_growth_chart",
    )
    data = table[table[metric].notna() & (table[metric] > 0)].copy()
    data["release_date"] = pd.to_datetime(data["release_date"]).dt.strftime("%Y-%m-%d")
    data["in_fit"] = data["in_fit"].map({True: "yes", False: "no"})
    title, fmt, tip = _GROWTH_METRICS[metric]
    domains = [d for d in DOMAIN_COLORS if d in set(data["domain"])]
    return (
        alt.Chart(data)
        .mark_point(size=80, opacity=0.9, strokeWidth=1.5)
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
            fill=alt.condition(
                alt.datum.in_fit == "yes",
                alt.Color(
                    "domain:N",
                    scale=alt.Scale(domain=domains, range=[DOMAIN_COLORS[d] for d in domains]),
                    legend=None,
                ),
                alt.value("transparent"),
            ),
            tooltip=[
                alt.Tooltip("model:N"),
                alt.Tooltip("release_date:T", title="release date", format="%Y-%m-%d"),
                alt.Tooltip(f"{metric}:Q", title=tip, format=fmt),
                alt.Tooltip("source_document:N", title="document(s)"),
                alt.Tooltip("in_fit:N", title="in the fit"),
            ],
        )
        .properties(width=WIDTH - 110, height=HEIGHT - 60)
    )


def training_memory_breakdown_chart(table: pd.DataFrame) -> alt.LayerChart:
    """The Memory Wall's training-memory breakdown: stacked bars and the printed total.

    ``table`` is :func:`dltrends.chapters.memory_wall.breakdown_long`. One stacked bar per
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
    require(table, needed, "training_memory_breakdown_chart")
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

    ``table`` is :func:`dltrends.chapters.memory_wall.unit_check_long`. One row per model
    and parameter count; a grey bar spans the ratios that round to the printed value
    (printed +- 0.005), and a point per unit marks computed / printed (LINEAR x). A point
    inside the band is the unit that row uses.
    """
    require(
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
    require(table, {"name", "activations", "parameters"}, "layer_memory_chart")
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

    ``table`` is :func:`dltrends.compare.seed003.rule_examples`. One point per example at
    (recomputed - printed) / printed in per cent (LINEAR x, 0 = the rule reproduces the
    printed value), coloured and shaped by whether it rounds to the printed value.
    """
    require(
        table,
        {"example", "params", "bytes", "printed", "printed_unit", "computed_in_printed_unit", "agrees"},
        "rule_of_thumb_chart",
    )
    data = table[["example", "params", "printed", "printed_unit", "computed_in_printed_unit"]].copy()
    data["match"] = table["agrees"].map({True: "yes", False: "no"})
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

    ``table`` is :func:`dltrends.chapters.memory_wall.bytes_per_param_components`: one stacked
    horizontal bar per setup (LINEAR x), one segment per stored copy, coloured by role
    (weights, gradients, optimizer state). Activations are not included.
    """
    require(table, {"setup", "label", "item", "role", "bytes", "setup_total"}, "bytes_per_param_chart")
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


#: Colours of the accelerator memory lines of the calculator, smallest first.
_ACCELERATOR_COLORS = ("#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f")


def _js_text(text: str) -> str:
    """A Python string as a single-quoted Vega expression string."""
    return "'" + str(text).replace("\\", "\\\\").replace("'", "\\'") + "'"


def memory_calculator_chart(
    setups: pd.DataFrame,
    models: pd.DataFrame,
    accelerators: pd.DataFrame,
    initial_params_b: float = 1.0,
    initial_setup: str = "seed003_mixed_adam",
) -> alt.LayerChart:
    """An interactive memory calculator: parameters and setup in, memory and GPUs out (no kernel).

    ``setups`` is :func:`dltrends.chapters.memory_wall.calculator_setups` (``setup``,
    ``label``, ``bytes_per_param``), ``models``
    :func:`~dltrends.chapters.memory_wall.calculator_models` (``model``, ``params``),
    ``accelerators`` :func:`~dltrends.chapters.memory_wall.accelerators` (``gb``, ``label``).

    Three Vega-Lite parameters bound to widgets, so the chart works in a static page:
    ``params_b`` (a number box, parameters in billions), ``named_model`` (a select: the
    number box, or one of the named models, which then sets the size) and ``setup`` (a
    select of the setups). The chart draws memory = params x bytes per parameter (GB =
    10^9 B, log-log) for the chosen setup as a line, the named models as labelled points,
    one horizontal line per accelerator memory, the chosen size as a red diamond, and two
    text marks: ``memory_readout`` ("GPT-3: 175 billion parameters x 20 B = 3,500.0 GB") and
    ``gpus_readout`` ("GPUs needed: 24 GB 146 · 80 GB 44 · ..."), the accelerators that hold
    the memory split evenly (a lower bound: activations, workspace and copies are left out).
    """
    require(setups, {"setup", "label", "bytes_per_param"}, "memory_calculator_chart")
    require(models, {"model", "params"}, "memory_calculator_chart")
    require(accelerators, {"gb", "label"}, "memory_calculator_chart")
    names = list(setups["setup"])
    if initial_setup not in names:
        raise InputError(f"initial_setup must be one of {names}, got {initial_setup!r}")
    if not 0.001 <= float(initial_params_b) <= 10_000:
        raise InputError(f"initial_params_b must be within 0.001 and 10000, got {initial_params_b!r}")
    params_b = alt.param(
        name="params_b",
        value=float(initial_params_b),
        bind=alt.binding(input="number", placeholder="e.g. 7 or 70", name="parameters (billions) "),
    )
    box = "(the number box)"
    named_model = alt.param(
        name="named_model",
        value=box,
        bind=alt.binding_select(options=[box, *models["model"]], name="or a named model "),
    )
    setup = alt.param(
        name="setup",
        value=initial_setup,
        bind=alt.binding_select(options=names, labels=list(setups["label"]), name="setup "),
    )
    # The chosen size: the named model's count, or the number box (10^6 to 10^13 parameters).
    chosen_params = "clamp(toNumber(params_b) || 1, 0.001, 10000) * 1e9"
    for model, params in zip(models["model"][::-1], models["params"][::-1], strict=True):
        chosen_params = f"named_model === {_js_text(model)} ? {float(params)!r} : ({chosen_params})"
    plain = setups[["setup", "label", "bytes_per_param"]].reset_index(drop=True)
    grid = pd.DataFrame({"log10": [6 + 0.5 * i for i in range(15)]})
    line_data = plain.merge(grid, how="cross").assign(params=lambda t: 10.0 ** t["log10"])
    line_data["gb"] = line_data["params"] * line_data["bytes_per_param"] / 1e9
    model_data = models[["model", "params"]].merge(plain, how="cross")
    model_data["gb"] = model_data["params"] * model_data["bytes_per_param"] / 1e9
    gpus = accelerators[["gb", "label"]].sort_values("gb").reset_index(drop=True)
    x = alt.X(
        "params:Q",
        title="parameters (log scale)",
        scale=alt.Scale(type="log", domain=[1e6, 1e13], clamp=True),
        axis=alt.Axis(format="~s"),
    )
    y = alt.Y(
        "gb:Q",
        title="memory, GB = 10^9 bytes (log scale)",
        scale=alt.Scale(type="log", domain=[1e-3, 3e5], clamp=True),
    )
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
    colors = list(_ACCELERATOR_COLORS[: len(gpus)])
    rules = (
        alt.Chart(gpus)
        .mark_rule(strokeDash=[5, 3], strokeWidth=1.5)
        .encode(
            y=alt.Y("gb:Q"),
            color=alt.Color(
                "label:N",
                sort=list(gpus["label"]),
                scale=alt.Scale(domain=list(gpus["label"]), range=colors),
                legend=alt.Legend(title="accelerator memory", orient="bottom", columns=2),
            ),
            tooltip=[alt.Tooltip("label:N", title="accelerator memory")],
        )
    )
    mine = (
        alt.Chart(plain)
        .transform_filter(chosen)
        .transform_calculate(params=chosen_params)
        .transform_calculate(gb="datum.params * datum.bytes_per_param / 1e9")
    )
    marker = mine.mark_point(filled=True, size=160, color="#e45756", shape="diamond").encode(x=x, y=y)
    readout = (
        mine.transform_calculate(
            name_text=f"named_model === {_js_text(box)} ? '' : named_model + ': '",
            params_text=(
                "datum.params >= 1e9 ? format(datum.params / 1e9, ',.4~r') + ' billion'"
                " : format(datum.params / 1e6, ',.4~r') + ' million'"
            ),
            memory_text=(
                "datum.gb >= 1000 ? format(datum.gb, ',.1f') + ' GB (' + format(datum.gb / 1000, ',.2f')"
                " + ' TB)' : format(datum.gb, ',.2f') + ' GB'"
            ),
        )
        .transform_calculate(
            readout=(
                "datum.name_text + datum.params_text + ' parameters x ' + format(datum.bytes_per_param, '~g')"
                " + ' B = ' + datum.memory_text"
            )
        )
        .mark_text(align="left", baseline="top", fontSize=14, fontWeight="bold", color="#e45756")
        .encode(x=alt.value(6), y=alt.value(6), text="readout:N")
        .properties(name="memory_readout")
    )
    parts = " + ' · ' + ".join(
        f"'{gb:g} GB ' + format(ceil(datum.gb / {gb!r} - 1e-9), ',d')" for gb in gpus["gb"]
    )
    needed = (
        mine.transform_calculate(gpus_text=f"'GPUs needed: ' + {parts}")
        .mark_text(align="left", baseline="top", fontSize=13, color="#333333")
        .encode(x=alt.value(6), y=alt.value(28), text="gpus_text:N")
        .properties(name="gpus_readout")
    )
    return (
        alt.layer(line, rules, points, labels, marker, readout, needed)
        .add_params(params_b, named_model, setup)
        .properties(width=WIDTH - 100, height=HEIGHT)
    )


def activation_batch_chart(
    table: pd.DataFrame, reference: pd.DataFrame | None = None
) -> alt.Chart | alt.LayerChart:
    """Activation memory against batch size, one line per setting (e.g. input size).

    ``table`` is :func:`dltrends.chapters.memory_wall.activation_memory_by_batch`: x batch size (log
    scale, base 2), y GB = 10^9 B (LINEAR). ``reference`` (optional; columns
    ``batch_size``, ``gb``, ``label``) adds labelled black points, e.g. the Memory Wall's
    printed activation memory.
    """
    require(table, {"setting", "batch_size", "gb", "gib", "activations_per_sample"}, "activation_batch_chart")
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
    require(reference, {"batch_size", "gb", "label"}, "activation_batch_chart (reference)")
    ref = alt.Chart(reference).encode(x="batch_size:Q", y="gb:Q")
    marks = ref.mark_point(shape="square", size=90, filled=True, color="black").encode(
        tooltip=[alt.Tooltip("label:N"), alt.Tooltip("batch_size:Q"), alt.Tooltip("gb:Q", format=".2f")]
    )
    text = ref.mark_text(align="right", dx=-8, dy=-6, fontSize=11).encode(text="label:N")
    return alt.layer(lines, marks, text)


def transformer_activation_chart(table: pd.DataFrame) -> alt.Chart:
    """Transformer activation memory: formula (16-bit and 32-bit) against the Memory Wall.

    ``table`` is :func:`dltrends.chapters.memory_wall.transformer_activation_long`. One row per model
    and sequence length (and one for each model's printed value), GB = 10^9 B on a LINEAR
    x axis; colour says paper or this book, shape the storage size.
    """
    require(table, {"row", "model", "what", "source", "gb"}, "transformer_activation_chart")
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

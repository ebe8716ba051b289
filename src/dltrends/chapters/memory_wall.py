"""The chapter "Memory wall": everything its page shows, computed here.

Each function returns what one section shows: a frame for a chart or a table, or the
numbers its prose quotes under literal keys (search a key to land on its line). The
comparisons with printed values come from :mod:`dltrends.compare.memory_wall` (the Memory
Wall's breakdown and which unit each row uses) and :mod:`dltrends.compare.seed003` (seed
003's AlexNet lines and rule-of-thumb examples), the same functions the data audit and the
reproduction scorecard use. Memory itself is computed by :mod:`dltrends.memory` and layer
shapes by :mod:`dltrends.layers`.

Memory Wall values are quoted as printed; where the book turns one into bytes, it reads
the row in the unit the row's params memory fits (:func:`row_unit`), so a row is never
read in GB in one place and in GiB in another.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pandas as pd

from dltrends import audit, memory
from dltrends.checks import InputError
from dltrends.compare import agrees_at_print, seed003, slug
from dltrends.trends import CONFIDENCE, TrendFit, fit_frame
from dltrends.units import BYTES_PER_GB, BYTES_PER_GIB, BYTES_PER_TB


def _row_where(frame: pd.DataFrame, column: str, value: str) -> pd.Series:
    rows = frame[frame[column].astype(str) == value]
    if rows.empty:
        raise InputError(f"no row with {column} == {value!r}")
    return rows.iloc[0]


def _require(frame: object, columns: set[str], what: str) -> None:
    if not isinstance(frame, pd.DataFrame) or not columns <= set(frame.columns):
        raise InputError(f"{what} must be a DataFrame with columns {sorted(columns)}")


# ----------------------------------------------------------------------------- the Memory Wall data

#: Order in which one reading per model is chosen when both documents print a row.
READING_PREFERENCE: tuple[str, ...] = ("000+002", "000", "002")

_READING_SKIP = {"model", "model_as_printed", "source_document", "source_table", "notes"}

#: Memory Wall NLP rows left out of the language-model growth fit because they are not dense
#: language models: the two Baidu recommendation models (their parameters are embedding
#: tables) and GShard, a sparse mixture of experts (each token uses a small share of its
#: weights). Rows the data audit flags as copies are left out as well (:func:`copied_rows`).
NOT_DENSE_LANGUAGE_MODELS: tuple[str, ...] = ("Baidu RecSys-C", "Baidu RecSys-E", "GShard")


def _reading_rank(frame: pd.DataFrame) -> pd.Series:
    order = {doc: rank for rank, doc in enumerate(READING_PREFERENCE)}
    return frame["source_document"].astype(str).map(order).fillna(len(order))


def one_reading(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of a Memory Wall table ordered by :data:`READING_PREFERENCE` (first wins)."""
    return frame.assign(_rank=_reading_rank(frame)).sort_values("_rank", kind="stable")


def copied_rows(nlp: pd.DataFrame) -> dict[str, str]:
    """Rows of the Memory Wall NLP table that the data audit flags as copies: ``{copy: original}``.

    :func:`dltrends.audit.check_identical_rows` finds different models with identical
    values in every size column; of each pair the later-dated row is taken as the copy
    (RoBERTa Large repeats GPT-2's parameters, features and GFLOPs).
    """
    _require(nlp, {"model", "release_date"}, "nlp")
    findings = audit.check_identical_rows({"memory_wall_nlp": nlp})
    dates = nlp.groupby(nlp["model"].astype(str))["release_date"].min()
    by_slug = {slug(model): model for model in dates.index}
    out = {}
    for finding in findings["finding"]:
        _, first, second = finding.split(".")
        pair = sorted((by_slug[first], by_slug[second]), key=lambda model: dates[model])
        out[pair[1]] = pair[0]
    return out


def growth_table(nlp: pd.DataFrame, cv: pd.DataFrame, left_out: Sequence[str] = ()) -> pd.DataFrame:
    """One reading per dated model of the Memory Wall NLP and CV tables (Gholami et al. 2024).

    ``nlp`` and ``cv`` are ``data.load("memory_wall_nlp")`` and ``data.load("memory_wall_cv")``.
    Where both documents print a model (seed 000, the repository README, and seed 002, its
    Markdown copy), the reading of :data:`READING_PREFERENCE` comes first;
    :func:`reading_differences` lists what differs. Rows without a release date (002's CV
    accuracy table) are left out.

    Columns: ``model``, ``domain`` ('NLP' or 'CV'), ``release_date``, ``source_document``,
    ``params_millions``, ``inference_gflops`` (GFLOPs of one forward pass; empty where not
    printed) and ``in_fit`` (False for the models named in ``left_out``), sorted by domain
    and date.
    """
    frames = []
    for domain, frame in (("NLP", nlp), ("CV", cv)):
        needed = {"model", "source_document", "release_date", "params_millions", "inference_gflops"}
        _require(frame, needed, f"the {domain} table")
        dated = one_reading(frame[frame["release_date"].notna()])
        dated = dated.sort_values(["model", "_rank"], kind="stable").drop_duplicates("model")
        frames.append(
            pd.DataFrame(
                {
                    "model": dated["model"].astype(str),
                    "domain": domain,
                    "release_date": dated["release_date"],
                    "source_document": dated["source_document"].astype(str),
                    "params_millions": dated["params_millions"].astype(float),
                    "inference_gflops": dated["inference_gflops"].astype(float),
                }
            )
        )
    out = pd.concat(frames, ignore_index=True)
    out["in_fit"] = ~out["model"].isin(list(left_out))
    return out.sort_values(["domain", "release_date", "model"], kind="stable").reset_index(drop=True)


def growth_fit(table: pd.DataFrame, metric: str, domain: str, exclude: Sequence[str] = ()) -> TrendFit:
    """Exponential trend of a Memory Wall metric over release dates, for one domain.

    ``table`` is :func:`growth_table`; ``metric`` is ``params_millions`` or
    ``inference_gflops``; models named in ``exclude`` and rows without the metric are left
    out. ``growth_per_year`` squared is the factor per two years, the period Gholami et
    al. (2024) quote their growth rates for.
    """
    _require(table, {"model", "domain", "release_date", metric}, "table")
    rows = table[(table["domain"] == domain) & table[metric].notna() & ~table["model"].isin(list(exclude))]
    return fit_frame(rows, metric)


def _cell_text(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "(empty)"
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def reading_differences(nlp: pd.DataFrame, cv: pd.DataFrame) -> pd.DataFrame:
    """What differs between the two readings of a model in the Memory Wall tables.

    A model has two readings when the NLP table has one row per document (``000`` and
    ``002``) or when it is in both CV tables (000's CV Models table and 002's accuracy
    table). One row per differing column: ``domain``, ``model``, ``column``,
    ``first_source``, ``first_reading``, ``second_source``, ``second_reading`` (readings as
    text, '(empty)' for a blank cell). Where no value differs (the Baidu rows, which
    differ only in printing 'N/A' or leaving a cell blank), the ``notes`` column is listed.
    """
    rows = []
    for domain, frame, by in (("NLP", nlp, "source_document"), ("CV", cv, "source_table")):
        _require(frame, {"model", by}, f"the {domain} table")
        ranked = one_reading(frame)
        for model in sorted(frame["model"].astype(str).unique()):
            readings = ranked[ranked["model"].astype(str) == model]
            if len(readings) < 2:
                continue
            first, second = readings.iloc[0], readings.iloc[1]
            columns = [c for c in frame.columns if c not in _READING_SKIP]
            if "model_as_printed" in frame.columns:
                columns = ["model_as_printed", *columns]
            differing = [c for c in columns if _cell_text(first[c]) != _cell_text(second[c])]
            if not differing and "notes" in frame.columns:
                differing = ["notes"]
            for column in differing:
                rows.append(
                    {
                        "domain": domain,
                        "model": model,
                        "column": column,
                        "first_source": str(first[by]),
                        "first_reading": _cell_text(first[column]),
                        "second_source": str(second[by]),
                        "second_reading": _cell_text(second[column]),
                    }
                )
    columns = [
        "domain",
        "model",
        "column",
        "first_source",
        "first_reading",
        "second_source",
        "second_reading",
    ]
    return pd.DataFrame(rows, columns=columns)


#: Readable names of the Memory Wall columns that differ between readings.
_COLUMN_NAMES = {
    "model_as_printed": "name as printed",
    "release_date": "release date",
    "params_millions": "parameters (M)",
    "top1_accuracy": "top-1 accuracy (%)",
    "inference_gflops": "inference GFLOPs",
    "training_pflops": "training PFLOPs",
}


def differences_view(differences: pd.DataFrame) -> pd.DataFrame:
    """:func:`reading_differences` narrowed for the page: one row per differing value.

    The Baidu rows, which differ only in how an empty cell is printed (their notes), are
    left out; the prose names them. Columns ``model``, ``value`` and the readings in 000
    and in 002.
    """
    shown = differences[differences["column"] != "notes"]
    first = shown["first_source"].str.split(":").str[0]
    second = shown["second_source"].str.split(":").str[0]
    if not ((first == "000").all() and (second == "002").all()):
        raise InputError("expected every first reading from 000 and every second from 002")
    return pd.DataFrame(
        {
            "model": shown["model"],
            "value": shown["column"].map(_COLUMN_NAMES).fillna(shown["column"]),
            "in 000": shown["first_reading"],
            "in 002": shown["second_reading"],
        }
    ).reset_index(drop=True)


def growth_numbers(
    growth: pd.DataFrame, differences: pd.DataFrame, copies: Mapping[str, str]
) -> dict[str, object]:
    """The numbers of the section on the Memory Wall data.

    Exponential fits of NLP parameters and inference GFLOPs (dense language models:
    :data:`NOT_DENSE_LANGUAGE_MODELS` and the ``copies`` of :func:`copied_rows` left out)
    and of CV parameters, as factors per two years, with the 95 % interval of the NLP
    parameter factor; the same NLP fit with the copies kept; the Transformer and GPT-3
    parameter counts and years; the CV years and largest CV parameter count.
    """
    dense = (*NOT_DENSE_LANGUAGE_MODELS, *copies)
    nlp_params = growth_fit(growth, "params_millions", "NLP", dense)
    with_copies = growth_fit(growth, "params_millions", "NLP", NOT_DENSE_LANGUAGE_MODELS)
    nlp_gflops = growth_fit(growth, "inference_gflops", "NLP", dense)
    cv_params = growth_fit(growth, "params_millions", "CV")
    cv = growth[growth["domain"] == "CV"]
    nlp = growth[growth["domain"] == "NLP"]
    transformer = _row_where(nlp, "model", "Transformer")
    gpt3 = _row_where(nlp, "model", "GPT-3")
    notes_only = differences.loc[differences["column"] == "notes", "model"]
    return {
        "n_reading_differences": int((differences["column"] != "notes").sum()),
        "notes_only_models": " and ".join(notes_only),
        "nlp_fit_n": nlp_params.n,
        "nlp_params_per_2y": nlp_params.growth_per_year**2,
        "nlp_params_per_2y_low": nlp_params.growth_per_year_ci[0] ** 2,
        "nlp_params_per_2y_high": nlp_params.growth_per_year_ci[1] ** 2,
        "nlp_gflops_fit_n": nlp_gflops.n,
        "nlp_gflops_per_2y": nlp_gflops.growth_per_year**2,
        "copied_models": " and ".join(copies),
        "copied_from": " and ".join(copies.values()),
        "nlp_params_per_2y_with_copies": with_copies.growth_per_year**2,
        "cv_fit_n": cv_params.n,
        "cv_params_per_2y": cv_params.growth_per_year**2,
        "cv_params_max": float(cv["params_millions"].max()),
        "cv_first_year": int(cv["release_date"].dt.year.min()),
        "cv_last_year": int(cv["release_date"].dt.year.max()),
        "transformer_params": float(transformer["params_millions"]),
        "transformer_year": int(transformer["release_date"].year),
        "gpt3_params_b": float(gpt3["params_millions"]) / 1e3,
        "gpt3_year": int(gpt3["release_date"].year),
        "gpt3_over_transformer": float(gpt3["params_millions"]) / float(transformer["params_millions"]),
        "not_dense": ", ".join(NOT_DENSE_LANGUAGE_MODELS),
        "confidence_pct": 100 * CONFIDENCE,
    }


# ----------------------------------------------------------------------------- the breakdown

#: Columns of the Memory Breakdown table and the component each one holds.
COMPONENTS: tuple[tuple[str, str], ...] = (
    ("params_memory_gb_printed", "parameters"),
    ("optimizer_memory_gb_printed", "optimizer"),
    ("activation_memory_gb_printed", "activations"),
)


def breakdown_long(table: pd.DataFrame) -> pd.DataFrame:
    """The Memory Wall "Memory Breakdown" in long form, one row per model and component.

    ``table`` is ``data.load("memory_wall_training_memory")``. Columns: ``model``,
    ``year``, ``input_size`` (as printed), ``batch_size``, ``component`` ('parameters',
    'optimizer', 'activations'), ``component_order`` (0, 1, 2), ``gb_printed`` (the
    printed value, labelled GB), ``total_gb_printed`` and ``sum_of_parts_gb`` (the sum of
    the three printed parts, rounded to 2 decimals), in the table's row order.
    """
    needed = {"model", "year", "input_size", "batch_size", "total_memory_gb_printed"}
    _require(table, needed | {column for column, _ in COMPONENTS}, "table")
    rows = []
    for _, printed in table.iterrows():
        parts = sum(float(printed[column]) for column, _ in COMPONENTS)
        for order, (column, component) in enumerate(COMPONENTS):
            rows.append(
                {
                    "model": str(printed["model"]),
                    "year": int(printed["year"]),
                    "input_size": str(printed["input_size"]),
                    "batch_size": int(printed["batch_size"]),
                    "component": component,
                    "component_order": order,
                    "gb_printed": float(printed[column]),
                    "total_gb_printed": float(printed["total_memory_gb_printed"]),
                    "sum_of_parts_gb": round(parts, 2),
                }
            )
    return pd.DataFrame(rows)


def breakdown_view(table: pd.DataFrame) -> pd.DataFrame:
    """The Memory Breakdown as printed, in narrow columns, with the sum of the printed parts."""
    long = breakdown_long(table).drop_duplicates("model").set_index("model")
    return pd.DataFrame(
        {
            "model": table["model"].astype(str),
            "batch x input": table["batch_size"].astype(str) + " x " + table["input_size"].astype(str),
            "params": table["params_memory_gb_printed"],
            "optimizer": table["optimizer_memory_gb_printed"],
            "activations": table["activation_memory_gb_printed"],
            "total": table["total_memory_gb_printed"],
            "sum": long.loc[table["model"].astype(str), "sum_of_parts_gb"].to_numpy(),
        }
    ).reset_index(drop=True)


def breakdown_numbers(training: pd.DataFrame) -> dict[str, object]:
    """The numbers of the section on the training-memory breakdown (values as printed)."""
    long = breakdown_long(training)
    largest = long.loc[long.groupby("model", sort=False)["gb_printed"].idxmax()]
    dense = _row_where(training, "model", "DenseNet201")
    bert = _row_where(training, "model", "BERT Large")
    gpt2 = _row_where(training, "model", "GPT-2")

    def share(row: pd.Series) -> float:
        return 100 * float(row["activation_memory_gb_printed"]) / float(row["total_memory_gb_printed"])

    return {
        "n_breakdown": len(training),
        "n_activation_largest": int((largest["component"] == "activations").sum()),
        "not_activation_largest": ", ".join(largest.loc[largest["component"] != "activations", "model"]),
        "densenet_activation_share": share(dense),
        "bert_activation_share": share(bert),
        "densenet_params_gb": float(dense["params_memory_gb_printed"]),
        "densenet_act_gb": float(dense["activation_memory_gb_printed"]),
        "gpt2_total": float(gpt2["total_memory_gb_printed"]),
        "gpt2_batch": int(gpt2["batch_size"]),
    }


# ----------------------------------------------------------------------------- recomputing the breakdown

#: The data files the breakdown's recomputation reads (:func:`dltrends.compare.memory_wall.breakdown`).
BREAKDOWN_FILES: tuple[str, ...] = (
    "memory_wall_training_memory",
    "memory_wall_cv",
    "memory_wall_nlp",
    "cv_models",
    "nlp_models",
)

#: Short names of the files a parameter count comes from.
_COUNT_SOURCES = {
    "memory_wall_cv": "Memory Wall CV",
    "memory_wall_nlp": "Memory Wall NLP",
    "cv_models": "Desislavov et al.",
    "nlp_models": "Desislavov et al.",
}


def _count_source(label: str) -> str:
    """'memory_wall_cv.csv: AlexNet (000)' -> 'Memory Wall CV, 000'."""
    file, _, rest = str(label).partition(": ")
    name = _COUNT_SOURCES.get(file.removesuffix(".csv"), label)
    doc = rest[rest.rfind("(") + 1 : -1] if rest.endswith(")") else ""
    return f"{name}, {doc}" if doc else name


def row_unit(verdicts: pd.DataFrame, model: str) -> tuple[str, float]:
    """The unit a Memory Breakdown row is read in, and its bytes: GiB where the row's params
    memory fits only GiB (:func:`dltrends.compare.memory_wall.unit_verdicts`), else GB as
    labelled.
    """
    verdict = str(_row_where(verdicts, "model", model)["verdict"])
    return ("GiB", float(BYTES_PER_GIB)) if verdict == "GiB" else ("GB", float(BYTES_PER_GB))


def recompute_view(recomputed: pd.DataFrame) -> pd.DataFrame:
    """:func:`dltrends.compare.memory_wall.breakdown` in narrow columns: one row per model and
    parameter count, its fp32 bytes in GB and in GiB beside the printed params memory, and
    the unit in which it rounds to the printed value.
    """
    shown = recomputed[recomputed["params_millions"].notna()]
    unit = shown["params_unit"].replace({"both": "GB and GiB", "neither": ""})
    return pd.DataFrame(
        {
            "model": shown["model"],
            "parameters": shown["params_millions"],
            "count from": shown["params_source"].map(_count_source),
            "printed": shown["params_memory_printed"],
            "GB": shown["params_memory_gb_computed"],
            "GiB": shown["params_memory_gib_computed"],
            "rounds in": unit,
        }
    ).reset_index(drop=True)


def unit_check_long(recomputed: pd.DataFrame) -> pd.DataFrame:
    """Computed over printed params memory, in GB and GiB, for the unit chart.

    ``recomputed`` is :func:`dltrends.compare.memory_wall.breakdown`. One row per model,
    parameter count and unit (rows without a count are dropped): ``label`` ('<model>:
    <count>M (<source>)'), ``model``, ``params_millions``, ``unit``, ``computed``,
    ``printed``, ``ratio`` (computed / printed), ``band_low`` and ``band_high`` (the ratios
    at the edges of the printed value's rounding interval) and ``matches`` (the computed
    value rounds to the printed one: the breakdown's ``params_unit``).
    """
    needed = {"model", "params_source", "params_millions", "params_memory_printed", "params_unit"}
    _require(recomputed, needed | {"params_memory_gb_computed", "params_memory_gib_computed"}, "recomputed")
    rows = []
    for _, row in recomputed[recomputed["params_millions"].notna()].iterrows():
        printed = float(row["params_memory_printed"])
        where = _count_source(row["params_source"])
        for unit, short, column in (
            ("GB (10^9 B)", "GB", "params_memory_gb_computed"),
            ("GiB (2^30 B)", "GiB", "params_memory_gib_computed"),
        ):
            computed = float(row[column])
            rows.append(
                {
                    "label": f"{row['model']}: {row['params_millions']:g}M ({where})",
                    "model": str(row["model"]),
                    "params_millions": float(row["params_millions"]),
                    "unit": unit,
                    "computed": computed,
                    "printed": printed,
                    "ratio": computed / printed,
                    "band_low": (printed - 0.005) / printed,
                    "band_high": (printed + 0.005) / printed,
                    "matches": row["params_unit"] in (short, "both"),
                }
            )
    return pd.DataFrame(rows)


def recompute_numbers(
    recomputed: pd.DataFrame,
    verdicts: pd.DataFrame,
    candidates: Mapping[str, Mapping[str, float]],
    training: pd.DataFrame,
    nlp: pd.DataFrame,
) -> dict[str, object]:
    """The numbers of the section that recomputes the params and optimizer memory.

    ``recomputed`` is :func:`dltrends.compare.memory_wall.breakdown`, ``verdicts`` its
    :func:`~dltrends.compare.memory_wall.unit_verdicts`, ``candidates``
    :func:`dltrends.compare.memory_wall.param_candidates`.
    """
    first = recomputed.drop_duplicates("model")
    multipliers = first["optimizer_multiplier"]
    verdict = verdicts.set_index("model")["verdict"]

    def pick(model: str, prefix: str) -> pd.Series:
        rows = recomputed[(recomputed["model"] == model) & recomputed["params_source"].str.startswith(prefix)]
        if rows.empty:
            raise InputError(f"no parameter count for {model} from {prefix}")
        return rows.iloc[0]

    alexnet = pick("AlexNet", "memory_wall_cv")
    bert = pick("BERT Large", "memory_wall_nlp")
    vgg_000, vgg_001 = pick("VGG19", "memory_wall_cv"), pick("VGG19", "cv_models")
    gpt2 = pick("GPT-2", "memory_wall_nlp")
    tokens = one_reading(nlp)
    return {
        "max_candidates": max(len(counts) for counts in candidates.values()),
        "fp32_bytes": memory.BYTES_PER_PRECISION["fp32"],
        "sgd_multiplier": int(multipliers.min()),
        "adam_multiplier": int(multipliers.max()),
        "n_sgd_rows": int((multipliers == multipliers.min()).sum()),
        "n_adam_rows": int((multipliers == multipliers.max()).sum()),
        "gib_row_count": int((verdict == "GiB").sum()),
        "gib_models": ", ".join(verdict[verdict == "GiB"].index),
        "gb_models": ", ".join(verdict[verdict == "GB"].index),
        "either_models": ", ".join(verdict[verdict.str.startswith("GB or")].index),
        "neither_models": ", ".join(verdict[verdict == "neither"].index),
        "nocount_models": ", ".join(verdict[verdict == "no parameter count"].index),
        "alexnet_mw_params": float(alexnet["params_millions"]),
        "alexnet_mw_gb": float(alexnet["params_memory_gb_computed"]),
        "alexnet_mw_gib": float(alexnet["params_memory_gib_computed"]),
        "alexnet_mw_printed": float(alexnet["params_memory_printed"]),
        "bert_mw_params": float(bert["params_millions"]),
        "bert_mw_gb": float(bert["params_memory_gb_computed"]),
        "bert_mw_gib": float(bert["params_memory_gib_computed"]),
        "bert_mw_printed": float(bert["params_memory_printed"]),
        "vgg_params_000": float(vgg_000["params_millions"]),
        "vgg_params_001": float(vgg_001["params_millions"]),
        "vgg_000_gib": float(vgg_000["params_memory_gib_computed"]),
        "vgg_001_gib": float(vgg_001["params_memory_gib_computed"]),
        "vgg_printed": float(vgg_000["params_memory_printed"]),
        "vgg_implied_gib": float(vgg_000["implied_params_millions_if_gib"]),
        "gpt2_params": float(gpt2["params_millions"]),
        "gpt2_gb": float(gpt2["params_memory_gb_computed"]),
        "gpt2_gib": float(gpt2["params_memory_gib_computed"]),
        "gpt2_params_printed": float(gpt2["params_memory_printed"]),
        "gpt2_implied_gb": float(gpt2["implied_params_millions_if_gb"]),
        "gpt2_implied_gib": float(gpt2["implied_params_millions_if_gib"]),
        "gpt2_opt_printed": float(gpt2["optimizer_memory_printed"]),
        "gpt2_multiplier": int(gpt2["optimizer_multiplier"]),
        "gpt2_opt_times_params": int(gpt2["optimizer_multiplier"]) * float(gpt2["params_memory_printed"]),
        "gpt2_total_printed": float(gpt2["total_printed"]),
        "gpt2_sum_parts": float(gpt2["sum_of_printed_parts"]),
        "gpt2_sum_multiplier": float(gpt2["sum_with_optimizer_as_multiplier_x_params"]),
        "gpt2_input_printed": str(_row_where(training, "model", "GPT-2")["input_size"]),
        "gpt2_token_size": int(_row_where(tokens, "model", "GPT-2")["token_size"]),
        "alexnet_total_printed": float(alexnet["total_printed"]),
        "alexnet_sum_parts": float(alexnet["sum_of_printed_parts"]),
        "alexnet_total_gap": float(alexnet["total_minus_sum_printed"]),
    }


# ----------------------------------------------------------------------------- seed 003: AlexNet


def layer_view(check: pd.DataFrame) -> pd.DataFrame:
    """:func:`dltrends.layers.compare_with_printed` narrowed for the page."""
    return pd.DataFrame(
        {
            "layer": check["layer"],
            "output": check["output_shape"],
            "activations": check["activations"],
            "parameters": check["parameters"],
            "cells": check["cells_matching"].astype(str) + " of " + check["cells_compared"].astype(str),
            "not printed": check["unprinted"],
        }
    )


def layer_numbers(table: pd.DataFrame, check: pd.DataFrame, grouped: pd.DataFrame) -> dict[str, object]:
    """The numbers of the section on seed 003's AlexNet layer table.

    ``table`` is :func:`dltrends.layers.layer_table` of seed 003's AlexNet, ``check`` its
    :func:`~dltrends.layers.compare_with_printed`, ``grouped`` the layer table of the same
    network with AlexNet's two-GPU grouping (``alexnet_seed003(grouped=True)``).
    """
    params = int(table["parameters"].sum())
    acts = int(table["activations"].sum())
    fc = table["layer_type"] == "fc"
    conv_or_input = table["layer_type"].isin(["conv", "input"])
    fewer = table.set_index("name")["parameters"] - grouped.set_index("name")["parameters"]
    regrouped = fewer[fewer > 0]
    return {
        "alexnet_params": params,
        "alexnet_activations": acts,
        "layer_cells_compared": int(check["cells_compared"].sum()),
        "layer_cells_matching": int(check["cells_matching"].sum()),
        "layer_rows": len(check),
        "layer_rows_matching": int((check["match"] == "yes").sum()),
        "fc_param_share": 100 * int(table.loc[fc, "parameters"].sum()) / params,
        "conv_act_share": 100 * int(table.loc[conv_or_input, "activations"].sum()) / acts,
        "grouped_layers": ", ".join(regrouped.index[:-1]) + " and " + regrouped.index[-1],
        "grouped_fewer_m": int(regrouped.sum()) / 1e6,
        "alexnet_grouped_params": int(grouped["parameters"].sum()),
        "alexnet_grouped_m": int(grouped["parameters"].sum()) / 1e6,
    }


#: Short names of seed 003's lines (:data:`dltrends.compare.seed003.LINES`) and totals.
_LINE_NAMES = {
    "fp16_params_bytes": "fp16 weights",
    "fp16_gradients_bytes": "fp16 gradients",
    "fp32_params_bytes": "fp32 weights",
    "fp32_gradients_bytes": "fp32 gradients",
    "fp32_momentum_bytes": "fp32 momentum",
    "fp32_variance_bytes": "fp32 variance",
    "activation_bytes": "activations, fp32",
    "total of the recomputed lines": "total (lines recomputed)",
    "total of the printed lines": "total (lines as printed)",
}


def lines_view(lines: pd.DataFrame) -> pd.DataFrame:
    """:func:`dltrends.compare.seed003.lines` in narrow columns for the page."""
    return pd.DataFrame(
        {
            "line": lines["line"].map(_LINE_NAMES),
            "count": lines["count"],
            "bytes each": lines["bytes_per_item"],
            "recomputed (B)": lines["recomputed"],
            "printed (B)": lines["printed"],
            "agrees": lines["agrees"],
        }
    )


def seed003_numbers(lines: pd.DataFrame, table: pd.DataFrame) -> dict[str, object]:
    """The numbers of the section on seed 003's bytes for one training step.

    ``lines`` is :func:`dltrends.compare.seed003.lines`; ``table`` the layer table of seed
    003's AlexNet, whose activation rows are searched for a subset that sums to the
    printed activation line over its bytes per activation
    (:func:`dltrends.compare.seed003.activation_subsets_summing_to`).
    """
    line = lines.set_index("line")
    params = lines[lines["line"].isin(seed003.LINES[:-1])]
    act = line.loc["activation_bytes"]
    consistent = line.loc["total of the recomputed lines"]
    as_printed = line.loc["total of the printed lines"]
    per_item = float(act["bytes_per_item"])
    rows = dict(zip(table["name"], table["activations"], strict=True))
    over = int(act["printed"]) / per_item
    return {
        "seed_fp16_bytes": float(line.loc["fp16_params_bytes", "bytes_per_item"]),
        "seed_fp32_bytes": float(line.loc["fp32_momentum_bytes", "bytes_per_item"]),
        "seed_act_bytes_each": per_item,
        "seed_n_param_lines": len(params),
        "seed_n_param_lines_matching": int(params["agrees"].sum()),
        "seed_bytes_per_param": float(params["bytes_per_item"].sum()),
        "seed_param_bytes": int(params["recomputed"].sum()),
        "seed_act_printed": int(act["printed"]),
        "seed_act_consistent": int(act["recomputed"]),
        "seed_act_over_4": over,
        "seed_act_subsets_tried": 2 ** len(rows) - 1,
        "seed_act_subsets_found": len(seed003.activation_subsets_summing_to(rows, over)),
        "seed_total_printed": int(consistent["printed"]),
        "seed_total_consistent": int(consistent["recomputed"]),
        "seed_total_as_printed": int(as_printed["recomputed"]),
        "seed_total_gap": int(consistent["recomputed"]) - int(consistent["printed"]),
        "seed_total_gb": int(consistent["recomputed"]) / BYTES_PER_GB,
        "seed_total_printed_gb": int(consistent["printed"]) / BYTES_PER_GB,
    }


# ----------------------------------------------------------------------------- the rule of thumb


def rule_view(rule: pd.DataFrame) -> pd.DataFrame:
    """:func:`dltrends.compare.seed003.rule_examples` in narrow columns for the page."""
    return pd.DataFrame(
        {
            "example": rule["example"],
            "parameters (M)": rule["params"] / 1e6,
            "params × 20 B": rule["computed_in_printed_unit"],
            "printed": rule["printed"],
            "unit": rule["printed_unit"],
            "agrees": rule["agrees"],
        }
    )


def rule_numbers(rule: pd.DataFrame, grouped_params: int) -> dict[str, object]:
    """The numbers of the section on the rule of thumb.

    ``rule`` is :func:`dltrends.compare.seed003.rule_examples`; ``grouped_params`` the
    parameters of seed 003's AlexNet with the two-GPU grouping, put through the same rule.
    """
    ex = rule.set_index("example")

    def get(example: str, column: str) -> float:
        return float(ex.loc[example, column])

    grouped_gb = memory.rule_of_thumb_bytes(grouped_params) / BYTES_PER_GB
    printed = get("AlexNet (rule example)", "printed")
    decimals = int(ex.loc["AlexNet (rule example)", "printed_decimals"])
    return {
        "rule_n": len(rule),
        "rule_matches": int(rule["agrees"].sum()),
        "rule_alexnet_params_m": get("AlexNet (rule example)", "params") / 1e6,
        "rule_alexnet_table_m": get("AlexNet (layer table)", "params") / 1e6,
        "rule_alexnet_gb": get("AlexNet (rule example)", "computed_in_printed_unit"),
        "rule_alexnet_table_gb": get("AlexNet (layer table)", "computed_in_printed_unit"),
        "rule_alexnet_grouped_gb": grouped_gb,
        "rule_alexnet_grouped_rounds": "rounds"
        if agrees_at_print(printed, decimals, grouped_gb)
        else "does not round",
        "rule_alexnet_gib": get("AlexNet (rule example)", "binary"),
        "rule_coatnet_used_m": get("CoAtNet-7 (formula)", "params") / 1e6,
        "rule_coatnet_quoted_m": get("CoAtNet-7 (quoted text)", "params") / 1e6,
        "rule_coatnet_used_gb": get("CoAtNet-7 (formula)", "computed_in_printed_unit"),
        "rule_coatnet_quoted_gb": get("CoAtNet-7 (quoted text)", "computed_in_printed_unit"),
        "rule_coatnet_printed": get("CoAtNet-7 (formula)", "printed"),
        "rule_gpt3_tb": get("GPT-3", "computed_in_printed_unit"),
        "rule_gpt3_tib": get("GPT-3", "binary"),
    }


# ----------------------------------------------------------------------------- conventions

#: Short labels of the conventions and inference precisions (calculator and tables).
SETUP_LABELS: dict[str, str] = {
    "seed003_mixed_adam": "training: mixed-precision Adam, seed 003",
    "zero_mixed_adam": "training: mixed-precision Adam, ZeRO",
    "fp32_adam": "training: fp32 Adam, with gradients",
    "fp32_sgd_momentum": "training: fp32 SGD with momentum, with gradients",
    "fp32_sgd": "training: fp32 plain SGD, with gradients",
    "memory_wall_adam": "training: fp32 Adam, no gradients (Memory Wall NLP rows)",
    "memory_wall_sgd_momentum": "training: fp32 SGD momentum, no gradients (Memory Wall CV rows)",
    "inference_fp32": "inference: fp32 weights",
    "inference_fp16": "inference: fp16 weights",
    "inference_int8": "inference: int8 weights",
}

#: Inference precisions shown beside the training conventions.
INFERENCE_SETUPS: tuple[str, ...] = ("fp32", "fp16", "int8")


def _role(convention: memory.Convention, label: str) -> str:
    mixed = any(item.startswith("fp16") for item, _ in convention.per_param)
    if mixed and label.startswith("fp32"):
        return "optimizer state"
    if "weights" in label:
        return "weights"
    if "gradients" in label:
        return "gradients"
    return "optimizer state"


def bytes_per_param_components() -> pd.DataFrame:
    """Bytes per parameter of every setup, stored copy by stored copy, for the conventions chart.

    Training setups are :data:`dltrends.memory.CONVENTIONS`; inference setups hold the
    weights only. Columns: ``setup``, ``label`` (:data:`SETUP_LABELS`), ``kind``, ``item``,
    ``role`` ('weights', 'gradients', 'optimizer state': in mixed precision every fp32
    copy is optimizer state, as ZeRO and seed 003 count it), ``bytes`` and ``setup_total``.
    """
    rows = []
    for name, convention in memory.CONVENTIONS.items():
        for label, size in convention.per_param:
            rows.append(
                {
                    "setup": name,
                    "label": SETUP_LABELS[name],
                    "kind": "training",
                    "item": label,
                    "role": _role(convention, label),
                    "bytes": float(size),
                    "setup_total": convention.bytes_per_param,
                }
            )
    for precision in INFERENCE_SETUPS:
        size = float(memory.BYTES_PER_PRECISION[precision])
        rows.append(
            {
                "setup": f"inference_{precision}",
                "label": SETUP_LABELS[f"inference_{precision}"],
                "kind": "inference",
                "item": f"{precision} weights",
                "role": "weights",
                "bytes": size,
                "setup_total": size,
            }
        )
    return pd.DataFrame(rows)


def conventions_view() -> pd.DataFrame:
    """The training conventions in narrow columns: bytes per parameter and per activation,
    and the bytes of each stored copy.
    """
    table = memory.conventions_table()
    stored = [
        " + ".join(f"{size:g}" for _, size in memory.CONVENTIONS[name].per_param) for name in table["name"]
    ]
    return pd.DataFrame(
        {
            "convention": table["name"],
            "stored copies": stored,
            "per parameter": table["bytes_per_param"],
            "per activation": table["bytes_per_activation"],
        }
    )


def conventions_sources() -> pd.DataFrame:
    """What each training convention assumes, and where it comes from."""
    table = memory.conventions_table()
    return table[["name", "assumes", "source"]].rename(columns={"name": "convention"})


def conventions_numbers() -> dict[str, object]:
    """The numbers of the section on the conventions: bytes per parameter of each setup."""
    per_param = bytes_per_param_components().groupby("setup", sort=False)["bytes"].sum()
    parts = bytes_per_param_components()
    zero = parts[(parts["setup"] == "zero_mixed_adam") & (parts["role"] == "optimizer state")]
    return {
        "bpp_seed": float(per_param["seed003_mixed_adam"]),
        "bpp_zero": float(per_param["zero_mixed_adam"]),
        "bpp_fp32_adam": float(per_param["fp32_adam"]),
        "bpp_fp32_sgdm": float(per_param["fp32_sgd_momentum"]),
        "bpp_mw_adam": float(per_param["memory_wall_adam"]),
        "bpp_mw_sgd": float(per_param["memory_wall_sgd_momentum"]),
        "bpp_inf_fp32": float(per_param["inference_fp32"]),
        "bpp_inf_fp16": float(per_param["inference_fp16"]),
        "bpp_int8": float(per_param["inference_int8"]),
        "zero_k": float(zero["bytes"].sum()),
        "seed_over_int8": float(per_param["seed003_mixed_adam"] / per_param["inference_int8"]),
        "seed_over_zero": float(per_param["seed003_mixed_adam"] / per_param["zero_mixed_adam"]),
        "gib_over_gb_pct": 100 * (BYTES_PER_GIB / BYTES_PER_GB - 1),
    }


# ----------------------------------------------------------------------------- the calculator

#: Accelerators whose memory the calculator draws: a consumer card, an inference card
#: and three data-centre accelerators (capacities from data/accelerator_specs.csv).
CALCULATOR_ACCELERATORS: tuple[str, ...] = ("RTX 4090", "L4", "H100 SXM", "H200 SXM", "MI300X")

#: Named models of the calculator: (label, data file, key column, key value).
CALCULATOR_MODELS: tuple[tuple[str, str, str, str], ...] = (
    ("AlexNet", "memory_wall_cv", "model", "AlexNet"),
    ("BERT Large", "memory_wall_nlp", "model", "BERT Large"),
    ("GPT-2", "memory_wall_nlp", "model", "GPT-2"),
    ("Megatron", "memory_wall_nlp", "model", "Megatron"),
    ("GPT-3", "memory_wall_nlp", "model", "GPT-3"),
)


def calculator_setups() -> pd.DataFrame:
    """The calculator's setups: ``setup``, ``label``, ``kind`` and ``bytes_per_param``."""
    parts = bytes_per_param_components()
    totals = parts.groupby("setup", sort=False).agg(
        label=("label", "first"), kind=("kind", "first"), bytes_per_param=("bytes", "sum")
    )
    return totals.reset_index()


def calculator_models(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Parameter counts of the calculator's named models, read from the book's data.

    ``frames`` maps file names to ``data.load`` frames (those of :data:`CALCULATOR_MODELS`).
    Columns: ``model``, ``params`` (a count, not millions) and ``source``.
    """
    if not isinstance(frames, Mapping):
        raise InputError("frames must be a mapping of file name -> DataFrame")
    rows = []
    for label, file, column, key in CALCULATOR_MODELS:
        frame = frames.get(file)
        if frame is None:
            raise InputError(f"frames lacks {file!r}, needed for {label}")
        hits = frame[frame[column].astype(str) == key]
        if "source_document" in hits.columns:
            hits = one_reading(hits)
        if hits.empty:
            raise InputError(f"no row {column} == {key!r} in {file}")
        rows.append(
            {
                "model": label,
                "params": float(hits["params_millions"].iloc[0]) * 1e6,
                "source": f"{file}.csv: {key}",
            }
        )
    return pd.DataFrame(rows)


def accelerators(specs: pd.DataFrame) -> pd.DataFrame:
    """The accelerator memories of the calculator, from ``data.load("accelerator_specs")``:
    ``gb`` (as the vendors print it) and ``label`` ('80 GB (H100 SXM)'), one row per
    capacity (accelerators with the same capacity share a line).
    """
    memory_gb = specs[specs["quantity"] == "memory_gb"].set_index("accelerator")["value"]
    missing = [a for a in CALCULATOR_ACCELERATORS if a not in memory_gb.index]
    if missing:
        raise InputError(f"data/accelerator_specs.csv has no memory_gb for {missing}")
    rows: dict[float, list[str]] = {}
    for name in CALCULATOR_ACCELERATORS:
        rows.setdefault(float(memory_gb[name]), []).append(name)
    return pd.DataFrame(
        {
            "gb": list(rows),
            "label": [f"{gb:g} GB ({', '.join(names)})" for gb, names in rows.items()],
        }
    )


def gpus_needed(n_bytes: float, gb: float) -> int:
    """Accelerators of ``gb`` GB (10^9 B) that hold ``n_bytes`` split evenly: a lower bound."""
    return math.ceil(n_bytes / (gb * BYTES_PER_GB) - 1e-9)


def calculator_numbers(
    models: pd.DataFrame, setup: str, example_params_b: float, gpus: pd.DataFrame
) -> dict[str, object]:
    """The numbers of the calculator's section for one ``setup``.

    ``models`` is :func:`calculator_models`, ``gpus`` :func:`accelerators`; an example
    model of ``example_params_b`` billion parameters.
    """
    if setup not in SETUP_LABELS:
        raise InputError(f"unknown setup {setup!r}; known: {sorted(SETUP_LABELS)}")
    if not isinstance(example_params_b, int | float) or not 0 < example_params_b <= 1e4:
        raise InputError(
            f"example_params_b must be a number of billions in (0, 10000], got {example_params_b!r}"
        )
    gpt3 = memory.setup_memory_bytes(float(_row_where(models, "model", "GPT-3")["params"]), setup)
    example = memory.setup_memory_bytes(example_params_b * 1e9, setup)
    largest = float(gpus["gb"].max())
    fits = gpus.loc[gpus["gb"] * BYTES_PER_GB >= example, "gb"]
    return {
        "calc_convention": SETUP_LABELS[setup],
        "calc_1b_gb": memory.setup_memory_bytes(1e9, setup) / BYTES_PER_GB,
        "calc_gpt3_tb": gpt3 / BYTES_PER_TB,
        "calc_largest_gb": largest,
        "calc_gpt3_gpus_largest": gpus_needed(gpt3, largest),
        "calc_example_b": float(example_params_b),
        "calc_example_gb": example / BYTES_PER_GB,
        "calc_example_fits": (
            f"a single accelerator of {' or '.join(f'{gb:g} GB' for gb in fits)} holds it"
            if len(fits)
            else "no single accelerator drawn holds it"
        ),
        "calc_example_gpus_smallest": gpus_needed(example, float(gpus["gb"].min())),
        "calc_smallest_gb": float(gpus["gb"].min()),
    }


# ----------------------------------------------------------------------------- activations


def activation_memory_by_batch(
    activations_per_sample: Mapping[str, float], batch_sizes: Sequence[int], bytes_per_activation: float = 4
) -> pd.DataFrame:
    """Activation memory for several settings and batch sizes (:func:`dltrends.memory.activation_bytes`).

    Columns: ``setting``, ``activations_per_sample``, ``batch_size``, ``bytes``, ``gb``
    (10^9 B) and ``gib`` (2^30 B).
    """
    if not isinstance(activations_per_sample, Mapping) or not activations_per_sample:
        raise InputError("activations_per_sample must be a non-empty mapping of label -> count")
    if isinstance(batch_sizes, (str, bytes)) or not len(batch_sizes):
        raise InputError("batch_sizes must be a non-empty sequence of whole numbers")
    rows = []
    for label, count in activations_per_sample.items():
        for batch in batch_sizes:
            n_bytes = memory.activation_bytes(count, batch, bytes_per_activation)
            rows.append(
                {
                    "setting": str(label),
                    "activations_per_sample": float(count),
                    "batch_size": int(batch),
                    "bytes": n_bytes,
                    "gb": n_bytes / BYTES_PER_GB,
                    "gib": n_bytes / BYTES_PER_GIB,
                }
            )
    return pd.DataFrame(rows)


def memory_wall_reference(
    training: pd.DataFrame, verdicts: pd.DataFrame, model: str = "AlexNet"
) -> pd.DataFrame:
    """The Memory Wall's printed activation memory of ``model`` as a chart reference point.

    The printed value is read in the unit of its row (:func:`row_unit`) and converted to
    GB (10^9 B), the unit of the activation chart. Columns ``batch_size``, ``gb``, ``label``.
    """
    row = _row_where(training, "model", model)
    unit, unit_bytes = row_unit(verdicts, model)
    printed = float(row["activation_memory_gb_printed"])
    return pd.DataFrame(
        {
            "batch_size": [int(row["batch_size"])],
            "gb": [printed * unit_bytes / BYTES_PER_GB],
            "label": [f"Memory Wall: {printed:.2f} {unit}"],
        }
    )


def alexnet_activation_numbers(
    totals: Mapping[str, int],
    larger_totals: Mapping[str, int],
    training: pd.DataFrame,
    verdicts: pd.DataFrame,
    batch_size: int,
    convention: str,
    side: int,
    larger_input: int,
) -> dict[str, object]:
    """The numbers of the section on AlexNet's activation memory.

    ``totals`` and ``larger_totals`` are :func:`dltrends.layers.model_totals` of seed 003's
    AlexNet at its input side ``side`` and at ``larger_input``; ``training`` the Memory
    Wall breakdown, read in the unit of its AlexNet row (:func:`row_unit` of ``verdicts``).
    """
    if convention not in memory.CONVENTIONS:
        raise InputError(f"unknown convention {convention!r}; known: {sorted(memory.CONVENTIONS)}")
    per_activation = memory.CONVENTIONS[convention].bytes_per_activation
    acts, params = totals["activations"], totals["parameters"]
    act_bytes = memory.activation_bytes(acts, batch_size, per_activation)
    train = memory.training_memory_bytes(params, acts * batch_size, convention)
    batch1 = memory.training_memory_bytes(params, acts, convention)
    mw = _row_where(training, "model", "AlexNet")
    unit, unit_bytes = row_unit(verdicts, "AlexNet")
    mw_batch = int(mw["batch_size"])
    mw_printed = float(mw["activation_memory_gb_printed"])
    ours_at_mw = memory.activation_bytes(acts, mw_batch) / BYTES_PER_GB
    return {
        "act_batch": int(batch_size),
        "alexnet_side": int(side),
        "larger_input": int(larger_input),
        "alexnet_act_gb": memory.activation_bytes(acts, batch_size) / BYTES_PER_GB,
        "alexnet_train_gb": train / BYTES_PER_GB,
        "alexnet_act_share": 100 * act_bytes / train,
        "alexnet_act_share_b1": 100 * acts * per_activation / batch1,
        "larger_act_gb": memory.activation_bytes(larger_totals["activations"], batch_size) / BYTES_PER_GB,
        "larger_over_227": larger_totals["activations"] / acts,
        "larger_params_m": larger_totals["parameters"] / 1e6,
        "mw_alexnet_act": mw_printed,
        "mw_alexnet_unit": unit,
        "mw_alexnet_batch": mw_batch,
        "alexnet_act_gb_mw_batch": ours_at_mw,
        "mw_over_ours": mw_printed * unit_bytes / BYTES_PER_GB / ours_at_mw,
        "mw_implied_acts": memory.implied_activations_per_sample(mw_printed, mw_batch, unit_bytes=unit_bytes),
    }


#: Shapes of the Memory Wall's transformer rows for :func:`dltrends.memory.transformer_activation_bytes`.
TRANSFORMER_SHAPES: dict[str, dict[str, object]] = {
    "BERT Large": {
        "layers": 24,
        "hidden": 1024,
        "heads": 16,
        "source": "Devlin et al. 2019, Sec. 3: BERT-LARGE L=24, H=1024, A=16",
    },
    "GPT-2": {
        "layers": 48,
        "hidden": 1600,
        "heads": 25,
        "source": "Radford et al. 2019, Table 2 (largest model: 48 layers, d_model 1600); "
        "25 heads of 64 as in the released configuration",
    },
}


def transformer_activation_check(
    training: pd.DataFrame,
    nlp: pd.DataFrame,
    verdicts: pd.DataFrame,
    extra_seq_lens: Mapping[str, Sequence[int]] | None = None,
) -> pd.DataFrame:
    """Transformer activation memory (Korthikanti et al. 2022, Eq. 1) against the Memory Wall's.

    For each model of :data:`TRANSFORMER_SHAPES` in ``training``, computes
    :func:`dltrends.memory.transformer_activation_bytes` (16-bit activations, no
    recomputation) at the printed batch size and at the sequence lengths: the breakdown's
    printed input size, the token size of ``nlp`` when it differs, and any of
    ``extra_seq_lens[model]``.

    Columns: ``model``, ``seq_len``, ``seq_len_source``, ``batch_size``, ``layers``,
    ``hidden``, ``heads``, ``bytes`` (16-bit), ``gb``, ``gib``, ``gb_fp32`` (every stored
    activation in 4 bytes), ``attention_share``, ``printed``, ``printed_unit`` (the unit of
    the row, :func:`row_unit`), ``printed_gb`` (the printed value in GB) and
    ``printed_over_computed``.
    """
    _require(training, {"model", "input_size", "batch_size", "activation_memory_gb_printed"}, "training")
    _require(nlp, {"model", "token_size"}, "nlp")
    extra = dict(extra_seq_lens or {})
    unknown = sorted(set(extra) - set(TRANSFORMER_SHAPES))
    if unknown:
        raise InputError(f"no transformer shapes for {unknown}; known: {sorted(TRANSFORMER_SHAPES)}")
    tokens = one_reading(nlp)
    rows = []
    for model, shape in TRANSFORMER_SHAPES.items():
        printed = training[training["model"].astype(str) == model]
        if printed.empty:
            continue
        row = printed.iloc[0]
        batch = int(row["batch_size"])
        seqs: list[tuple[int, str]] = []
        if str(row["input_size"]).isdigit():
            seqs.append((int(row["input_size"]), "breakdown, as printed"))
        token = tokens[tokens["model"].astype(str) == model]["token_size"].dropna()
        if not token.empty and int(token.iloc[0]) not in [s for s, _ in seqs]:
            seqs.append((int(token.iloc[0]), "NLP table, token size"))
        for s in extra.get(model, ()):
            if not isinstance(s, int) or isinstance(s, bool) or s < 1:
                raise InputError(f"seq_len must be a whole number >= 1, got {s!r}")
            if s not in [q for q, _ in seqs]:
                seqs.append((int(s), "parameters cell"))
        unit, unit_bytes = row_unit(verdicts, model)
        value = float(row["activation_memory_gb_printed"])
        printed_gb = value * unit_bytes / BYTES_PER_GB
        n_layers, hidden, heads = int(shape["layers"]), int(shape["hidden"]), int(shape["heads"])
        for seq, source in seqs:
            n_bytes = memory.transformer_activation_bytes(seq, batch, hidden, heads, n_layers)
            attention = n_layers * 5 * heads * seq * seq * batch
            gb = n_bytes / BYTES_PER_GB
            rows.append(
                {
                    "model": model,
                    "seq_len": seq,
                    "seq_len_source": source,
                    "batch_size": batch,
                    "layers": n_layers,
                    "hidden": hidden,
                    "heads": heads,
                    "bytes": n_bytes,
                    "gb": gb,
                    "gib": n_bytes / BYTES_PER_GIB,
                    "gb_fp32": 2 * gb,
                    "attention_share": attention / n_bytes,
                    "printed": value,
                    "printed_unit": unit,
                    "printed_gb": printed_gb,
                    "printed_over_computed": printed_gb / gb,
                }
            )
    return pd.DataFrame(rows)


def transformer_view(check: pd.DataFrame) -> pd.DataFrame:
    """:func:`transformer_activation_check` in narrow columns for the page."""
    return pd.DataFrame(
        {
            "model": check["model"],
            "tokens": check["seq_len"],
            "tokens from": check["seq_len_source"],
            "batch": check["batch_size"],
            "GB": check["gb"],
            "attention (%)": 100 * check["attention_share"],
            "printed": check["printed_gb"],
            "ratio": check["printed_over_computed"],
        }
    )


def transformer_activation_long(check: pd.DataFrame) -> pd.DataFrame:
    """:func:`transformer_activation_check` in long form for the transformer chart.

    One row per value: ``row`` ('<model>: <s> tokens, batch <b>' or '<model>: Memory
    Wall, as printed'), ``model``, ``what``, ``source`` ('this book' or 'paper'), ``gb``
    and ``seq_len`` (empty for the printed value), each model's printed value first.
    """
    _require(check, {"model", "seq_len", "batch_size", "gb", "gb_fp32", "printed_gb"}, "check")
    rows = []
    for model in dict.fromkeys(check["model"]):
        group = check[check["model"] == model]
        rows.append(
            {
                "row": f"{model}: Memory Wall, as printed",
                "model": str(model),
                "what": "Memory Wall, as printed",
                "source": "paper",
                "gb": float(group["printed_gb"].iloc[0]),
                "seq_len": math.nan,
            }
        )
        for _, r in group.iterrows():
            label = f"{model}: {int(r['seq_len'])} tokens, batch {int(r['batch_size'])}"
            for what, column in (
                ("16-bit activations (Korthikanti et al.)", "gb"),
                ("32-bit activations (x 2)", "gb_fp32"),
            ):
                rows.append(
                    {
                        "row": label,
                        "model": str(model),
                        "what": what,
                        "source": "this book",
                        "gb": float(r[column]),
                        "seq_len": float(r["seq_len"]),
                    }
                )
    return pd.DataFrame(rows)


def transformer_numbers(
    check: pd.DataFrame, training: pd.DataFrame, nlp: pd.DataFrame, seq_len: int
) -> dict[str, object]:
    """The numbers of the section on transformer activations.

    ``check`` is :func:`transformer_activation_check` with ``seq_len`` among BERT Large's
    extra sequence lengths.
    """
    key = check.set_index(["model", "seq_len"])
    bert_seq = int(_row_where(training, "model", "BERT Large")["input_size"])
    gpt2_printed = int(_row_where(training, "model", "GPT-2")["input_size"])
    gpt2_tokens = int(_row_where(one_reading(nlp), "model", "GPT-2")["token_size"])
    bert = key.loc[("BERT Large", bert_seq)]
    chosen = key.loc[("BERT Large", seq_len)]
    gpt2 = key.loc[("GPT-2", gpt2_tokens)]
    gpt2_at_printed = key.loc[("GPT-2", gpt2_printed)]
    bert_shape, gpt2_shape = TRANSFORMER_SHAPES["BERT Large"], TRANSFORMER_SHAPES["GPT-2"]
    return {
        "bert_layers": int(bert_shape["layers"]),
        "bert_hidden": int(bert_shape["hidden"]),
        "bert_heads": int(bert_shape["heads"]),
        "gpt2_layers": int(gpt2_shape["layers"]),
        "gpt2_hidden": int(gpt2_shape["hidden"]),
        "gpt2_heads": int(gpt2_shape["heads"]),
        "bert_seq": bert_seq,
        "bert_batch": int(bert["batch_size"]),
        "bert_seq_gb": float(bert["gb"]),
        "bert_seq_fp32": float(bert["gb_fp32"]),
        "bert_seq_attention": 100 * float(bert["attention_share"]),
        "bert_printed": float(bert["printed"]),
        "bert_printed_unit": str(bert["printed_unit"]),
        "bert_printed_over": float(bert["printed_over_computed"]),
        "extra_seq_len": int(seq_len),
        "bert_chosen_gb": float(chosen["gb"]),
        "bert_chosen_attention": 100 * float(chosen["attention_share"]),
        "bert_seq_ratio": bert_seq / seq_len,
        "bert_seq_over_chosen": float(bert["gb"]) / float(chosen["gb"]),
        "gpt2_tokens_gb": float(gpt2["gb"]),
        "gpt2_printed_seq_gb": float(gpt2_at_printed["gb"]),
        "gpt2_act_printed": float(gpt2["printed"]),
        "gpt2_printed_unit": str(gpt2["printed_unit"]),
        "gpt2_printed_over": float(gpt2["printed_over_computed"]),
    }

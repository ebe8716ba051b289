"""The chapter "NLP trends": everything its page shows, computed here.

Each function returns what one section shows: a frame for a chart or a table, or the
numbers its prose quotes under literal keys (search a key to land on its line). The
FLOPs of a forward pass per input length are domain code, in :mod:`dltrends.nlp`; the
keys this page shares with "CV trends" (the span of the data, the fit to all models,
the Pareto frontier) are computed by the helpers of :mod:`dltrends.chapters.cv_trends`.
"""

from __future__ import annotations

import math

import pandas as pd

from dltrends import checks, nlp, trends
from dltrends.chapters.cv_trends import FIT_HEADERS as FIT_HEADERS
from dltrends.chapters.cv_trends import (
    all_fit_numbers,
    frontier_numbers,
    interval_text,
    span_numbers,
)
from dltrends.chapters.cv_trends import fit_table as fit_table
from dltrends.chapters.cv_trends import fit_view as fit_view
from dltrends.chapters.cv_trends import trend_lines as trend_lines
from dltrends.chapters.hardware import claim
from dltrends.checks import InputError

#: Labels of the two Fig. 6 trends.
RECORDS = "record setters"
ALL = "all models"

#: The common input lengths of the table of fits by length (tokens).
LENGTHS = (128, 512, 1024, 2048)

#: The claim of the paper's text about the input length of Table 7's GFLOPs.
TOKENS_CLAIM = "NLP GFLOPs are for a single input"


def _year(frame: pd.DataFrame) -> pd.Index:
    return pd.DatetimeIndex(frame["release_date"]).year


# ----------------------------------------------------------------------------- the data


def scored(models: pd.DataFrame) -> pd.DataFrame:
    """The models with a GLUE score (Figs 5 and 15)."""
    return models[models["glue_score"].notna()]


def length_counts(printed: pd.DataFrame) -> pd.DataFrame:
    """Models of Table 7 per printed input length: ``input_tokens``, ``models``."""
    counts = printed.groupby("input_tokens").size()
    return pd.DataFrame({"input_tokens": counts.index.astype(int), "models": counts.to_numpy()})


def data_numbers(models: pd.DataFrame, claims: pd.DataFrame, tokens: int | None) -> dict[str, object]:
    """The numbers of the section on the data (``tokens``: the page's parameter
    ``normalise_to_tokens``).
    """
    unscored = models[models["glue_score"].isna()]
    return {
        **span_numbers(models),
        "n_scored": len(scored(models)),
        "n_unscored": len(unscored),
        "unscored_names": ", ".join(unscored["model"].astype(str)),
        "paper_tokens": int(claim(claims, TOKENS_CLAIM)),
        "gflops_choice": (
            "as Table 7 prints them, each for its own input length"
            if tokens is None
            else f"rescaled to {int(tokens)} tokens for every model"
        ),
    }


# ----------------------------------------------------------------------------- Fig. 5


def frontier(models: pd.DataFrame) -> pd.DataFrame:
    """The GLUE-GFLOPs Pareto frontier of Fig. 5 (:func:`dltrends.trends.pareto_frontier`)."""
    return trends.pareto_frontier(scored(models), "gflops", "glue_score")


def cheaper_successors(
    models: pd.DataFrame, score_col: str, cost_col: str = "gflops", date_col: str = "release_date"
) -> pd.DataFrame:
    """For each model, the later models that score at least as much at a lower cost.

    "In a short period of time other models appear, which require much fewer FLOPs to
    reach the same score" (Desislavov et al. 2023, Fig. 5). Later means a strictly later
    release date; rows without a score are ignored. Returns one row per model, in date
    order: ``model``, ``release_date``, ``score``, ``cost``, ``n_successors``,
    ``cheapest_successor`` (empty if none), ``cheapest_cost`` and ``cost_ratio``
    (cost / cheapest_cost; nan if none).
    """
    checks.frame(models, ["model", score_col, cost_col, date_col], "cheaper_successors")
    frame = models[models[score_col].notna()].sort_values(date_col, kind="stable")
    rows = []
    for _, row in frame.iterrows():
        later = frame[
            (frame[date_col] > row[date_col])
            & (frame[score_col] >= row[score_col])
            & (frame[cost_col] < row[cost_col])
        ]
        cheapest = later.loc[later[cost_col].idxmin()] if len(later) else None
        rows.append(
            {
                "model": str(row["model"]),
                "release_date": row[date_col],
                "score": float(row[score_col]),
                "cost": float(row[cost_col]),
                "n_successors": len(later),
                "cheapest_successor": "" if cheapest is None else str(cheapest["model"]),
                "cheapest_cost": math.nan if cheapest is None else float(cheapest[cost_col]),
                "cost_ratio": math.nan if cheapest is None else float(row[cost_col] / cheapest[cost_col]),
            }
        )
    return pd.DataFrame(rows)


def successors_view(successors: pd.DataFrame) -> pd.DataFrame:
    """:func:`cheaper_successors` for the page's table."""
    columns = ["model", "release_date", "score", "cost", "n_successors", "cheapest_successor"]
    return successors[[*columns, "cheapest_cost", "cost_ratio"]]


#: Decimals of :func:`successors_view` on the page (GLUE scores are printed to one).
SUCCESSORS_DIGITS = {"score": 1, "cost": 2, "cheapest_cost": 2, "cost_ratio": 1}

#: Headers of :func:`successors_view` on the page.
SUCCESSORS_HEADERS = {
    "release_date": "released",
    "score": "GLUE",
    "cost": "GFLOPs",
    "n_successors": "later",
    "cheapest_successor": "cheapest",
    "cheapest_cost": "its GFLOPs",
    "cost_ratio": "ratio (×)",
}


def fig5_numbers(models: pd.DataFrame) -> dict[str, object]:
    """The numbers of the section on Fig. 5."""
    with_score = scored(models)
    successors = cheaper_successors(with_score, "glue_score")
    top = with_score.loc[with_score["glue_score"].idxmax()]
    biggest = successors.loc[successors["cost_ratio"].idxmax()]
    return {
        **frontier_numbers(frontier(models)),
        "top_model": str(top["model"]),
        "top_score": float(top["glue_score"]),
        "top_gflops": float(top["gflops"]),
        "n_matched": int((successors["n_successors"] > 0).sum()),
        "big_model": str(biggest["model"]),
        "big_date": biggest["release_date"].strftime("%Y-%m-%d"),
        "big_score": float(biggest["score"]),
        "big_gflops": float(biggest["cost"]),
        "big_n": int(biggest["n_successors"]),
        "big_cheapest": str(biggest["cheapest_successor"]),
        "big_cheapest_gflops": float(biggest["cheapest_cost"]),
        "big_ratio": float(biggest["cost_ratio"]),
    }


# ----------------------------------------------------------------------------- Fig. 15


def fig15_numbers(models: pd.DataFrame) -> dict[str, object]:
    """The numbers of the section on Fig. 15."""
    best = trends.select_best_per_year(scored(models), "glue_score")
    first, last = best.iloc[0], best.iloc[-1]
    return {
        "glue_first_year": int(first["release_date"].year),
        "glue_first_best": float(first["glue_score"]),
        "glue_last_year": int(last["release_date"].year),
        "glue_last_best": float(last["glue_score"]),
        "glue_last_best_model": str(last["model"]),
    }


# ----------------------------------------------------------------------------- Fig. 6


def fig6_fits(models: pd.DataFrame) -> dict[str, trends.TrendFit]:
    """The two Fig. 6 trends: the record setters, and all models."""
    records = trends.select_record_setters(models, "gflops")
    return {RECORDS: trends.fit_frame(records, "gflops"), ALL: trends.fit_frame(models, "gflops")}


def fig6_points(models: pd.DataFrame) -> pd.DataFrame:
    """Fig. 6's points: ``input_tokens`` as printed, as text, and ``highlight`` on the
    record setters.
    """
    records = trends.select_record_setters(models, "gflops")
    return models.assign(
        input_tokens=models["input_tokens_as_printed"].astype(str) + " tokens (as printed)",
        highlight=models.index.isin(records.index),
    )


def fig6_numbers(models: pd.DataFrame) -> dict[str, object]:
    """The numbers of the section on Fig. 6."""
    fits = fig6_fits(models)
    records = trends.summary(fits[RECORDS])
    names = trends.select_record_setters(models, "gflops")["model"].astype(str)
    return {
        "records_n": records["n"],
        "records_growth": records["growth"],
        "records_growth_low": records["growth_low"],
        "records_growth_high": records["growth_high"],
        "records_doubling": records["doubling_months"],
        "records_doubling_ci": interval_text(records["doubling_months_low"], records["doubling_months_high"]),
        "records_r2": records["r2"],
        **all_fit_numbers(fits[ALL]),
        "record_names": ", ".join(names),
    }


# ----------------------------------------------------------------------------- input length


def _name_key(name: object) -> str:
    return "".join(c for c in str(name).lower() if c.isalnum())


def memory_wall_match(printed: pd.DataFrame, memory_wall_nlp: pd.DataFrame) -> pd.DataFrame:
    """Table 7 rows beside the same model in the AI and Memory Wall data (Gholami et al.).

    Models are matched by name, ignoring case, spaces and punctuation ('ALBERT-xxl' =
    'ALBERT xxl'); a model that the Memory Wall data list twice with the same numbers
    counts once. Returns ``model_id``, ``model``, ``table7_tokens``, ``table7_gflops``,
    ``gflops_source``, ``memory_wall_tokens``, ``memory_wall_gflops`` and ``same``
    (tokens and GFLOPs both equal), for the Table 7 models found in ``memory_wall_nlp``.
    """
    wall = memory_wall_nlp.assign(_key=memory_wall_nlp["model"].map(_name_key))
    wall = wall.drop_duplicates(["_key", "token_size", "inference_gflops"]).set_index("_key")
    if not wall.index.is_unique:
        raise InputError("the Memory Wall data list a model twice with different numbers")
    rows = []
    for _, row in printed.iterrows():
        key = _name_key(row["model"])
        if key not in wall.index:
            continue
        tokens, gflops = wall.loc[key, "token_size"], wall.loc[key, "inference_gflops"]
        rows.append(
            {
                "model_id": str(row["model_id"]),
                "model": str(row["model"]),
                "table7_tokens": int(row["input_tokens"]),
                "table7_gflops": float(row["gflops"]),
                "gflops_source": "" if pd.isna(row["gflops_source"]) else str(row["gflops_source"]),
                "memory_wall_tokens": pd.NA if pd.isna(tokens) else int(tokens),
                "memory_wall_gflops": math.nan if pd.isna(gflops) else float(gflops),
                "same": bool(
                    pd.notna(tokens)
                    and pd.notna(gflops)
                    and int(tokens) == int(row["input_tokens"])
                    and float(gflops) == float(row["gflops"])
                ),
            }
        )
    out = pd.DataFrame(rows)
    out["memory_wall_tokens"] = out["memory_wall_tokens"].astype("Int64")
    return out


#: Headers of :func:`memory_wall_match` on the page.
MATCH_HEADERS = {
    "table7_tokens": "tokens",
    "table7_gflops": "GFLOPs",
    "gflops_source": "GFLOPs from",
    "memory_wall_tokens": "tokens (MW)",
    "memory_wall_gflops": "GFLOPs (MW)",
    "same": "same",
}


def length_numbers(printed: pd.DataFrame, match: pd.DataFrame, claims: pd.DataFrame) -> dict[str, object]:
    """The numbers of the paragraph on the input lengths of Table 7."""
    paper_tokens = int(claim(claims, TOKENS_CLAIM))
    long_rows = printed[printed["input_tokens"] != paper_tokens]
    long_match = match[match["table7_tokens"] != paper_tokens]
    records = trends.select_record_setters(printed, "gflops")
    pairs = zip(long_rows["model"].astype(str), long_rows["input_tokens"], strict=True)
    return {
        "n_long": len(long_rows),
        "long_names": ", ".join(f"{m} ({t})" for m, t in pairs),
        "n_long_same_as_wall": int(long_match["same"].sum()),
        "n_long_from_gholami": int(long_rows["gflops_source"].astype(str).str.contains("Gholami").sum()),
        "long_max_tokens": int(long_rows["input_tokens"].max()),
        "n_long_records": int(long_rows.index.isin(records.index).sum()),
    }


def dense_view(printed: pd.DataFrame) -> pd.DataFrame:
    """:func:`dltrends.nlp.dense_flops_check` for the page's table."""
    dense = nlp.dense_flops_check(printed)
    return dense[["model", "input_tokens", "params_millions", "printed_gflops", "two_n_l_gflops", "ratio"]]


#: Headers of :func:`dense_view` on the page.
DENSE_HEADERS = {
    "input_tokens": "L (tokens)",
    "params_millions": "N (millions)",
    "printed_gflops": "Table 7",
    "two_n_l_gflops": "2NL",
    "ratio": "ratio",
}


def dense_numbers(printed: pd.DataFrame) -> dict[str, object]:
    """The numbers of the paragraph on GPT-3's forward pass."""
    dense = nlp.dense_flops_check(printed).set_index("model_id")
    gpt3 = dense.loc["gpt-3"]
    shape = nlp.TRANSFORMER_SHAPES["gpt-3"]
    kaplan = nlp.kaplan_forward_gflops(
        gpt3["params_millions"], gpt3["input_tokens"], shape.n_layer, shape.d_attn
    )
    return {
        "gpt3_params_billions": float(gpt3["params_millions"]) / 1000,
        "gpt3_per_token": float(gpt3["two_n_l_gflops"] / gpt3["input_tokens"]),
        "gpt3_tokens": int(gpt3["input_tokens"]),
        "gpt3_two_n_l": float(gpt3["two_n_l_gflops"]),
        "gpt3_kaplan": kaplan,
        "gpt3_printed": float(gpt3["printed_gflops"]),
        "gpt3_gap_two_n_l": float((gpt3["printed_gflops"] / gpt3["two_n_l_gflops"] - 1) * 100),
        "gpt3_gap_kaplan": float((gpt3["printed_gflops"] / kaplan - 1) * 100),
        "gpt3_n_layer": shape.n_layer,
        "gpt3_d_attn": shape.d_attn,
        "albert_ratio": float(dense.loc["albert-xxl", "ratio"]),
    }


def scaling_view(printed: pd.DataFrame, tokens: int) -> pd.DataFrame:
    """:func:`dltrends.nlp.token_scaling_table` for the page's table, shares in percent."""
    table = nlp.token_scaling_table(printed, tokens)
    return pd.DataFrame(
        {
            "model": table["model"],
            "printed_tokens": table["printed_tokens"],
            "printed_gflops": table["printed_gflops"],
            "attention_pct": table["attention_share"] * 100,
            "linear_gflops": table["linear_gflops"],
            "adjusted_gflops": table["adjusted_gflops"],
            "error_pct": table["linear_error"] * 100,
        }
    )


#: Headers of :func:`scaling_view` on the page.
SCALING_HEADERS = {
    "printed_tokens": "tokens",
    "printed_gflops": "Table 7",
    "attention_pct": "attention (%)",
    "linear_gflops": "linear",
    "adjusted_gflops": "adjusted",
    "error_pct": "error (%)",
}


def scaling_numbers(printed: pd.DataFrame, tokens: int) -> dict[str, object]:
    """The numbers of the paragraph on rescaling to one length."""
    table = nlp.token_scaling_table(printed, tokens)
    factors = table["printed_tokens"] / tokens
    worst = table.loc[table["linear_error"].abs().idxmax()]
    gpt3 = nlp.normalise_to_tokens(printed, tokens).set_index("model_id").loc["gpt-3", "gflops"]
    return {
        "comparison_tokens": int(tokens),
        "length_factor_min": float(factors.min()),
        "length_factor_max": float(factors.max()),
        "max_linear_error": abs(float(worst["linear_error"])) * 100,
        "max_error_direction": "above" if worst["linear_error"] > 0 else "below",
        "max_error_model": str(worst["model"]),
        "max_attention_share": float(table["attention_share"].max() * 100),
        "gpt3_at_comparison": float(gpt3),
    }


def rescaled_fits(printed: pd.DataFrame, tokens: int) -> dict[str, trends.TrendFit]:
    """The fits to all models as printed and at ``tokens`` tokens (the rescaled figure)."""
    rescaled = nlp.normalise_to_tokens(printed, tokens)
    return {
        "as printed": trends.fit_frame(printed, "gflops"),
        f"at {int(tokens)} tokens": trends.fit_frame(rescaled, "gflops"),
    }


def lengths(tokens: int) -> tuple[int | None, ...]:
    """The lengths of the table of fits: as printed (None), :data:`LENGTHS` and ``tokens``."""
    return (None, *sorted({*LENGTHS, int(tokens)}))


def fits_by_length(printed: pd.DataFrame, token_lengths: tuple[int | None, ...]) -> pd.DataFrame:
    """The Fig. 6 fits with GFLOPs as printed (``None``) and at each common length.

    For each length, every model is rescaled linearly (:func:`dltrends.nlp.normalise_to_tokens`)
    and both trends are fitted again. One row per length and selection: ``tokens`` ('as
    printed' or the number as text), ``selection``, ``record_setters`` (names, for the
    record-setter rows) and the columns of :func:`~dltrends.chapters.cv_trends.fit_table`.
    """
    frames = []
    for length in token_lengths:
        frame = nlp.normalise_to_tokens(printed, length)
        records = trends.select_record_setters(frame, "gflops")
        table = fit_table(fig6_fits(frame)).rename(columns={"fit": "selection"})
        table.insert(0, "tokens", "as printed" if length is None else str(int(length)))
        table.insert(2, "record_setters", [", ".join(records["model"].astype(str)), ""])
        frames.append(table)
    return pd.concat(frames, ignore_index=True)


def lengths_view(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`fits_by_length` for the page's table, the 95% interval of the growth as text."""
    pairs = zip(table["growth_low"], table["growth_high"], strict=True)
    out = table[["tokens", "selection", "n", "growth", "doubling_months"]].copy()
    out.insert(4, "growth_ci", [interval_text(low, high, ".2f") for low, high in pairs])
    return out


#: Headers of :func:`lengths_view` on the page.
LENGTHS_HEADERS = {k: FIT_HEADERS[k] for k in ("n", "growth", "growth_ci", "doubling_months")}


def lengths_numbers(printed: pd.DataFrame, tokens: int) -> dict[str, object]:
    """The numbers of the paragraph on putting every model at one length."""
    table = fits_by_length(printed, lengths(tokens))
    by = table.set_index(["tokens", "selection"])
    cmp = str(int(tokens))
    uniform = table[table["tokens"] != "as printed"]
    spread = uniform.groupby("selection")["growth"].agg(lambda g: g.max() - g.min()).max()
    return {
        "printed_records_growth": float(by.loc[("as printed", RECORDS), "growth"]),
        "printed_records_doubling": float(by.loc[("as printed", RECORDS), "doubling_months"]),
        "printed_records_n": int(by.loc[("as printed", RECORDS), "n"]),
        "printed_all_growth": float(by.loc[("as printed", ALL), "growth"]),
        "cmp_records_growth": float(by.loc[(cmp, RECORDS), "growth"]),
        "cmp_records_growth_low": float(by.loc[(cmp, RECORDS), "growth_low"]),
        "cmp_records_growth_high": float(by.loc[(cmp, RECORDS), "growth_high"]),
        "cmp_records_doubling": float(by.loc[(cmp, RECORDS), "doubling_months"]),
        "cmp_records_n": int(by.loc[(cmp, RECORDS), "n"]),
        "cmp_all_growth": float(by.loc[(cmp, ALL), "growth"]),
        "uniform_lengths": ", ".join(uniform["tokens"].drop_duplicates()),
        "uniform_same": "identical" if spread < 1e-9 else "not identical",
    }

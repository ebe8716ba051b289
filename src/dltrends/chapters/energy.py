"""The chapter "Energy per inference": everything its page shows, computed here.

The joules of every model come from :func:`dltrends.energy.model_energy` (Eq. 2 with the
Fig. 8 efficiency trend at the release date, or a named GPU); the fits from
:func:`dltrends.energy.energy_fits`; the split of the joules growth into FLOPs growth
and efficiency growth from :func:`dltrends.energy.decomposition`.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from dltrends import energy, trends
from dltrends.checks import InputError

#: Table headers (with units) of the page's tables.
DECOMPOSITION_HEADERS = {
    "n": "models",
    "flops_growth": "FLOPs × per year",
    "efficiency_growth": "GFLOPS/W × per year",
    "joules_growth": "joules × per year",
    "share_cancelled": "share cancelled",
}
UTILISATION_HEADERS = {
    "achieved_tflops": "achieved TFLOPS",
    "credited_tflops": "credited TFLOPS",
    "utilisation": "share of credited",
    "measured_over_paper": "joules × paper",
}
NAMED_HEADERS = {
    "gflops_per_watt": "GFLOPS/W",
    "median_joules": "median joules",
    "median_ratio_to_trend": "× trend estimate",
    "best_growth": "best × per year",
    "all_growth": "all × per year",
}


def efficiency_label(gpu: str | None, precision: str | None, table9: pd.DataFrame, work: str) -> str:
    """Words for the efficiency a joules estimate uses: the trend, or a named GPU."""
    if gpu is None:
        return f"the {work} efficiency trend of Fig. 8 at each model's release date"
    value = energy.gpu_gflops_per_watt(table9, gpu, precision, work)
    return f"a {gpu} in {precision} precision ({value:.1f} GFLOPS/W, adapted for {work} work)"


def model_points(frame: pd.DataFrame, task: str) -> pd.DataFrame:
    """The models of the joules charts: ``model``, ``year``, ``gflops``,
    ``gflops_per_watt``, ``joules``, the task's score, ``architecture`` where known,
    ``best`` (in the cutting-edge selection) and ``release_year``.
    """
    best_index = set(energy.best_models(frame, task).index)
    score = "top1_accuracy" if task == "CV" else "glue_score"
    columns = ["model", "year", "release_date", "gflops", "gflops_per_watt", "joules", score]
    if "architecture" in frame.columns:
        columns.append("architecture")
    out = frame[columns].copy()
    out["model"] = out["model"].astype(str)
    if "architecture" in out.columns:
        out["architecture"] = out["architecture"].astype(str)
    out["best"] = [i in best_index for i in frame.index]
    out["release_year"] = pd.DatetimeIndex(out["release_date"]).year.astype(int)
    return out.drop(columns=["release_date"]).reset_index(drop=True)


def largest(frame: pd.DataFrame, n: int = 5) -> pd.DataFrame:
    """The ``n`` most expensive models, for a table."""
    columns = ["model", "release_date", "gflops", "gflops_per_watt", "joules"]
    if "input_tokens" in frame.columns:
        columns.append("input_tokens")
    return frame.nlargest(n, "joules")[columns]


def _span(frame: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    return frame.loc[frame["joules"].idxmin()], frame.loc[frame["joules"].idxmax()]


def joules_numbers(cv: pd.DataFrame, nlp: pd.DataFrame, table9: pd.DataFrame, gpu, precision) -> dict:
    """The numbers of the section "Joules for every model"."""
    cv_low, cv_high = _span(cv)
    nlp_low, nlp_high = _span(nlp)
    return {
        "en_cv_efficiency": efficiency_label(gpu, precision, table9, "CNN"),
        "en_nlp_efficiency": efficiency_label(gpu, precision, table9, "NLP"),
        "en_cv_n": len(cv),
        "en_cv_low": float(cv_low["joules"]),
        "en_cv_low_model": str(cv_low["model"]),
        "en_cv_high": float(cv_high["joules"]),
        "en_cv_high_model": str(cv_high["model"]),
        "en_cv_span": float(cv_high["joules"] / cv_low["joules"]),
        "en_cv_eff_low": float(cv["gflops_per_watt"].min()),
        "en_cv_eff_high": float(cv["gflops_per_watt"].max()),
        "en_cv_median": float(cv["joules"].median()),
        "en_nlp_n": len(nlp),
        "en_nlp_low": float(nlp_low["joules"]),
        "en_nlp_low_model": str(nlp_low["model"]),
        "en_nlp_high": float(nlp_high["joules"]),
        "en_nlp_high_model": str(nlp_high["model"]),
        "en_nlp_eff_low": float(nlp["gflops_per_watt"].min()),
        "en_nlp_eff_high": float(nlp["gflops_per_watt"].max()),
        "en_nlp_median": float(nlp["joules"].median()),
        "en_nlp_high_tokens": int(nlp_high["input_tokens"]),
    }


def energy_lines(frame: pd.DataFrame, task: str) -> pd.DataFrame:
    """The three lines of the joules charts in one long frame: ``line``, ``year``,
    ``joules``: the fit to the best models and to all models over their years, and the
    yearly means (drawn at mid-year).
    """
    fits = energy.energy_fits(frame, task)
    chosen = energy.selections(frame, task)
    frames = []
    for name, label in (("best", "best models"), ("all", "all models")):
        years = chosen[name]["year"]
        drawn = trends.line(fits[name], float(years.min()), float(years.max()))
        frames.append(pd.DataFrame({"line": label, "year": drawn["year"], "joules": drawn["fitted"]}))
    means = trends.yearly_mean(frame, "joules")
    frames.append(
        pd.DataFrame({"line": "yearly mean", "year": means["decimal_year"], "joules": means["mean"]})
    )
    return pd.concat(frames, ignore_index=True)


def cv_trend_numbers(cv: pd.DataFrame) -> dict:
    """The numbers of the section on the CV joules trend."""
    fits = energy.energy_fits(cv, "CV")
    best, every = trends.summary(fits["best"]), trends.summary(fits["all"])
    means = trends.yearly_mean(cv, "joules")
    return {
        "en_cv_best_n": best["n"],
        "en_cv_best_growth": best["growth"],
        "en_cv_best_growth_low": best["growth_low"],
        "en_cv_best_growth_high": best["growth_high"],
        "en_cv_best_doubling_years": best["doubling_years"],
        "en_cv_all_growth": every["growth"],
        "en_cv_all_growth_low": every["growth_low"],
        "en_cv_all_growth_high": every["growth_high"],
        "en_cv_all_r2": every["r2"],
        "en_cv_mean_first": float(means["mean"].iloc[0]),
        "en_cv_mean_first_year": int(means["year"].iloc[0]),
        "en_cv_mean_last": float(means["mean"].iloc[-1]),
        "en_cv_mean_last_year": int(means["year"].iloc[-1]),
    }


def nlp_trend_numbers(nlp: pd.DataFrame) -> dict:
    """The numbers of the section on the NLP joules trend."""
    fits = energy.energy_fits(nlp, "NLP")
    best, every = trends.summary(fits["best"]), trends.summary(fits["all"])
    record = energy.best_models(nlp, "NLP")
    return {
        "en_nlp_best_n": best["n"],
        "en_nlp_best_growth": best["growth"],
        "en_nlp_best_growth_low": best["growth_low"],
        "en_nlp_best_growth_high": best["growth_high"],
        "en_nlp_best_doubling_years": best["doubling_years"],
        "en_nlp_all_n": every["n"],
        "en_nlp_all_growth": every["growth"],
        "en_nlp_all_growth_low": every["growth_low"],
        "en_nlp_all_growth_high": every["growth_high"],
        "en_nlp_all_r2": every["r2"],
        "en_nlp_best_names": ", ".join(record["model"].astype(str)),
        "en_nlp_best_tokens_low": int(record["input_tokens"].min()),
        "en_nlp_best_tokens_high": int(record["input_tokens"].max()),
    }


def decomposition(cv_models, nlp_models, table9, gpu=None, precision=None) -> pd.DataFrame:
    """:func:`dltrends.energy.decomposition` for CV and then NLP, in one frame."""
    return pd.concat(
        [
            energy.decomposition(cv_models, table9, "CV", gpu, precision),
            energy.decomposition(nlp_models, table9, "NLP", gpu, precision),
        ],
        ignore_index=True,
    )


#: How close the fitted joules growth must be to FLOPs growth / efficiency growth.
IDENTITY_TOLERANCE = 1e-9


def decomposition_numbers(table: pd.DataFrame) -> dict:
    """The numbers of the section on how much of the FLOPs growth hardware cancels."""
    error = float((table["joules_growth"] / table["implied_joules_growth"] - 1).abs().max())
    if not error < IDENTITY_TOLERANCE:
        raise InputError(f"joules growth != FLOPs growth / efficiency growth (relative error {error:g})")
    row = table.set_index(["task", "selection"])
    return {
        "dec_identity_tolerance": IDENTITY_TOLERANCE,
        "dec_cv_best_flops_growth": float(row.loc[("CV", "best"), "flops_growth"]),
        "dec_cv_best_efficiency_growth": float(row.loc[("CV", "best"), "efficiency_growth"]),
        "dec_cv_best_joules_growth": float(row.loc[("CV", "best"), "joules_growth"]),
        "dec_cv_best_share_cancelled": float(row.loc[("CV", "best"), "share_cancelled"]),
        "dec_cv_all_flops_growth": float(row.loc[("CV", "all"), "flops_growth"]),
        "dec_cv_all_share_cancelled": float(row.loc[("CV", "all"), "share_cancelled"]),
        "dec_nlp_best_flops_growth": float(row.loc[("NLP", "best"), "flops_growth"]),
        "dec_nlp_best_share_cancelled": float(row.loc[("NLP", "best"), "share_cancelled"]),
        "dec_nlp_all_share_cancelled": float(row.loc[("NLP", "all"), "share_cancelled"]),
    }


def frontier_line(frame: pd.DataFrame, score_col: str) -> pd.DataFrame:
    """The accuracy-joules Pareto frontier, sorted by joules."""
    front = trends.pareto_frontier(frame, cost_col="joules", score_col=score_col)
    return front[["model", "joules", score_col]].assign(model=lambda d: d["model"].astype(str))


def frontier_shift(frame: pd.DataFrame, score_col: str, before_year: int) -> dict[str, float]:
    """How the accuracy-cost picture changes from GFLOPs to joules: the models on each
    Pareto frontier, and the median cost rank of the models released before
    ``before_year`` among all scored models (0 = the cheapest, 1 = the most expensive).
    """
    scored = frame[frame[score_col].notna()].copy()
    if scored.empty:
        raise InputError(f"no model has a {score_col!r}")
    old = pd.DatetimeIndex(scored["release_date"]).year < before_year
    out: dict[str, float] = {"n_old": int(old.sum())}
    for cost in ("gflops", "joules"):
        out[f"n_frontier_{cost}"] = len(trends.pareto_frontier(scored, cost_col=cost, score_col=score_col))
        ranks = scored[cost].rank(pct=True)
        out[f"old_rank_{cost}"] = float(ranks[old].median()) if old.any() else math.nan
    return out


def cv_frontier_numbers(cv: pd.DataFrame, before: int) -> dict:
    """The numbers of the paragraph on accuracy against joules (ImageNet)."""
    shift = frontier_shift(cv, "top1_accuracy", before)
    front = frontier_line(cv, "top1_accuracy")
    return {
        "en_cv_before": before,
        "en_cv_shift_n_old": shift["n_old"],
        "en_cv_shift_n_frontier_gflops": shift["n_frontier_gflops"],
        "en_cv_shift_n_frontier_joules": shift["n_frontier_joules"],
        "en_cv_shift_old_rank_gflops": shift["old_rank_gflops"],
        "en_cv_shift_old_rank_joules": shift["old_rank_joules"],
        "en_cv_frontier_cheapest": str(front["model"].iloc[0]),
        "en_cv_frontier_best": str(front["model"].iloc[-1]),
    }


def nlp_frontier_numbers(nlp: pd.DataFrame, before: int) -> dict:
    """The numbers of the paragraph on GLUE score against joules."""
    shift = frontier_shift(nlp, "glue_score", before)
    return {
        "en_nlp_before": before,
        "en_nlp_shift_n_old": shift["n_old"],
        "en_nlp_shift_old_rank_gflops": shift["old_rank_gflops"],
        "en_nlp_shift_old_rank_joules": shift["old_rank_joules"],
        "en_nlp_frontier_names": ", ".join(frontier_line(nlp, "glue_score")["model"]),
        "en_nlp_n_scored": int(nlp["glue_score"].notna().sum()),
    }


def named_gpus(cv_models, nlp_models, table9, settings: list[tuple[str, str]]) -> pd.DataFrame:
    """Joules under the efficiency trend against joules on named GPUs, per task: the
    efficiency, its GFLOPS/W (empty for the trend), the median joules over all models,
    the median ratio to the trend estimate and the growth of the two fits.
    """
    rows = []
    for task, models in (("CV", cv_models), ("NLP", nlp_models)):
        work = energy.TASK_WORK[task]
        base = energy.model_energy(models, table9, task)
        for gpu, precision in [(None, None), *settings]:
            frame = energy.model_energy(models, table9, task, gpu, precision)
            fits = energy.energy_fits(frame, task)
            rows.append(
                {
                    "task": task,
                    "efficiency": "trend (Fig. 8)" if gpu is None else f"{gpu} {precision}",
                    "gflops_per_watt": (
                        math.nan if gpu is None else energy.gpu_gflops_per_watt(table9, gpu, precision, work)
                    ),
                    "median_joules": float(frame["joules"].median()),
                    "median_ratio_to_trend": float(np.median(frame["joules"] / base["joules"])),
                    "best_growth": fits["best"].growth_per_year,
                    "all_growth": fits["all"].growth_per_year,
                }
            )
    return pd.DataFrame(rows)


def named_numbers(named: pd.DataFrame) -> dict:
    """The numbers of the section on a named GPU instead of the trend."""
    cv = named[named["task"] == "CV"].set_index("efficiency")
    return {
        "named_a100_cv_ratio": float(cv.loc["A100 Mixed", "median_ratio_to_trend"]),
        "named_t4_cv_ratio": float(cv.loc["T4 Mixed", "median_ratio_to_trend"]),
        "named_v100_cv_ratio": float(cv.loc["Tesla V100 FP32", "median_ratio_to_trend"]),
        "named_cv_best_growth": float(cv.loc["A100 Mixed", "best_growth"]),
        "named_cv_all_growth": float(cv.loc["A100 Mixed", "all_growth"]),
    }


# ----------------------------------------------------------------------------- achieved against peak

#: The architecture family of each NGC benchmark, for the utilisation bands.
FAMILY = {
    "efficientnet-b0": "depthwise CNN",
    "efficientnet-b4": "depthwise CNN",
    "ResNeXt101-32x4d": "dense CNN",
    "ResNet v1.5": "dense CNN",
    "SE-ResNeXt101-32x4d": "dense CNN",
    "SSD v1.1": "dense CNN",
    "UNet Industrial": "dense CNN",
    "BERT-LARGE": "transformer encoder",
    "BERT-Base": "transformer encoder",
    "Transformer-XL": "autoregressive transformer",
    "Transformer": "autoregressive transformer",
}


def utilisation(achieved: pd.DataFrame) -> pd.DataFrame:
    """:func:`dltrends.hardware.achieved` with each benchmark's architecture ``family`` and a
    ``setting`` label (GPU and precision), for the chart and the table.
    """
    out = achieved.copy()
    out["family"] = out["model"].map(FAMILY)
    if out["family"].isna().any():
        raise InputError(f"no family for {sorted(out.loc[out['family'].isna(), 'model'].unique())}")
    out["setting"] = out["gpu"].str.replace("Tesla ", "", regex=False) + " " + out["precision"]
    out["benchmark"] = out["model"] + " (" + out["framework"] + ")"
    return out


def utilisation_view(table: pd.DataFrame) -> pd.DataFrame:
    """The mixed-precision and TF32 rows for the page's table."""
    shown = table[table["precision"] != "FP32"]
    return shown[
        [
            "benchmark",
            "family",
            "setting",
            "achieved_tflops",
            "credited_tflops",
            "utilisation",
            "measured_over_paper",
        ]
    ].reset_index(drop=True)


def share_words(share: float) -> str:
    """A share of the FLOPs growth cancelled, in words: a percentage, or, below zero,
    that the hardware cancels none of it (the efficiency the models get falls).

    >>> share_words(0.7427), share_words(-0.685)
    ('74%', 'none of it: the efficiency these models get falls, so their joules grow faster than their FLOPs')
    """
    if share >= 0:
        return f"{share:.0%}"
    return "none of it: the efficiency these models get falls, so their joules grow faster than their FLOPs"


def _band(table: pd.DataFrame, family: str) -> pd.Series:
    rows = table[(table["family"] == family) & (table["precision"] != "FP32")]
    return rows["measured_over_paper"]


def utilisation_numbers(
    table: pd.DataFrame, cv: pd.DataFrame, decomposition: pd.DataFrame, cv_models: pd.DataFrame
) -> dict:
    """The numbers of the section on achieved against credited peak, and the bands they
    put on the paper's joules and on the share of the FLOPs growth the hardware cancels.

    The band: on the V100 and the A100 in mixed precision (the paper's main GPUs), the
    CV benchmarks reach between ``util_low`` and ``util_high`` of the credited peak, so a
    CV model's joules at TDP are 1/``util_high`` to 1/``util_low`` times the paper's
    estimate. The cancelled share assumes every model reaches the same share of the
    peak; if the models in general use moved from dense CNNs (ResNet-50, 2015) to
    depthwise ones (EfficientNet-B0, 2019), their utilisation fell, and the efficiency
    they get grew more slowly than the peak: ``util_share_low`` is the share cancelled
    under that shift (V100, mixed precision).
    """
    import math

    main = table[table["gpu"].isin(["Tesla V100", "A100"]) & (table["precision"] == "Mixed")]
    cv_rows = main[main["task"] == "CV"]
    low, high = cv_rows.loc[cv_rows["utilisation"].idxmin()], cv_rows.loc[cv_rows["utilisation"].idxmax()]
    dense, depthwise = _band(table, "dense CNN"), _band(table, "depthwise CNN")
    encoder, autoregressive = _band(table, "transformer encoder"), _band(table, "autoregressive transformer")
    v100 = table[(table["gpu"] == "Tesla V100") & (table["precision"] == "Mixed")]
    pytorch = v100[v100["framework"] == "PyTorch"].set_index("model")
    u_resnet = float(pytorch.loc["ResNet v1.5", "utilisation"])
    u_effnet = float(pytorch.loc["efficientnet-b0", "utilisation"])
    v100 = v100.set_index("benchmark")
    dates = cv_models.assign(model=cv_models["model"].astype(str)).set_index("model")["release_date"]
    years = (dates["EfficientNet-B0"] - dates["ResNet-50"]).days / 365.25
    row = decomposition.set_index(["task", "selection"]).loc[("CV", "all")]
    shifted = float(row["efficiency_growth"]) * (u_effnet / u_resnet) ** (1 / years)
    median = float(cv["joules"].median())
    return {
        "util_n": len(table),
        "util_low": float(low["utilisation"]),
        "util_low_model": f"{low['model']} on the {low['setting']}",
        "util_high": float(high["utilisation"]),
        "util_high_model": f"{high['model']} on the {high['setting']}",
        "util_factor_low": 1 / float(high["utilisation"]),
        "util_factor_high": 1 / float(low["utilisation"]),
        "util_dense_low": float(dense.min()),
        "util_dense_high": float(dense.max()),
        "util_depthwise_low": float(depthwise.min()),
        "util_depthwise_high": float(depthwise.max()),
        "util_encoder_low": float(encoder.min()),
        "util_encoder_high": float(encoder.max()),
        "util_autoregressive_low": float(autoregressive.min()),
        "util_autoregressive_high": float(autoregressive.max()),
        "util_bert_large_v100": float(v100.loc["BERT-LARGE (TensorFlow)", "utilisation"]),
        "util_resnet_v100": u_resnet,
        "util_effnet_v100": u_effnet,
        "util_years": years,
        "util_median_joules": median,
        "util_median_joules_low": median / float(high["utilisation"]),
        "util_median_joules_high": median / float(low["utilisation"]),
        "util_shifted_growth": shifted,
        "util_share_paper": float(row["share_cancelled"]),
        "util_share_low_words": share_words(math.log(shifted) / math.log(float(row["flops_growth"]))),
    }

"""The chapter "What happened next": everything its page shows, computed here.

The trends of Desislavov et al., fitted on their data (up to mid-2021), against the
accelerators and models of 2021-2026. The comparisons themselves (the backtests, the
claims of the scorecard) come from :mod:`dltrends.compare.since_2021`; this module turns
them into the frames of the page's charts and tables and the numbers of its prose, one
``<section>_numbers`` function per section, under literal keys.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from dltrends import accelerators, hardware, trends
from dltrends.checks import InputError
from dltrends.compare import since_2021 as compare

#: Where the extrapolated lines of the charts end (decimal year).
CHART_END = 2026.3

#: The period of a point: what the paper saw, and what came after.
BEFORE, AFTER = "up to mid-2021", "since mid-2021"

#: The 2021 trends of the peak-efficiency chart, by the paper's precision.
PEAK_TRENDS = {"FP32": "FP32 peak, 2021 trend", "FP16/FP32 Tensor": "tensor-core FP16 peak, 2021 trend"}

#: The trends of the Fig. 3 and Fig. 9 charts, by selection of models.
CV_TRENDS = {"best": "most accurate model of each year, 2021 trend", "all": "all models, 2021 trend"}

#: The trend of the language-model chart: the record setters of Table 7.
LM_TRENDS = {"record": "record setters (Table 7), 2021 trend"}

#: The trends of the Fig. 8 chart: the paper's two lines and the new accelerators' trend.
FIG8_TRENDS = {
    "CNN": "CNN work, 2021 trend (Fig. 8)",
    "NLP": "NLP work, 2021 trend (Fig. 8)",
    "new CNN": "CNN work, trend of the new accelerators",
}


def _year(dates: pd.Series) -> np.ndarray:
    return trends.decimal_year(dates)


def _date_text(dates: pd.Series) -> list[str]:
    return [d.strftime("%Y-%m-%d") for d in pd.to_datetime(dates)]


def _period(dates: pd.Series) -> list[str]:
    return [BEFORE if d <= accelerators.CUTOFF else AFTER for d in pd.to_datetime(dates)]


def _lines(
    fits: dict[str, trends.TrendFit], labels: dict[str, str], start: float, end: float
) -> pd.DataFrame:
    frames = []
    for key, label in labels.items():
        drawn = trends.line(fits[key], start, end)
        frames.append(drawn[["year", "fitted", "pi_lower", "pi_upper"]].assign(trend=label))
    return pd.concat(frames, ignore_index=True)


def _row(frame: pd.DataFrame, column: str, value: str) -> pd.Series:
    hit = frame[frame[column] == value]
    if hit.empty:
        raise InputError(f"no row with {column} = {value!r}")
    return hit.iloc[0]


# ----------------------------------------------------------------------------- accelerators


def accelerator_view(table: pd.DataFrame) -> pd.DataFrame:
    """The accelerators for the page's table: launch date, dense peaks, TDP, memory, bandwidth."""
    return pd.DataFrame(
        {
            "accelerator": table["accelerator"],
            "vendor": table["vendor"],
            "kind": table["kind"],
            "launch_date": table["launch_date"],
            "fp32_tflops": table["fp32_tflops"],
            "fp16_bf16_tflops": table["fp16_bf16_tflops"],
            "fp8_tflops": table["fp8_tflops"],
            "fp4_tflops": table["fp4_tflops"],
            "tdp_watts": table["tdp_watts"],
            "memory_gb": table["memory_gb"],
            "memory_bandwidth_gbs": table["memory_bandwidth_gbs"],
        }
    )


def accelerator_numbers(table: pd.DataFrame, specs: pd.DataFrame) -> dict[str, object]:
    """The numbers of the section on the accelerators."""
    b200 = _row(table, "accelerator", "B200")
    return {
        "s21_n_accelerators": len(table),
        "s21_n_vendors": int(table["vendor"].nunique()),
        "s21_n_server": int((table["kind"] == "server").sum()),
        "s21_n_desktop": int((table["kind"] == "desktop").sum()),
        "s21_first_launch": table["launch_date"].min().strftime("%B %Y"),
        "s21_last_launch": table["launch_date"].max().strftime("%B %Y"),
        "s21_n_specs": len(specs),
        "s21_n_checked": int((specs["checked"].astype(str) == "yes").sum()),
        "s21_n_fp32": int(table["fp32_tflops"].notna().sum()),
        "s21_n_fp8": int(table["fp8_tflops"].notna().sum()),
        "s21_n_fp4": int(table["fp4_tflops"].notna().sum()),
        "s21_b200_bf16": float(b200["fp16_bf16_tflops"]),
        "s21_b200_watts": float(b200["tdp_watts"]),
        "s21_b200_bf16_gpw": hardware.gflops_per_watt(b200["fp16_bf16_tflops"], b200["tdp_watts"]),
    }


# ----------------------------------------------------------------------------- the backtest


def peak_points(gpus: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """The points of the peak-efficiency chart: the paper's FP32 and tensor-core FP16 rows
    (Table 8) and the new accelerators' FP32, FP16/BF16, FP8 and FP4 peaks, at TDP.
    """
    paper = hardware.with_gflops_per_watt(gpus[gpus["precision"].isin(list(PEAK_TRENDS))])
    old = pd.DataFrame(
        {
            "name": paper["gpu"].astype(str),
            "date": _date_text(paper["launch_date"]),
            "year": _year(paper["launch_date"]),
            "value": paper["gflops_per_watt"].to_numpy(),
            "group": paper["precision"].astype(str).replace({"FP16/FP32 Tensor": "FP16/BF16"}).to_numpy(),
            "period": BEFORE,
        }
    )
    long = accelerators.efficiency_long(table, ("FP32", "FP16/BF16", "FP8", "FP4"))
    long = long[~((long["precision"] == "FP32") & long["accelerator"].isin(compare.FP32_UNCLEAR))]
    new = pd.DataFrame(
        {
            "name": long["accelerator"].to_numpy(),
            "date": _date_text(long["launch_date"]),
            "year": _year(long["launch_date"]),
            "value": long["gflops_per_watt"].to_numpy(),
            "group": long["precision"].to_numpy(),
            "period": AFTER,
        }
    )
    return pd.concat([old, new], ignore_index=True)


def peak_lines(fits: dict[str, trends.TrendFit], start: float) -> pd.DataFrame:
    """The FP32 and tensor-core FP16 trends of 2021, from ``start`` to :data:`CHART_END`."""
    return _lines(fits, PEAK_TRENDS, start, CHART_END)


def ratio_points(backtest: pd.DataFrame) -> pd.DataFrame:
    """The backtest with ``year`` and ``line_label`` (:data:`dltrends.compare.since_2021.LINES`)."""
    out = backtest.copy()
    out["year"] = _year(out["launch_date"])
    out["line_label"] = out["line"].map(compare.LINES)
    return out


def coverage_view(coverage: pd.DataFrame) -> pd.DataFrame:
    """The coverage of each 2021 line for the page's table."""
    return pd.DataFrame(
        {
            "2021 trend": coverage["line"].map(compare.LINES),
            "accelerators": coverage["n"],
            "inside": coverage["inside"],
            "above": coverage["above"],
            "below": coverage["below"],
            "median actual ÷ predicted": coverage["median_ratio"],
        }
    )


def named_view(backtest: pd.DataFrame) -> pd.DataFrame:
    """The named accelerators of the scorecard: each line's prediction beside what happened."""
    rows = []
    for line, names in compare.NAMED.items():
        for name in names:
            row = backtest[(backtest["line"] == line) & (backtest["accelerator"] == name)].iloc[0]
            rows.append(
                {
                    "accelerator": name,
                    "2021 trend": compare.LINES[line],
                    "predicted": row["predicted"],
                    "PI low": row["pi_lower"],
                    "PI high": row["pi_upper"],
                    "actual": row["actual"],
                    "against the PI": row["side"],
                }
            )
    return pd.DataFrame(rows)


def backtest_numbers(
    backtest: pd.DataFrame,
    coverage: pd.DataFrame,
    fits: dict[str, trends.TrendFit],
    fractions: dict[str, float],
    gpus: pd.DataFrame,
) -> dict[str, object]:
    """The numbers of the section on the efficiency backtest (``gpus``: Table 8)."""
    cov = coverage.set_index("line")
    tensor_rows = accelerators.before(gpus[gpus["precision"] == "FP16/FP32 Tensor"], "launch_date")

    def named(line: str, name: str) -> pd.Series:
        return backtest[(backtest["line"] == line) & (backtest["accelerator"] == name)].iloc[0]

    fp32_b200, tensor_b200 = named("FP32", "B200"), named("FP16/FP32 Tensor", "B200")
    tensor_h100 = named("FP16/FP32 Tensor", "H100 SXM")
    fp32 = backtest[backtest["line"] == "FP32"]
    server32 = fp32[fp32["kind"] == "server"]
    tensor = backtest[backtest["line"] == "FP16/FP32 Tensor"]
    new_fp32 = trends.fit_frame(server32, "actual", "launch_date")
    new_tensor = trends.fit_frame(tensor[tensor["kind"] == "server"], "actual", "launch_date")
    desktop32 = fp32[fp32["kind"] == "desktop"]
    return {
        "s21_fit_fp32_growth": fits["FP32"].growth_per_year,
        "s21_fit_fp32_n": fits["FP32"].n,
        "s21_fit_tensor_growth": fits["FP16/FP32 Tensor"].growth_per_year,
        "s21_fit_tensor_growth_low": fits["FP16/FP32 Tensor"].growth_per_year_ci[0],
        "s21_fit_tensor_growth_high": fits["FP16/FP32 Tensor"].growth_per_year_ci[1],
        "s21_fit_tensor_n": fits["FP16/FP32 Tensor"].n,
        "s21_fit_tensor_first_year": int(tensor_rows["launch_date"].min().year),
        "s21_fit_tensor_last_year": int(tensor_rows["launch_date"].max().year),
        "s21_fit_fp16_growth": fits["FP16"].growth_per_year,
        "s21_fit_cnn_growth": fits["CNN"].growth_per_year,
        "s21_fit_nlp_growth": fits["NLP"].growth_per_year,
        "s21_fp32_n": int(cov.loc["FP32", "n"]),
        "s21_fp32_inside": int(cov.loc["FP32", "inside"]),
        "s21_fp32_below": int(cov.loc["FP32", "below"]),
        "s21_fp32_above": int(cov.loc["FP32", "above"]),
        "s21_fp32_consistent": int(cov.loc["FP32", "lowest_consistent"]),
        "s21_fp32_break_year": int(accelerators.first_year_outside(server32, "below")),
        "s21_fp32_above_names": " and ".join(fp32.loc[fp32["side"] == "above", "accelerator"]),
        "s21_fp32_desktop_inside": int((desktop32["side"] == "inside").sum()),
        "s21_fp32_desktop_n": len(desktop32),
        "s21_fp32_b200_predicted": float(fp32_b200["predicted"]),
        "s21_fp32_b200_low": float(fp32_b200["pi_lower"]),
        "s21_fp32_b200_high": float(fp32_b200["pi_upper"]),
        "s21_fp32_b200_actual": float(fp32_b200["actual"]),
        "s21_b200_launch": fp32_b200["launch_date"].strftime("%B %Y"),
        "s21_new_fp32_growth": new_fp32.growth_per_year,
        "s21_new_fp32_growth_low": new_fp32.growth_per_year_ci[0],
        "s21_new_fp32_growth_high": new_fp32.growth_per_year_ci[1],
        "s21_tensor_n": int(cov.loc["FP16/FP32 Tensor", "n"]),
        "s21_tensor_inside": int(cov.loc["FP16/FP32 Tensor", "inside"]),
        "s21_tensor_median_ratio": float(cov.loc["FP16/FP32 Tensor", "median_ratio"]),
        "s21_tensor_b200_predicted": float(tensor_b200["predicted"]),
        "s21_tensor_b200_low": float(tensor_b200["pi_lower"]),
        "s21_tensor_b200_high": float(tensor_b200["pi_upper"]),
        "s21_tensor_b200_actual": float(tensor_b200["actual"]),
        "s21_tensor_b200_ratio": float(tensor_b200["ratio"]),
        "s21_tensor_b200_width": float(tensor_b200["pi_upper"] / tensor_b200["pi_lower"]),
        "s21_tensor_h100_ratio": float(tensor_h100["ratio"]),
        "s21_h100_year": int(tensor_h100["launch_date"].year),
        "s21_new_tensor_growth": new_tensor.growth_per_year,
        "s21_new_tensor_growth_low": new_tensor.growth_per_year_ci[0],
        "s21_new_tensor_growth_high": new_tensor.growth_per_year_ci[1],
        "s21_tensor_max_gpw": float(tensor["actual"].max()),
        "s21_tensor_max_name": str(tensor.loc[tensor["actual"].idxmax(), "accelerator"]),
        "s21_a100_cnn_share": fractions["CNN"],
        "s21_a100_nlp_share": fractions["NLP"],
        "s21_cnn_n": int(cov.loc["CNN", "n"]),
        "s21_cnn_inside": int(cov.loc["CNN", "inside"]),
        "s21_cnn_peaks_above": int(cov.loc["CNN", "peaks_above"]),
        "s21_cnn_consistent": int(cov.loc["CNN", "lowest_consistent"]),
        "s21_nlp_n": int(cov.loc["NLP", "n"]),
        "s21_nlp_inside": int(cov.loc["NLP", "inside"]),
        "s21_nlp_peaks_above": int(cov.loc["NLP", "peaks_above"]),
        "s21_cnn_below_names": ", ".join(
            backtest.loc[(backtest["line"] == "CNN") & (backtest["side"] == "below"), "accelerator"]
        ),
    }


def beyond_numbers(beyond: pd.DataFrame) -> dict[str, object]:
    """The numbers of the section on FP8 and FP4."""
    fp8 = beyond[beyond["fp8"].notna()]
    fp4 = beyond[beyond["fp4"].notna()]
    best = fp4.loc[fp4["fp4"].idxmax()]
    same = fp8[np.isclose(fp8["fp8_over_bf16"], 1.0)]
    return {
        "s21_fp8_n": len(fp8),
        "s21_fp8_first_year": int(fp8["launch_date"].min().year),
        "s21_fp8_median_ratio": float(fp8["fp8_over_bf16"].median()),
        "s21_fp8_same_names": ", ".join(same["accelerator"]),
        "s21_fp4_n": len(fp4),
        "s21_fp4_median_ratio": float(fp4["fp4_over_bf16"].median()),
        "s21_fp4_best_name": str(best["accelerator"]),
        "s21_fp4_best_gpw": float(best["fp4"]),
        "s21_fp4_best_times_tensor": float(best["fp4"] / best["tensor_predicted"]),
    }


# ----------------------------------------------------------------------------- ImageNet models


def _model_points(pair: dict[str, object], column: str) -> pd.DataFrame:
    """Table 2's models and the comparable new ones, with ``column`` as ``value``."""
    frames = [
        pd.DataFrame(
            {
                "name": frame["model"].astype(str).to_numpy(),
                "date": _date_text(frame["release_date"]),
                "year": _year(frame["release_date"]),
                "value": frame[column].astype(float).to_numpy(),
                "group": frame["architecture"].astype(str).to_numpy(),
                "period": _period(frame["release_date"]),
            }
        )
        for frame in (pair["paper"], pair["new"])
    ]
    return pd.concat(frames, ignore_index=True)


def cv_points(cv: dict[str, object]) -> pd.DataFrame:
    """The points of the extended Fig. 3: Table 2 and the comparable new models."""
    return _model_points(cv, "gflops")


def cv_lines(cv: dict[str, object], start: float) -> pd.DataFrame:
    """The Fig. 3 trends of 2021 (best model of each year, all models) to :data:`CHART_END`."""
    return _lines(cv["fits"], CV_TRENDS, start, CHART_END)


def cv_best_view(cv: dict[str, object]) -> pd.DataFrame:
    """The new most accurate models of their year against the 2021 best-model trend."""
    best = cv["best"]
    return pd.DataFrame(
        {
            "model": best["model"],
            "release_date": best["release_date"],
            "top1_accuracy": best["top1_accuracy"],
            "predicted": best["predicted"],
            "PI low": best["pi_lower"],
            "PI high": best["pi_upper"],
            "gflops": best["gflops"],
            "against the PI": best["side"],
        }
    )


def cv_numbers(cv: dict[str, object], new_all: pd.DataFrame) -> dict[str, object]:
    """The numbers of the section on the ImageNet models."""
    best, scored = cv["best"], cv["all"]
    coverage = accelerators.coverage(scored)
    first, last = best.iloc[0], best.iloc[-1]
    excluded = new_all[~new_all["model"].isin(set(cv["new"]["model"]))]
    no_flops = new_all[new_all["gflops"].isna()]
    top = new_all.loc[new_all["top1_accuracy"].idxmax()]
    paper_best = cv["paper"][cv["paper"]["best"]].iloc[-1]
    return {
        "s21_cv_n_new": len(new_all),
        "s21_cv_n_fit": len(cv["new"]),
        "s21_cv_last_fit_year": int(cv["new"]["release_date"].max().year),
        "s21_cv_n_excluded": len(excluded),
        "s21_cv_n_no_flops": len(no_flops),
        "s21_cv_best_growth": cv["fits"]["best"].growth_per_year,
        "s21_cv_all_growth": cv["fits"]["all"].growth_per_year,
        "s21_cv_first_best": str(first["model"]),
        "s21_cv_first_best_year": int(first["release_date"].year),
        "s21_cv_first_best_gflops": float(first["gflops"]),
        "s21_cv_first_best_predicted": float(first["predicted"]),
        "s21_cv_first_best_side": str(first["side"]),
        "s21_cv_last_best": str(last["model"]),
        "s21_cv_last_best_year": int(last["release_date"].year),
        "s21_cv_last_best_acc": float(last["top1_accuracy"]),
        "s21_cv_last_best_gflops": float(last["gflops"]),
        "s21_cv_last_best_predicted": float(last["predicted"]),
        "s21_cv_last_best_low": float(last["pi_lower"]),
        "s21_cv_last_best_side": str(last["side"]),
        "s21_cv_paper_best": str(paper_best["model"]),
        "s21_cv_paper_best_acc": float(paper_best["top1_accuracy"]),
        "s21_cv_top_model": str(top["model"]),
        "s21_cv_top_acc": float(top["top1_accuracy"]),
        "s21_cv_all_n": coverage["n"],
        "s21_cv_all_inside": coverage["inside"],
        "s21_cv_all_above": coverage["above"],
        "s21_cv_all_below": coverage["below"],
        "s21_cv_all_median_ratio": coverage["median_ratio"],
    }


# ----------------------------------------------------------------------------- language models


def lm_points(lm: dict[str, object]) -> pd.DataFrame:
    """GFLOPs per token of Table 7's models and of the language models since 2018."""
    paper, models = lm["paper"], lm["models"]
    old = pd.DataFrame(
        {
            "name": paper["model"].astype(str).to_numpy(),
            "date": _date_text(paper["release_date"]),
            "year": _year(paper["release_date"]),
            "value": paper["gflops_per_token"].to_numpy(),
            "group": "Table 7 (paper)",
            "period": BEFORE,
        }
    )
    new = pd.DataFrame(
        {
            "name": models["model"].astype(str).to_numpy(),
            "date": _date_text(models["release_date"]),
            "year": _year(models["release_date"]),
            "value": models["gflops_per_token"].to_numpy(),
            "group": models["architecture"].to_numpy(),
            "period": _period(models["release_date"]),
        }
    )
    return pd.concat([old, new], ignore_index=True)


def lm_lines(lm: dict[str, object], start: float) -> pd.DataFrame:
    """The record setters' trend of 2021, extended to :data:`CHART_END`."""
    return _lines(lm["fits"], LM_TRENDS, start, CHART_END)


def lm_largest_view(lm: dict[str, object]) -> pd.DataFrame:
    """The largest language model of each year since mid-2021 against the record trend."""
    largest = lm["largest"]
    return pd.DataFrame(
        {
            "model": largest["model"],
            "release_date": largest["release_date"],
            "architecture": largest["architecture"],
            "active_params_billions": largest["active_params_billions"],
            "GFLOPs per token": largest["actual"],
            "predicted": largest["predicted"],
            "PI low": largest["pi_lower"],
            "against the PI": largest["side"],
        }
    )


def lm_numbers(lm: dict[str, object]) -> dict[str, object]:
    """The numbers of the section on language models."""
    fits, largest, models = lm["fits"], lm["largest"], lm["models"]
    peak = models.loc[models["gflops_per_token"].idxmax()]
    last = largest.iloc[-1]
    moe = models[models["architecture"] == "mixture-of-experts"]
    moe_ratio = moe["total_params_billions"] / moe["active_params_billions"]
    dense_s, moe_s = trends.summary(fits["dense"]), trends.summary(fits["mixture-of-experts"])
    first_out = largest[largest["side"] == "below"].iloc[0]
    paper = lm["paper"]
    table7_ratio = paper["gflops_per_token"] / (2.0 * paper["params_millions"] / 1000.0)
    return {
        "s21_table7_ratio_median": float(table7_ratio.median()),
        "s21_lm_last_inside_year": int(largest.loc[largest["side"] == "inside", "release_date"].max().year),
        "s21_lm_n": len(models),
        "s21_lm_n_dense": int((models["architecture"] == "dense").sum()),
        "s21_lm_n_moe": len(moe),
        "s21_lm_record_growth": fits["record"].growth_per_year,
        "s21_lm_record_n": fits["record"].n,
        "s21_lm_peak_model": str(peak["model"]),
        "s21_lm_peak_year": int(peak["release_date"].year),
        "s21_lm_peak_gflops": float(peak["gflops_per_token"]),
        "s21_lm_first_out_year": int(first_out["release_date"].year),
        "s21_lm_first_out_model": str(first_out["model"]),
        "s21_lm_first_out_predicted_millions": float(first_out["predicted"]) / 1e6,
        "s21_lm_first_out_actual": float(first_out["actual"]),
        "s21_lm_last_year": int(last["release_date"].year),
        "s21_lm_last_model": str(last["model"]),
        "s21_lm_last_actual": float(last["actual"]),
        "s21_lm_last_predicted_millions": float(last["predicted"]) / 1e6,
        "s21_lm_last_orders": math.log10(float(last["predicted"] / last["actual"])),
        "s21_lm_n_inside": int((largest["side"] == "inside").sum()),
        "s21_lm_n_largest": len(largest),
        "s21_lm_dense_growth": dense_s["growth"],
        "s21_lm_dense_growth_low": dense_s["growth_low"],
        "s21_lm_dense_growth_high": dense_s["growth_high"],
        "s21_lm_moe_growth": moe_s["growth"],
        "s21_lm_moe_growth_low": moe_s["growth_low"],
        "s21_lm_moe_growth_high": moe_s["growth_high"],
        "s21_lm_moe_ratio_median": float(moe_ratio.median()),
        "s21_lm_moe_ratio_max": float(moe_ratio.max()),
        "s21_lm_moe_ratio_max_model": str(moe.loc[moe_ratio.idxmax(), "model"]),
    }


# ----------------------------------------------------------------------------- energy


def fig8_points(table9: pd.DataFrame, backtest: pd.DataFrame) -> pd.DataFrame:
    """The Fig. 8 rows (FP32 and adapted GFLOPS/W) and the new accelerators' adapted
    equivalent (FP16/BF16 peak x the A100's measured share), per work (CNN, NLP).
    """
    frames = []
    for work in ("CNN", "NLP"):
        rows = hardware.efficiency_series(table9, work)
        frames.append(
            pd.DataFrame(
                {
                    "name": (rows["gpu"].astype(str) + " " + rows["precision"].astype(str)).to_numpy(),
                    "date": _date_text(rows["launch_date"]),
                    "year": _year(rows["launch_date"]),
                    "value": rows["gflops_per_watt"].to_numpy(),
                    "group": f"{work} work",
                    "period": BEFORE,
                }
            )
        )
        new = backtest[backtest["line"] == work]
        frames.append(
            pd.DataFrame(
                {
                    "name": new["accelerator"].to_numpy(),
                    "date": _date_text(new["launch_date"]),
                    "year": _year(new["launch_date"]),
                    "value": new["actual"].to_numpy(),
                    "group": f"{work} work",
                    "period": AFTER,
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def fig8_lines(
    fits: dict[str, trends.TrendFit], new_fits: dict[str, trends.TrendFit], start: float
) -> pd.DataFrame:
    """The two Fig. 8 lines of 2021 to :data:`CHART_END`, and the new accelerators' CNN
    trend over their own launch dates.
    """
    old = _lines(fits, {k: FIG8_TRENDS[k] for k in ("CNN", "NLP")}, start, CHART_END)
    new = trends.line(new_fits["CNN"], 2021.8, 2026.1)[["year", "fitted", "pi_lower", "pi_upper"]]
    return pd.concat([old, new.assign(trend=FIG8_TRENDS["new CNN"])], ignore_index=True)


def by_year_view(by_year: pd.DataFrame) -> pd.DataFrame:
    """The Fig. 8 lines at mid-year against the new accelerators' trend, for the page."""
    return pd.DataFrame(
        {
            "work": by_year["work"],
            "year": by_year["year"],
            "2021 line": by_year["predicted"],
            "PI low": by_year["pi_lower"],
            "PI high": by_year["pi_upper"],
            "new accelerators": by_year["actual"],
            "new ÷ 2021": by_year["ratio"],
        }
    )


def joules_points(joules: dict[str, object]) -> pd.DataFrame:
    """Joules per inference of Table 2's models (the paper's estimate) and of the new
    comparable models on the new accelerators' CNN trend.
    """
    return _model_points(joules, "joules")


def joules_lines(joules: dict[str, object], start: float) -> pd.DataFrame:
    """The joules trends of 2021 (Fig. 9: best model of each year, all models)."""
    return _lines(joules["fits"], CV_TRENDS, start, CHART_END)


def energy_numbers(
    joules: dict[str, object], by_year: pd.DataFrame, new_fits: dict[str, trends.TrendFit]
) -> dict[str, object]:
    """The numbers of the section on joules per inference."""
    cnn = by_year[by_year["work"] == "CNN"].set_index("year")
    nlp = by_year[by_year["work"] == "NLP"].set_index("year")
    best = joules["best"]
    last = best.iloc[-1]
    new = joules["new"]
    coverage = accelerators.coverage(joules["all"])
    new_cnn = trends.summary(new_fits["CNN"])
    example = int(np.median(cnn.index))
    return {
        "s21_new_cnn_growth": new_cnn["growth"],
        "s21_new_cnn_growth_low": new_cnn["growth_low"],
        "s21_new_cnn_growth_high": new_cnn["growth_high"],
        "s21_eff_n_inside": int((by_year["side"] == "inside").sum()),
        "s21_eff_n": len(by_year),
        "s21_eff_first_year": int(by_year["year"].min()),
        "s21_eff_last_year": int(by_year["year"].max()),
        "s21_eff_example_year": example,
        "s21_eff_cnn_example_predicted": float(cnn.loc[example, "predicted"]),
        "s21_eff_cnn_example_actual": float(cnn.loc[example, "actual"]),
        "s21_eff_cnn_ratio_low": float(cnn["ratio"].min()),
        "s21_eff_cnn_ratio_high": float(cnn["ratio"].max()),
        "s21_eff_nlp_ratio_low": float(nlp["ratio"].min()),
        "s21_eff_nlp_ratio_high": float(nlp["ratio"].max()),
        "s21_joules_last_model": str(last["model"]),
        "s21_joules_last_predicted": float(last["predicted"]),
        "s21_joules_last_low": float(last["pi_lower"]),
        "s21_joules_last_actual": float(last["actual"]),
        "s21_joules_last_side": str(last["side"]),
        "s21_joules_n_best_inside": int((best["side"] == "inside").sum()),
        "s21_joules_n_best": len(best),
        "s21_joules_all_inside": coverage["inside"],
        "s21_joules_all_n": coverage["n"],
        "s21_joules_new_over_2021": float((new["joules"] / new["joules_2021"]).median()),
    }


# ----------------------------------------------------------------------------- memory


def ridge_view(table: pd.DataFrame) -> pd.DataFrame:
    """Ridge points (:func:`dltrends.accelerators.ridge_points`) with the decimal launch year."""
    out = accelerators.ridge_points(table)
    out["year"] = _year(out["launch_date"])
    return out


def weights_view(
    table: pd.DataFrame, models: pd.DataFrame, bytes_per_param: float = 2.0, from_year: int = 2022
) -> pd.DataFrame:
    """The largest open-weight model of each year against the largest accelerator memory
    launched by its release date: the weights at ``bytes_per_param`` (2 for BF16) and how
    many such accelerators they fill (no activations, no KV cache).
    """
    open_models = models[
        (models["open_weights"].astype(str) == "yes") & (models["release_date"].dt.year >= from_year)
    ]
    largest = compare.largest_per_year(open_models, "total_params_billions")
    rows = []
    for _, model in largest.iterrows():
        launched = table[(table["launch_date"] <= model["release_date"]) & table["memory_gb"].notna()]
        device = launched.loc[launched["memory_gb"].idxmax()]
        rows.append(
            {
                "model": model["model"],
                "release_date": model["release_date"],
                "total_params_billions": model["total_params_billions"],
                "weights_gb": bytes_per_param * float(model["total_params_billions"]),
                "largest memory then": device["accelerator"],
                "memory_gb": float(device["memory_gb"]),
                "devices to hold": accelerators.devices_to_hold(
                    model["total_params_billions"], device["memory_gb"], bytes_per_param
                ),
            }
        )
    return pd.DataFrame(rows)


def memory_numbers(
    table: pd.DataFrame, ridge: pd.DataFrame, weights: pd.DataFrame, bytes_per_param: float = 2.0
) -> dict[str, object]:
    """The numbers of the section on the memory wall."""
    server = table[table["kind"] == "server"]

    def growth(column: str) -> tuple[float, float, float]:
        fit = trends.fit_frame(server.dropna(subset=[column]), column, "launch_date")
        return fit.growth_per_year, *fit.growth_per_year_ci

    memory, bandwidth, bf16 = growth("memory_gb"), growth("memory_bandwidth_gbs"), growth("fp16_bf16_tflops")
    bf16_ridge = ridge[(ridge["precision"] == "FP16/BF16") & (ridge["kind"] == "server")]
    ridge_fit = trends.fit_frame(bf16_ridge, "flops_per_byte", "launch_date")
    h100 = _row(ridge[ridge["precision"] == "FP16/BF16"], "accelerator", "H100 SXM")
    b200 = _row(ridge[ridge["precision"] == "FP16/BF16"], "accelerator", "B200")
    fp4 = ridge[ridge["precision"] == "FP4"]
    top = fp4.loc[fp4["flops_per_byte"].idxmax()]
    first, last = weights.iloc[0], weights.iloc[-1]
    return {
        "s21_mem_growth": memory[0],
        "s21_mem_growth_low": memory[1],
        "s21_mem_growth_high": memory[2],
        "s21_bw_growth": bandwidth[0],
        "s21_bw_growth_low": bandwidth[1],
        "s21_bw_growth_high": bandwidth[2],
        "s21_bf16_growth": bf16[0],
        "s21_bf16_growth_low": bf16[1],
        "s21_bf16_growth_high": bf16[2],
        "s21_ridge_growth": ridge_fit.growth_per_year,
        "s21_ridge_growth_low": ridge_fit.growth_per_year_ci[0],
        "s21_ridge_growth_high": ridge_fit.growth_per_year_ci[1],
        "s21_ridge_median": float(bf16_ridge["flops_per_byte"].median()),
        "s21_ridge_h100": float(h100["flops_per_byte"]),
        "s21_ridge_b200": float(b200["flops_per_byte"]),
        "s21_ridge_fp4_max": float(top["flops_per_byte"]),
        "s21_ridge_fp4_max_name": str(top["accelerator"]),
        "s21_max_memory": float(table["memory_gb"].max()),
        "s21_bytes_per_param": float(bytes_per_param),
        "s21_decode_intensity": accelerators.decode_flops_per_byte(bytes_per_param),
        "s21_decode_batch_b200": float(b200["flops_per_byte"])
        / accelerators.decode_flops_per_byte(bytes_per_param),
        "s21_weights_first_model": str(first["model"]),
        "s21_weights_first_year": int(first["release_date"].year),
        "s21_weights_first_devices": float(first["devices to hold"]),
        "s21_weights_last_model": str(last["model"]),
        "s21_weights_last_year": int(last["release_date"].year),
        "s21_weights_last_gb": float(last["weights_gb"]),
        "s21_weights_last_devices": float(last["devices to hold"]),
    }

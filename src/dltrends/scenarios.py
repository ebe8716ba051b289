"""Comparisons with the paper, energy decompositions and forecast scenarios.

The calculations behind the hardware, energy and forecasting chapters that go beyond one
call to :mod:`dltrends.hardware`, :mod:`dltrends.energy`, :mod:`dltrends.trends` or
:mod:`dltrends.forecast` (Desislavov et al. 2023, Tables 3, 4, 8, 9 and Figs 7-14):

* **comparisons**: the paper's printed Tables 3, 4, 8 and 9 beside the values this book
  recomputes from the transcribed inputs, with the differences;
* **hardware**: summaries of the Fig. 8 efficiency fits, the points that stand out from
  them, and what the FP32 rows that Table 9 leaves out do to the fits;
* **energy**: joules per inference from the efficiency trend or from one named GPU, the
  model selections of Figs 9 and 10, and the decomposition of the joules trend into a
  FLOPs trend and an efficiency trend;
* **forecasts**: the trends extended to a year with prediction intervals (Figs 13, 14),
  the human references, a population running inferences (the multiplicative effect),
  the parameters of the interactive chart, and a sensitivity table.

Units: GFLOPs per forward pass, GFLOPS/W (= GFLOP/J, Eq. 1), joules per inference
(Eq. 2), watts (J/s), decimal years.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from dltrends.checks import InputError, finite_result

from . import checks, energy, forecast, hardware, trends
from .trends import TrendFit

#: GPU names that the paper's Table 9 prints differently from its Table 8.
TABLE9_NAME_ALIASES = {"Tesla T4": "T4"}

#: Half a unit in the last printed place of a 2-decimal value, and a margin for floats.
ROUNDING_TOLERANCE = 0.005 + 1e-9

#: The model selection behind each trend line, by task (Figs 9, 10, 13, 14).
BEST_SELECTION = {
    "CV": "most accurate model of each year",
    "NLP": "models that set a GFLOPs record when released",
}

#: Which efficiency trend (Fig. 8) each task uses (the paper: CNN for CV, NLP for NLP).
TASK_WORK = {"CV": "CNN", "NLP": "NLP"}


def _check_task(task: str) -> str:
    if task not in TASK_WORK:
        raise InputError(f"task must be 'CV' or 'NLP', got {task!r}")
    return task


# ----------------------------------------------------------------------------- comparisons


def compare_table3(ngc: pd.DataFrame, printed: pd.DataFrame) -> pd.DataFrame:
    """Table 3's speed-ups recomputed from the throughputs, beside the printed column.

    ``ngc`` is data/ngc_inference_throughput.csv, ``printed`` is
    data/paper_reported/table3_speedups.csv. Returns one row per benchmark, in the
    paper's order, with ``reference_gpu``, ``computed`` (throughput / FP32 throughput of
    the reference GPU, unrounded), ``printed`` and ``difference`` (computed - printed).
    Raises ValueError if a row of either side has no partner.
    """
    keys = ["task", "model", "framework", "batch_size", "gpu", "precision"]
    computed = hardware.speedups(ngc)
    left = computed[keys + ["reference_gpu", "speedup"]].copy()
    right = printed[keys + ["speedup"]].copy()
    for frame in (left, right):
        for key in keys:
            frame[key] = frame[key].astype(str)
    merged = right.merge(left, on=keys, how="outer", suffixes=("_printed", ""), indicator=True)
    unmatched = merged[merged["_merge"] != "both"]
    if not unmatched.empty:
        raise InputError(f"Table 3 rows without a partner: {unmatched[keys].to_dict('records')[:3]}")
    order = right[keys].reset_index().merge(merged, on=keys).sort_values("index")
    out = order[keys + ["reference_gpu"]].copy()
    out["computed"] = order["speedup"].to_numpy(dtype=float)
    out["printed"] = order["speedup_printed"].to_numpy(dtype=float)
    out["difference"] = out["computed"] - out["printed"]
    return out.reset_index(drop=True)


def compare_table4(ngc: pd.DataFrame, printed: pd.DataFrame) -> pd.DataFrame:
    """Table 4, the mean speed-ups, recomputed beside the printed values.

    Long format, one row per GPU, precision and task (CV, NLP): ``reference`` (the FP32
    baseline), ``benchmarks`` (how many Table 3 rows the mean averages), ``computed``
    (mean of the unrounded speed-ups), ``printed`` and ``difference``.
    """
    ratios = hardware.speedup_ratios(ngc)
    rows = []
    for _, row in printed.iterrows():
        match = ratios[(ratios["gpu_family"] == row["gpu"]) & (ratios["precision"] == row["precision"])]
        if len(match) != 1:
            raise InputError(f"no computed Table 4 ratio for {row['gpu']} {row['precision']}")
        computed = match.iloc[0]
        if computed["reference"] != row["ratio_to"]:
            raise InputError(
                f"{row['gpu']} {row['precision']}: reference {computed['reference']} "
                f"but the paper prints {row['ratio_to']}"
            )
        for task in ("CV", "NLP"):
            column = task.lower()
            rows.append(
                {
                    "gpu": row["gpu"],
                    "precision": row["precision"],
                    "reference": row["ratio_to"],
                    "task": task,
                    "benchmarks": int(computed[f"n_{column}"]),
                    "computed": float(computed[column]),
                    "printed": float(row[column]),
                }
            )
    out = pd.DataFrame(rows)
    out["difference"] = out["computed"] - out["printed"]
    return out


def compare_table8(gpus: pd.DataFrame, printed: pd.DataFrame) -> pd.DataFrame:
    """Table 8's GFLOPS/W recomputed (1000 x TFLOPS / W) beside the printed column.

    Returns ``gpu``, ``precision``, ``tflops``, ``watts``, ``computed``, ``printed``,
    ``difference`` (printed - computed) and ``beyond_rounding``: True where the printed
    value is more than half a unit of its last (second) decimal away from the computed
    one, i.e. not a rounding of TFLOPS / W. Eight rows of the paper are.
    """
    table = hardware.with_gflops_per_watt(gpus)
    left = table[["gpu", "precision", "tflops", "watts", "gflops_per_watt"]].copy()
    right = printed[["gpu", "precision", "gflops_per_watt"]].copy()
    for frame in (left, right):
        frame["gpu"] = frame["gpu"].astype(str)
        frame["precision"] = frame["precision"].astype(str)
    merged = left.merge(
        right, on=["gpu", "precision"], how="inner", suffixes=("", "_printed"), validate="one_to_one"
    )
    if len(merged) != len(left) or len(merged) != len(right):
        raise InputError(f"Table 8: {len(left)} computed, {len(right)} printed, {len(merged)} matched")
    out = merged.rename(columns={"gflops_per_watt": "computed", "gflops_per_watt_printed": "printed"})
    out["difference"] = out["printed"] - out["computed"]
    out["beyond_rounding"] = out["difference"].abs() > ROUNDING_TOLERANCE
    return out.reset_index(drop=True)


def compare_table9(table9: pd.DataFrame, printed: pd.DataFrame) -> pd.DataFrame:
    """Table 9 recomputed (:func:`dltrends.hardware.adapted_gpus`) beside the printed one.

    GPU names are aligned with :data:`TABLE9_NAME_ALIASES` (the paper's Table 9 writes
    "Tesla T4" for Table 8's "T4"). Returns, in the paper's order, ``adapted``, ``gpu``,
    ``precision``, ``tflops_computed``, ``tflops_printed``, ``tflops_difference``,
    ``computed`` and ``printed`` GFLOPS/W and ``difference`` (computed - printed).
    """
    keys = ["adapted", "gpu", "precision"]
    right = printed.copy()
    right["gpu"] = right["gpu"].replace(TABLE9_NAME_ALIASES)
    left = table9.copy()
    for frame in (left, right):
        for key in keys:
            frame[key] = frame[key].astype(str)
    merged = (
        right[keys + ["tflops", "gflops_per_watt"]]
        .reset_index()
        .merge(
            left[keys + ["tflops", "gflops_per_watt"]],
            on=keys,
            how="left",
            suffixes=("_printed", "_computed"),
            validate="one_to_one",
        )
    )
    missing = merged[merged["gflops_per_watt_computed"].isna()]
    if not missing.empty:
        raise InputError(f"Table 9 rows not recomputed: {missing[keys].to_dict('records')}")
    if len(left) != len(right):
        raise InputError(f"Table 9: {len(left)} rows computed but {len(right)} printed")
    out = merged.sort_values("index")[keys].copy()
    out["tflops_computed"] = merged["tflops_computed"].to_numpy(dtype=float)
    out["tflops_printed"] = merged["tflops_printed"].to_numpy(dtype=float)
    out["tflops_difference"] = out["tflops_computed"] - out["tflops_printed"]
    out["computed"] = merged["gflops_per_watt_computed"].to_numpy(dtype=float)
    out["printed"] = merged["gflops_per_watt_printed"].to_numpy(dtype=float)
    out["difference"] = out["computed"] - out["printed"]
    return out.reset_index(drop=True)


@finite_result
def reported_claim(claims: pd.DataFrame, contains: str) -> float:
    """The value of the one claim of data/paper_reported/text_claims.csv containing ``contains``.

    Case-insensitive; raises ValueError unless exactly one claim matches.
    """
    hits = claims[claims["claim"].str.contains(contains, case=False, regex=False)]
    if len(hits) != 1:
        raise InputError(f"{len(hits)} claims contain {contains!r}: {hits['claim'].tolist()}")
    return float(hits["value"].iloc[0])


# ----------------------------------------------------------------------------- hardware


def with_year(frame: pd.DataFrame, date_col: str) -> pd.DataFrame:
    """A copy of ``frame`` with ``year``, the decimal year of ``date_col`` (for charts)."""
    out = frame.copy()
    out["year"] = trends.decimal_year(out[date_col])
    return out


def fit_summary(fit: TrendFit) -> dict[str, float]:
    """The numbers a chapter quotes about one exponential fit.

    ``n``, ``r2``, ``growth`` (factor per year) with ``growth_low``/``growth_high`` (95%
    CI), ``doubling_years`` with ``doubling_low``/``doubling_high`` (95% CI; negative
    values are halving times, nan when the slope's CI contains 0).
    """
    low, high = fit.growth_per_year_ci
    d_low, d_high = fit.doubling_time_ci
    return {
        "n": fit.n,
        "r2": fit.r2,
        "growth": fit.growth_per_year,
        "growth_low": low,
        "growth_high": high,
        "doubling_years": fit.doubling_time_years,
        "doubling_low": d_low,
        "doubling_high": d_high,
    }


def efficiency_fit_summary(table9: pd.DataFrame) -> pd.DataFrame:
    """Fig. 8's two fits (CNN and NLP work) summarised, one row per work.

    Columns ``work`` and those of :func:`fit_summary`: GFLOPS/W growth per year and
    doubling time with 95% confidence intervals.
    """
    rows = [{"work": work, **fit_summary(energy.efficiency_trend(table9, work))} for work in ("CNN", "NLP")]
    return pd.DataFrame(rows)


def trend_line(fit: TrendFit, start: float, end: float, step: float = 0.25) -> pd.DataFrame:
    """A fitted trend sampled from ``start`` to ``end`` (decimal years, both included).

    Returns ``year``, ``fitted`` and the 95% bands ``ci_lower``/``ci_upper`` (the line)
    and ``pi_lower``/``pi_upper`` (a new point), in the fit's units: what a chart draws.
    """
    if not (math.isfinite(start) and math.isfinite(end)) or end <= start:
        raise InputError(f"need start < end, got {start}, {end}")
    if step <= 0:
        raise InputError(f"step must be > 0, got {step}")
    years = np.arange(start, end, step)
    if end - years[-1] < step * 1e-6:
        years = years[:-1]
    years = np.append(years, end)
    table = fit.predict(years)
    return table.rename(columns={"decimal_year": "year"})


def adapted_points(
    table9: pd.DataFrame, label: tuple[str, str, str] | None = ("T4", "Mixed", "For CNN")
) -> pd.DataFrame:
    """The GPUs of Fig. 8, once each, labelled by the fit(s) they enter.

    Returns the rows of ``table9`` with ``year``, ``series`` ('FP32 (both fits)' for the
    FP32 rows, 'adapted for CNN' or 'adapted for NLP' for the mixed-precision and TF32
    rows) and ``label``: empty, except for the row (gpu, precision, adapted) named by
    ``label``, which gets e.g. 'T4 Mixed, 70 W' (the point the paper says stands out).
    """
    out = with_year(table9, "launch_date")
    out["precision"] = out["precision"].astype(str)
    out["series"] = out["adapted"].map(
        {"No": "FP32 (both fits)", "For CNN": "adapted for CNN", "For NLP": "adapted for NLP"}
    )
    out["label"] = ""
    if label is not None:
        gpu, precision, adapted = label
        hit = (out["gpu"] == gpu) & (out["precision"] == precision) & (out["adapted"] == adapted)
        if not hit.any():
            raise InputError(f"no Table 9 row {label}")
        out.loc[hit, "label"] = [f"{gpu} {precision}, {w:.0f} W" for w in out.loc[hit, "watts"]]
    return out.reset_index(drop=True)


def fig8_lines(table9: pd.DataFrame, step: float = 0.25) -> pd.DataFrame:
    """Both Fig. 8 trend lines over the launch dates of the GPUs: ``fit``, ``year``, ``fitted``."""
    years = trends.decimal_year(table9["launch_date"])
    frames = []
    for work in ("CNN", "NLP"):
        line = trend_line(energy.efficiency_trend(table9, work), float(years.min()), float(years.max()), step)
        frames.append(line[["year", "fitted"]].assign(fit=f"{work} fit"))
    return pd.concat(frames, ignore_index=True)


def efficiency_residuals(table9: pd.DataFrame, work: str) -> pd.DataFrame:
    """How far each GPU of one Fig. 8 fit lies from the fitted line.

    Returns the points of :func:`dltrends.hardware.efficiency_series` with ``fitted``
    (GFLOPS/W on the line at the launch date) and ``times_trend`` (actual / fitted),
    sorted from the most above the line down.
    """
    series = hardware.efficiency_series(table9, work)
    fit = energy.efficiency_trend(table9, work)
    out = series.copy()
    out["precision"] = out["precision"].astype(str)
    out["fitted"] = fit.predict(out["launch_date"])["fitted"].to_numpy()
    out["times_trend"] = out["gflops_per_watt"] / out["fitted"]
    return out.sort_values("times_trend", ascending=False, kind="stable").reset_index(drop=True)


def omitted_fp32_effect(gpus: pd.DataFrame, ngc: pd.DataFrame, at_year: float = 2021.0) -> pd.DataFrame:
    """What the FP32 rows that Table 9 leaves out (P100, A100, A30) do to the Fig. 8 fits.

    One row per work (CNN, NLP) and variant ('as printed' = Table 9 without them, 'with
    the omitted FP32 rows'), with the :func:`fit_summary` numbers and
    ``gflops_per_watt_at_year``, the fitted efficiency at ``at_year`` (decimal year).
    """
    variants = {
        "as printed": hardware.adapted_gpus(gpus, ngc),
        "with the omitted FP32 rows": hardware.adapted_gpus(gpus, ngc, omit_fp32=()),
    }
    rows = []
    for work in ("CNN", "NLP"):
        for variant, table in variants.items():
            fit = energy.efficiency_trend(table, work)
            rows.append(
                {
                    "work": work,
                    "variant": variant,
                    **fit_summary(fit),
                    "gflops_per_watt_at_year": float(fit.predict([at_year])["fitted"].iloc[0]),
                }
            )
    return pd.DataFrame(rows)


# ----------------------------------------------------------------------------- energy


def efficiency_label(gpu: str | None, precision: str | None, table9: pd.DataFrame, work: str) -> str:
    """Words for the efficiency a joules estimate uses: the trend, or a named GPU."""
    if gpu is None:
        return f"the {work} efficiency trend of Fig. 8 at each model's release date"
    value = energy.gpu_gflops_per_watt(table9, gpu, precision, work)
    return f"a {gpu} in {precision} precision ({value:.1f} GFLOPS/W, adapted for {work} work)"


def model_energy(
    models: pd.DataFrame,
    table9: pd.DataFrame,
    task: str,
    gpu: str | None = None,
    precision: str | None = None,
) -> pd.DataFrame:
    """Joules per inference of every model (Eq. 2), and the decimal release year.

    ``task`` 'CV' or 'NLP' picks the efficiency work (CNN or NLP). With ``gpu=None`` (the
    paper's method) the efficiency is the Fig. 8 trend at each release date
    (:func:`dltrends.energy.joules_from_trend`); with a named ``gpu`` and ``precision``
    (a row of Table 9, e.g. 'A100', 'Mixed') every model runs on that GPU
    (:func:`dltrends.energy.joules_with_gpu`). Returns a copy of ``models`` with
    ``gflops_per_watt``, ``joules`` and ``year``.
    """
    work = TASK_WORK[_check_task(task)]
    if gpu is None:
        if precision is not None:
            raise InputError("precision is set but gpu is None: name a GPU, or leave both None")
        out = energy.joules_from_trend(models, energy.efficiency_trend(table9, work))
    else:
        if precision is None:
            raise InputError(f"gpu {gpu!r} needs a precision (e.g. 'FP32', 'Mixed', 'TF32')")
        out = energy.joules_with_gpu(models, table9, gpu, precision, work)
    return with_year(out, "release_date").reset_index(drop=True)


def best_models(frame: pd.DataFrame, task: str) -> pd.DataFrame:
    """The cutting-edge selection of Figs 9 and 10 (dashed lines).

    CV: the most accurate model of each year (:func:`dltrends.trends.select_best_per_year`);
    NLP: the models that set a GFLOPs record when released
    (:func:`dltrends.trends.select_record_setters`, the selection of Fig. 6).
    """
    if _check_task(task) == "CV":
        return trends.select_best_per_year(frame, "top1_accuracy")
    return trends.select_record_setters(frame, "gflops")


def selections(frame: pd.DataFrame, task: str) -> dict[str, pd.DataFrame]:
    """The model sets a trend can be fitted to: 'best', 'all', and for NLP 'with GLUE score'."""
    out = {"best": best_models(frame, task), "all": trends.select_all(frame)}
    if task == "NLP":
        out["with GLUE score"] = frame[frame["glue_score"].notna()].copy()
    return out


def energy_fits(frame: pd.DataFrame, task: str) -> dict[str, TrendFit]:
    """Exponential fits of joules on release date for the 'best' and 'all' selections."""
    chosen = selections(frame, task)
    return {name: trends.fit_frame(chosen[name], "joules") for name in ("best", "all")}


def energy_lines(frame: pd.DataFrame, task: str, step: float = 0.25) -> pd.DataFrame:
    """The three lines of Fig. 9 / Fig. 10 in one long frame: ``line``, ``year``, ``joules``.

    'best models' (the fit to :func:`best_models`, over their years), 'all models' (the
    fit to every model) and 'yearly mean' (the arithmetic mean of each calendar year,
    drawn at mid-year, :func:`dltrends.trends.yearly_mean`).
    """
    fits = energy_fits(frame, task)
    chosen = selections(frame, task)
    frames = []
    for name, label in (("best", "best models"), ("all", "all models")):
        years = chosen[name]["year"]
        line = trend_line(fits[name], float(years.min()), float(years.max()), step)
        frames.append(pd.DataFrame({"line": label, "year": line["year"], "joules": line["fitted"]}))
    means = trends.yearly_mean(frame, "joules")
    frames.append(
        pd.DataFrame({"line": "yearly mean", "year": means["decimal_year"], "joules": means["mean"]})
    )
    return pd.concat(frames, ignore_index=True)


def decomposition(
    models: pd.DataFrame,
    table9: pd.DataFrame,
    task: str,
    gpu: str | None = None,
    precision: str | None = None,
) -> pd.DataFrame:
    """How much of the FLOPs growth the hardware trend cancels (Figs 3/6 against 9/10).

    For each selection ('best', 'all') fit GFLOPs and joules against release date.
    Joules = GFLOPs / efficiency (Eq. 2), and the efficiency of Fig. 8 is itself an
    exponential in time, so on a log scale the slopes subtract exactly:

        joules growth per year = FLOPs growth per year / efficiency growth per year.

    Returns one row per selection with ``flops_growth``, ``efficiency_growth`` (1 for a
    named GPU: a fixed efficiency cancels nothing), ``joules_growth`` (from the fit of
    the joules), ``implied_joules_growth`` (the ratio above; equal to ``joules_growth``
    up to float error) and ``share_cancelled`` = log(efficiency growth) / log(FLOPs
    growth): the fraction of the FLOPs growth, in orders of magnitude, that hardware
    offsets (1 = joules flat, 0 = nothing offset, > 1 = joules fall).
    """
    frame = model_energy(models, table9, task, gpu, precision)
    if gpu is None:
        efficiency_growth = energy.efficiency_trend(table9, TASK_WORK[task]).growth_per_year
    else:
        efficiency_growth = 1.0
    rows = []
    for name, chosen in selections(frame, task).items():
        if name not in ("best", "all"):
            continue
        flops = trends.fit_frame(chosen, "gflops")
        joules = trends.fit_frame(chosen, "joules")
        rows.append(
            {
                "task": task,
                "selection": name,
                "n": flops.n,
                "flops_growth": flops.growth_per_year,
                "efficiency_growth": efficiency_growth,
                "joules_growth": joules.growth_per_year,
                "implied_joules_growth": flops.growth_per_year / efficiency_growth,
                "share_cancelled": math.log(efficiency_growth) / math.log(flops.growth_per_year),
            }
        )
    return pd.DataFrame(rows)


def named_gpu_comparison(
    models: pd.DataFrame,
    table9: pd.DataFrame,
    task: str,
    settings: list[tuple[str, str]],
) -> pd.DataFrame:
    """Joules under the efficiency trend against joules on named GPUs, for every model.

    One row for the trend (the paper's method) and one per (gpu, precision) setting,
    with ``gflops_per_watt`` (nan for the trend, which varies by date),
    ``median_joules`` over all models, ``median_ratio_to_trend`` (median over models of
    joules on the GPU / joules with the trend), ``best_growth`` and ``all_growth``
    (joules growth per year of the two fits).
    """
    base = model_energy(models, table9, task)
    rows = []
    for gpu, precision in [(None, None), *settings]:
        frame = model_energy(models, table9, task, gpu, precision)
        fits = energy_fits(frame, task)
        rows.append(
            {
                "efficiency": "trend (Fig. 8)" if gpu is None else f"{gpu} {precision}",
                "gflops_per_watt": (
                    math.nan
                    if gpu is None
                    else energy.gpu_gflops_per_watt(table9, gpu, precision, TASK_WORK[task])
                ),
                "median_joules": float(frame["joules"].median()),
                "median_ratio_to_trend": float((frame["joules"] / base["joules"]).median()),
                "best_growth": fits["best"].growth_per_year,
                "all_growth": fits["all"].growth_per_year,
            }
        )
    return pd.DataFrame(rows)


def model_points(frame: pd.DataFrame, task: str) -> pd.DataFrame:
    """The models of Figs 9-14 for a chart.

    Columns ``model``, ``year``, ``gflops``, ``gflops_per_watt``, ``joules``, the task's
    score (``top1_accuracy`` or ``glue_score``), ``architecture`` where known, ``best``
    (in the cutting-edge selection of :func:`best_models`) and ``release_year``.
    """
    best_index = set(best_models(frame, task).index)
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


def frontier_line(frame: pd.DataFrame, score_col: str) -> pd.DataFrame:
    """The accuracy-joules Pareto frontier of Figs 11 and 12, sorted by joules."""
    front = trends.pareto_frontier(frame, cost_col="joules", score_col=score_col)
    return front[["model", "joules", score_col]].assign(model=lambda d: d["model"].astype(str))


# ----------------------------------------------------------------------------- forecasts


@finite_result
def crossing_year(fit: TrendFit, value: float) -> float:
    """Decimal year at which an exponential trend reaches ``value`` (nan if it is flat)."""
    if value <= 0:
        raise InputError(f"value must be > 0, got {value}")
    if fit.slope == 0:
        return math.nan
    return fit.year_center + (math.log10(value) - fit.log10_at_center) / fit.slope


def human_references(
    claims: pd.DataFrame, kcal_per_day: float = 2000.0, kwh_per_year: float = 79_897.0
) -> pd.DataFrame:
    """The two references of Figs 13 and 14, computed, beside the paper's rounded values.

    Returns one row per reference ('somatic', 'external') with ``computed_joules`` (the
    energy used in one second, i.e. the power in watts, from
    :func:`dltrends.forecast.human_reference_watts` with 365-day years) and
    ``paper_joules`` (the rounded value the paper states, from ``claims``, the
    text_claims table), and ``paper_over_computed``.
    """
    refs = forecast.human_reference_watts(kcal_per_day, kwh_per_year)
    paper = {
        "somatic": _claim_by_unit(claims, "Somatic (internal) energy consumption", "J/s"),
        "external": _claim_by_unit(claims, "External energy consumption per person", "J/s"),
    }
    rows = [
        {
            "reference": name,
            "computed_joules": refs[name],
            "paper_joules": paper[name],
            "paper_over_computed": paper[name] / refs[name],
        }
        for name in ("somatic", "external")
    ]
    return pd.DataFrame(rows)


def _claim_by_unit(claims: pd.DataFrame, contains: str, unit: str) -> float:
    hits = claims[claims["claim"].str.contains(contains, case=False, regex=False) & (claims["unit"] == unit)]
    if len(hits) != 1:
        raise InputError(f"{len(hits)} claims in {unit} contain {contains!r}")
    return float(hits["value"].iloc[0])


def forecast_table(fits: dict[str, TrendFit], year: float, references: dict[str, float]) -> pd.DataFrame:
    """Each trend at ``year`` with its 95% prediction interval, against references.

    ``fits`` maps a label (e.g. 'CV, best models') to a joules trend; ``references``
    maps a name (e.g. 'somatic') to joules. Returns ``trend``, ``year``, ``joules``,
    ``pi_lower``, ``pi_upper``, ``growth`` (per year) and, per reference,
    ``times_<name>`` (joules / reference) and ``<name>_year`` (decimal year the trend
    crosses the reference).
    """
    rows = []
    for label, fit in fits.items():
        point = forecast.extrapolate(fit, year)
        row = {
            "trend": label,
            "year": point.year,
            "joules": point.value,
            "pi_lower": point.pi_lower,
            "pi_upper": point.pi_upper,
            "growth": fit.growth_per_year,
        }
        for name, joules in references.items():
            row[f"times_{name}"] = point.value / joules
            row[f"{name}_year"] = crossing_year(fit, joules)
        rows.append(row)
    return pd.DataFrame(rows)


def forecast_bands(
    fits: dict[str, TrendFit], starts: dict[str, float], year: float, step: float = 0.25
) -> pd.DataFrame:
    """The trend lines of Figs 13 / 14 from their first model to ``year``, with 95% PIs.

    Returns ``trend``, ``year``, ``fitted``, ``pi_lower``, ``pi_upper`` (joules).
    """
    frames = []
    for label, fit in fits.items():
        line = trend_line(fit, starts[label], float(year), step)
        frames.append(line[["year", "fitted", "pi_lower", "pi_upper"]].assign(trend=label))
    return pd.concat(frames, ignore_index=True)


def reference_lines(references: pd.DataFrame) -> pd.DataFrame:
    """The human references as rows a chart draws: ``label``, ``joules``, ``source``.

    ``references`` is :func:`human_references`; each reference appears as computed
    ('this book') and as the paper's rounded value ('paper').
    """
    rows = []
    for _, ref in references.iterrows():
        name = ref["reference"]
        rows.append(
            {
                "label": f"{name}, computed: {ref['computed_joules']:,.0f} J",
                "joules": ref["computed_joules"],
                "source": "this book",
            }
        )
        rows.append(
            {
                "label": f"{name}, paper: {ref['paper_joules']:,.0f} J",
                "joules": ref["paper_joules"],
                "source": "paper",
            }
        )
    return pd.DataFrame(rows)


def population_scenarios(
    joules: dict[str, float],
    inferences_per_second_per_person: float,
    population: float,
    somatic_watts: float,
    external_watts: float,
    world_twh: float = forecast.WORLD_ELECTRICITY_TWH_2019,
) -> pd.DataFrame:
    """The multiplicative effect: a population each running N inferences per second.

    ``joules`` maps a trend label to joules per inference. Returns ``trend``,
    ``joules``, ``watts`` (= joules x N x population), ``watts_per_person``,
    ``times_somatic`` and ``times_external`` (per person, against the two human
    references in watts) and ``share_of_world_electricity`` (of ``world_twh`` a year).
    """
    rows = []
    for label, value in joules.items():
        watts = forecast.population_power_watts(value, inferences_per_second_per_person, population)
        rows.append(
            {
                "trend": label,
                "joules": value,
                "watts": watts,
                "watts_per_person": watts / population,
                "times_somatic": watts / population / somatic_watts,
                "times_external": watts / population / external_watts,
                "share_of_world_electricity": forecast.share_of_world_electricity(watts, world_twh),
            }
        )
    return pd.DataFrame(rows)


@finite_result
def rate_for_share(
    joules: float,
    population: float,
    share: float = 1.0,
    world_twh: float = forecast.WORLD_ELECTRICITY_TWH_2019,
) -> float:
    """Inferences per second per person at which a population uses ``share`` of world electricity.

    At ``joules`` per inference, with world electricity use ``world_twh`` a year (365 days).
    """
    joules = checks.number(joules, "joules", positive=True)
    population = checks.number(population, "population", positive=True)
    share = checks.number(share, "share", positive=True)
    world_twh = checks.number(world_twh, "world_twh", positive=True)
    world_watts = world_twh * forecast.JOULES_PER_TWH / (365.0 * forecast.SECONDS_PER_DAY)
    return share * world_watts / (joules * population)


def interactive_series(
    fits: dict[str, TrendFit], start: float, end: float, step: float = 0.5
) -> pd.DataFrame:
    """The inputs of the interactive chart: each trend's fit, sampled over the years.

    The chart computes joules = 10 ** (``log10_at_center`` + ``slope`` x (``year`` -
    ``year_center``)) itself (Vega-Lite calculate transforms), so only the fitted
    coefficients and a year grid travel. Returns ``trend``, ``task``, ``selection``,
    ``year``, ``slope``, ``year_center``, ``log10_at_center``; labels are
    '<task>, <selection>'.
    """
    years = np.arange(start, end + step / 2, step)
    rows = []
    for label, fit in fits.items():
        task, _, selection = label.partition(", ")
        for year in years:
            rows.append(
                {
                    "trend": label,
                    "task": task,
                    "selection": selection,
                    "year": float(year),
                    "slope": fit.slope,
                    "year_center": fit.year_center,
                    "log10_at_center": fit.log10_at_center,
                }
            )
    return pd.DataFrame(rows)


@finite_result
def interactive_references(
    population: float,
    somatic_watts: float,
    external_watts: float,
    world_twh: float = forecast.WORLD_ELECTRICITY_TWH_2019,
) -> pd.DataFrame:
    """Horizontal references of the interactive chart, in watts for the whole population.

    The population's somatic power, its external power, and world electricity use as an
    average power.
    """
    population = checks.number(population, "population", positive=True)
    somatic_watts = checks.number(somatic_watts, "somatic_watts", positive=True)
    external_watts = checks.number(external_watts, "external_watts", positive=True)
    world_twh = checks.number(world_twh, "world_twh", positive=True)
    world_watts = world_twh * forecast.JOULES_PER_TWH / (365.0 * forecast.SECONDS_PER_DAY)
    return pd.DataFrame(
        {
            "label": [
                "everyone's body (somatic)",
                "everyone's total energy use (external, US level)",
                "world electricity (2019)",
            ],
            "watts": [somatic_watts * population, external_watts * population, world_watts],
        }
    )


def sensitivity_table(
    cv: pd.DataFrame,
    nlp: pd.DataFrame,
    gpus: pd.DataFrame,
    ngc: pd.DataFrame,
    year: float,
    gpu: str = "A100",
    precision: str = "Mixed",
) -> pd.DataFrame:
    """How the forecast at ``year`` moves with each choice the forecast makes.

    Choices: the **selection** the trend is fitted to ('best', 'all', 'yearly mean' =
    the fit to the arithmetic yearly means, and for NLP 'with GLUE score'); the
    **efficiency**: the task's own Fig. 8 trend (the paper), the other task's trend,
    the trend with Table 9's omitted FP32 rows (P100, A100, A30), or one named GPU
    (a fixed efficiency). Returns ``task``, ``selection``, ``efficiency``, ``joules``,
    ``pi_lower``, ``pi_upper`` (95% prediction interval; for 'yearly mean' the interval
    of a yearly mean) and ``times_baseline`` (joules / the paper's choice for the same
    task and selection).
    """
    printed = hardware.adapted_gpus(gpus, ngc)
    complete = hardware.adapted_gpus(gpus, ngc, omit_fp32=())
    rows = []
    for task, models in (("CV", cv), ("NLP", nlp)):
        work = TASK_WORK[task]
        other = "NLP" if work == "CNN" else "CNN"
        variants = {
            f"{work} trend (paper)": energy.joules_from_trend(models, energy.efficiency_trend(printed, work)),
            f"{other} trend": energy.joules_from_trend(models, energy.efficiency_trend(printed, other)),
            f"{work} trend with omitted FP32 rows": energy.joules_from_trend(
                models, energy.efficiency_trend(complete, work)
            ),
            f"fixed {gpu} {precision}": energy.joules_with_gpu(models, printed, gpu, precision, work),
        }
        for variant, frame in variants.items():
            frame = with_year(frame, "release_date")
            chosen = selections(frame, task)
            means = trends.yearly_mean(frame, "joules")
            fits = {name: trends.fit_frame(sel, "joules") for name, sel in chosen.items()}
            fits["yearly mean"] = trends.fit_exponential_trend(means["decimal_year"], means["mean"])
            for selection in ["best", "all", "yearly mean", "with GLUE score"]:
                if selection not in fits:
                    continue
                point = forecast.extrapolate(fits[selection], year)
                rows.append(
                    {
                        "task": task,
                        "selection": selection,
                        "efficiency": variant,
                        "joules": point.value,
                        "pi_lower": point.pi_lower,
                        "pi_upper": point.pi_upper,
                    }
                )
    out = pd.DataFrame(rows)
    baseline = out[out["efficiency"].str.endswith("(paper)")].set_index(["task", "selection"])["joules"]
    out["times_baseline"] = [
        j / baseline[(t, s)] for t, s, j in zip(out["task"], out["selection"], out["joules"], strict=True)
    ]
    return out


def table8_errors_in_table9(table8: pd.DataFrame, table9: pd.DataFrame) -> pd.DataFrame:
    """The Table 8 rows printed beyond rounding, and what Table 9 prints for the same GPUs.

    ``table8`` is :func:`compare_table8`, ``table9`` is :func:`compare_table9`. Returns
    ``gpu``, ``precision``, ``computed``, ``table8_printed``, ``table9_printed`` and
    ``table9_correct`` (Table 9's value is a rounding of the computed one).
    """
    wrong = table8[table8["beyond_rounding"]][["gpu", "precision", "computed", "printed"]]
    fp32 = table9[table9["adapted"] == "No"][["gpu", "precision", "printed"]]
    out = wrong.merge(fp32, on=["gpu", "precision"], how="left", suffixes=("", "_table9"))
    out = out.rename(columns={"printed": "table8_printed", "printed_table9": "table9_printed"})
    out["table9_correct"] = (out["table9_printed"] - out["computed"]).abs() <= ROUNDING_TOLERANCE
    return out.reset_index(drop=True)


def peak_efficiency_summary(gpus: pd.DataFrame) -> pd.DataFrame:
    """Fig. 7 in numbers: the peak GFLOPS/W of Table 8 per precision.

    One row per precision with ``n`` (GPUs), ``lowest`` and ``highest`` GFLOPS/W, the
    GPUs they belong to (``lowest_gpu``, ``highest_gpu``) and ``first_year`` /
    ``last_year`` (launch years).
    """
    table = hardware.with_gflops_per_watt(gpus)
    table["precision"] = table["precision"].astype(str)
    rows = []
    for precision in [p for p in ("FP32", "FP16", "FP16/FP32 Tensor") if p in set(table["precision"])]:
        group = table[table["precision"] == precision]
        low = group.loc[group["gflops_per_watt"].idxmin()]
        high = group.loc[group["gflops_per_watt"].idxmax()]
        years = pd.DatetimeIndex(group["launch_date"]).year
        rows.append(
            {
                "precision": precision,
                "n": len(group),
                "lowest": float(low["gflops_per_watt"]),
                "lowest_gpu": str(low["gpu"]),
                "highest": float(high["gflops_per_watt"]),
                "highest_gpu": str(high["gpu"]),
                "first_year": int(years.min()),
                "last_year": int(years.max()),
            }
        )
    return pd.DataFrame(rows)


def tensor_over_fp32(gpus: pd.DataFrame) -> pd.DataFrame:
    """Peak tensor-core TFLOPS over peak FP32 TFLOPS, for each GPU of Table 8 with both.

    Returns ``gpu``, ``fp32_tflops``, ``tensor_tflops`` and ``ratio`` (same TDP, so it is
    also the ratio of the peak GFLOPS/W), sorted by ratio.
    """
    table = gpus.copy()
    table["precision"] = table["precision"].astype(str)
    wide = table.pivot_table(index="gpu", columns="precision", values="tflops", aggfunc="first")
    both = wide.dropna(subset=["FP32", "FP16/FP32 Tensor"])
    out = pd.DataFrame(
        {
            "gpu": both.index.astype(str),
            "fp32_tflops": both["FP32"].to_numpy(dtype=float),
            "tensor_tflops": both["FP16/FP32 Tensor"].to_numpy(dtype=float),
        }
    )
    out["ratio"] = out["tensor_tflops"] / out["fp32_tflops"]
    return out.sort_values(["ratio", "gpu"], kind="stable").reset_index(drop=True)


def omitted_fp32_residuals(gpus: pd.DataFrame, ngc: pd.DataFrame, work: str = "CNN") -> pd.DataFrame:
    """Where the FP32 rows that Table 9 leaves out lie against the paper's Fig. 8 fit.

    Returns ``gpu``, ``launch_date``, ``gflops_per_watt``, ``fitted`` (the ``work`` trend
    of Table 9 as printed, at the launch date) and ``times_trend`` (actual / fitted) for
    the rows of :data:`dltrends.hardware.TABLE9_OMITTED_FP32`.
    """
    fit = energy.efficiency_trend(hardware.adapted_gpus(gpus, ngc), work)
    rows = hardware.with_gflops_per_watt(
        gpus[(gpus["precision"] == "FP32") & gpus["gpu"].isin(hardware.TABLE9_OMITTED_FP32)]
    )
    out = rows[["gpu", "launch_date", "gflops_per_watt"]].copy()
    out["gpu"] = out["gpu"].astype(str)
    out["fitted"] = fit.predict(out["launch_date"])["fitted"].to_numpy()
    out["times_trend"] = out["gflops_per_watt"] / out["fitted"]
    return out.sort_values("launch_date", kind="stable").reset_index(drop=True)


# ----------------------------------------------------------------------------- display


def table3_display(table3: pd.DataFrame) -> pd.DataFrame:
    """:func:`compare_table3` in narrow columns for a page.

    ``benchmark`` (task, model, framework, batch), ``setting / reference`` (GPU and
    precision over the FP32 reference GPU), ``computed``, ``printed``, ``difference``.
    """
    benchmark = (
        table3["task"]
        + " "
        + table3["model"]
        + ", "
        + table3["framework"]
        + ", batch "
        + table3["batch_size"].astype(str)
    )
    setting = table3["gpu"] + " " + table3["precision"] + " / " + table3["reference_gpu"] + " FP32"
    return pd.DataFrame(
        {
            "benchmark": benchmark,
            "setting / reference": setting,
            "computed": table3["computed"],
            "printed": table3["printed"],
            "difference": table3["difference"],
        }
    )


def styled(frame: pd.DataFrame, uuid: str, digits: int = 3, significant: bool = False, na_rep: str = "–"):
    """A pandas Styler for a page: no index, numbers rounded, a fixed element id.

    ``digits`` decimals, or ``digits`` significant digits when ``significant`` (for
    columns spanning many orders of magnitude); missing values show as ``na_rep``. The
    fixed ``uuid`` keeps the HTML identical from run to run (nbval compares it).
    """
    styler = frame.style.hide(axis="index")
    dates = [c for c in frame.columns if pd.api.types.is_datetime64_any_dtype(frame[c])]
    if dates:
        styler = styler.format("{:%Y-%m-%d}", subset=dates, na_rep=na_rep)
    if significant:
        numeric = [c for c in frame.columns if pd.api.types.is_float_dtype(frame[c])]
        styler = styler.format(f"{{:.{digits}g}}", subset=numeric, na_rep=na_rep)
    else:
        numeric = [c for c in frame.columns if c not in dates]
        styler = styler.format(precision=digits, thousands=",", na_rep=na_rep, subset=numeric)
    return styler.set_uuid(uuid)


def decomposition_display(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`decomposition_table` with short column names for a page (the identity column dropped)."""
    return table.drop(columns=["implied_joules_growth"]).rename(
        columns={
            "flops_growth": "FLOPs x/yr",
            "efficiency_growth": "GFLOPS/W x/yr",
            "joules_growth": "joules x/yr",
            "share_cancelled": "share cancelled",
        }
    )


def named_gpu_display(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`named_gpu_table` with short column names for a page."""
    return table.rename(
        columns={
            "gflops_per_watt": "GFLOPS/W",
            "median_joules": "median J",
            "median_ratio_to_trend": "x trend",
            "best_growth": "best x/yr",
            "all_growth": "all x/yr",
        }
    )


def table9_display(table9: pd.DataFrame) -> pd.DataFrame:
    """:func:`compare_table9` narrowed for a page.

    One ``row`` column ('<adapted>: <gpu> <precision>') and two-level columns: TFLOPS and
    GFLOPS/W, each with ``computed``, ``paper`` and ``diff.``.
    """
    out = pd.DataFrame(
        {
            ("", "row of Table 9"): table9["adapted"] + ": " + table9["gpu"] + " " + table9["precision"],
            ("TFLOPS", "computed"): table9["tflops_computed"],
            ("TFLOPS", "paper"): table9["tflops_printed"],
            ("TFLOPS", "diff."): table9["tflops_difference"],
            ("GFLOPS/W", "computed"): table9["computed"],
            ("GFLOPS/W", "paper"): table9["printed"],
            ("GFLOPS/W", "diff."): table9["difference"],
        }
    )
    out.columns = pd.MultiIndex.from_tuples(out.columns)
    return out


def table8_errors_display(errors: pd.DataFrame) -> pd.DataFrame:
    """:func:`table8_errors_in_table9` with short column names for a page."""
    return errors.drop(columns=["precision"]).rename(
        columns={
            "computed": "TFLOPS / W",
            "table8_printed": "Table 8",
            "table9_printed": "Table 9",
            "table9_correct": "Table 9 right",
        }
    )


def frontier_shift(frame: pd.DataFrame, score_col: str, before_year: int = 2016) -> dict[str, float]:
    """How the accuracy-cost picture changes from GFLOPs (Figs 4, 5) to joules (Figs 11, 12).

    ``frame`` is :func:`model_energy` (``gflops``, ``joules``, ``release_date``,
    ``score_col``); only models with a score count. Returns ``n_frontier_gflops`` and
    ``n_frontier_joules`` (models on each Pareto frontier), ``median_year_gflops`` and
    ``median_year_joules`` (median release year of those models), ``n_old`` (models
    released before ``before_year``) and ``old_rank_gflops`` / ``old_rank_joules``: the
    median percentile rank of those old models' cost among all scored models (0 = the
    cheapest, 1 = the most expensive). The paper's observation that old models move to
    the right in Fig. 11 is ``old_rank_joules > old_rank_gflops``.
    """
    scored = frame[frame[score_col].notna()].copy()
    if scored.empty:
        raise InputError(f"no model has a {score_col!r}")
    years = pd.DatetimeIndex(scored["release_date"]).year
    old = years < before_year
    out: dict[str, float] = {"n_old": int(old.sum())}
    for cost in ("gflops", "joules"):
        front = trends.pareto_frontier(scored, cost_col=cost, score_col=score_col)
        out[f"n_frontier_{cost}"] = len(front)
        out[f"median_year_{cost}"] = float(np.median(pd.DatetimeIndex(front["release_date"]).year))
        ranks = scored[cost].rank(pct=True)
        out[f"old_rank_{cost}"] = float(ranks[old].median()) if old.any() else math.nan
    return out


def decomposition_table(
    cv_models: pd.DataFrame,
    nlp_models: pd.DataFrame,
    table9: pd.DataFrame,
    gpu: str | None = None,
    precision: str | None = None,
) -> pd.DataFrame:
    """:func:`decomposition` for CV and then NLP, in one frame (rows CV best, CV all, NLP ...)."""
    return pd.concat(
        [
            decomposition(cv_models, table9, "CV", gpu, precision),
            decomposition(nlp_models, table9, "NLP", gpu, precision),
        ],
        ignore_index=True,
    )


def named_gpu_table(
    cv_models: pd.DataFrame,
    nlp_models: pd.DataFrame,
    table9: pd.DataFrame,
    settings: list[tuple[str, str]],
) -> pd.DataFrame:
    """:func:`named_gpu_comparison` for CV and NLP in one frame, with a ``task`` column first."""
    frames = [
        named_gpu_comparison(models, table9, task, settings).assign(task=task)
        for task, models in (("CV", cv_models), ("NLP", nlp_models))
    ]
    out = pd.concat(frames, ignore_index=True)
    return out[["task"] + [c for c in out.columns if c != "task"]]


def sensitivity_pivot(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`sensitivity_table` as a grid for a page.

    One row per task and selection, one column per efficiency choice ('own trend
    (paper)', 'other trend', 'own trend, with omitted FP32 rows', 'fixed <GPU>'), the
    joules at the forecast year in the cells.
    """
    labels = table["efficiency"].str.replace(r"^(CNN|NLP) trend with", "own trend, with", regex=True)
    labels = labels.str.replace(r"^(CNN|NLP) trend \(paper\)", "own trend (paper)", regex=True)
    labels = labels.str.replace(r"^(CNN|NLP) trend$", "other trend", regex=True)
    frame = table.assign(efficiency=labels)
    order = list(dict.fromkeys(frame["efficiency"]))
    wide = frame.pivot_table(index=["task", "selection"], columns="efficiency", values="joules", sort=False)
    wide.columns.name = None
    return wide[order].reset_index()


def sensitivity_spread(table: pd.DataFrame) -> pd.DataFrame:
    """How far apart the choices of :func:`sensitivity_table` put the forecast, per task.

    Returns ``task``, ``lowest`` and ``highest`` joules over every selection and
    efficiency choice, the choices that give them (``lowest_choice``,
    ``highest_choice``) and ``orders_of_magnitude`` = log10(highest / lowest).
    """
    rows = []
    for task, group in table.groupby("task", sort=False):
        low = group.loc[group["joules"].idxmin()]
        high = group.loc[group["joules"].idxmax()]
        rows.append(
            {
                "task": task,
                "lowest": float(low["joules"]),
                "lowest_choice": f"{low['selection']}, {low['efficiency']}",
                "highest": float(high["joules"]),
                "highest_choice": f"{high['selection']}, {high['efficiency']}",
                "orders_of_magnitude": math.log10(high["joules"] / low["joules"]),
            }
        )
    return pd.DataFrame(rows)


def population_display(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`population_scenarios` with short column names for a page."""
    columns = {
        "trend": "trend",
        "joules": "J per inference",
        "watts": "W, everyone",
        "times_somatic": "x somatic",
        "times_external": "x external",
        "share_of_world_electricity": "x world electricity",
    }
    return table[list(columns)].rename(columns=columns)

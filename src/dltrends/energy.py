"""Energy per inference (Desislavov et al. 2023, Eq. 1 and 2).

Eq. 1: efficiency = FLOPS / W = (FLOP/s) / (J/s) = FLOP / J.
Eq. 2: energy (J) = FLOPs of one forward pass / efficiency (FLOP/J).

With GFLOPs and GFLOPS/W the prefixes cancel: joules = GFLOPs / (GFLOPS/W).
"""

from __future__ import annotations

import pandas as pd

from dltrends.checks import InputError, finite_result

from . import checks
from .hardware import efficiency_series
from .trends import TrendFit, fit_exponential_trend
from .units import _check_positive


@finite_result
def joules_per_inference(gflops: float, gflops_per_watt: float) -> float:
    """Energy of one inference in joules (Eq. 2), from GFLOPs and GFLOPS/W (= GFLOP/J).

    >>> round(joules_per_inference(1.42, 52.33), 4)
    0.0271
    """
    return _check_positive(gflops, "gflops") / _check_positive(gflops_per_watt, "gflops_per_watt")


@finite_result
def gpu_gflops_per_watt(table9: pd.DataFrame, gpu: str, precision: str, work: str = "CNN") -> float:
    """GFLOPS/W of a named GPU and precision from the adapted Table 9.

    ``work`` ('CNN' or 'NLP') selects the adapted row for mixed precision and TF32; FP32
    rows are the same for both. Raises ValueError naming the GPUs and precisions known.
    """
    if work not in ("CNN", "NLP"):
        raise InputError(f"work must be 'CNN' or 'NLP', got {work!r}")
    rows = table9[
        (table9["gpu"] == gpu)
        & (table9["precision"] == precision)
        & table9["adapted"].isin(["No", f"For {work}"])
    ]
    if rows.empty:
        known = sorted({f"{g} / {p}" for g, p in zip(table9["gpu"], table9["precision"], strict=True)})
        raise InputError(f"unknown GPU and precision {gpu!r} / {precision!r}; known: {known}")
    return float(rows["gflops_per_watt"].iloc[0])


def joules_by_setting(
    gflops: float, table9: pd.DataFrame, gpus: list[str], work: str = "CNN"
) -> pd.DataFrame:
    """Energy of one inference of ``gflops`` on every precision of the named GPUs.

    Uses the FP32 rows and the rows adapted for ``work`` of Table 9. Returns columns
    ``setting`` ('<gpu> <precision>'), ``gpu``, ``precision``, ``gflops_per_watt``,
    ``joules``.
    """
    if work not in ("CNN", "NLP"):
        raise InputError(f"work must be 'CNN' or 'NLP', got {work!r}")
    rows = table9[table9["gpu"].isin(gpus) & table9["adapted"].isin(["No", f"For {work}"])]
    if rows.empty:
        raise InputError(f"none of {gpus} is in Table 9; known: {sorted(set(table9['gpu']))}")
    out = rows[["gpu", "precision", "gflops_per_watt"]].copy()
    out["precision"] = out["precision"].astype(str)
    out.insert(0, "setting", out["gpu"] + " " + out["precision"])
    out["joules"] = [joules_per_inference(gflops, e) for e in out["gflops_per_watt"]]
    return out.reset_index(drop=True)


# ----------------------------------------------------------------------------- trends (Figs 8-12)


def efficiency_trend(table9: pd.DataFrame, work: str) -> TrendFit:
    """Exponential trend of GPU efficiency (GFLOPS/W) against launch date: Fig. 8.

    Fitted to the FP32 rows of Table 9 plus the mixed-precision/TF32 rows adapted for
    ``work`` ('CNN' or 'NLP'), as selected by :func:`dltrends.hardware.efficiency_series`
    (the paper fits one line for CV and one for NLP). ``table9`` is a frame like
    :func:`dltrends.hardware.adapted_gpus` returns (columns ``adapted``,
    ``gflops_per_watt``, ``launch_date``). Returns a :class:`~dltrends.trends.TrendFit`
    whose values are GFLOPS/W (= GFLOP/J, Eq. 1).
    """
    if not isinstance(table9, pd.DataFrame):
        raise InputError(f"table9 must be a DataFrame, got {type(table9).__name__}")
    missing = [c for c in ("adapted", "gflops_per_watt", "launch_date") if c not in table9]
    if missing:
        raise InputError(f"table9 lacks column(s) {missing}")
    series = efficiency_series(table9, work)
    if series.empty:
        raise InputError(f"empty selection: table9 has no FP32 or 'For {work}' rows")
    return fit_exponential_trend(series["launch_date"], series["gflops_per_watt"])


def joules_from_trend(
    models_df: pd.DataFrame,
    trend: TrendFit,
    gflops_col: str = "gflops",
    date_col: str = "release_date",
) -> pd.DataFrame:
    """Energy per inference with the efficiency the GPU trend gives at each release date.

    The paper's estimate behind Figs 9-12: "We use the models presented in Fig. 8 to
    obtain an estimation of GFLOPS per Watt for the model's release date", then Eq. 2.
    Returns a copy of ``models_df`` with ``gflops_per_watt`` (the trend's fitted value
    at the release date, GFLOP/J) and ``joules`` (GFLOPs / (GFLOPS/W), J per forward
    pass) added.
    """
    _check_models(models_df, [gflops_col, date_col])
    if not isinstance(trend, TrendFit):
        raise InputError(f"trend must be a TrendFit, got {type(trend).__name__}")
    out = models_df.copy()
    efficiency = trend.predict(out[date_col])["fitted"].to_numpy()
    out["gflops_per_watt"] = efficiency
    pairs = zip(out[gflops_col], efficiency, strict=True)
    out["joules"] = [joules_per_inference(g, e) for g, e in pairs]
    return out


def joules_with_gpu(
    models_df: pd.DataFrame,
    table9: pd.DataFrame,
    gpu: str,
    precision: str,
    work: str = "CNN",
    gflops_col: str = "gflops",
) -> pd.DataFrame:
    """Energy per inference of every model on one GPU (Eq. 2 with a fixed efficiency).

    E.g. ``joules_with_gpu(cv, table9, "Tesla V100", "FP32")``: 52.33 GFLOPS/W, so
    AlexNet's 1.42 GFLOPs cost 0.0271 J. ``work`` ('CNN' or 'NLP') picks the adapted
    row for mixed precision and TF32. Returns a copy of ``models_df`` with
    ``gflops_per_watt`` and ``joules`` added.
    """
    _check_models(models_df, [gflops_col])
    efficiency = gpu_gflops_per_watt(table9, gpu, precision, work)
    out = models_df.copy()
    out["gflops_per_watt"] = efficiency
    out["joules"] = [joules_per_inference(g, efficiency) for g in out[gflops_col]]
    return out


def _check_models(models_df: pd.DataFrame, columns: list[str]) -> None:
    checks.frame(models_df, columns, "models_df")


# ----------------------------------------------------------------------------- model sets

#: Which efficiency trend (Fig. 8) each task uses (the paper: CNN for CV, NLP for NLP).
TASK_WORK = {"CV": "CNN", "NLP": "NLP"}

#: The model selection behind each cutting-edge trend line, by task (Figs 9, 10, 13, 14).
BEST_SELECTION = {
    "CV": "most accurate model of each year",
    "NLP": "models that set a GFLOPs record when released",
}


def check_task(task: str) -> str:
    """``task`` if it is 'CV' or 'NLP'; otherwise an error."""
    if task not in TASK_WORK:
        raise InputError(f"task must be 'CV' or 'NLP', got {task!r}")
    return task


def model_energy(
    models: pd.DataFrame,
    table9: pd.DataFrame,
    task: str,
    gpu: str | None = None,
    precision: str | None = None,
) -> pd.DataFrame:
    """Joules per inference of every model (Eq. 2), with the decimal release ``year``.

    ``task`` 'CV' or 'NLP' picks the efficiency work (CNN or NLP). With ``gpu=None`` (the
    paper's method) the efficiency is the Fig. 8 trend at each release date
    (:func:`joules_from_trend`); with a named ``gpu`` and ``precision`` (a row of Table 9,
    e.g. 'A100', 'Mixed') every model runs on that GPU (:func:`joules_with_gpu`).
    """
    from .trends import decimal_year

    work = TASK_WORK[check_task(task)]
    if gpu is None:
        if precision is not None:
            raise InputError("precision is set but gpu is None: name a GPU, or leave both None")
        out = joules_from_trend(models, efficiency_trend(table9, work))
    else:
        if precision is None:
            raise InputError(f"gpu {gpu!r} needs a precision (e.g. 'FP32', 'Mixed', 'TF32')")
        out = joules_with_gpu(models, table9, gpu, precision, work)
    out["year"] = decimal_year(out["release_date"])
    return out.reset_index(drop=True)


def best_models(frame: pd.DataFrame, task: str) -> pd.DataFrame:
    """The cutting-edge selection of Figs 9 and 10: for CV the most accurate model of each
    year, for NLP the models that set a GFLOPs record when released (Fig. 6).
    """
    from .trends import select_best_per_year, select_record_setters

    if check_task(task) == "CV":
        return select_best_per_year(frame, "top1_accuracy")
    return select_record_setters(frame, "gflops")


def selections(frame: pd.DataFrame, task: str) -> dict[str, pd.DataFrame]:
    """The model sets a trend can be fitted to: 'best', 'all', and for NLP 'with GLUE score'."""
    from .trends import select_all

    out = {"best": best_models(frame, task), "all": select_all(frame)}
    if task == "NLP":
        out["with GLUE score"] = frame[frame["glue_score"].notna()].copy()
    return out


def energy_fits(frame: pd.DataFrame, task: str) -> dict[str, TrendFit]:
    """Exponential fits of joules (and, under 'flops_best'/'flops_all', of GFLOPs) on the
    release date for the 'best' and 'all' selections of :func:`model_energy`'s frame.
    """
    from .trends import fit_frame

    chosen = selections(frame, task)
    return {name: fit_frame(chosen[name], "joules") for name in ("best", "all")}


def decomposition(
    models: pd.DataFrame,
    table9: pd.DataFrame,
    task: str,
    gpu: str | None = None,
    precision: str | None = None,
) -> pd.DataFrame:
    """How much of the FLOPs growth the hardware trend cancels (Figs 3/6 against 9/10).

    Joules = GFLOPs / efficiency (Eq. 2) and the efficiency of Fig. 8 is exponential in
    time, so on a log scale the slopes subtract: joules growth = FLOPs growth / efficiency
    growth. One row per selection ('best', 'all') with ``flops_growth``,
    ``efficiency_growth`` (1 for a named GPU), ``joules_growth`` (the fit of the joules),
    ``implied_joules_growth`` (the ratio; equal up to float error) and
    ``share_cancelled`` = log(efficiency growth) / log(FLOPs growth), the fraction of the
    FLOPs growth, in orders of magnitude, that hardware offsets.
    """
    import math

    from .trends import fit_frame

    frame = model_energy(models, table9, task, gpu, precision)
    efficiency_growth = efficiency_trend(table9, TASK_WORK[task]).growth_per_year if gpu is None else 1.0
    rows = []
    for name in ("best", "all"):
        chosen = selections(frame, task)[name]
        flops = fit_frame(chosen, "gflops")
        joules = fit_frame(chosen, "joules")
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
